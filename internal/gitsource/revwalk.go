package gitsource

import (
	"bytes"
	"container/heap"
	"context"
	"errors"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/nhilint/nhilint/internal/source"
)

// Commit flags of a revision walk.
const (
	wanted  uint8 = 1 << iota // reachable from an include tip
	hidden                    // reachable from an exclude tip
	queued                    // in the date queue now
	visited                   // topological sort: reached
)

// revList returns the commits reachable from include and not from exclude,
// parents before children, like `git rev-list --topo-order --reverse`.
//
// It first paints the graph in committer-date order from all tips at once,
// as git does: hidden marks spread from the exclude tips, and the walk stops
// as soon as every queued commit is hidden, so excluding a long shared
// history costs only the commits near the tips. Clock skew can leave a
// hidden commit marked wanted; that scans it again, never loses one. Then
// a depth-first walk over the wanted commits orders them.
//
// Memory is a few words per wanted commit: its id, its tree's id and its
// parents' ids. trees maps each commit read to its tree, so that a history
// walk need not read a parent commit again to diff against it.
// A commit that cannot be read is reported through skip (counting it in
// missing) and treated as having no parents, like a shallow boundary.
func (r *repository) revList(ctx context.Context, include, exclude []plumbing.Hash, skip func(source.Skip), missing func()) (order []plumbing.Hash, trees map[plumbing.Hash]plumbing.Hash, err error) {
	w := &painter{r: r, flags: map[plumbing.Hash]uint8{}, parents: map[plumbing.Hash][]plumbing.Hash{},
		trees: map[plumbing.Hash]plumbing.Hash{}, skip: skip, missing: missing}
	for _, h := range exclude {
		w.push(h, hidden, "")
	}
	for _, h := range include {
		w.push(h, wanted, "")
	}
	for w.queue.Len() > 0 && w.live > 0 {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		e := heap.Pop(&w.queue).(queueEntry)
		f := w.flags[e.hash]
		w.flags[e.hash] = f &^ queued
		if f&hidden != 0 {
			for _, p := range e.parents {
				w.push(p, hidden, "")
			}
			continue
		}
		w.live--
		w.parents[e.hash] = e.parents
		for _, p := range e.parents {
			w.push(p, wanted, short(e.hash))
		}
	}
	return w.topoOrder(include), w.trees, nil
}

type painter struct {
	r       *repository
	flags   map[plumbing.Hash]uint8
	parents map[plumbing.Hash][]plumbing.Hash // of the commits popped as wanted
	trees   map[plumbing.Hash]plumbing.Hash   // of the commits read
	queue   dateQueue
	live    int // queued commits that are wanted and not hidden
	skip    func(source.Skip)
	missing func()
}

// push gives h the flag (wanted or hidden) and queues it if that is news.
// child names the commit h was reached from, for messages.
func (w *painter) push(h plumbing.Hash, flag uint8, child string) {
	f := w.flags[h]
	switch {
	case flag == wanted && f&(wanted|hidden) != 0:
		return
	case flag == hidden && f&hidden != 0:
		return
	}
	if flag == hidden && f&(wanted|queued) == wanted|queued {
		w.live-- // queued as wanted, now known to be hidden
	}
	w.flags[h] = f | flag
	if f&queued != 0 {
		return // the queued entry will spread the new flag
	}
	c, err := w.r.commit(h)
	if err != nil {
		if flag == wanted {
			ctx := ""
			if child != "" {
				ctx = "parent of commit " + child
			}
			w.skip(objectSkip("", "commit", h, ctx, err))
			if errors.Is(err, plumbing.ErrObjectNotFound) {
				w.missing()
			}
			w.parents[h] = nil
			w.flags[h] |= hidden // nothing to scan: keep it out of the order
		}
		return
	}
	w.trees[h] = c.TreeHash
	w.flags[h] |= queued
	if flag == wanted {
		w.live++
	}
	heap.Push(&w.queue, queueEntry{hash: h, when: c.Committer.When, parents: w.r.parents(c)})
}

// topoOrder sorts the wanted, unhidden commits parents first, visiting
// tips in order and each commit's parents in order, so the first-parent
// line of the first tip comes first.
func (w *painter) topoOrder(tips []plumbing.Hash) []plumbing.Hash {
	isWanted := func(h plumbing.Hash) bool {
		f := w.flags[h]
		_, popped := w.parents[h]
		return popped && f&wanted != 0 && f&hidden == 0
	}
	type frame struct {
		hash plumbing.Hash
		next int
	}
	var order []plumbing.Hash
	var stack []frame
	for _, tip := range tips {
		if !isWanted(tip) || w.flags[tip]&visited != 0 {
			continue
		}
		w.flags[tip] |= visited
		stack = append(stack, frame{hash: tip})
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			parents := w.parents[top.hash]
			if top.next < len(parents) {
				p := parents[top.next]
				top.next++
				if isWanted(p) && w.flags[p]&visited == 0 {
					w.flags[p] |= visited
					stack = append(stack, frame{hash: p})
				}
				continue
			}
			order = append(order, top.hash)
			stack = stack[:len(stack)-1]
		}
	}
	return order
}

type queueEntry struct {
	hash    plumbing.Hash
	when    time.Time
	parents []plumbing.Hash
}

// dateQueue pops the most recent commit first; ties go to the lower id so
// that walks are repeatable.
type dateQueue []queueEntry

func (q dateQueue) Len() int { return len(q) }
func (q dateQueue) Less(i, j int) bool {
	if !q[i].when.Equal(q[j].when) {
		return q[i].when.After(q[j].when)
	}
	return bytes.Compare(q[i].hash[:], q[j].hash[:]) < 0
}
func (q dateQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *dateQueue) Push(x any)   { *q = append(*q, x.(queueEntry)) }
func (q *dateQueue) Pop() any {
	old := *q
	e := old[len(old)-1]
	*q = old[:len(old)-1]
	return e
}

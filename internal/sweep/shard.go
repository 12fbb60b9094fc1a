package sweep

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Shard is one of Count jobs that share a sweep; Index counts from 0, as
// Kubernetes' JOB_COMPLETION_INDEX does.
type Shard struct {
	Index, Count int
}

// ParseShard reads "I/N" with 0 <= I < N.
func ParseShard(s string) (Shard, error) {
	i, n, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		return Shard{}, fmt.Errorf("shard %q: want I/N, e.g. 0/4", s)
	}
	index, err1 := strconv.Atoi(strings.TrimSpace(i))
	count, err2 := strconv.Atoi(strings.TrimSpace(n))
	if err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("shard %q: want I/N with whole numbers", s)
	}
	if count < 1 || count > 1<<20 || index < 0 || index >= count {
		return Shard{}, fmt.Errorf("shard %q: want 0 <= I < N", s)
	}
	return Shard{Index: index, Count: count}, nil
}

func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.Index, s.Count) }

// Select returns the shard's share of repos: every Count-th repository, in
// name order, starting at Index. Every job sorts the same list the same
// way, so the shares are disjoint, cover the list, and differ in size by at
// most one. The zero Shard selects everything.
func (s Shard) Select(repos []Repo) []Repo {
	sorted := slices.Clone(repos)
	slices.SortStableFunc(sorted, func(a, b Repo) int { return cmp.Compare(a.Name, b.Name) })
	if s.Count <= 1 {
		return sorted
	}
	var out []Repo
	for i := s.Index; i < len(sorted); i += s.Count {
		out = append(out, sorted[i])
	}
	return out
}

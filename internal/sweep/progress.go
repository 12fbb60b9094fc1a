package sweep

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/nhilint/nhilint/internal/report"
)

// Progress is told how a sweep advances.
type Progress interface {
	// Start is called once with this shard's share and how many of those
	// a previous run already scanned.
	Start(total, resumed int)
	// Done is called after each repository, from any worker.
	Done(rec Record, took time.Duration)
	// Logf reports an event (a rate-limit wait) between repositories.
	Logf(format string, args ...any)
	// Finish is called once at the end.
	Finish()
}

type nopProgress struct{}

func (nopProgress) Start(int, int)             {}
func (nopProgress) Done(Record, time.Duration) {}
func (nopProgress) Logf(string, ...any)        {}
func (nopProgress) Finish()                    {}

// NewProgress returns the progress display for w: a redrawn bar on a
// terminal, one plain line per repository otherwise, nothing when quiet.
func NewProgress(w io.Writer, terminal, quiet bool) Progress {
	if quiet {
		return nopProgress{}
	}
	return &lineProgress{w: w, bar: terminal, now: time.Now}
}

type lineProgress struct {
	mu                   sync.Mutex
	w                    io.Writer
	bar                  bool
	now                  func() time.Time
	start                time.Time
	total, resumed, done int
	findings, failed     int
	drawn                bool
}

func (p *lineProgress) Start(total, resumed int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.start, p.total, p.resumed = p.now(), total, resumed
	msg := fmt.Sprintf("sweep: %d repositories", total)
	if resumed > 0 {
		msg += fmt.Sprintf(", %d already scanned (resumed)", resumed)
	}
	fmt.Fprintln(p.w, msg)
	p.draw()
}

func (p *lineProgress) Done(rec Record, took time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	p.findings += rec.Findings
	name := report.Sanitize(rec.Repo)
	if rec.Status == StatusFailed {
		p.failed++
	}
	if p.bar {
		if rec.Status == StatusFailed {
			p.clear()
			fmt.Fprintf(p.w, "sweep: %s failed: %s\n", name, report.Sanitize(rec.Error))
		}
		p.draw()
		return
	}
	n := p.resumed + p.done
	if rec.Status == StatusFailed {
		fmt.Fprintf(p.w, "sweep: [%d/%d] %s failed: %s\n", n, p.total, name, report.Sanitize(rec.Error))
		return
	}
	fmt.Fprintf(p.w, "sweep: [%d/%d] %s: %d findings (%s)\n", n, p.total, name, rec.Findings, took.Round(time.Millisecond))
}

func (p *lineProgress) Logf(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	fmt.Fprintf(p.w, "sweep: %s\n", report.Sanitize(fmt.Sprintf(format, args...)))
	p.draw()
}

func (p *lineProgress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	elapsed := p.now().Sub(p.start)
	fmt.Fprintf(p.w, "sweep: %d scanned, %d failed, %d findings in %s\n", p.done-p.failed, p.failed, p.findings, elapsed.Round(time.Second))
}

// draw redraws the bar: done/total, findings, rate and ETA.
func (p *lineProgress) draw() {
	if !p.bar {
		return
	}
	const width = 24
	n := p.resumed + p.done
	filled := 0
	if p.total > 0 {
		filled = width * n / p.total
	}
	elapsed := p.now().Sub(p.start)
	rate, eta := "", ""
	if p.done > 0 && elapsed > 0 {
		perMin := float64(p.done) / elapsed.Minutes()
		rate = fmt.Sprintf(" · %.1f repos/min", perMin)
		left := time.Duration(float64(p.total-n) / float64(p.done) * float64(elapsed))
		eta = " · ETA " + left.Round(time.Second).String()
	}
	fmt.Fprintf(p.w, "\r\x1b[K[%s%s] %d/%d repos · %d findings%s%s", strings.Repeat("=", filled), strings.Repeat(" ", width-filled), n, p.total, p.findings, rate, eta)
	p.drawn = true
}

func (p *lineProgress) clear() {
	if p.bar && p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}

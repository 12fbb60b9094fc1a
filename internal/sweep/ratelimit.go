package sweep

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Backoff decides how long to wait before retrying a forge API request and
// does the waiting. Its clock and sleeper are injectable so tests never
// sleep for real.
type Backoff struct {
	// Base is the first exponential delay; it doubles per attempt up to Max.
	Base, Max time.Duration
	// Retries is how many times one request is retried.
	Retries int
	// Sleep waits for d or until ctx is done; nil sleeps for real.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock that X-RateLimit-Reset is read against; nil is time.Now.
	Now func() time.Time
	// Jitter returns a random duration in [0, d); nil uses math/rand.
	Jitter func(d time.Duration) time.Duration
	// Log is told about every wait, so a sweep that seems stuck says why.
	Log func(format string, args ...any)
}

// DefaultBackoff retries six times, from one second up to five minutes.
func DefaultBackoff() *Backoff {
	return &Backoff{Base: time.Second, Max: 5 * time.Minute, Retries: 6}
}

func (b *Backoff) now() time.Time {
	if b.Now != nil {
		return b.Now()
	}
	return time.Now()
}

func (b *Backoff) sleep(ctx context.Context, d time.Duration) error {
	if b.Sleep != nil {
		return b.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (b *Backoff) jitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	if b.Jitter != nil {
		return b.Jitter(d)
	}
	return rand.N(d)
}

// exponential is the delay before retry number attempt (0-based): Base·2^attempt
// capped at Max, plus up to half of it as jitter so that many workers do not
// retry in step.
func (b *Backoff) exponential(attempt int) time.Duration {
	d := b.Base
	for range attempt {
		if d >= b.Max/2 {
			d = b.Max
			break
		}
		d *= 2
	}
	d = min(d, b.Max)
	return d + b.jitter(d/2)
}

// retryDelay says whether resp (at the given attempt) is worth retrying and
// after how long, and why. It honours, in order: Retry-After (secondary
// rate limits, 429 and 503), an exhausted primary limit
// (X-RateLimit-Remaining: 0 until X-RateLimit-Reset), and exponential
// backoff for other 429s and 5xx. Every delay is capped at Max: a server
// asking for an hour is waited on in Max-long steps by the caller's retries
// rather than hanging a CI job silently.
func (b *Backoff) retryDelay(resp *http.Response, attempt int) (time.Duration, string, bool) {
	status := resp.StatusCode
	limited := status == http.StatusTooManyRequests || status == http.StatusForbidden || status == http.StatusServiceUnavailable
	if limited {
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), b.now()); ok {
			return min(d, b.Max), "Retry-After", true
		}
		if resp.Header.Get("X-RateLimit-Remaining") == "0" {
			if reset, err := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64); err == nil {
				d := time.Unix(reset, 0).Sub(b.now()) + time.Second
				return min(max(d, 0), b.Max), "rate limit exhausted until reset", true
			}
			return b.exponential(attempt), "rate limit exhausted", true
		}
	}
	if status == http.StatusTooManyRequests || status >= 500 {
		return b.exponential(attempt), fmt.Sprintf("HTTP %d", status), true
	}
	return 0, "", false
}

// parseRetryAfter reads a Retry-After header: delay seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	// A day is the most any answer is believed; Backoff.Max caps it further.
	const longest = 24 * time.Hour
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		return min(time.Duration(min(n, int64(longest/time.Second)))*time.Second, longest), true
	}
	if t, err := http.ParseTime(v); err == nil {
		// Compare before subtracting: a date centuries away overflows Sub.
		if t.After(now.Add(longest)) {
			return longest, true
		}
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

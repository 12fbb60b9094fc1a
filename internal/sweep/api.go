package sweep

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// maxPages bounds a listing; 10,000 pages of 100 is a million repositories.
const maxPages = 10000

// apiClient reads a forge's paginated REST API.
type apiClient struct {
	http    *http.Client
	backoff *Backoff
	// authorize adds the credentials to a request for the API host.
	authorize func(*http.Request)
	tokens    []Token
	userAgent string
}

// getPages GETs first and every page its Link headers point to, decoding
// each into a fresh T and handing it to page.
func getPages[T any](ctx context.Context, c *apiClient, first string, page func(T) error) error {
	next := first
	for n := 0; next != ""; n++ {
		if n == maxPages {
			return fmt.Errorf("more than %d pages listing %s", maxPages, redactQuery(first))
		}
		body, link, err := c.get(ctx, next)
		if err != nil {
			return err
		}
		var v T
		if err := json.Unmarshal(body, &v); err != nil {
			return fmt.Errorf("decoding %s: %w", redactQuery(next), err)
		}
		if err := page(v); err != nil {
			return err
		}
		next = ""
		if l := nextLink(link); l != "" {
			// A Link must stay on the API host: following one elsewhere
			// would send the token there.
			if !sameHost(l, first) {
				return fmt.Errorf("pagination link of %s leaves the API host", redactQuery(first))
			}
			next = l
		}
	}
	return nil
}

// maxBody bounds one API answer.
const maxBody = 32 << 20

// get performs one GET with retries and returns the body and Link header.
func (c *apiClient) get(ctx context.Context, u string) ([]byte, string, error) {
	for attempt := 0; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return nil, "", err
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("User-Agent", c.userAgent)
		if c.authorize != nil {
			c.authorize(req)
		}
		resp, err := c.http.Do(req)
		if err != nil {
			if ctx.Err() != nil {
				return nil, "", ctx.Err()
			}
			if attempt < c.backoff.Retries {
				d := c.backoff.exponential(attempt)
				c.backoff.logf("request to %s failed, retrying in %s", hostOf(u), d.Round(1e6))
				if err := c.backoff.sleep(ctx, d); err != nil {
					return nil, "", err
				}
				continue
			}
			return nil, "", scrubError(err, c.tokens...)
		}
		body, readErr := io.ReadAll(io.LimitReader(resp.Body, maxBody))
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK && readErr == nil {
			return body, resp.Header.Get("Link"), nil
		}
		if d, why, retry := c.backoff.retryDelay(resp, attempt); retry && attempt < c.backoff.Retries {
			c.backoff.logf("%s answered %d (%s): waiting %s before retry %d/%d", hostOf(u), resp.StatusCode, why, d.Round(1e6), attempt+1, c.backoff.Retries)
			if err := c.backoff.sleep(ctx, d); err != nil {
				return nil, "", err
			}
			continue
		}
		if readErr != nil {
			return nil, "", scrubError(fmt.Errorf("reading %s: %w", redactQuery(u), readErr), c.tokens...)
		}
		return nil, "", scrubError(fmt.Errorf("GET %s: %s%s", redactQuery(u), resp.Status, apiMessage(body)), c.tokens...)
	}
}

func (b *Backoff) logf(format string, args ...any) {
	if b.Log != nil {
		b.Log(format, args...)
	}
}

// apiMessage extracts the "message" field forges put in error answers.
func apiMessage(body []byte) string {
	var v struct {
		Message string `json:"message"`
	}
	if json.Unmarshal(body, &v) != nil || v.Message == "" {
		return ""
	}
	msg := v.Message
	if len(msg) > 200 {
		msg = msg[:200] + "…"
	}
	return ": " + msg
}

// nextLink returns the rel="next" target of an RFC 8288 Link header.
func nextLink(header string) string {
	for part := range strings.SplitSeq(header, ",") {
		target, params, ok := strings.Cut(strings.TrimSpace(part), ";")
		if !ok {
			continue
		}
		target = strings.TrimSpace(target)
		if !strings.HasPrefix(target, "<") || !strings.HasSuffix(target, ">") {
			continue
		}
		for p := range strings.SplitSeq(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(strings.TrimSpace(k), "rel") {
				for rel := range strings.FieldsSeq(strings.Trim(strings.TrimSpace(v), `"`)) {
					if strings.EqualFold(rel, "next") {
						return target[1 : len(target)-1]
					}
				}
			}
		}
	}
	return ""
}

func hostOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "the API"
	}
	return p.Host
}

func sameHost(a, b string) bool {
	pa, errA := url.Parse(a)
	pb, errB := url.Parse(b)
	return errA == nil && errB == nil && pa.Scheme == pb.Scheme && strings.EqualFold(pa.Host, pb.Host)
}

// redactQuery drops a URL's query and user info: they are the places a
// token could hide.
func redactQuery(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "<invalid URL>"
	}
	p.RawQuery, p.User, p.Fragment = "", nil, ""
	return p.String()
}

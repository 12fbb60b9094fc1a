package introspect

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nhilint/nhilint/internal/finding"
)

// MaxInputSize is the largest value a decoder reads; longer input is rejected
// rather than truncated, because a truncated value decodes to wrong facts.
const MaxInputSize = 64 << 10

// maxValueLen bounds any string copied from a value into Facts. Claims the
// decoders do not know are copied only up to maxUnknownLen, so an opaque blob
// (an embedded key, a nested token) is never reproduced.
const (
	maxValueLen   = 256
	maxUnknownLen = 64
)

// Facts is what a credential value says about itself.
type Facts struct {
	// Kind names the format: "jwt", "azure-sas", "aws-presigned-url", ...
	Kind     string           `json:"kind"`
	Lifetime finding.Lifetime `json:"lifetime"`
	// IssuedAt, NotBefore and ExpiresAt are zero when the value does not say.
	IssuedAt  time.Time `json:"issuedAt,omitzero"`
	NotBefore time.Time `json:"notBefore,omitzero"`
	ExpiresAt time.Time `json:"expiresAt,omitzero"`
	// NeverExpires is set when the format itself says there is no expiry
	// (a JWT without exp, a legacy service-account token, an AKIA key, a
	// private key), as opposed to an expiry we could not read.
	NeverExpires bool `json:"neverExpires,omitempty"`
	// Scopes are the permissions the value grants, sorted and deduplicated:
	// JWT scope/scp/roles, expanded SAS permissions, Kubernetes groups.
	Scopes   []string `json:"scopes,omitempty"`
	Subject  string   `json:"subject,omitempty"`
	Issuer   string   `json:"issuer,omitempty"`
	Audience string   `json:"audience,omitempty"`
	Role     string   `json:"role,omitempty"`
	// Attributes are small extra facts ("alg", "key-type", "encrypted",
	// "expired"...). They never hold the secret or any key or signature bytes.
	Attributes map[string]string `json:"attributes,omitempty"`
	// NotSecret is set when the value is public by design, such as a Supabase
	// anon key; Reason then says why.
	NotSecret bool `json:"notSecret,omitempty"`
	// Reason is one sentence a report can show.
	Reason string `json:"reason"`
}

// Policy is the longest validity an organisation accepts for a credential.
type Policy struct {
	MaxLifetime time.Duration
}

// DefaultMaxLifetime is the validity above which a credential counts as
// long-lived when no policy says otherwise (the usual 90-day rotation rule).
const DefaultMaxLifetime = 90 * 24 * time.Hour

// DefaultPolicy is the policy the decoders use to classify Lifetime.
var DefaultPolicy = Policy{MaxLifetime: DefaultMaxLifetime}

// now is the clock the decoders classify against; tests replace it.
var now = time.Now

// ExceedsPolicy reports whether the credential is long-lived under p: it never
// expires, or its total validity exceeds p.MaxLifetime. Total validity runs
// from the start the value states (IssuedAt, else NotBefore) to ExpiresAt;
// when the value states no start, it runs from now, so an unknown start never
// makes a credential look longer-lived than it is. A credential with no known
// expiry and no NeverExpires claim does not exceed any policy: we do not know.
// A zero or negative MaxLifetime means DefaultMaxLifetime.
func (f *Facts) ExceedsPolicy(p Policy, now time.Time) bool {
	if f.NeverExpires {
		return true
	}
	if f.ExpiresAt.IsZero() {
		return false
	}
	limit := p.MaxLifetime
	if limit <= 0 {
		limit = DefaultMaxLifetime
	}
	return f.ExpiresAt.Sub(f.start(now)) > limit
}

// start is when the validity window opens: the stated issue or start time,
// else now.
func (f *Facts) start(now time.Time) time.Time {
	switch {
	case !f.IssuedAt.IsZero():
		return f.IssuedAt
	case !f.NotBefore.IsZero():
		return f.NotBefore
	}
	return now
}

// Validity is the total time the credential is valid for, and false when the
// value does not state both ends of its validity window.
func (f *Facts) Validity() (time.Duration, bool) {
	if f.ExpiresAt.IsZero() || (f.IssuedAt.IsZero() && f.NotBefore.IsZero()) {
		return 0, false
	}
	return f.ExpiresAt.Sub(f.start(time.Time{})), true
}

// Expired reports whether the credential's stated expiry is before t.
func (f *Facts) Expired(t time.Time) bool {
	return !f.ExpiresAt.IsZero() && f.ExpiresAt.Before(t)
}

// classify sets Lifetime from the validity window under DefaultPolicy and
// marks expired credentials. Decoders that know better (an ASIA session key
// without a stated expiry) set Lifetime themselves after calling it.
func (f *Facts) classify() {
	t := now()
	switch {
	case f.ExceedsPolicy(DefaultPolicy, t):
		f.Lifetime = finding.LifetimeLongLived
	case f.ExpiresAt.IsZero():
		f.Lifetime = finding.LifetimeUnknown
	case f.IssuedAt.IsZero() && f.NotBefore.IsZero() && f.Expired(t):
		// Expired with no stated start: how long it lived is unknowable.
		f.Lifetime = finding.LifetimeUnknown
	default:
		f.Lifetime = finding.LifetimeShortLived
	}
	if f.Expired(t) {
		f.setAttr("expired", "true")
	}
}

// finish normalises the facts every decoder returns.
func (f *Facts) finish() *Facts {
	slices.Sort(f.Scopes)
	f.Scopes = slices.Compact(f.Scopes)
	if len(f.Scopes) == 0 {
		f.Scopes = nil
	}
	if len(f.Attributes) == 0 {
		f.Attributes = nil
	}
	if f.Lifetime == "" {
		f.Lifetime = finding.LifetimeUnknown
	}
	f.Reason = clean(f.Reason, maxReasonLen)
	return f
}

// maxReasonLen bounds a Reason, which may list scopes and names.
const maxReasonLen = 512

// setAttr records a small fact, dropping empty values and bounding length.
func (f *Facts) setAttr(key, value string) {
	value = clean(value, maxValueLen)
	if value == "" {
		return
	}
	if f.Attributes == nil {
		f.Attributes = map[string]string{}
	}
	f.Attributes[key] = value
}

// addScopes records permissions, dropping empty and oversized ones.
func (f *Facts) addScopes(scopes ...string) {
	for _, s := range scopes {
		if s = clean(s, maxValueLen); s != "" {
			f.Scopes = append(f.Scopes, s)
		}
	}
}

// Clone returns a deep copy.
func (f *Facts) Clone() *Facts {
	c := *f
	c.Scopes = slices.Clone(f.Scopes)
	c.Attributes = maps.Clone(f.Attributes)
	return &c
}

// clean makes a value safe to show: valid UTF-8, no control characters,
// trimmed, and cut at max bytes with an ellipsis.
func clean(s string, max int) string {
	s = strings.TrimSpace(s)
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// errNotApplicable is returned when the input is not the decoder's format.
var errNotApplicable = errors.New("not this format")

// errTooLarge is returned for input over MaxInputSize.
var errTooLarge = fmt.Errorf("input larger than %d bytes", MaxInputSize)

// decodeError builds a decoder error that names the format and the problem
// but never quotes the input: standard-library errors such as url.Parse's
// and strconv's repeat their input, so they are not wrapped.
func decodeError(kind, problem string) error {
	return fmt.Errorf("introspect: %s: %s", kind, problem)
}

// describeExpiry renders the validity part of a Reason: "expiring 2035-01-01
// (10 years)", "expired 2020-01-01", "with no expiry".
func describeExpiry(f *Facts) string {
	if f.NeverExpires {
		return "with no expiry"
	}
	if f.ExpiresAt.IsZero() {
		return "with no readable expiry"
	}
	day := f.ExpiresAt.UTC().Format(time.DateOnly)
	if f.Expired(now()) {
		return "expired " + day
	}
	if d, ok := f.Validity(); ok {
		return fmt.Sprintf("expiring %s (%s)", day, humanDuration(d))
	}
	return "expiring " + day
}

// humanDuration renders a validity period in the largest whole unit.
func humanDuration(d time.Duration) string {
	const day = 24 * time.Hour
	unit := func(n int64, name string) string {
		if n == 1 {
			return "1 " + name
		}
		return fmt.Sprintf("%d %ss", n, name)
	}
	switch {
	case d < 0:
		return "negative validity"
	case d >= 365*day:
		return unit(int64(d/(365*day)), "year")
	case d >= day:
		return unit(int64(d/day), "day")
	case d >= time.Hour:
		return unit(int64(d/time.Hour), "hour")
	case d >= time.Minute:
		return unit(int64(d/time.Minute), "minute")
	}
	return unit(int64(d/time.Second), "second")
}

// describeScopes renders scopes for a Reason: " with scopes a, b" for a few,
// " with N scopes" for many, "" for none. scopes must be normalised.
func describeScopes(scopes []string) string {
	switch n := len(scopes); {
	case n == 0:
		return ""
	case n == 1:
		return " with scope " + scopes[0]
	case n <= 4:
		return " with scopes " + strings.Join(scopes, ", ")
	default:
		return fmt.Sprintf(" with %d scopes", n)
	}
}

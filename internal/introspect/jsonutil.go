package introspect

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"time"
)

// maxJSONDepth bounds nesting in any JSON a decoder reads; credentials are
// flat, and deep nesting only costs stack and time.
const maxJSONDepth = 32

var (
	errJSONDepth  = errors.New("JSON nested too deeply")
	errJSONSyntax = errors.New("not a JSON object")
)

// decodeObject parses a JSON object with numbers kept as json.Number, after
// checking its nesting depth. Errors never quote the input.
func decodeObject(b []byte) (map[string]any, error) {
	if len(b) > MaxInputSize {
		return nil, errTooLarge
	}
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '{' {
		return nil, errJSONSyntax
	}
	if jsonDepth(b) > maxJSONDepth {
		return nil, errJSONDepth
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil || m == nil {
		return nil, errJSONSyntax
	}
	return m, nil
}

// jsonDepth returns the deepest nesting of objects and arrays in b, ignoring
// brackets inside strings. It does not validate; the decoder does that.
func jsonDepth(b []byte) int {
	depth, deepest := 0, 0
	inString, escaped := false, false
	for _, c := range b {
		switch {
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			depth++
			deepest = max(deepest, depth)
		case c == '}' || c == ']':
			depth--
		}
	}
	return deepest
}

// stringValue returns v when it is a JSON string.
func stringValue(v any) (string, bool) {
	s, ok := v.(string)
	return s, ok
}

// stringList reads a claim that is either one string (split on whitespace,
// as OAuth scope strings are) or an array of strings.
func stringList(v any) []string {
	switch v := v.(type) {
	case string:
		return strings.Fields(v)
	case []any:
		var out []string
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// latestTime is the end of year 9999, the last instant RFC 3339 can write.
const latestTime = 253402300799

// numericDate reads a JWT NumericDate (seconds since the epoch, possibly
// fractional). Values outside years 1970–9999 are rejected as nonsense.
func numericDate(v any) (time.Time, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return time.Time{}, false
	}
	f, err := n.Float64()
	if err != nil || math.IsNaN(f) || f < 0 || f > latestTime {
		return time.Time{}, false
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), true
}

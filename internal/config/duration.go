package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseDuration reads a duration as Go writes them ("720h", "1h30m") or in
// whole days, weeks or years ("90d", "2w", "1y" = 365 days), which is how
// credential lifetimes are usually stated.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	for suffix, unit := range map[string]time.Duration{"d": 24 * time.Hour, "w": 7 * 24 * time.Hour, "y": 365 * 24 * time.Hour} {
		if num, ok := strings.CutSuffix(s, suffix); ok {
			n, err := strconv.ParseInt(num, 10, 64)
			if err != nil || n < 0 || n > int64(1<<62)/int64(unit) {
				return 0, fmt.Errorf("bad duration %q (want e.g. 90d, 12w, 1y or 720h)", s)
			}
			return time.Duration(n) * unit, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("bad duration %q (want e.g. 90d, 12w, 1y or 720h)", s)
	}
	return d, nil
}

package config

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// sizeUnits are the multipliers ParseSize accepts, by lower-case suffix.
// KB, MB and GB are decimal as in SI; KiB, MiB and GiB are binary.
var sizeUnits = map[string]int64{
	"":    1,
	"b":   1,
	"kb":  1e3,
	"mb":  1e6,
	"gb":  1e9,
	"kib": 1 << 10,
	"mib": 1 << 20,
	"gib": 1 << 30,
}

// ParseSize parses a size in bytes: a decimal integer, optionally followed
// (with or without spaces) by B, KB, MB, GB, KiB, MiB or GiB in any case.
// "5MB" is 5,000,000 bytes and "5MiB" is 5,242,880. Only ASCII spaces are
// allowed around the parts, as in the JSON Schema's pattern.
func ParseSize(s string) (int64, error) {
	t := strings.Trim(s, " ")
	digits := len(t) - len(strings.TrimLeft(t, "0123456789"))
	// ToLower is safe on ASCII only: it folds the Kelvin sign to "k".
	unit := strings.TrimLeft(t[digits:], " ")
	mult, ok := sizeUnits[strings.ToLower(unit)]
	if digits == 0 || !ok || !isASCII(unit) {
		return 0, fmt.Errorf("invalid size %q (want a number of bytes, optionally followed by KB, MB, GB, KiB, MiB or GiB)", s)
	}
	n, err := strconv.ParseInt(t[:digits], 10, 64)
	if err != nil || n > math.MaxInt64/mult {
		return 0, fmt.Errorf("size %q is too large", s)
	}
	return n * mult, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

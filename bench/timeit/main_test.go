package main

import (
	"testing"
	"time"

	"github.com/nhilint/nhilint/bench"
)

func TestFormat(t *testing.T) {
	m := bench.Measurement{
		Wall:     12345 * time.Millisecond,
		User:     20100 * time.Millisecond,
		System:   1200 * time.Millisecond,
		MaxRSS:   123456789,
		ExitCode: 0,
	}
	got := format("nhilint", m)
	want := "label=nhilint wall=12.345 user=20.100 sys=1.200 maxrss_bytes=123456789 exit=0"
	if got != want {
		t.Errorf("format = %q, want %q", got, want)
	}
	if got := format("", bench.Measurement{ExitCode: 3}); got != "label=- wall=0.000 user=0.000 sys=0.000 maxrss_bytes=0 exit=3" {
		t.Errorf("format with empty label = %q", got)
	}
}

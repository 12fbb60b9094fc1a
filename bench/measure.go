package bench

import (
	"errors"
	"fmt"
	"os/exec"
	"time"
)

// Measurement is what one run of a command cost.
type Measurement struct {
	// Wall is the elapsed real time from start to exit.
	Wall time.Duration `json:"wallNanos"`
	// User and System are the CPU time the process spent.
	User   time.Duration `json:"userNanos"`
	System time.Duration `json:"systemNanos"`
	// MaxRSS is the peak resident set size in bytes; 0 where the platform
	// does not report it.
	MaxRSS int64 `json:"maxRSSBytes"`
	// ExitCode is the process's exit status (-1 if killed by a signal).
	ExitCode int `json:"exitCode"`
}

// Measure runs cmd to completion and reports its cost. A non-zero exit is
// not an error: it is recorded in ExitCode so the caller decides what it
// means. Errors are for commands that could not be started or waited for.
func Measure(cmd *exec.Cmd) (Measurement, error) {
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		return Measurement{}, fmt.Errorf("running %s: %w", cmd.Path, err)
	}
	ps := cmd.ProcessState
	if ps == nil {
		return Measurement{}, fmt.Errorf("running %s: no process state", cmd.Path)
	}
	return Measurement{
		Wall:     wall,
		User:     ps.UserTime(),
		System:   ps.SystemTime(),
		MaxRSS:   maxRSS(ps),
		ExitCode: ps.ExitCode(),
	}, nil
}

// MBPerSecond is the throughput of scanning size bytes in wall time, in
// decimal megabytes (10^6 bytes) per second.
func MBPerSecond(size int64, wall time.Duration) float64 {
	if wall <= 0 {
		return 0
	}
	return float64(size) / 1e6 / wall.Seconds()
}

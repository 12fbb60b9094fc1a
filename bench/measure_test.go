package bench

import (
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"
)

// childEnv makes the test binary act as the measured child process.
const childEnv = "NHILINT_BENCH_MEASURE_CHILD"

const (
	childAlloc = 64 << 20
	childSleep = 50 * time.Millisecond
	childExit  = 3
)

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		// Touch every page so the allocation is resident, then linger.
		buf := make([]byte, childAlloc)
		for i := 0; i < len(buf); i += 4096 {
			buf[i] = 1
		}
		time.Sleep(childSleep)
		runtime.KeepAlive(buf)
		os.Exit(childExit)
	}
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

func TestMeasure(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=1")
	m, err := Measure(cmd)
	if err != nil {
		t.Fatalf("Measure: %v", err)
	}
	if m.ExitCode != childExit {
		t.Errorf("ExitCode = %d, want %d", m.ExitCode, childExit)
	}
	if m.Wall < childSleep {
		t.Errorf("Wall = %v, want at least %v", m.Wall, childSleep)
	}
	if runtime.GOOS == "linux" || runtime.GOOS == "darwin" {
		if m.MaxRSS < childAlloc {
			t.Errorf("MaxRSS = %d bytes, want at least %d", m.MaxRSS, childAlloc)
		}
		// An implausibly large value means a unit error (kilobytes taken as bytes or the reverse).
		if m.MaxRSS > 64*childAlloc {
			t.Errorf("MaxRSS = %d bytes, implausibly large for a %d-byte child", m.MaxRSS, childAlloc)
		}
	}
}

func TestMeasureNotStarted(t *testing.T) {
	_, err := Measure(exec.Command("/nonexistent/nhilint-bench-no-such-command"))
	if err == nil || !strings.Contains(err.Error(), "nhilint-bench-no-such-command") {
		t.Errorf("Measure of a missing command: err = %v, want an error naming the command", err)
	}
}

func TestMBPerSecond(t *testing.T) {
	for _, tc := range []struct {
		size int64
		wall time.Duration
		want float64
	}{
		{500_000_000, 10 * time.Second, 50},
		{1_000_000, 500 * time.Millisecond, 2},
		{1_000_000, 0, 0},
	} {
		if got := MBPerSecond(tc.size, tc.wall); got != tc.want {
			t.Errorf("MBPerSecond(%d, %v) = %v, want %v", tc.size, tc.wall, got, tc.want)
		}
	}
}

// Command timeit runs a command and appends what it cost to a file, as one
// line of key=value pairs that shell tools can read:
//
//	timeit -o times.txt -label nhilint -- nhilint scan corpus ...
//
// appends
//
//	label=nhilint wall=12.345 user=20.100 sys=1.200 maxrss_bytes=123456789 exit=0
//
// It is a portable stand-in for "/usr/bin/time -v": peak RSS comes from the
// child's rusage. The command's own output passes through, and timeit exits
// with the command's exit code.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"

	"github.com/nhilint/nhilint/bench"
)

func main() {
	out := flag.String("o", "", "append the measurement to this file (default stderr)")
	label := flag.String("label", "", "label written with the measurement")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: timeit [-o file] [-label name] -- command [args...]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	code, err := run(*out, *label, flag.Args())
	if err != nil {
		fmt.Fprintln(os.Stderr, "timeit:", err)
		os.Exit(2)
	}
	os.Exit(code)
}

func run(out, label string, args []string) (int, error) {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	m, err := bench.Measure(cmd)
	if err != nil {
		return 0, err
	}
	line := format(label, m)
	if out == "" {
		fmt.Fprintln(os.Stderr, line)
		return m.ExitCode, nil
	}
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return 0, fmt.Errorf("opening measurement file: %w", err)
	}
	if _, err := fmt.Fprintln(f, line); err != nil {
		f.Close()
		return 0, fmt.Errorf("writing %s: %w", out, err)
	}
	if err := f.Close(); err != nil {
		return 0, fmt.Errorf("writing %s: %w", out, err)
	}
	return m.ExitCode, nil
}

func format(label string, m bench.Measurement) string {
	if label == "" {
		label = "-"
	}
	return fmt.Sprintf("label=%s wall=%.3f user=%.3f sys=%.3f maxrss_bytes=%d exit=%d",
		label, m.Wall.Seconds(), m.User.Seconds(), m.System.Seconds(), m.MaxRSS, m.ExitCode)
}

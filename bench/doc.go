// Package bench measures nhilint against the gitleaks CLI on the same corpus.
//
// The scripts next to this file do the work: corpus.sh fetches a pinned,
// reproducible corpus of Go module sources, run.sh times both tools on it and
// writes bench/out/results.md, and the parity command (bench/parity) checks
// that both report the same findings. BenchmarkScanVsGitleaks runs the same
// comparison under "go test -bench" when NHILINT_BENCH_CORPUS is set.
//
// The package itself only measures a child process: wall time, CPU time and
// peak resident memory, the figures /usr/bin/time -v would print, without
// depending on GNU time being installed.
package bench

package cli

import (
	"errors"
	"fmt"
)

// Exit codes, documented in the README. Skipped files never change the exit
// code unless --strict is given.
const (
	// ExitOK: nothing at or above the --fail-on level.
	ExitOK = 0
	// ExitFindings: at least one unsuppressed finding at or above --fail-on
	// (or, with --strict, at least one skipped file).
	ExitFindings = 1
	// ExitUsage: bad command line, configuration or baseline.
	ExitUsage = 2
	// ExitInternal: the scan could not be completed.
	ExitInternal = 3
)

// exitError carries an exit code through cobra's error returns.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageError(format string, args ...any) error {
	return &exitError{code: ExitUsage, err: fmt.Errorf(format, args...)}
}

func asUsage(err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: ExitUsage, err: err}
}

func internalError(err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: ExitInternal, err: err}
}

// errFindings is returned when findings fail the run; it prints nothing.
var errFindings = &exitError{code: ExitFindings, err: errors.New("findings at or above the --fail-on level")}

func codeOf(err error) int {
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	// Cobra's own errors are about the command line.
	return ExitUsage
}

package cli

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/nhilint/nhilint/internal/atomicfile"
	"github.com/nhilint/nhilint/internal/report"
	"github.com/nhilint/nhilint/sarif"
)

// formats are the report formats, in the order help lists them.
var formats = []string{"text", "json", "sarif"}

// output is one report to write: a format and a file ("" = stdout).
type output struct {
	format string
	path   string
}

// parseOutputs pairs --format and --output values. An --output of the form
// FORMAT=FILE is a pair by itself; other outputs pair with the formats in the
// order given; formats left over go to stdout, and at most one may.
func parseOutputs(fmts, outs []string) ([]output, error) {
	var pairs []output
	var plain []string
	for _, o := range outs {
		if name, file, ok := strings.Cut(o, "="); ok && slices.Contains(formats, name) {
			if file == "" {
				return nil, usageError("--output %s: no file name after '='", o)
			}
			pairs = append(pairs, output{format: name, path: file})
			continue
		}
		plain = append(plain, o)
	}
	for _, f := range fmts {
		if !slices.Contains(formats, f) {
			return nil, usageError("--format %q: want one of %s", f, strings.Join(formats, ", "))
		}
	}
	if len(plain) > len(fmts) {
		return nil, usageError("%d --output files but only %d --format values to pair them with (or write -o FORMAT=FILE)", len(plain), len(fmts))
	}
	for i, f := range fmts {
		o := output{format: f}
		if i < len(plain) {
			o.path = plain[i]
		}
		pairs = append(pairs, o)
	}
	if len(pairs) == 0 {
		pairs = []output{{format: "text"}}
	}
	toStdout := 0
	for _, p := range pairs {
		if p.path == "" || p.path == "-" {
			toStdout++
		}
	}
	if toStdout > 1 {
		return nil, usageError("more than one report would go to standard output; give each extra --format an --output file")
	}
	return pairs, nil
}

func writeOutputs(e *env, outs []output, run *report.Run, noColor, verbose bool) error {
	for _, o := range outs {
		toStdout := o.path == "" || o.path == "-"
		color := toStdout && e.isTerminal && !noColor && e.getenv("NO_COLOR") == ""
		write := func(w io.Writer) error {
			switch o.format {
			case "json":
				return report.WriteJSON(w, run)
			case "sarif":
				return sarif.Write(w, run)
			default:
				return report.WriteText(w, run, report.TextOptions{Color: color, Verbose: verbose})
			}
		}
		var err error
		if toStdout {
			bw := bufio.NewWriter(e.stdout)
			if err = write(bw); err == nil {
				err = bw.Flush()
			}
		} else {
			err = atomicfile.Write(o.path, write)
		}
		if err != nil {
			return internalError(fmt.Errorf("writing %s report: %w", o.format, err))
		}
	}
	return nil
}

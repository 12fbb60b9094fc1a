package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

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
			err = writeFileAtomic(o.path, write)
		}
		if err != nil {
			return internalError(fmt.Errorf("writing %s report: %w", o.format, err))
		}
	}
	return nil
}

// writeFileAtomic writes through a temporary file in the same directory and
// renames it into place, so a reader never sees half a report. Anything but
// a regular file (/dev/null, /dev/stdout, a FIFO) or a symlink is written in
// place: renaming over it would replace the device or the link itself.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return err
		}
		bw := bufio.NewWriter(f)
		if err := write(bw); err != nil {
			f.Close()
			return err
		}
		if err := bw.Flush(); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	bw := bufio.NewWriter(tmp)
	if err := write(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

package match

import (
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/spf13/viper"
	glconfig "github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
	glreport "github.com/zricethezav/gitleaks/v8/report"
)

const decodeDepth = 5

var defaultRules = sync.OnceValues(func() (glconfig.Config, error) {
	v := viper.New()
	v.SetConfigType("toml")
	if err := v.ReadConfig(strings.NewReader(glconfig.DefaultConfig)); err != nil {
		return glconfig.Config{}, err
	}
	var vc glconfig.ViperConfig
	if err := v.Unmarshal(&vc); err != nil {
		return glconfig.Config{}, err
	}
	return vc.Translate()
})

func defaultConfig(t testing.TB) glconfig.Config {
	t.Helper()
	cfg, err := defaultRules()
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// reference and matcher are built once: both are safe for concurrent use.
var (
	referenceOnce sync.Once
	reference     *detect.Detector
	matcher       *Matcher
)

func setup(t testing.TB) (*detect.Detector, *Matcher) {
	cfg := defaultConfig(t)
	referenceOnce.Do(func() {
		reference = detect.NewDetector(cfg)
		reference.MaxDecodeDepth = decodeDepth
		reference.IgnoreGitleaksAllow = true
		matcher = New(cfg, decodeDepth)
	})
	return reference, matcher
}

// key is what the comparison looks at; it never holds a whole secret in a
// failure message (see describe).
type key struct {
	rule                   string
	line, col, eline, ecol int
	lineText, match, sec   string
	tags                   string
}

func keys(fs []glreport.Finding) []key {
	out := make([]key, 0, len(fs))
	for _, f := range fs {
		out = append(out, key{f.RuleID, f.StartLine, f.StartColumn, f.EndLine, f.EndColumn,
			f.Line, f.Match, f.Secret, strings.Join(f.Tags, ",")})
	}
	slices.SortFunc(out, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col), strings.Compare(a.rule, b.rule),
			strings.Compare(a.match, b.match))
	})
	return out
}

// describe names a finding by rule and position, and its secret by length.
func describe(k key) string {
	return fmt.Sprintf("%s %d:%d-%d:%d secret(%d bytes) match(%d bytes) tags=%s", k.rule, k.line, k.col, k.eline, k.ecol, len(k.sec), len(k.match), k.tags)
}

func compare(t *testing.T, name, raw, path string) {
	t.Helper()
	ref, m := setup(t)
	want := ref.DetectContext(context.Background(), detect.Fragment{Raw: raw, FilePath: path})
	got := m.Find(context.Background(), Fragment{Raw: raw, FilePath: path})
	for i := range want {
		if e := shannonEntropy(want[i].Secret); math.Abs(float64(want[i].Entropy)-e) > 1e-5 {
			t.Errorf("%s: entropy of %s: gitleaks %v, ours %v", name, want[i].RuleID, want[i].Entropy, e)
		}
	}
	wk, gk := keys(want), keys(got)
	if slices.Equal(wk, gk) {
		return
	}
	for _, k := range wk {
		if !slices.Contains(gk, k) {
			t.Errorf("%s: only gitleaks: %s", name, describe(k))
		}
	}
	for _, k := range gk {
		if !slices.Contains(wk, k) {
			t.Errorf("%s: only matcher: %s", name, describe(k))
		}
	}
	if len(wk) != len(gk) {
		t.Errorf("%s: gitleaks %d findings, matcher %d", name, len(wk), len(gk))
	}
}

// gitleaksTestdata is gitleaks' own test data, full of fake secrets in many
// formats and encodings.
func gitleaksTestdata(t testing.TB) string {
	dir := filepath.Join(os.Getenv("GOMODCACHE"), "github.com/zricethezav/gitleaks/v8@v8.30.1/testdata")
	if os.Getenv("GOMODCACHE") == "" {
		home, _ := os.UserHomeDir()
		dir = filepath.Join(home, "go/pkg/mod/github.com/zricethezav/gitleaks/v8@v8.30.1/testdata")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("gitleaks test data not in the module cache: %v", err)
	}
	return dir
}

func compareTree(t *testing.T, dir string, limit int) {
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || n >= limit {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n++
		rel, _ := filepath.Rel(dir, path)
		compare(t, rel, string(data), filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("compared %d files", n)
}

// TestMatchesGitleaks holds the matcher to gitleaks' detector on gitleaks'
// own test data, and on the corpus in $NHILINT_BENCH_CORPUS when set.
func TestMatchesGitleaks(t *testing.T) {
	compareTree(t, gitleaksTestdata(t), math.MaxInt)
	if dir := os.Getenv("NHILINT_BENCH_CORPUS"); dir != "" {
		compareTree(t, dir, math.MaxInt)
	}
}

// Fake secrets are assembled at run time.
var seeds = []string{
	"",
	"api_key = \"" + "Zx8Kq2Lm4Np6Rs1T" + "v3Wy5Ab7Cd9\"\n",
	"token:\n\n  '" + "Hq7Zp2Lx9Vn4Rt6Wm1" + "Ks8Yb3Jd5'\n",
	"const key = \"" + strings.Repeat("q1W2", 6) + "\";\n",
	"ghp_" + "Zx8Kq2Lm4Np6Rs1Tv3Wy5Ab7Cd9Ef0Gh2Jk4",
	"aws_access_key_id = AKIA" + "QX4BZ7MNJ3KD2WUH\n",
	"secret=" + "YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo" + "xMjM0NTY3ODkw\n",
	"password: %41%42%43" + "x8Kq2Lm4Np6Rs1Tv\n",
	"KEY = 'ſecret" + "Zx8Kq2Lm4Np6Rs1Tv3'\n",
	"\u212aey: " + "Zx8Kq2Lm4Np6Rs1Tv3Wy\n",
	"auth\ttoken := \"" + "Zx8Kq2Lm4Np6Rs1Tv3Wy" + "\"",
	"x\napikey=\n\n\n\t" + "Zx8Kq2Lm4Np6Rs1Tv3Wy5\nmore",
	"-----BEGIN RSA PRIVATE KEY-----\n" + strings.Repeat("QUJD", 20) + "\n-----END RSA PRIVATE KEY-----\n",
	// A value that ends the text ($), and values followed by bytes that
	// end no value.
	"secret_token = " + "Zx8Kq2Lm4Np6Rs1Tv3Wy",
	"auth := getToken" + "FromEnvironment(ctx)\napi_key: " + "Zx8Kq2Lm4Np6Rs1T\u00e9",
	"vault: s." + "Zx8Kq2Lm4Np6Rs1Tv3Wy5Ab7" + "\xff hvs." + strings.Repeat("Zx8Kq2Lm4N", 10),
}

func TestMatchesGitleaksOnSeeds(t *testing.T) {
	for i, s := range seeds {
		compare(t, fmt.Sprint("seed ", i), s, "config.txt")
	}
}

func FuzzMatchesGitleaks(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		compare(t, "fuzz input", raw, "f.txt")
	})
}

package rules

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"go.yaml.in/yaml/v3"
)

// genericProvider is the id of the provider whose defaults are the fallback
// for rule ids that no entry lists and no provider prefix matches.
const genericProvider = "generic"

// providerFile is the schema of one credentials/<provider>.yaml file.
type providerFile struct {
	Provider struct {
		ID   string `yaml:"id"`
		Name string `yaml:"name"`
		// RulePrefixes route rule ids without an exact entry to Defaults.
		RulePrefixes []string `yaml:"rule-prefixes"`
	} `yaml:"provider"`
	Defaults    *credentialEntry  `yaml:"provider-defaults"`
	Credentials []credentialEntry `yaml:"credentials"`

	name string // file path, for messages
	line int    // line of the provider mapping
}

// credentialEntry is one credential as written in YAML. Scopable is a pointer
// so that leaving it out is an error rather than a silent false.
type credentialEntry struct {
	ID             string   `yaml:"id"`
	Name           string   `yaml:"name"`
	Rules          []string `yaml:"rules"`
	Lifetime       Lifetime `yaml:"lifetime"`
	LifetimeHint   string   `yaml:"lifetime-hint"`
	ValueLifetimes []struct {
		Prefix   string   `yaml:"prefix"`
		Lifetime Lifetime `yaml:"lifetime"`
	} `yaml:"value-lifetimes"`
	Scopable         *bool    `yaml:"scopable"`
	ScopesHint       string   `yaml:"scopes-hint"`
	NHI              []string `yaml:"nhi"`
	CWE              []string `yaml:"cwe"`
	Severity         string   `yaml:"severity"`
	SecuritySeverity float64  `yaml:"security-severity"`
	Precision        string   `yaml:"precision"`
	Why              string   `yaml:"why"`
	Revoke           string   `yaml:"revoke"`
	Rotate           string   `yaml:"rotate"`
	Replace          string   `yaml:"replace"`
	References       []string `yaml:"references"`

	line int // line of the entry, for messages
}

var (
	idPattern     = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	prefixPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*-$`)
	nhiPattern    = regexp.MustCompile(`^NHI(?:[1-9]|10)$`)
	cwePattern    = regexp.MustCompile(`^CWE-[1-9][0-9]*$`)
	// yamlLine finds the "line N: " that yaml.v3 puts in its messages.
	yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
)

// load reads every credentials/*.yaml file in fsys and builds the knowledge
// base. All problems are reported together, each as "file:line: message".
//
// The line numbers take a second parse of each file as a node tree, which
// costs as much as the first; they are only needed for messages, so the
// files are read again with them only when there is a problem to report.
// Every command loads the knowledge base, a pre-commit hook included.
func load(fsys fs.FS) (*KnowledgeBase, error) {
	kb, err := loadPass(fsys, false)
	if err == nil {
		return kb, nil
	}
	if _, withLines := loadPass(fsys, true); withLines != nil {
		err = withLines
	}
	return nil, err
}

// loadPass is load, with line numbers in messages if withLines.
func loadPass(fsys fs.FS, withLines bool) (*KnowledgeBase, error) {
	names, err := fs.Glob(fsys, "credentials/*.yaml")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, errors.New("no credentials/*.yaml files")
	}
	// The files are decoded on all cores: YAML decoding is most of the
	// start-up of a command that scans one staged file.
	files := make([]*providerFile, len(names))
	fileErrs := make([]error, len(names))
	var next atomic.Int32
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(names); i = int(next.Add(1)) - 1 {
				data, err := fs.ReadFile(fsys, names[i])
				if err != nil {
					fileErrs[i] = err
					continue
				}
				files[i], fileErrs[i] = decodeFile(names[i], data, withLines)
			}
		})
	}
	wg.Wait()
	// fs.Glob sorts, so messages come in a stable order.
	if err := errors.Join(fileErrs...); err != nil {
		return nil, err
	}
	return build(files)
}

// parseFile decodes one provider file strictly (unknown keys are errors) and
// validates what can be checked within the file.
func parseFile(name string, data []byte) (*providerFile, error) {
	return decodeFile(name, data, true)
}

// decodeFile is parseFile, recording line numbers only if withLines.
func decodeFile(name string, data []byte, withLines bool) (*providerFile, error) {
	var f providerFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		if err == io.EOF {
			return nil, fmt.Errorf("%s: empty file", name)
		}
		return nil, yamlError(name, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		return nil, fmt.Errorf("%s:%d: more than one YAML document", name, extra.Line)
	}
	f.name = name
	if withLines {
		recordLines(&f, data)
	}
	if err := f.validate(); err != nil {
		return nil, err
	}
	return &f, nil
}

// yamlError rewrites yaml.v3's "line N: msg" messages as "file:N: msg".
func yamlError(name string, err error) error {
	var lines []string
	if te, ok := err.(*yaml.TypeError); ok {
		lines = te.Errors
	} else {
		lines = []string{err.Error()}
	}
	errs := make([]error, len(lines))
	for i, msg := range lines {
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			errs[i] = fmt.Errorf("%s:%s: %s", name, m[1], m[2])
		} else {
			errs[i] = fmt.Errorf("%s: %s", name, msg)
		}
	}
	return errors.Join(errs...)
}

// recordLines fills in the line numbers of the provider, its defaults and its
// entries. The strict decoder cannot report them, so the file is parsed a
// second time as a node tree; it already decoded once, so this cannot fail in
// a way that matters.
func recordLines(f *providerFile, data []byte) {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, value := root.Content[i], root.Content[i+1]
		switch key.Value {
		case "provider":
			f.line = key.Line
		case "provider-defaults":
			if f.Defaults != nil {
				f.Defaults.line = value.Line
			}
		case "credentials":
			for j, item := range value.Content {
				if j < len(f.Credentials) {
					f.Credentials[j].line = item.Line
				}
			}
		}
	}
}

// validate checks one file in isolation.
func (f *providerFile) validate() error {
	var errs []error
	errorf := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", f.name, line, fmt.Sprintf(format, args...)))
	}
	p := f.Provider
	switch {
	case p.ID == "":
		errorf(f.line, "provider.id is empty")
	case !idPattern.MatchString(p.ID):
		errorf(f.line, "provider.id %q is not lower-case kebab-case", p.ID)
	case path.Base(f.name) != p.ID+".yaml":
		errorf(f.line, "provider.id %q does not match the file name", p.ID)
	}
	if p.Name == "" {
		errorf(f.line, "provider.name is empty")
	}
	for _, prefix := range p.RulePrefixes {
		if !prefixPattern.MatchString(prefix) {
			errorf(f.line, "rule prefix %q must be lower-case kebab-case ending in '-'", prefix)
		}
	}
	if dup, ok := firstDuplicate(p.RulePrefixes); ok {
		errorf(f.line, "rule prefix %q listed twice", dup)
	}
	if len(p.RulePrefixes) > 0 && f.Defaults == nil {
		errorf(f.line, "provider declares rule-prefixes but no provider-defaults")
	}
	if p.ID == genericProvider {
		if f.Defaults == nil {
			errorf(f.line, "the generic provider must have provider-defaults: they are the fallback for every unknown rule")
		}
		if len(p.RulePrefixes) > 0 {
			errorf(f.line, "the generic provider must not declare rule-prefixes")
		}
	}
	if d := f.Defaults; d != nil {
		if len(d.Rules) > 0 {
			errorf(d.line, "provider-defaults must not list rules; give those rules their own entry")
		}
		for _, msg := range d.problems() {
			errorf(d.line, "provider-defaults %q: %s", d.ID, msg)
		}
	}
	if len(f.Credentials) == 0 && f.Defaults == nil {
		errorf(f.line, "no credentials and no provider-defaults")
	}
	for i := range f.Credentials {
		c := &f.Credentials[i]
		if len(c.Rules) == 0 {
			errorf(c.line, "credential %q lists no rules", c.ID)
		}
		for _, msg := range c.problems() {
			errorf(c.line, "credential %q: %s", c.ID, msg)
		}
	}
	return errors.Join(errs...)
}

// problems lists what is wrong with one entry, in field order.
func (c *credentialEntry) problems() []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	if !idPattern.MatchString(c.ID) {
		add("id must be lower-case kebab-case")
	}
	if strings.TrimSpace(c.Name) == "" {
		add("name is empty")
	}
	for _, r := range c.Rules {
		if !idPattern.MatchString(r) {
			add("rule id %q must be lower-case kebab-case", r)
		}
	}
	if dup, ok := firstDuplicate(c.Rules); ok {
		add("rule %q listed twice", dup)
	}
	switch c.Lifetime {
	case LifetimeLongLived, LifetimeShortLived:
	case LifetimeFromValue:
		if strings.TrimSpace(c.LifetimeHint) == "" {
			add("lifetime from-value needs a lifetime-hint saying how to tell")
		}
	case "":
		add("lifetime is empty")
	default:
		add("lifetime %q is not long-lived, short-lived or from-value", c.Lifetime)
	}
	if len(c.ValueLifetimes) > 0 && c.Lifetime != LifetimeFromValue {
		add("value-lifetimes need lifetime from-value")
	}
	for _, v := range c.ValueLifetimes {
		if v.Prefix == "" {
			add("value-lifetimes: empty prefix")
		}
		if v.Lifetime != LifetimeLongLived && v.Lifetime != LifetimeShortLived {
			add("value-lifetimes: prefix %q: lifetime %q is not long-lived or short-lived", v.Prefix, v.Lifetime)
		}
	}
	if c.Scopable == nil {
		add("scopable is missing (true or false)")
	}
	if len(c.NHI) == 0 {
		add("nhi is empty")
	}
	for _, n := range c.NHI {
		if !nhiPattern.MatchString(n) {
			add("nhi %q is not NHI1..NHI10", n)
		}
	}
	if dup, ok := firstDuplicate(c.NHI); ok {
		add("nhi %q listed twice", dup)
	}
	if len(c.CWE) == 0 {
		add("cwe is empty")
	}
	for _, w := range c.CWE {
		if !cwePattern.MatchString(w) {
			add("cwe %q is not CWE-<number>", w)
		}
	}
	if dup, ok := firstDuplicate(c.CWE); ok {
		add("cwe %q listed twice", dup)
	}
	switch c.Severity {
	case "error", "warning", "note":
	default:
		add("severity %q is not error, warning or note", c.Severity)
	}
	if !(c.SecuritySeverity > 0 && c.SecuritySeverity <= 10) {
		add("security-severity %s is outside (0, 10]", strconv.FormatFloat(c.SecuritySeverity, 'g', -1, 64))
	}
	switch c.Precision {
	case "very-high", "high", "medium", "low":
	default:
		add("precision %q is not very-high, high, medium or low", c.Precision)
	}
	for _, field := range []struct{ name, text string }{{"why", c.Why}, {"revoke", c.Revoke}, {"rotate", c.Rotate}} {
		if strings.TrimSpace(field.text) == "" {
			add("%s is empty", field.name)
		}
	}
	if len(c.References) == 0 {
		add("references is empty")
	}
	for _, ref := range c.References {
		if u, err := url.Parse(ref); err != nil || u.Scheme != "https" || u.Host == "" {
			add("reference %q is not an https URL", ref)
		}
	}
	return out
}

// build checks what spans files (unique ids, unique rule and prefix claims)
// and indexes the credentials.
func build(files []*providerFile) (*KnowledgeBase, error) {
	kb := &KnowledgeBase{
		byID:   map[string]*Credential{},
		byRule: map[string]*Credential{},
	}
	var errs []error
	errorf := func(name string, line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, args...)))
	}
	type origin struct {
		file, provider string
		line           int
	}
	idAt := map[string]origin{}
	ruleAt := map[string]origin{}
	prefixAt := map[string]origin{}
	providerAt := map[string]origin{}

	add := func(f *providerFile, e *credentialEntry) *Credential {
		c := e.credential(f)
		if prev, dup := idAt[c.ID]; dup {
			errorf(f.name, e.line, "credential id %q already defined at %s:%d", c.ID, prev.file, prev.line)
			return c
		}
		idAt[c.ID] = origin{f.name, f.Provider.ID, e.line}
		kb.byID[c.ID] = c
		kb.credentials = append(kb.credentials, c)
		return c
	}

	for _, f := range files {
		if prev, dup := providerAt[f.Provider.ID]; dup {
			errorf(f.name, f.line, "provider %q already defined in %s", f.Provider.ID, prev.file)
		}
		providerAt[f.Provider.ID] = origin{f.name, f.Provider.ID, f.line}
		if f.Defaults != nil {
			d := add(f, f.Defaults)
			if f.Provider.ID == genericProvider {
				kb.fallback = d
			}
			for _, prefix := range f.Provider.RulePrefixes {
				if prev, dup := prefixAt[prefix]; dup {
					errorf(f.name, f.line, "rule prefix %q already declared by provider %q (%s)", prefix, prev.provider, prev.file)
					continue
				}
				prefixAt[prefix] = origin{f.name, f.Provider.ID, f.line}
				kb.defaults = append(kb.defaults, prefixDefault{prefix, d})
			}
		}
		for i := range f.Credentials {
			e := &f.Credentials[i]
			c := add(f, e)
			for _, rule := range e.Rules {
				if prev, dup := ruleAt[rule]; dup {
					errorf(f.name, e.line, "rule %q already claimed at %s:%d", rule, prev.file, prev.line)
					continue
				}
				ruleAt[rule] = origin{f.name, f.Provider.ID, e.line}
				kb.byRule[rule] = c
			}
		}
	}
	if kb.fallback == nil {
		errs = append(errs, errors.New("credentials/generic.yaml with provider-defaults is missing: unknown rules would have no guidance"))
	}
	// Longest prefix first, so the first match in defaultFor is the longest.
	slices.SortFunc(kb.defaults, func(a, b prefixDefault) int {
		return cmp.Or(cmp.Compare(len(b.prefix), len(a.prefix)), strings.Compare(a.prefix, b.prefix))
	})
	// An exact claim in one provider's file on a rule that another provider's
	// prefix would route is almost always a misplaced entry.
	for _, rule := range slices.Sorted(maps.Keys(ruleAt)) {
		at := ruleAt[rule]
		if d, ok := kb.defaultFor(rule); ok && d.credential.Provider != at.provider {
			errorf(at.file, at.line, "rule %q has the prefix %q of provider %q; move the entry to that provider's file",
				rule, d.prefix, d.credential.Provider)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	slices.SortFunc(kb.credentials, func(a, b *Credential) int { return strings.Compare(a.ID, b.ID) })
	return kb, nil
}

// credential converts a validated entry into the exported type.
func (e *credentialEntry) credential(f *providerFile) *Credential {
	return &Credential{
		ID:               e.ID,
		Name:             strings.TrimSpace(e.Name),
		Provider:         f.Provider.ID,
		ProviderName:     f.Provider.Name,
		Rules:            slices.Clone(e.Rules),
		Lifetime:         e.Lifetime,
		LifetimeHint:     strings.TrimSpace(e.LifetimeHint),
		ValueLifetimes:   e.valueLifetimes(),
		Scopable:         e.Scopable != nil && *e.Scopable,
		ScopesHint:       strings.TrimSpace(e.ScopesHint),
		NHI:              slices.Clone(e.NHI),
		CWE:              slices.Clone(e.CWE),
		Severity:         e.Severity,
		SecuritySeverity: e.SecuritySeverity,
		Precision:        e.Precision,
		Why:              strings.TrimSpace(e.Why),
		Revoke:           strings.TrimSpace(e.Revoke),
		Rotate:           strings.TrimSpace(e.Rotate),
		Replace:          strings.TrimSpace(e.Replace),
		References:       slices.Clone(e.References),
	}
}

// firstDuplicate returns the first value that occurs twice in list.
func firstDuplicate(list []string) (string, bool) {
	seen := make(map[string]bool, len(list))
	for _, s := range list {
		if seen[s] {
			return s, true
		}
		seen[s] = true
	}
	return "", false
}

func (e *credentialEntry) valueLifetimes() []ValueLifetime {
	var out []ValueLifetime
	for _, v := range e.ValueLifetimes {
		out = append(out, ValueLifetime{Prefix: v.Prefix, Lifetime: v.Lifetime})
	}
	return out
}

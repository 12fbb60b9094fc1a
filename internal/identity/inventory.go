package identity

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/nhilint/nhilint/internal/usage"
	"github.com/nhilint/nhilint/rules/scopes"
)

// Inventory is the whole picture: every declared identity and every
// credential reference no identity declares. It is what `nhilint inventory`
// prints, in a stable order.
type Inventory struct {
	Identities   []InventoryIdentity `json:"identities"`
	Undeclared   []Place             `json:"undeclared"`
	Unattributed []Place             `json:"unattributedOperations"`
	// Notes say what limited the analysis (Go read without types).
	Notes []string `json:"notes,omitempty"`
}

// InventoryIdentity is one identity's row.
type InventoryIdentity struct {
	Name string `json:"name"`
	// Derived rows are grants found outside the declarations (a Slack app
	// manifest, a token request in code): only their scopes are judged.
	Derived              bool     `json:"derived,omitempty"`
	Owner                string   `json:"owner,omitempty"`
	Purpose              string   `json:"purpose,omitempty"`
	Provider             string   `json:"provider"`
	Expires              string   `json:"expires,omitempty"`
	RotateEvery          string   `json:"rotateEvery,omitempty"`
	Environments         []string `json:"environments,omitempty"`
	ObservedEnvironments []string `json:"observedEnvironments,omitempty"`
	Workloads            []string `json:"workloads"`
	References           []Place  `json:"references"`
	Operations           []Place  `json:"operations"`
	ScopesDeclared       []string `json:"scopesDeclared"`
	// ScopesNeeded is the minimal set that serves every operation whose
	// requirement is known; Complete says whether that is all of them.
	ScopesNeeded []string `json:"scopesNeeded"`
	Complete     bool     `json:"complete"`
	// Status is "ok" or the problem kinds, sorted.
	Status   []string `json:"status"`
	Problems []string `json:"problems,omitempty"`
}

// Place is one usage fact, as the inventory shows it.
type Place struct {
	Workload  string `json:"workload"`
	Path      string `json:"path"`
	Line      int    `json:"line"`
	Ref       string `json:"ref,omitempty"`
	RefKind   string `json:"refKind,omitempty"`
	Provider  string `json:"provider,omitempty"`
	Operation string `json:"operation,omitempty"`
	Via       string `json:"via,omitempty"`
}

func place(f usage.Fact) Place {
	p := Place{Workload: WorkloadKey(f), Path: f.Path, Line: f.Line, Provider: f.Provider, Via: f.Via}
	if f.Kind == usage.Operation {
		p.Operation = f.Op.String()
		p.Provider = f.Op.Provider
	} else {
		p.Ref, p.RefKind = f.Ref, string(f.RefKind)
	}
	return p
}

// NewInventory builds the inventory from a comparison.
func NewInventory(rep Report, notes []string) Inventory {
	inv := Inventory{Identities: []InventoryIdentity{}, Undeclared: []Place{}, Unattributed: []Place{}, Notes: notes}
	for _, e := range append(slices.Clone(rep.Entries), rep.Derived...) {
		id := e.Identity
		row := InventoryIdentity{
			Derived: e.Derived,
			Name:    id.Name, Owner: id.Owner, Purpose: id.Purpose, Provider: id.Provider,
			Environments: id.Environments, ObservedEnvironments: e.Environments,
			Workloads: nonNil(e.Workloads), References: []Place{}, Operations: []Place{},
			ScopesDeclared: nonNil(id.Scopes), ScopesNeeded: nonNil(e.Minimal), Complete: e.Complete,
		}
		if !id.Expires.IsZero() {
			row.Expires = id.Expires.UTC().Format(time.DateOnly)
		}
		if id.RotateEvery > 0 {
			row.RotateEvery = days(id.RotateEvery)
		}
		for _, f := range e.Refs {
			row.References = append(row.References, place(f))
		}
		for _, o := range e.Ops {
			row.Operations = append(row.Operations, place(o.Fact))
		}
		kinds := map[string]bool{}
		for _, p := range e.Problems {
			kinds[string(p.Kind)] = true
			row.Problems = append(row.Problems, p.Message)
		}
		row.Status = sortedKeys(kinds)
		if len(row.Status) == 0 {
			row.Status = []string{"ok"}
		}
		inv.Identities = append(inv.Identities, row)
	}
	for _, f := range rep.Unowned {
		inv.Undeclared = append(inv.Undeclared, place(f))
	}
	for _, f := range rep.Unattributed {
		inv.Unattributed = append(inv.Unattributed, place(f))
	}
	sortPlaces(inv.Undeclared)
	sortPlaces(inv.Unattributed)
	return inv
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func sortPlaces(ps []Place) {
	slices.SortStableFunc(ps, func(a, b Place) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Ref, b.Ref), cmp.Compare(a.Operation, b.Operation))
	})
}

// WriteJSON writes the inventory as indented JSON.
func (inv Inventory) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(inv)
}

// WriteTable writes the inventory as aligned text for a terminal.
func (inv Inventory) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "IDENTITY\tPROVIDER\tOWNER\tLIFETIME\tWORKLOADS\tSCOPES DECLARED\tSCOPES NEEDED\tSTATUS")
	for _, r := range inv.Identities {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Name, r.Provider, dash(r.Owner), lifetime(r),
			dash(strings.Join(r.Workloads, ", ")), dash(strings.Join(r.ScopesDeclared, ", ")), needed(r),
			strings.Join(r.Status, ", "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	writePlaces(w, "Credential references no identity declares", inv.Undeclared, func(p Place) string {
		return fmt.Sprintf("%s (%s%s)", p.Ref, p.RefKind, providerSuffix(p.Provider))
	})
	writePlaces(w, "Operations no declared identity covers", inv.Unattributed, func(p Place) string {
		return fmt.Sprintf("%s %s", p.Provider, p.Operation)
	})
	for _, n := range inv.Notes {
		fmt.Fprintf(w, "\nnote: %s\n", n)
	}
	return nil
}

func writePlaces(w io.Writer, title string, ps []Place, what func(Place) string) {
	if len(ps) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s (%d):\n", title, len(ps))
	for _, p := range ps {
		fmt.Fprintf(w, "  %s:%d  %s  [%s]\n", p.Path, p.Line, what(p), p.Workload)
	}
}

// WriteMarkdown writes the inventory as GitHub-flavoured Markdown, for a
// job summary or a pull-request comment.
func (inv Inventory) WriteMarkdown(w io.Writer) error {
	fmt.Fprintln(w, "## Non-human identity inventory")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| Identity | Provider | Owner | Lifetime | Workloads | Scopes declared | Scopes needed | Status |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- | --- | --- | --- |")
	for _, r := range inv.Identities {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", md(r.Name), md(r.Provider), md(dash(r.Owner)), md(lifetime(r)),
			md(dash(strings.Join(r.Workloads, ", "))), md(dash(strings.Join(r.ScopesDeclared, ", "))), md(needed(r)),
			md(strings.Join(r.Status, ", ")))
	}
	if len(inv.Undeclared) > 0 {
		fmt.Fprintf(w, "\n### Credential references no identity declares (%d)\n\n| Reference | Kind | Provider | Where | Workload |\n| --- | --- | --- | --- | --- |\n", len(inv.Undeclared))
		for _, p := range inv.Undeclared {
			fmt.Fprintf(w, "| %s | %s | %s | %s:%d | %s |\n", md(p.Ref), md(p.RefKind), md(dash(p.Provider)), md(p.Path), p.Line, md(p.Workload))
		}
	}
	if len(inv.Unattributed) > 0 {
		fmt.Fprintf(w, "\n### Operations no declared identity covers (%d)\n\n| Provider | Operation | Where | Workload |\n| --- | --- | --- | --- |\n", len(inv.Unattributed))
		for _, p := range inv.Unattributed {
			fmt.Fprintf(w, "| %s | %s | %s:%d | %s |\n", md(p.Provider), md(p.Operation), md(p.Path), p.Line, md(p.Workload))
		}
	}
	for _, n := range inv.Notes {
		fmt.Fprintf(w, "\n> note: %s\n", md(n))
	}
	return nil
}

// md escapes a table cell.
func md(s string) string {
	r := strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;", "`", "'")
	return r.Replace(s)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func providerSuffix(p string) string {
	if p == "" {
		return ""
	}
	return ", " + p
}

func lifetime(r InventoryIdentity) string {
	if r.Derived {
		return "-"
	}
	var parts []string
	if r.Expires != "" {
		parts = append(parts, "expires "+r.Expires)
	}
	if r.RotateEvery != "" {
		parts = append(parts, "rotate "+r.RotateEvery)
	}
	if len(parts) == 0 {
		return "never expires"
	}
	return strings.Join(parts, ", ")
}

func needed(r InventoryIdentity) string {
	switch {
	case len(r.Operations) == 0:
		return "unknown (no operations seen)"
	case len(r.ScopesNeeded) == 0:
		return "unknown"
	case !r.Complete:
		return strings.Join(r.ScopesNeeded, ", ") + " (+ unmapped operations)"
	}
	return strings.Join(r.ScopesNeeded, ", ")
}

// Suggest writes a starting identities: block for the credential references
// and operations no identity covers: one identity per provider (or per
// variable when the provider is unknown), with the refs and workloads seen
// and the minimal scopes of the operations in those workloads.
func Suggest(w io.Writer, rep Report) error {
	type group struct {
		provider  string
		refs      map[string]bool
		workloads map[string]bool
	}
	groups := map[string]*group{}
	for _, f := range rep.Unowned {
		key := f.Provider
		if key == "" {
			key = "ref:" + f.Ref
		}
		g := groups[key]
		if g == nil {
			g = &group{provider: f.Provider, refs: map[string]bool{}, workloads: map[string]bool{}}
			groups[key] = g
		}
		ref := f.Ref
		if f.RefKind == usage.RefFile {
			ref = "file:" + ref
		}
		g.refs[ref] = true
		g.workloads[WorkloadKey(f)] = true
	}
	for _, f := range rep.Unattributed {
		g := groups[f.Op.Provider]
		if g == nil {
			g = &group{provider: f.Op.Provider, refs: map[string]bool{}, workloads: map[string]bool{}}
			groups[f.Op.Provider] = g
		}
		g.workloads[WorkloadKey(f)] = true
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if len(keys) == 0 {
		_, err := fmt.Fprintln(w, "# Every credential reference is declared; nothing to suggest.")
		return err
	}
	fmt.Fprintln(w, "# Starting identities: block generated by `nhilint inventory --suggest`.")
	fmt.Fprintln(w, "# Fill in owner and expires, check the scopes against the key's real grant, then paste it into .nhilint.yaml.")
	fmt.Fprintln(w, "identities:")
	for _, k := range keys {
		g := groups[k]
		var reqs []scopes.Requirement
		for _, f := range rep.Unattributed {
			if f.Op.Provider == g.provider && g.workloads[WorkloadKey(f)] {
				if r, ok := scopes.Required(f.Op); ok {
					reqs = append(reqs, r)
				}
			}
		}
		name := g.provider
		provider := g.provider
		if provider == "" {
			name = strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(k, "ref:"), "_", "-"))
			provider = "generic"
		}
		fmt.Fprintf(w, "  - name: %s\n", name)
		fmt.Fprintln(w, "    owner: TODO # a team address accountable for rotating and offboarding it")
		fmt.Fprintf(w, "    provider: %s\n", provider)
		if len(g.refs) > 0 {
			fmt.Fprintf(w, "    refs: [%s]\n", strings.Join(quoteAll(sortedKeys(g.refs)), ", "))
		}
		if min := scopes.Minimal(g.provider, reqs); len(min) > 0 {
			fmt.Fprintf(w, "    scopes: [%s]\n", strings.Join(quoteAll(min), ", "))
		}
		fmt.Fprintln(w, "    rotate-every: 90d")
		fmt.Fprintf(w, "    workloads: [%s]\n", strings.Join(quoteAll(sortedKeys(g.workloads)), ", "))
	}
	return nil
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

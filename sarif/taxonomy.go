package sarif

import (
	"cmp"
	"slices"
	"strings"

	gosarif "github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/nhilint/nhilint/internal/finding"
)

// The two taxonomies results are classified in. Each has a fixed GUID, the
// name-based UUID (version 5, URL namespace) of its informationUri: go-sarif
// writes a toolComponentReference's guid even when unset, and null is not a
// valid guid, so references must carry a real one.
const (
	owaspName = "OWASP NHI Top 10"
	owaspURI  = "https://owasp.org/www-project-non-human-identities-top-10/"
	owaspGUID = "e96f1421-d70b-5b05-86d4-a7accfc98f5f"

	cweName = "CWE"
	cweURI  = "https://cwe.mitre.org/"
	cweGUID = "ec480a2c-8267-5d90-affc-401687cd64b0"
)

// taxonomies holds run.taxonomies and where each taxon sits in them.
type taxonomies struct {
	components []*gosarif.ToolComponent
	owasp      taxonomyIndex
	cwe        taxonomyIndex // component is -1 when no finding has a CWE
}

// taxonomyIndex locates taxa: the component's index in run.taxonomies and
// each taxon id's index in the component's taxa.
type taxonomyIndex struct {
	component int
	taxon     map[string]uint
}

// newTaxonomies lists all ten OWASP NHI risks, so that their indices never
// change, and the CWEs that findings use, in numeric order.
func newTaxonomies(findings []finding.Finding) *taxonomies {
	t := &taxonomies{
		owasp: taxonomyIndex{component: 0, taxon: map[string]uint{}},
		cwe:   taxonomyIndex{component: -1, taxon: map[string]uint{}},
	}

	owasp := &gosarif.ToolComponent{
		Name:           owaspName,
		Version:        ptr("2025"),
		Organization:   ptr("OWASP"),
		InformationURI: ptr(owaspURI),
		GUID:           ptr(owaspGUID),
		Rules:          []*gosarif.ReportingDescriptor{},
	}
	for i, c := range finding.Categories {
		owasp.Taxa = append(owasp.Taxa, gosarif.NewRule(string(c.ID)).
			WithName(c.Title).
			WithShortDescription(gosarif.NewMultiformatMessageString(c.Title)))
		t.owasp.taxon[string(c.ID)] = uint(i)
	}
	t.components = append(t.components, owasp)

	var cwes []string
	for _, f := range findings {
		for _, c := range f.CWEs {
			if id := cweID(c); id != "" && !slices.Contains(cwes, id) {
				cwes = append(cwes, id)
			}
		}
	}
	if len(cwes) == 0 {
		return t
	}
	// Shorter first, then lexically: numeric order for numeric ids.
	slices.SortFunc(cwes, func(a, b string) int { return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b)) })
	cwe := &gosarif.ToolComponent{
		Name:           cweName,
		Organization:   ptr("MITRE"),
		InformationURI: ptr(cweURI),
		GUID:           ptr(cweGUID),
		Rules:          []*gosarif.ReportingDescriptor{},
	}
	for i, id := range cwes {
		cwe.Taxa = append(cwe.Taxa, gosarif.NewRule(id).
			WithName("CWE-"+id).
			WithShortDescription(gosarif.NewMultiformatMessageString("CWE-"+id)).
			WithHelpURI("https://cwe.mitre.org/data/definitions/"+id+".html"))
		t.cwe.taxon[id] = uint(i)
	}
	t.cwe.component = len(t.components)
	t.components = append(t.components, cwe)
	return t
}

// cweID turns "CWE-798" (any case) or "798" into "798".
func cweID(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 4 && strings.EqualFold(s[:4], "cwe-") {
		s = s[4:]
	}
	return s
}

// references returns toolComponentReferences to every taxonomy, for
// driver.supportedTaxonomies.
func (t *taxonomies) references() []*gosarif.ToolComponentReference {
	refs := make([]*gosarif.ToolComponentReference, len(t.components))
	for i, c := range t.components {
		refs[i] = componentReference(c, i)
	}
	return refs
}

// referencesFor classifies a finding: its OWASP categories, then its CWEs.
func (t *taxonomies) referencesFor(f finding.Finding) []*gosarif.ReportingDescriptorReference {
	var refs []*gosarif.ReportingDescriptorReference
	add := func(ix taxonomyIndex, id string) {
		i, ok := ix.taxon[id]
		if !ok || ix.component < 0 {
			return // an unknown category: no taxon to point at
		}
		refs = append(refs, &gosarif.ReportingDescriptorReference{
			Id:            ptr(id),
			Index:         ptr(i),
			ToolComponent: componentReference(t.components[ix.component], ix.component),
		})
	}
	for _, c := range f.Categories {
		add(t.owasp, string(c))
	}
	for _, c := range f.CWEs {
		add(t.cwe, cweID(c))
	}
	return refs
}

func componentReference(c *gosarif.ToolComponent, index int) *gosarif.ToolComponentReference {
	return &gosarif.ToolComponentReference{Name: ptr(c.Name), Index: ptr(uint(index)), Guid: c.GUID}
}

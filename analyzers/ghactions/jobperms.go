package ghactions

import (
	"fmt"
	"strings"

	"github.com/rhysd/actionlint"
)

// jobPerm is a job's declared grant and computed needs.
type jobPerm struct {
	job   *actionlint.Job
	grant grant
	needs jobNeeds
}

// jobPerms computes every job's grant and needs once per file; the
// permission rules share them. Composite actions have no token of their own.
func (d *document) jobPerms() []jobPerm {
	if d.composite {
		return nil
	}
	if d.perms == nil {
		d.perms = []jobPerm{}
		for _, j := range d.jobs {
			d.perms = append(d.perms, jobPerm{job: j, grant: d.grantOf(j), needs: d.needsOf(j)})
		}
	}
	return d.perms
}

// inheriting returns the jobs that use the workflow-level block.
func (d *document) inheriting() []jobPerm {
	var out []jobPerm
	for _, jp := range d.jobPerms() {
		if jp.job.Permissions == nil {
			out = append(out, jp)
		}
	}
	return out
}

// unionNeeds merges the needs of jobs; known is false when one job's needs
// are unknown, and unknown then names it.
func unionNeeds(jps []jobPerm) (needs []need, known bool, unknown string) {
	for _, jp := range jps {
		if !jp.needs.known() {
			return nil, false, fmt.Sprintf("job %q: %s", jobID(jp.job), jp.needs.unknown)
		}
		needs = append(needs, jp.needs.needs...)
	}
	return needs, true, ""
}

// usedLevel is the highest access the needs ask of a scope, counting needs
// that either scope satisfies for both.
func usedLevel(needs []need, scope string) access {
	var a access
	for _, n := range needs {
		if n.scope == scope || n.alt == scope {
			a = max(a, n.access)
		}
	}
	return a
}

// proposal renders the minimal block for a message and the YAML snippet.
func proposal(needs []need, g grant) (oneLine, snippet string) {
	b := minimalBlock(needs, g)
	return formatBlock(b), yamlBlock(b, reasons(needs, b), "")
}

// jobBlocksSnippet proposes permissions: {} at the top and a block per job.
func jobBlocksSnippet(jps []jobPerm) string {
	var sb strings.Builder
	sb.WriteString("permissions: {}\njobs:\n")
	for _, jp := range jps {
		fmt.Fprintf(&sb, "  %s:\n", jobID(jp.job))
		if !jp.needs.known() {
			fmt.Fprintf(&sb, "    # needs could not be computed: %s\n", jp.needs.unknown)
			continue
		}
		b := minimalBlock(jp.needs.needs, jp.grant)
		sb.WriteString(yamlBlock(b, reasons(jp.needs.needs, b), "    "))
	}
	return sb.String()
}

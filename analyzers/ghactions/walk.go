package ghactions

import (
	"fmt"

	"github.com/rhysd/actionlint"
)

// stepRef is a step with its job and index, for messages and keys.
type stepRef struct {
	job   *actionlint.Job
	step  *actionlint.Step
	index int
}

func (s stepRef) where(d *document) string { return d.where(s.job, s.step, s.index) }
func (s stepRef) key() string              { return stepKey(s.job, s.step, s.index) }

// steps returns every step of every job in file order.
func (d *document) steps() []stepRef {
	var out []stepRef
	for _, j := range d.jobs {
		out = append(out, jobSteps(j)...)
	}
	return out
}

func jobSteps(j *actionlint.Job) []stepRef {
	var out []stepRef
	for i, s := range j.Steps {
		if s != nil {
			out = append(out, stepRef{j, s, i})
		}
	}
	return out
}

// envBlock is one env: mapping with where it sits.
type envBlock struct {
	where string // "workflow env", `job "build" env`, `job "build" step "Deploy" env`
	key   string // fingerprint key prefix
	job   *actionlint.Job
	step  *actionlint.Step
	vars  []envVar
}

// envBlocks returns the workflow's, every job's and every step's env.
func (d *document) envBlocks() []envBlock {
	var out []envBlock
	if d.wf != nil && d.wf.Env != nil {
		out = append(out, envBlock{"workflow env", "env", nil, nil, envOf(d.wf.Env, "workflow")})
	}
	for _, j := range d.jobs {
		if j.Env != nil {
			out = append(out, envBlock{fmt.Sprintf("job %q env", jobID(j)), jobID(j) + "/env", j, nil, envOf(j.Env, "job")})
		}
		for _, s := range jobSteps(j) {
			if s.step.Env != nil {
				out = append(out, envBlock{s.where(d) + " env", s.key() + "/env", j, s.step, envOf(s.step.Env, "step")})
			}
		}
	}
	return out
}

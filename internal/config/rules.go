package config

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
)

// UnknownRules reports every rule id in rules.disable, rules.severity and
// allowlists[].rules that known rejects, with the position it was written
// at. The loader cannot check ids itself: which rules exist depends on the
// built-in catalog and on rule-files, which are loaded after the config.
func (c *Config) UnknownRules(known func(id string) bool) error {
	var errs []*Error
	unknown := func(id string, pos Pos, at keyPath) {
		if !known(id) {
			errs = append(errs, &Error{File: c.Path, Line: pos.Line, Column: pos.Column, Key: string(at), Msg: "unknown rule id " + strconv.Quote(id)})
		}
	}
	for i, id := range c.Rules.Disable {
		unknown(id, posAt(c.Rules.DisablePos, i), keyPath("rules.disable").index(i))
	}
	for id := range c.Rules.Severity {
		unknown(id, c.Rules.SeverityPos[id], keyPath("rules.severity").key(id))
	}
	for i, a := range c.Allowlists {
		for j, id := range a.Rules {
			unknown(id, posAt(a.RulesPos, j), keyPath("allowlists").index(i).key("rules").index(j))
		}
	}
	if len(errs) == 0 {
		return nil
	}
	// Severity is a map: sort into file order, then by key for configs
	// built without positions.
	slices.SortFunc(errs, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column), cmp.Compare(a.Key, b.Key))
	})
	joined := make([]error, len(errs))
	for i, e := range errs {
		joined[i] = e
	}
	return errors.Join(joined...)
}

// posAt tolerates configs built in code, whose position slices are empty.
func posAt(pos []Pos, i int) Pos {
	if i < len(pos) {
		return pos[i]
	}
	return Pos{}
}

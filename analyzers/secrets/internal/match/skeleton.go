package match

import (
	"regexp"
	"regexp/syntax"
)

// relaxed returns expr parsed, with every bounded repetition x{n,m}
// relaxed to x{n,}: every match of expr is a match of the relaxed
// expression at the same place, with the same assertions. saved is about
// how many program instructions relaxing saves, as Go compiles x{n,m} to m
// copies of x.
func relaxed(expr string) (re *syntax.Regexp, saved int, err error) {
	re, err = syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, 0, err
	}
	return re, relax(re), nil
}

// skeletonOf returns a cheap necessary condition for expr, or nil when it
// gains little: the relaxed expression (see relaxed) without the leading
// and trailing parts that can match the empty string, since only whether
// it matches counts. A text where the skeleton finds nothing holds no
// match of expr. gitleaks' [\w.-]{0,50}? and [\w.=-]{10,150} make programs
// of thousands of instructions that cost about a nanosecond each per byte
// searched; the skeleton's program is a fraction of that size. It serves
// rules without a prefilter (see prefilter).
func skeletonOf(expr string) *regexp.Regexp {
	re, saved, err := relaxed(expr)
	if err != nil {
		return nil
	}
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	if re.Op == syntax.OpConcat {
		subs := re.Sub
		for len(subs) > 1 && canBeEmpty(subs[0]) {
			subs, saved = subs[1:], saved+8
		}
		for len(subs) > 1 && canBeEmpty(subs[len(subs)-1]) {
			subs, saved = subs[:len(subs)-1], saved+8
		}
		re.Sub = subs
	}
	if saved < 8 {
		return nil
	}
	sk, err := regexp.Compile(re.String())
	if err != nil {
		return nil
	}
	return sk
}

// relax rewrites re in place and returns how many copies it saved.
func relax(re *syntax.Regexp) int {
	saved := 0
	for _, sub := range re.Sub {
		saved += relax(sub)
	}
	if re.Op == syntax.OpRepeat && re.Max > re.Min {
		saved += re.Max - re.Min
		re.Max = -1
	}
	return saved
}

// canBeEmpty reports whether re matches the empty string (assertions
// aside, which only narrow).
func canBeEmpty(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpStar, syntax.OpQuest:
		return true
	case syntax.OpRepeat:
		return re.Min == 0 || canBeEmpty(re.Sub[0])
	case syntax.OpPlus, syntax.OpCapture:
		return canBeEmpty(re.Sub[0])
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if !canBeEmpty(sub) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if canBeEmpty(sub) {
				return true
			}
		}
	}
	return false
}

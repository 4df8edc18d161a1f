package resolve

import (
	"strings"

	"github.com/trustdocs/trustdocs/internal/model"
)

// Coverage counts what a framework asks of this organization by how far it
// is done. A requirement counts when it is in scope, is not a heading (ISO
// 27001's clause 9.2 is met through 9.2.1 and 9.2.2, which count instead)
// and, for Annex A, is applicable (a justified exclusion is not a gap). It
// is met when every control that maps to it is implemented: planned and
// partial work is counted beside it, never as met.
type Coverage struct {
	Met, Partial, Planned, Total int
}

// Unaddressed is the number of requirements no control maps to.
func (c Coverage) Unaddressed() int { return c.Total - c.Met - c.Partial - c.Planned }

// Percent is the share met, rounded down, so that 100 means all of it.
func (c Coverage) Percent() int {
	if c.Total == 0 {
		return 0
	}
	return c.Met * 100 / c.Total
}

// Counts reports whether the requirement counts towards its framework's
// coverage.
func (q *Requirement) Counts() bool {
	return q.InScope && !q.Heading && (q.SoA == nil || q.SoA.Applicable)
}

// Coverage counts the framework's requirements by status.
func (f *Framework) Coverage() Coverage {
	var c Coverage
	for _, q := range f.Requirements {
		if !q.Counts() {
			continue
		}
		c.Total++
		switch q.Status {
		case model.Implemented:
			c.Met++
		case model.Partial:
			c.Partial++
		case model.Planned:
			c.Planned++
		}
	}
	return c
}

// Gaps are the requirements that count and are not met, in catalog order.
func (f *Framework) Gaps() []*Requirement {
	var out []*Requirement
	for _, q := range f.Requirements {
		if q.Counts() && q.Status != model.Implemented {
			out = append(out, q)
		}
	}
	return out
}

// children returns the ids of the requirements under q.
func (f *Framework) children(q *Requirement) []string {
	var ids []string
	for _, c := range f.Requirements {
		if c.Parent == q.ID {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// headingHint tells a control that maps to a heading which requirements
// to map instead.
func (f *Framework) headingHint(q *Requirement) string {
	ids := f.children(q)
	return "; it is a heading, met through " + strings.Join(ids, ", ") + ", which coverage counts: map the control to those it meets"
}

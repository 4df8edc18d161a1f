package resolve

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

// A Crosswalk relates the requirements of two frameworks, A and B: the
// built-in pairs with the site's merged in (content/crosswalks/*.toml add
// pairs, override a built-in pair's relationship, or remove it with
// relationship = "none").
type Crosswalk struct {
	A, B  *Framework
	Pairs []*Pair // in B's order, then A's
}

// A Pair relates a requirement of a crosswalk's A to one of its B.
type Pair struct {
	A, B         *Requirement
	Relationship model.Relationship // what A is to B
	Rationale    string
	BuiltIn      bool
	Pos          diag.Pos
}

// Crosswalk returns the crosswalk between frameworks a and b, read in
// that direction, or nil.
func (s *Site) Crosswalk(a, b *Framework) *Crosswalk {
	for _, cw := range s.Crosswalks {
		switch {
		case cw.A == a && cw.B == b:
			return cw
		case cw.A == b && cw.B == a:
			return cw.reversed()
		}
	}
	return nil
}

// reversed is the crosswalk read from B to A.
func (cw *Crosswalk) reversed() *Crosswalk {
	out := &Crosswalk{A: cw.B, B: cw.A, Pairs: make([]*Pair, len(cw.Pairs))}
	for i, p := range cw.Pairs {
		q := *p
		q.A, q.B, q.Relationship = p.B, p.A, p.Relationship.Reverse()
		out.Pairs[i] = &q
	}
	out.sort()
	return out
}

func (cw *Crosswalk) sort() {
	slices.SortStableFunc(cw.Pairs, func(p, q *Pair) int {
		return cmp.Or(cw.B.order(p.B)-cw.B.order(q.B), cw.A.order(p.A)-cw.A.order(q.A))
	})
}

// order is the place of a requirement in its framework's catalog. Crosswalks
// sort their pairs by it at every build (serve's too), so it is not a search.
func (f *Framework) order(q *Requirement) int { return q.index }

// pairKey names a pair of requirements, whichever way it is written.
type pairKey struct{ a, b *Requirement }

// crosswalks resolves the crosswalks' ids and merges the site's pairs into
// the built-in ones: one Crosswalk for each two frameworks.
func (r *resolver) crosswalks() {
	type merged struct {
		cw    *Crosswalk
		given map[pairKey]*Pair // the last pair given for each key, "none" included
	}
	var all []*merged
	for _, m := range r.s.Site.Crosswalks {
		a, b := r.framework(m.From), r.framework(m.To)
		if a == nil || b == nil {
			continue
		}
		if a == b {
			r.diags.Errorf(m.To.Pos, "crosswalk: from and to are both %q; a crosswalk relates two different frameworks", a.ID)
			continue
		}
		var into *merged
		flip := false
		for _, x := range all {
			if x.cw.A == a && x.cw.B == b || x.cw.A == b && x.cw.B == a {
				into, flip = x, x.cw.A == b
			}
		}
		if into == nil {
			into = &merged{cw: &Crosswalk{A: a, B: b}, given: map[pairKey]*Pair{}}
			all = append(all, into)
		}
		for _, mp := range m.Pairs {
			p := r.pair(a, b, mp)
			if p == nil {
				continue
			}
			p.BuiltIn = m.BuiltIn
			if flip {
				p.A, p.B, p.Relationship = p.B, p.A, p.Relationship.Reverse()
			}
			key := pairKey{p.A, p.B}
			if prev := into.given[key]; prev != nil && prev.BuiltIn == p.BuiltIn {
				r.diags.Errorf(mp.Pos, "crosswalk: the pair %s → %s is already given at %s; keep one", mp.From.ID, mp.To.ID, prev.Pos)
				continue
			}
			if p.Relationship == model.Unrelated && m.BuiltIn {
				r.diags.Errorf(mp.Pos, `crosswalk: relationship "none" only removes a built-in pair; leave the pair out instead`)
			}
			into.given[key] = p
		}
	}
	for _, x := range all {
		for _, p := range x.given {
			if p.Relationship != model.Unrelated { // "none" removed the pair
				x.cw.Pairs = append(x.cw.Pairs, p)
			}
		}
		x.cw.sort()
		r.s.Crosswalks = append(r.s.Crosswalks, x.cw)
	}
}

// pair resolves the requirement ids of a pair of the crosswalk a → b.
func (r *resolver) pair(a, b *Framework, mp *model.Pair) *Pair {
	p := &Pair{Relationship: mp.Relationship, Rationale: mp.Rationale, Pos: mp.Pos}
	if p.A = r.requirement(a, mp.From); p.A == nil {
		return nil
	}
	if p.B = r.requirement(b, mp.To); p.B == nil {
		return nil
	}
	if p.Relationship == "" {
		return nil
	}
	return p
}

// requirement resolves a crosswalk's requirement id in f, reporting one
// that f does not have; nil when the id is missing or unknown.
func (r *resolver) requirement(f *Framework, ref model.Ref) *Requirement {
	if ref.ID == "" {
		return nil
	}
	q := f.reqs[ref.ID]
	if q == nil {
		r.diags.Errorf(ref.Pos, "crosswalk: %q is not a requirement of %s%s", ref.ID, f.Title(), r.suggestReq(f, ref.ID))
	}
	return q
}

// Suggestions are the mappings the crosswalks suggest: a control that
// maps to a requirement which a crosswalk says is equal to, or a subset
// of, a requirement of another framework the site pursues, and does not
// map to that one. They are advice for check --suggest, never problems:
// whether the control meets the other requirement is for its owner to say.
func (s *Site) Suggestions() []diag.Diagnostic {
	// What each requirement is within, as a whole: the other side of its
	// equal and subset pairs, read from its side.
	type within struct {
		other *Requirement
		rel   model.Relationship
	}
	in := map[*Requirement][]within{}
	for _, cw := range s.Crosswalks {
		for _, p := range cw.Pairs {
			in[p.A] = append(in[p.A], within{p.B, p.Relationship})
			in[p.B] = append(in[p.B], within{p.A, p.Relationship.Reverse()})
		}
	}
	var out []diag.Diagnostic
	for _, c := range s.Controls {
		maps := map[*Requirement]bool{}
		for _, m := range c.Mappings {
			for _, q := range m.Requirements {
				maps[q] = true
			}
		}
		for _, m := range c.Mappings {
			for _, q := range m.Requirements {
				for _, w := range in[q] {
					if (w.rel != model.Equal && w.rel != model.Subset) || maps[w.other] || !w.other.Framework.Pursued {
						continue
					}
					out = append(out, diag.Diagnostic{Pos: c.At(m.Framework.ID), Severity: diag.Suggestion,
						Message: fmt.Sprintf("%s maps %s (%s); the crosswalk relates it to %s %s (%s) as %s: add %q to the control's %s list if it meets that too",
							c.ID, q.ID, q.Title, w.other.Framework.Title(), w.other.ID, w.other.Title, relationPhrase(w.rel), w.other.ID, w.other.Framework.ID)})
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b diag.Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Pos.File, b.Pos.File), a.Pos.Line-b.Pos.Line, a.Pos.Col-b.Pos.Col)
	})
	return out
}

// relationPhrase says what a requirement is to another, in a sentence.
func relationPhrase(r model.Relationship) string {
	if r == model.Equal {
		return "equal"
	}
	return "a part of it"
}

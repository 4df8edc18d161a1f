package render

import (
	"html/template"
	"slices"
	"strings"

	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

// crosswalkView is a pair page's crosswalk, read from the pair's second
// framework: for each of its requirements, the related requirements of the
// first, with our coverage of both; then what each framework still needs
// of an organization that holds the other.
type crosswalkView struct {
	A, B      *resolve.Framework
	CSV, JSON string // output paths of the exports
	cw        *resolve.Crosswalk
	Rows      []crossRow
	// NeedB is what B asks that no requirement of A asks as a whole: what
	// an organization holding A still needs for B. NeedA the reverse.
	NeedB, NeedA gapList
}

// Pairs is how many pairs the crosswalk has.
func (v *crosswalkView) Pairs() int { return len(v.cw.Pairs) }

// crossRow is one requirement of B with the requirements of A related to it.
type crossRow struct {
	Req     *resolve.Requirement
	Section string // its category, else its group: what the table filters by
	Related []related
}

// Relationships lists the row's relationships, for the table's filter.
func (row crossRow) Relationships() string {
	var out []string
	for _, rel := range row.Related {
		if !slices.Contains(out, string(rel.Relationship)) {
			out = append(out, string(rel.Relationship))
		}
	}
	if len(out) == 0 {
		return "unrelated"
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}

// related is a requirement of the other framework and what it is to the
// row's.
type related struct {
	Req          *resolve.Requirement
	Relationship model.Relationship // what Req is to the row's requirement
	Rationale    string
}

// gapList is what one framework still needs of an organization holding
// the other: the requirements nothing there relates to, and those it
// covers in part.
type gapList struct {
	Held, Needed *resolve.Framework
	Unrelated    []gapItem
	Partly       []gapItem
}

type gapItem struct {
	Req    *resolve.Requirement
	Partly []*resolve.Requirement // of the held framework
}

// crosswalkView builds the view of the crosswalk between a and b, or nil
// when the site has none.
func (r *renderer) crosswalkView(a, b *resolve.Framework) *crosswalkView {
	cw := r.s.Crosswalk(a, b)
	if cw == nil {
		return nil
	}
	dir := "frameworks/compare/" + a.ID + "-vs-" + b.ID + "/"
	v := &crosswalkView{A: a, B: b, CSV: dir + "crosswalk.csv", JSON: dir + "crosswalk.json", cw: cw}
	byB := map[*resolve.Requirement][]related{}
	byA := map[*resolve.Requirement][]related{}
	for _, p := range cw.Pairs {
		byB[p.B] = append(byB[p.B], related{p.A, p.Relationship, p.Rationale})
		byA[p.A] = append(byA[p.A], related{p.B, p.Relationship.Reverse(), p.Rationale})
	}
	for _, q := range b.Requirements {
		if q.Heading {
			continue
		}
		v.Rows = append(v.Rows, crossRow{Req: q, Section: sectionOf(b, q), Related: byB[q]})
	}
	v.NeedB = gaps(a, b, byB)
	v.NeedA = gaps(b, a, byA)
	return v
}

// gaps lists the requirements of needed that no requirement of held asks
// for as a whole (equal to it, or a superset of it). rel maps each
// requirement of needed to what of held relates to it.
func gaps(held, needed *resolve.Framework, rel map[*resolve.Requirement][]related) gapList {
	g := gapList{Held: held, Needed: needed}
	for _, q := range needed.Requirements {
		if q.Heading {
			continue
		}
		item := gapItem{Req: q}
		whole := false
		for _, x := range rel[q] {
			switch x.Relationship {
			case model.Equal, model.Superset:
				whole = true
			}
			item.Partly = append(item.Partly, x.Req)
		}
		switch {
		case whole:
		case len(item.Partly) == 0:
			g.Unrelated = append(g.Unrelated, item)
		default:
			g.Partly = append(g.Partly, item)
		}
	}
	return g
}

// sectionOf names the part of its framework a requirement is in: its
// category (SOC 2's Security, Availability …), else its group.
func sectionOf(f *resolve.Framework, q *resolve.Requirement) string {
	for _, c := range f.Categories {
		if c.ID == q.Category {
			return c.Title
		}
	}
	if g := f.Group(q.Group); g != nil {
		return g.Title
	}
	return ""
}

// Sections are the sections of the rows, in order, for the filter.
func (v *crosswalkView) Sections() []string {
	var out []string
	for _, row := range v.Rows {
		if row.Section != "" && !slices.Contains(out, row.Section) {
			out = append(out, row.Section)
		}
	}
	return out
}

// coverageBadge is our coverage of a requirement as a badge: its status,
// or "No control" when no control maps to it.
func coverageBadge(q *resolve.Requirement) template.HTML {
	if q.Status == "" {
		return badge("no control")
	}
	return badge(q.Status)
}

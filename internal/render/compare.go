package render

import (
	"slices"

	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

// comparePair is two frameworks side by side, with this organization's
// own overlap: the controls that serve both, and those that serve one.
type comparePair struct {
	A, B         frameworkSummary
	Both         []*resolve.Control
	OnlyA, OnlyB []*resolve.Control
	Path         string
	// ShareA and ShareB count the requirements of A and B that count,
	// and those of them that implemented controls serving both meet.
	ShareA, ShareB resolve.Coverage
	Crosswalk      *crosswalkView // nil without a crosswalk between A and B
}

// share counts f's requirements that count, and those an implemented
// control among both meets.
func share(f *resolve.Framework, both map[*resolve.Control]bool) resolve.Coverage {
	var c resolve.Coverage
	for _, q := range f.Requirements {
		if !q.Counts() {
			continue
		}
		c.Total++
		if slices.ContainsFunc(q.Controls, func(ctl *resolve.Control) bool {
			return ctl.Status == model.Implemented && both[ctl]
		}) {
			c.Met++
		}
	}
	return c
}

// structPart is one part of a framework and how many requirements that
// count it has: a group (Annex A's themes), or a category (SOC 2's).
type structPart struct {
	Title  string
	Count  int
	Always bool // a category always in scope
}

// Structure is how the framework's requirements divide: by category when
// it has categories, else by group. Headings are not counted.
func (fs frameworkSummary) Structure() []structPart {
	var parts []structPart
	add := func(title string, always bool, in func(*resolve.Requirement) bool) {
		n := 0
		for _, q := range fs.F.Requirements {
			if !q.Heading && in(q) {
				n++
			}
		}
		if n > 0 {
			parts = append(parts, structPart{title, n, always})
		}
	}
	if len(fs.F.Categories) > 0 {
		for _, c := range fs.F.Categories {
			add(c.Title, c.Required, func(q *resolve.Requirement) bool { return q.Category == c.ID })
		}
		return parts
	}
	for _, g := range fs.F.Groups {
		add(g.Title, false, func(q *resolve.Requirement) bool { return q.Group == g.ID })
	}
	return parts
}

func mapsTo(c *resolve.Control, f *resolve.Framework) bool {
	for _, m := range c.Mappings {
		if m.Framework == f && len(m.Requirements) > 0 {
			return true
		}
	}
	return false
}

func (r *renderer) comparePairs() []comparePair {
	sums := r.summaries
	var pairs []comparePair
	for i := range sums {
		for j := i + 1; j < len(sums); j++ {
			p := comparePair{A: sums[i], B: sums[j],
				Path:      "frameworks/compare/" + sums[i].F.ID + "-vs-" + sums[j].F.ID + "/index.html",
				Crosswalk: r.crosswalkView(sums[i].F, sums[j].F)}
			for _, c := range r.s.Controls {
				a, b := mapsTo(c, p.A.F), mapsTo(c, p.B.F)
				switch {
				case a && b:
					p.Both = append(p.Both, c)
				case a:
					p.OnlyA = append(p.OnlyA, c)
				case b:
					p.OnlyB = append(p.OnlyB, c)
				}
			}
			// A set: a site has thousands of controls, each requirement many.
			both := make(map[*resolve.Control]bool, len(p.Both))
			for _, c := range p.Both {
				both[c] = true
			}
			p.ShareA, p.ShareB = share(p.A.F, both), share(p.B.F, both)
			pairs = append(pairs, p)
		}
	}
	return pairs
}

type compareData struct {
	Frameworks []frameworkSummary
	Pairs      []comparePair
	Pair       *comparePair // set on a pair's own page
}

func (r *renderer) comparePages(pairs []comparePair) {
	if len(pairs) == 0 {
		return
	}
	sums := r.summaries
	r.add(&Page{Template: "compare.html", Path: "frameworks/compare/index.html", Title: "Comparing frameworks",
		Section: "frameworks", Description: "How the frameworks differ, and which of our controls serve each.",
		Data: compareData{Frameworks: sums, Pairs: pairs}}, onSite())
	for i := range pairs {
		p := &pairs[i]
		r.add(&Page{Template: "compare.html", Path: p.Path, Title: p.A.F.Title() + " vs " + p.B.F.Title(),
			Section: "frameworks", Description: "How " + p.A.F.Title() + " and " + p.B.F.Title() + " differ, and which of our controls serve each.",
			Data: compareData{Frameworks: []frameworkSummary{p.A, p.B}, Pairs: pairs, Pair: p}}, onSite())
		if v := p.Crosswalk; v != nil {
			r.file(v.CSV, onSite(), func() ([]byte, error) { return r.crosswalkCSV(v), nil })
			r.file(v.JSON, onSite(), func() ([]byte, error) { return r.crosswalkJSON(v), nil })
		}
	}
}

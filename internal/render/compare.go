package render

import (
	"github.com/trustdocs/trustdocs/internal/resolve"
)

// comparePair is two frameworks side by side, with this organization's
// own overlap: the controls that serve both, and those that serve one.
type comparePair struct {
	A, B         frameworkSummary
	Both         []*resolve.Control
	OnlyA, OnlyB []*resolve.Control
	Path         string
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
				Path: "frameworks/compare/" + sums[i].F.ID + "-vs-" + sums[j].F.ID + "/index.html"}
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
	}
}

package catalog_test

import (
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

// The built-in ISO 27001 ↔ SOC 2 crosswalk, loaded and resolved as a
// site's would be: every id exists, no pair is given twice, every
// relationship is from the vocabulary, every SOC 2 criterion relates to at
// least one ISO requirement, and every rationale is one short line of our
// own.
func TestCrosswalkISO27001SOC2(t *testing.T) {
	m, diags := emptySite(t)
	s := resolve.Resolve(m, model.NewDate(2026, 11, 1), diags)
	for _, d := range diags.Items() {
		if strings.Contains(d.Pos.File, "crosswalk") {
			t.Errorf("diagnostic: %s", d)
		}
	}
	iso, soc2 := s.Framework("iso27001"), s.Framework("soc2")
	cw := s.Crosswalk(iso, soc2)
	if cw == nil {
		t.Fatal("no crosswalk between iso27001 and soc2")
	}
	if len(m.Crosswalks) != 1 || len(cw.Pairs) != len(m.Crosswalks[0].Pairs) {
		t.Fatalf("%d pairs resolved of %d written", len(cw.Pairs), len(m.Crosswalks[0].Pairs))
	}
	related := map[*resolve.Requirement]bool{}
	for _, p := range cw.Pairs {
		related[p.B] = true
		if p.A.Framework != iso || p.B.Framework != soc2 {
			t.Errorf("%s → %s: the wrong way round", p.A.ID, p.B.ID)
		}
		if p.A.Heading || p.B.Heading {
			t.Errorf("%s → %s: a heading; relate the requirements under it", p.A.ID, p.B.ID)
		}
		if !p.BuiltIn {
			t.Errorf("%s → %s: not marked built in", p.A.ID, p.B.ID)
		}
		switch why := p.Rationale; {
		case why == "", len(why) > 160, strings.ContainsAny(why, "\n\""):
			t.Errorf("%s → %s: the rationale must be one line of at most 160 characters: %q", p.A.ID, p.B.ID, why)
		case strings.Contains(strings.ToLower(why), "shall"), strings.HasPrefix(why, "The entity"):
			t.Errorf("%s → %s: the rationale reads like the standard's text; say it in our own words: %q", p.A.ID, p.B.ID, why)
		}
	}
	for _, q := range soc2.Requirements {
		if !related[q] {
			t.Errorf("SOC 2 %s relates to no ISO 27001 requirement", q.ID)
		}
	}
	if n := len(related); n != 61 {
		t.Errorf("%d SOC 2 criteria related, want all 61", n)
	}
	// Read the other way, the relationships turn round.
	back := s.Crosswalk(soc2, iso)
	for i, p := range back.Pairs {
		if p.A.Framework != soc2 || (p.Relationship == model.Subset) != (cw.Pairs[indexOf(cw, p.B, p.A)].Relationship == model.Superset) {
			t.Errorf("reversed pair %d (%s → %s) is not the built-in one turned round", i, p.A.ID, p.B.ID)
		}
	}
}

func indexOf(cw *resolve.Crosswalk, a, b *resolve.Requirement) int {
	for i, p := range cw.Pairs {
		if p.A == a && p.B == b {
			return i
		}
	}
	return -1
}

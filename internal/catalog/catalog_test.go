package catalog_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/load"
	"github.com/trustdocs/trustdocs/internal/model"
)

// emptySite loads a site with no content: the built-ins alone.
func emptySite(t *testing.T) (*model.Site, *diag.List) {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"T\"\ncompany = \"C\"\n"), 0o644)
	os.Mkdir(filepath.Join(dir, "content"), 0o755)
	var diags diag.List
	site, err := load.Load(dir, &diags)
	if err != nil {
		t.Fatal(err)
	}
	return site, &diags
}

// builtins loads the built-in frameworks through the same loader a site's
// own frameworks go through, and fails on any diagnostic.
func builtins(t *testing.T) map[string]*model.Framework {
	t.Helper()
	site, diags := emptySite(t)
	for _, d := range diags.Items() {
		t.Errorf("diagnostic: %s", d)
	}
	out := map[string]*model.Framework{}
	for _, f := range site.Frameworks {
		out[f.ID] = f
	}
	return out
}

func TestISO27001(t *testing.T) {
	f := builtins(t)["iso27001"]
	if f == nil {
		t.Fatal("no iso27001")
	}
	var annex []*model.Requirement
	themes := map[string]int{}
	clauses := 0
	for _, r := range f.Requirements {
		if g := f.Group(r.Group); g != nil && g.SoA {
			annex = append(annex, r)
			themes[r.Group]++
		} else {
			clauses++
		}
	}
	if len(annex) != len(wantAnnexA) {
		t.Fatalf("%d Annex A controls, want %d", len(annex), len(wantAnnexA))
	}
	for i, w := range wantAnnexA {
		if annex[i].ID != w[0] || annex[i].Title != w[1] {
			t.Errorf("Annex A #%d: %s %q, want %s %q", i+1, annex[i].ID, annex[i].Title, w[0], w[1])
		}
	}
	for theme, n := range map[string]int{"organizational": 37, "people": 8, "physical": 14, "technological": 34} {
		if themes[theme] != n {
			t.Errorf("theme %s: %d controls, want %d", theme, themes[theme], n)
		}
	}
	if clauses != 41 {
		t.Errorf("%d clause rows, want 41 (clauses 4–10 with sub-clauses)", clauses)
	}
	for _, id := range []string{"A.5.21", "A.5.34"} {
		if f.Requirement(id).TitleLong == "" {
			t.Errorf("%s has no long title", id)
		}
	}
	if f.Requirement("6.1.3").Parent != "6.1" || f.Requirement("9.2.2").Parent != "9.2" {
		t.Error("clause parents are wrong")
	}
	if p := f.Profile; p.ValidityMonths != 36 || !p.Surveillance || p.Kind == "" {
		t.Errorf("profile: %+v", p)
	}
}

func TestSOC2(t *testing.T) {
	f := builtins(t)["soc2"]
	if f == nil {
		t.Fatal("no soc2")
	}
	if len(f.Requirements) != len(wantCriteria) {
		t.Fatalf("%d criteria, want %d", len(f.Requirements), len(wantCriteria))
	}
	counts := map[string]int{}
	for i, w := range wantCriteria {
		r := f.Requirements[i]
		if r.ID != w[0] || r.Category != w[1] {
			t.Errorf("criterion #%d: %s (%s), want %s (%s)", i+1, r.ID, r.Category, w[0], w[1])
		}
		counts[r.Category]++
	}
	for cat, n := range map[string]int{"security": 33, "availability": 3, "confidentiality": 2, "processing-integrity": 5, "privacy": 18} {
		if counts[cat] != n {
			t.Errorf("category %s: %d criteria, want %d", cat, counts[cat], n)
		}
	}
	if len(f.Categories) != 5 || !f.Categories[0].Required || f.Categories[0].ID != "security" {
		t.Errorf("categories: %+v", f.Categories)
	}
}

package comply_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/comply"
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/pipeline"
	"github.com/trustdocs/trustdocs/internal/scaffold"
)

var today = model.NewDate(2026, 11, 23)

// TestImportSOC2Template imports the project comply init makes, writes it,
// and builds it for both audiences: every document becomes a policy page,
// and every id that cannot be mapped is reported where it is written.
func TestImportSOC2Template(t *testing.T) {
	res, err := comply.Import("testdata/comply-soc2", comply.Options{Company: "Acme Cloud, Inc.", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if res.Diags.HasErrors() {
		t.Fatalf("import errors: %v", res.Diags.Items())
	}
	// The bad ids: comply's own template claims CC9.9 in five policies.
	var bad []string
	for _, d := range res.Diags.Items() {
		bad = append(bad, d.String())
	}
	want := []string{
		`policies/classification.md:5:7: warning: "CC9.9" is not a SOC 2 criterion, so it is not mapped (did you mean "CC9.2"?); the control keeps a note of it`,
		`policies/encryption.md:5:7: warning: "CC9.9" is not a SOC 2 criterion, so it is not mapped (did you mean "CC9.2"?); the control keeps a note of it`,
		`policies/information.md:5:7: warning: "CC9.9" is not a SOC 2 criterion, so it is not mapped (did you mean "CC9.2"?); the control keeps a note of it`,
		`policies/password.md:5:7: warning: "CC9.9" is not a SOC 2 criterion, so it is not mapped (did you mean "CC9.2"?); the control keeps a note of it`,
		`policies/policy.md:5:7: warning: "CC9.9" is not a SOC 2 criterion, so it is not mapped (did you mean "CC9.2"?); the control keeps a note of it`,
	}
	if !slices.Equal(bad, want) {
		t.Errorf("reported:\n%s\nwant:\n%s", strings.Join(bad, "\n"), strings.Join(want, "\n"))
	}
	if res.Unmapped != 5 {
		t.Errorf("Unmapped = %d, want 5", res.Unmapped)
	}
	if got := res.Documents; got["policies"] != 27 || got["narratives"] != 5 || got["procedures"] != 4 {
		t.Errorf("documents: %v, want 27 policies, 5 narratives, 4 procedures", got)
	}
	controls := string(res.Files["content/controls/comply.toml"])
	for _, want := range []string{
		"id          = \"AOTP\"\ntitle       = \"Access Onboarding and Termination Policy\"",
		`soc2        = ["CC6.1", "CC6.2", "CC6.3"]`,
		`# Not mapped: TSC: CC9.9 (not a SOC 2 criterion)`,
	} {
		if !strings.Contains(controls, want) {
			t.Errorf("content/controls/comply.toml lacks %q", want)
		}
	}
	access := string(res.Files["content/policies/access.md"])
	for _, want := range []string{
		"controls       = [\"AOTP\"]",
		"approved       = 2018-06-01",
		"[[revision]]\nversion = \"1.0\"\ndate    = 2018-06-01\nnote    = \"Initial document\"",
		"   1. Hiring Manager informs HR upon hire of a new employee.", // pandoc's "    i." as a nested list
	} {
		if !strings.Contains(access, want) {
			t.Errorf("content/policies/access.md lacks %q:\n%s", want, access)
		}
	}
	narrative := string(res.Files["content/policies/control-narrative.md"])
	if strings.Contains(narrative, "{{") || !strings.Contains(narrative, "the control structure of Acme Cloud, Inc.") {
		t.Errorf("{{.Name}} not replaced by the company:\n%s", narrative)
	}
	if strings.Contains(narrative, "# Control Environment Narrative") {
		t.Errorf("the heading that repeats the title is kept")
	}

	site := filepath.Join(t.TempDir(), "site")
	if err := scaffold.Write(site, res.Files); err != nil {
		t.Fatal(err)
	}
	sources := documents(t, "testdata/comply-soc2")
	// comply recorded no revision, so no approval, for the procedures: they
	// are drafts, which the test publishes to see every document converted.
	for _, slug := range []string{"onboarding-procedure", "offboarding-procedure", "patch-procedure", "workstation-procedure"} {
		if doc := string(res.Files["content/policies/"+slug+".md"]); !strings.Contains(doc, "\ndraft          = true") || strings.Contains(doc, "\napproved ") {
			t.Errorf("%s, with no revision, is not a draft:\n%s", slug, doc)
		}
	}
	for _, aud := range []model.Audience{model.AudiencePublic, model.AudienceNDA} {
		r, err := pipeline.Render(pipeline.Options{Site: site, Audience: aud, AsOf: today, Drafts: true, Templates: trustdocs.Templates, Theme: trustdocs.Theme})
		if err != nil {
			t.Fatal(err)
		}
		if r.Diags.HasErrors() {
			t.Fatalf("%s build of the import: %v", aud, errorsOf(r.Diags))
		}
		index := string(r.Output.Files["policies/index.html"])
		for slug, title := range sources {
			if !strings.Contains(index, title) {
				t.Errorf("%s: policies/index.html does not list %q", aud, title)
			}
			_, rendered := r.Output.Files["policies/"+slug+"/index.html"]
			if rendered != (aud == model.AudienceNDA) {
				t.Errorf("%s: page of %s rendered = %v; restricted documents render under NDA only", aud, slug, rendered)
			}
		}
		if aud == model.AudienceNDA {
			page := string(r.Output.Files["policies/access/index.html"])
			if strings.Contains(page, "<pre><code>i.") || !strings.Contains(page, "<ol>") {
				t.Errorf("pandoc lists did not become lists:\n%s", page)
			}
		}
	}
}

// documents lists the comply project's documents: the policy slug each
// becomes, and its name.
func documents(t *testing.T, dir string) map[string]string {
	out := map[string]string{}
	nameRE := regexp.MustCompile(`(?m)^name: "?([^"\n]+)"?$`)
	for folder, suffix := range map[string]string{"policies": "", "narratives": "-narrative", "procedures": "-procedure"} {
		files, _ := filepath.Glob(filepath.Join(dir, folder, "*.md"))
		for _, f := range files {
			if filepath.Base(f) == "README.md" {
				continue
			}
			b, _ := os.ReadFile(f)
			m := nameRE.FindSubmatch(b)
			if m == nil {
				t.Fatalf("%s has no name", f)
			}
			out[strings.TrimSuffix(filepath.Base(f), ".md")+suffix] = string(m[1])
		}
	}
	if len(out) != 36 {
		t.Fatalf("the template has %d documents, want 36", len(out))
	}
	return out
}

func errorsOf(l *diag.List) []string {
	var out []string
	for _, d := range l.Items() {
		if d.Severity == diag.Error {
			out = append(out, d.String())
		}
	}
	return out
}

// TestImportInvalid: comply's own invalid inputs are errors at their
// lines, and nothing is imported from a project with errors.
func TestImportInvalid(t *testing.T) {
	res, err := comply.Import("testdata/invalid", comply.Options{Company: "X", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	got := errorsOf(res.Diags)
	want := []string{
		"narratives/invalid-control.md:4: error: the YAML header does not parse: did not find expected key; fix the indentation or quoting here (the header ends at the first line that is exactly ---)",
		"policies/invalid-access.md:10: error: the YAML header does not parse: mapping values are not allowed in this context; fix the indentation or quoting here (the header ends at the first line that is exactly ---)",
		"procedures/invalid-workstation.md:2: error: the YAML header does not parse: mapping values are not allowed in this context; fix the indentation or quoting here (the header ends at the first line that is exactly ---)",
		"standards/invalid-standard.yml:2: error: the standard does not parse: did not find expected alphabetic or numeric character",
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestNotAComplyProject(t *testing.T) {
	if _, err := comply.Import(t.TempDir(), comply.Options{}); err == nil || !strings.Contains(err.Error(), "not a comply project") {
		t.Errorf("empty folder: %v", err)
	}
}

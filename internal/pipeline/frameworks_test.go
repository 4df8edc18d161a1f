package pipeline_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/catalog"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/pipeline"
)

// writeSite writes files into a new temporary site folder.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, files)
	return dir
}

// writeFiles writes files (slash-separated paths) into the folder dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// annexAIDs lists the 93 Annex A controls of the built-in catalog.
func annexAIDs(t *testing.T) []string {
	t.Helper()
	src, _ := catalog.File("iso27001")
	var ids []string
	for _, line := range strings.Split(string(src), "\n") {
		if id, ok := strings.CutPrefix(line, `id    = "A.`); ok {
			ids = append(ids, "A."+strings.TrimSuffix(id, `"`))
		}
	}
	if len(ids) != 93 {
		t.Fatalf("%d Annex A ids read from the catalog", len(ids))
	}
	return ids
}

// TestFrameworksOptional builds a SOC 2-only site, an ISO 27001-only site
// and a site with neither: each builds with no error and no warning, with
// pages for the frameworks it pursues only, and the comparison of both.
func TestFrameworksOptional(t *testing.T) {
	policy := "+++\ntitle = \"Security Policy\"\nversion = \"1.0\"\nowner = \"CISO\"\napproved = 2026-03-01\ncontrols = [\"C-1\"]\n+++\n# Purpose\n\nText.\n"
	site := "title = \"T\"\ncompany = \"Acme, Inc.\"\n[build]\nas_of = 2026-11-01\n"
	var soc2 []string
	for _, s := range []string{"CC1.1", "CC1.2", "CC1.3", "CC1.4", "CC1.5", "CC2.1", "CC2.2", "CC2.3", "CC3.1", "CC3.2", "CC3.3", "CC3.4", "CC4.1", "CC4.2", "CC5.1", "CC5.2", "CC5.3",
		"CC6.1", "CC6.2", "CC6.3", "CC6.4", "CC6.5", "CC6.6", "CC6.7", "CC6.8", "CC7.1", "CC7.2", "CC7.3", "CC7.4", "CC7.5", "CC8.1", "CC9.1", "CC9.2"} {
		soc2 = append(soc2, `"`+s+`"`)
	}
	var annex []string
	for _, id := range annexAIDs(t) {
		annex = append(annex, `"`+id+`"`)
	}
	control := func(key string, ids []string) string {
		return "[[control]]\nid = \"C-1\"\ntitle = \"Everything\"\nstatus = \"implemented\"\n" + key + " = [" + strings.Join(ids, ", ") + "]\n"
	}
	report := "[[attestation]]\nframework = \"soc2\"\ntype = \"II\"\ncategories = [\"security\"]\nopinion = \"unqualified\"\nperiod_start = 2025-07-01\nperiod_end = 2026-06-30\nissued = 2026-08-15\n"
	for _, tt := range []struct {
		name       string
		files      map[string]string
		have, lack []string
	}{
		{"SOC 2 only", map[string]string{"site.toml": site, "content/policies/security.md": policy,
			"content/controls/c.toml": control("soc2", soc2), "content/certifications/soc2.toml": report},
			[]string{"frameworks/soc2/index.html", "frameworks/compare/index.html", "frameworks/compare/iso27001-vs-soc2/index.html"},
			[]string{"frameworks/iso27001/index.html", "frameworks/iso27001/soa/index.html", "frameworks/iso27001/soa/soa.csv"}},
		{"ISO 27001 only", map[string]string{"site.toml": site, "content/policies/security.md": policy,
			"content/controls/c.toml": control("iso27001", annex), "content/soa.toml": "default_reasons = [\"risk\"]\n"},
			[]string{"frameworks/iso27001/index.html", "frameworks/iso27001/soa/index.html", "frameworks/compare/iso27001-vs-soc2/index.html"},
			[]string{"frameworks/soc2/index.html"}},
		{"neither", map[string]string{"site.toml": site, "content/policies/security.md": policy,
			"content/controls/c.toml": "[[control]]\nid = \"C-1\"\ntitle = \"Everything\"\nstatus = \"implemented\"\n"},
			[]string{"frameworks/index.html", "frameworks/compare/index.html"},
			[]string{"frameworks/iso27001/index.html", "frameworks/soc2/index.html"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeSite(t, tt.files)
			res, err := pipeline.Check(pipeline.Options{Site: dir, Templates: trustdocs.Templates, Theme: trustdocs.Theme, Audience: model.AudiencePublic})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range res.Diags.Items() {
				t.Errorf("%s", d)
			}
			out := render(t, pipeline.Options{Site: dir, Templates: trustdocs.Templates, Theme: trustdocs.Theme}).Output
			paths := out.Paths()
			for _, p := range tt.have {
				if !slices.Contains(paths, p) {
					t.Errorf("missing %s", p)
				}
			}
			for _, p := range tt.lack {
				if slices.Contains(paths, p) {
					t.Errorf("%s is made for a framework the site does not pursue", p)
				}
			}
			for p, b := range out.Files {
				for _, f := range tt.lack {
					if link := regexp.MustCompile(`href="(\.\./)*` + regexp.QuoteMeta(f)); link.Match(b) {
						t.Errorf("%s links to %s", p, f)
					}
				}
			}
		})
	}
}

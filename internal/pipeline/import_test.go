package pipeline_test

import (
	"bytes"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/mdimport"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/pipeline"
	"github.com/trustdocs/trustdocs/internal/scaffold"
)

// Real policy sets, imported as Markdown, make sites that build: comply's
// SOC 2 template (YAML headers without an opening ---, {{.Name}}) and
// JupiterOne's templates (Mustache placeholders and sections, MkDocs
// admonitions). Their policies are drafts (neither records an approval),
// so they are built with drafts, for the NDA audience (they are
// restricted), every page made.
func TestImportedFixturesBuild(t *testing.T) {
	for _, c := range []struct {
		dir      string
		vars     map[string]string
		policies int
	}{
		{"../comply/testdata", map[string]string{"Name": "Acme"}, 36},
		{"../mdimport/testdata/jupiterone", map[string]string{"companyShortName": "Acme", "companyFullName": "Acme, Inc.", "needStandardHIPAA": "false"}, 178},
	} {
		t.Run(filepath.Base(c.dir), func(t *testing.T) {
			res, err := mdimport.Import(c.dir, mdimport.Options{Vars: c.vars, Today: model.NewDate(2026, 12, 6)})
			if err != nil {
				t.Fatal(err)
			}
			if res.Diags.HasErrors() || res.Policies < c.policies {
				t.Fatalf("%d policies (want %d or more), errors: %v", res.Policies, c.policies, res.Diags.Items())
			}
			site := filepath.Join(t.TempDir(), "site")
			if err := scaffold.Write(site, res.Files); err != nil {
				t.Fatal(err)
			}
			opts := pipeline.Options{Site: site, Templates: trustdocs.Templates, Theme: trustdocs.Theme, Drafts: true, Audience: model.AudienceNDA}
			out, err := pipeline.Render(opts)
			if err != nil || out.Output == nil || out.Diags.HasErrors() {
				t.Fatalf("the imported site does not build: %v %v", err, errorsOf(out.Diags))
			}
			pages := 0
			for p := range out.Output.Files {
				if strings.HasPrefix(p, "policies/") && strings.HasSuffix(p, "/index.html") {
					pages++
				}
			}
			if pages < c.policies {
				t.Errorf("%d policy and section pages, want %d or more", pages, c.policies)
			}
			// Policy and control pages are written directly in Go while
			// the templates are the built-in ones (render's direct.go);
			// a site's own copy of policy.html and control.html, with a
			// comment added, has them made by the templates instead:
			// every file must be the same.
			for _, name := range []string{"policy.html", "control.html"} {
				b, err := fs.ReadFile(trustdocs.Templates, "templates/"+name)
				if err != nil {
					t.Fatal(err)
				}
				writeFile(t, filepath.Join(site, "templates", name), "{{/* mine */}}"+string(b))
			}
			viaTemplates, err := pipeline.Render(opts)
			if err != nil || viaTemplates.Output == nil {
				t.Fatal(err)
			}
			for _, p := range slices.Sorted(maps.Keys(out.Output.Files)) {
				if !bytes.Equal(out.Output.Files[p], viaTemplates.Output.Files[p]) {
					t.Errorf("%s made directly differs from what its templates make", p)
				}
			}
		})
	}
}

func errorsOf(l *diag.List) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, d := range l.Items() {
		if d.Severity == diag.Error {
			out = append(out, d)
		}
	}
	return out
}

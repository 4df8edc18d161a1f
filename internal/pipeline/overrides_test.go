package pipeline_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/pipeline"
)

// TestOverrides builds a site that changes the look without forking: a
// template of its own, files laid over the theme (one replacing the
// stylesheet, new ones added), and [brand] in site.toml.
func TestOverrides(t *testing.T) {
	site := t.TempDir()
	overlay(t, site, "testdata/bad/base")
	files := map[string]string{
		"site.toml": `title   = "Example Trust Center"
company = "Example, Inc."
contact = "security@example.com"
base_url = "https://trust.example.com/"

[build]
as_of = 2026-11-01

[brand]
logo    = "assets/example-logo.png"
favicon = "assets/favicon.ico"
accent  = "#0b7a75"

[security_txt]
expires = 2027-06-30T12:00:00Z
policy  = "pages/contact"
hiring  = "https://example.com/jobs"
`,
		"templates/page.html":           `{{define "content"}}<h1>{{.Data.Doc.Title}}</h1><p class="from-override">Our own page template.</p>{{.Data.Body}}{{end}}`,
		"theme/assets/style.css":        "/* the site's own stylesheet */\nbody { font-family: serif; }\n",
		"theme/assets/example-logo.png": "PNG logo bytes",
		"theme/assets/favicon.ico":      "ICO bytes",
		"theme/CNAME":                   "trust.example.com\n",
	}
	writeFiles(t, site, files)
	// A real build, to disk: what a deploy publishes.
	res, err := pipeline.Build(pipeline.Options{Site: site, Templates: trustdocs.Templates, Theme: trustdocs.Theme})
	if err != nil || res.Failed() {
		t.Fatalf("build: %v %v", err, res.Diags.Items())
	}
	out := map[string][]byte{}
	public := filepath.Join(site, "public")
	filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(public, p)
			out[filepath.ToSlash(rel)], _ = os.ReadFile(p)
		}
		return nil
	})

	for _, name := range []string{"assets/style.css", "assets/example-logo.png", "assets/favicon.ico", "CNAME"} {
		if got, want := string(out[name]), files["theme/"+name]; got != want {
			t.Errorf("%s: got %q, want the theme file's %q", name, got, want)
		}
	}
	if _, ok := out["assets/site.js"]; !ok {
		t.Errorf("assets/site.js: an embedded file the site does not replace must stay")
	}
	contact := string(out["pages/contact/index.html"])
	if !strings.Contains(contact, `<p class="from-override">Our own page template.</p>`) {
		t.Errorf("pages/contact/index.html was not made with templates/page.html:\n%s", contact)
	}
	for page, root := range map[string]string{"index.html": "", "pages/contact/index.html": "../../"} {
		html := string(out[page])
		for _, want := range []string{
			`<img src="` + root + `assets/example-logo.png" alt="">`,
			`<link rel="icon" href="` + root + `assets/favicon.ico" type="image/x-icon">`,
			`<link rel="stylesheet" href="` + root + `assets/brand.css">`,
		} {
			if !strings.Contains(html, want) {
				t.Errorf("%s lacks %s", page, want)
			}
		}
		if strings.Contains(html, "logo.svg") || strings.Contains(html, "favicon.svg") {
			t.Errorf("%s still names the built-in logo or favicon", page)
		}
	}
	brand := string(out["assets/brand.css"])
	for _, want := range []string{"--accent: #0b7a75;", "@media (prefers-color-scheme: dark)"} {
		if !strings.Contains(brand, want) {
			t.Errorf("assets/brand.css lacks %q:\n%s", want, brand)
		}
	}
	wantTxt := `# Security contact for Example, Inc. (RFC 9116); made by trustdocs from site.toml.
Contact: mailto:security@example.com
Expires: 2027-06-30T12:00:00Z
Preferred-Languages: en
Canonical: https://trust.example.com/.well-known/security.txt
Policy: https://trust.example.com/pages/contact/
Hiring: https://example.com/jobs
`
	if got := string(out[".well-known/security.txt"]); got != wantTxt {
		t.Errorf(".well-known/security.txt:\n%s\nwant:\n%s", got, wantTxt)
	}
}

// TestNoBrandNoExtraFiles: without [brand] and [security_txt], the build
// has neither file and keeps the built-in logo.
func TestNoBrandNoExtraFiles(t *testing.T) {
	site := t.TempDir()
	overlay(t, site, "testdata/bad/base")
	res := render(t, pipeline.Options{Site: site, Templates: trustdocs.Templates, Theme: trustdocs.Theme})
	for _, name := range []string{"assets/brand.css", ".well-known/security.txt"} {
		if _, ok := res.Output.Files[name]; ok {
			t.Errorf("%s made without its table in site.toml", name)
		}
	}
	if !strings.Contains(string(res.Output.Files["index.html"]), `<img src="assets/logo.svg" alt="" width="28" height="28">`) {
		t.Errorf("index.html lacks the built-in logo")
	}
}

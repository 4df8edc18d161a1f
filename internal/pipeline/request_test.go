package pipeline_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/model"
)

const requestPage = "request-access/index.html"

var cspFormAction = regexp.MustCompile(`form-action ([^"]*)"`)

// exampleWith is a copy of the example site whose site.toml has edit made.
func exampleWith(t *testing.T, edit func(site string) string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	site, err := os.ReadFile("../../site.toml")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "site.toml"), edit(string(site)))
	return dir
}

func setRequestAccess(value string) func(string) string {
	return func(site string) string {
		return regexp.MustCompile(`(?m)^request_access\s*=.*$`).ReplaceAllString(site, value)
	}
}

// Where requests go decides the page's form and its Content-Security-
// Policy; every other page allows no form submission; a build that
// withholds nothing, or has nowhere to send a request, has no page.
func TestRequestAccessPage(t *testing.T) {
	for _, tc := range []struct {
		name     string
		audience model.Audience
		edit     func(string) string
		action   string // the form's action; "" for no page
		csp      string
		link     string // what a withheld policy's row links to
	}{
		{"mailto", model.AudiencePublic, func(s string) string { return s },
			"mailto:security@kestrel.example?subject=NDA%20request%3A%20security%20documentation", "mailto:",
			"../request-access/index.html#policy-incident-response-playbook"},
		{"form", model.AudiencePublic, setRequestAccess(`request_access = "https://forms.kestrel.example/nda?key=k1"`),
			"https://forms.kestrel.example/nda?key=k1", "https://forms.kestrel.example",
			"../request-access/index.html#policy-incident-response-playbook"},
		{"contact only", model.AudiencePublic, setRequestAccess(""),
			"mailto:security@kestrel.example", "mailto:", "../request-access/index.html#policy-incident-response-playbook"},
		{"nowhere to send", model.AudiencePublic, func(s string) string {
			s = setRequestAccess("")(s)
			s = s[:strings.Index(s, "[security_txt]")] // its contact defaults to the site's
			return regexp.MustCompile(`(?m)^contact\s*=.*$`).ReplaceAllString(s, "")
		}, "", "", ""},
		{"nothing withheld", model.AudienceNDA, func(s string) string { return s }, "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := example(t)
			opts.Site, opts.Audience = exampleWith(t, tc.edit), tc.audience
			files := render(t, opts).Output.Files
			page, ok := files[requestPage]
			if (tc.action != "") != ok {
				t.Fatalf("a request page: %v, want %v", ok, tc.action != "")
			}
			for path, b := range files {
				if !strings.HasSuffix(path, ".html") || path == requestPage {
					continue
				}
				if m := cspFormAction.FindSubmatch(b); m == nil || string(m[1]) != "'none'" {
					t.Errorf("%s: form-action %q, want 'none'", path, m)
				}
				if links := strings.Contains(string(b), requestPage); links != ok {
					t.Errorf("%s links to the request page: %v, want %v", path, links, ok)
				}
			}
			policies := string(files["policies/index.html"])
			if !ok {
				if tc.audience == model.AudiencePublic && !strings.Contains(policies, `<span class="nda-link">Available under NDA</span>`) {
					t.Error("with nowhere to send requests, a withheld policy does not say it is available under NDA")
				}
				return
			}
			html := string(page)
			if m := cspFormAction.FindStringSubmatch(html); m == nil || m[1] != tc.csp {
				t.Errorf("form-action %q, want %q", m, tc.csp)
			}
			if !strings.Contains(html, `action="`+strings.ReplaceAll(tc.action, "&", "&amp;")+`"`) {
				t.Errorf("the form's action is not %s", tc.action)
			}
			if composes := strings.Contains(html, `data-compose="mailto"`); composes != strings.HasPrefix(tc.action, "mailto:") {
				t.Errorf("composes an e-mail: %v, for %s", composes, tc.action)
			}
			if !strings.Contains(policies, `href="`+tc.link+`"`) {
				t.Errorf("the withheld policy does not link to %s", tc.link)
			}
			// Every document the build lists but withholds, and none it
			// shows or keeps internal.
			for _, want := range []string{"SOC 2 Type II report, 1 July 2025 – 30 June 2026", "Incident Response Playbook", "Penetration Test Summary 2026",
				"Can we see the results of your latest penetration test?"} {
				if !strings.Contains(html, `value="`+want+`"`) {
					t.Errorf("no checkbox for %s", want)
				}
			}
			if n := strings.Count(html, `name="documents"`); n != 4 {
				t.Errorf("%d documents to request, want 4", n)
			}
		})
	}
}

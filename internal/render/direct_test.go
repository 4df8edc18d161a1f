package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	trustdocs "github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/load"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

// The built-in templates are the ones the direct pages were written from:
// otherwise the pages are made by the templates, correctly but slowly.
// After a change to base.html, partials.html, policy.html or
// control.html, make the direct page write what the template does
// (TestDirectAsTemplates), then put the new sums in directFrom.
func TestDirectFrom(t *testing.T) {
	src := map[string][]byte{}
	for name := range directFrom {
		b, err := fs.ReadFile(trustdocs.Templates, path.Join("templates", name))
		if err != nil {
			t.Fatal(err)
		}
		src[name] = b
		if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != directFrom[name] {
			t.Errorf("templates/%s changed since its direct page was written: make direct.go write what it does, then put %x in directFrom", name, sum)
		}
	}
	if got := slices.Sorted(maps.Keys(directFor(src))); !slices.Equal(got, slices.Sorted(maps.Keys(directPages))) {
		t.Errorf("direct pages in use with the built-in templates: %v, want all of %v", got, slices.Sorted(maps.Keys(directPages)))
	}
	for _, over := range []string{"base.html", "partials.html", "policy.html"} {
		own := maps.Clone(src)
		own[over] = append(slices.Clone(src[over]), ' ')
		if _, ok := directFor(own)["policy.html"]; ok {
			t.Errorf("with a site's own templates/%s, policy pages are still made directly", over)
		}
	}
	own := maps.Clone(src)
	own["policy.html"] = []byte(`{{define "content"}}mine{{end}}`)
	if _, ok := directFor(own)["control.html"]; !ok {
		t.Errorf("with a site's own policy.html, control pages are no longer made directly")
	}
}

// Every policy and control page made directly is the bytes its templates
// make, on the example, canary and starter sites, one of nested sections
// and a synthetic one whose values need escaping or are left empty, for
// both audiences, with and without a base URL, and in a recipient's pack.
func TestDirectAsTemplates(t *testing.T) {
	sites := map[string]func() *resolve.Site{
		"example":  func() *resolve.Site { return loadSite(t, "../..") },
		"canary":   func() *resolve.Site { return loadSite(t, "../pipeline/testdata/canary/site") },
		"starter":  func() *resolve.Site { return loadSite(t, "../scaffold/site") },
		"odd":      func() *resolve.Site { return oddSite(t, `Tom's "x" & <y> + z`+"\x00é\xff") },
		"sections": func() *resolve.Site { return loadSite(t, sectionsSite(t)) },
	}
	for name, site := range sites {
		for _, a := range []model.Audience{model.AudiencePublic, model.AudienceNDA} {
			for _, base := range []string{"", "https://trust.example.com/sub/"} {
				n := sameAsTemplates(t, site(), Options{Audience: a, BaseURL: base})
				if n == 0 {
					t.Errorf("%s, %s, base %q: no page made directly", name, a, base)
				}
			}
		}
	}
	// A recipient's pack: its banner and stylesheet are in the chrome.
	rc := &Recipient{Name: `Buyer & "Co"`, ValidUntil: model.NewDate(2027, 1, 31)}
	if sameAsTemplates(t, sites["example"](), Options{Audience: model.AudienceNDA, Recipient: rc}) == 0 {
		t.Error("a recipient's pack: no page made directly")
	}
}

// FuzzDirectAsTemplates puts odd text in every value the direct pages
// show.
func FuzzDirectAsTemplates(f *testing.F) {
	for _, s := range []string{"", "a b'\"<>&+", "\x00\xff", "https://x/?a=1&b=2", "{{.}}", "<!-- x -->"} {
		f.Add(s)
	}
	s := synthSite(f, 8)
	f.Fuzz(func(t *testing.T, odd string) {
		// Resolved again for each value: a plan narrows the site.
		setOdd(s, odd)
		sameAsTemplates(t, s, Options{Audience: model.AudienceNDA})
	})
}

// sameAsTemplates plans s and checks each page made directly against its
// templates'; it returns how many there were.
func sameAsTemplates(t testing.TB, s *resolve.Site, opts Options) int {
	t.Helper()
	opts.Templates, opts.Theme = trustdocs.Templates, trustdocs.Theme
	var diags diag.List
	plan, err := Prepare(s, opts, &diags)
	if plan == nil {
		t.Fatal(err, diags.Items())
	}
	direct := plan.r.tmpl.direct
	n := 0
	for _, p := range slices.Sorted(maps.Keys(plan.Items)) {
		pg := plan.Items[p].page
		if pg == nil || direct[pg.Template] == nil {
			continue
		}
		var got, streamed, want bytes.Buffer
		err := plan.makePage(&got, pg)
		if err == nil { // into a writer that is not a buffer, as a big page is streamed
			err = plan.makePage(struct{ io.Writer }{&streamed}, pg)
		}
		if err == nil && !bytes.Equal(got.Bytes(), streamed.Bytes()) {
			t.Fatalf("%s made directly into a buffer differs from the same made into a stream", p)
		}
		plan.r.tmpl.direct = nil
		werr := plan.makePage(&want, pg)
		plan.r.tmpl.direct = direct
		if err != nil || werr != nil {
			t.Fatalf("%s: %v, through templates %v", p, err, werr)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("%s (%s, base %q) made directly differs from its templates at byte %d:\n%s\ntemplates:\n%s", p, opts.Audience, opts.BaseURL,
				firstDiff(got.Bytes(), want.Bytes()), around(got.Bytes(), want.Bytes()), around(want.Bytes(), got.Bytes()))
		}
		n++
	}
	return n
}

func firstDiff(a, b []byte) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

// around is a's bytes around where it first differs from b.
func around(a, b []byte) string {
	i := firstDiff(a, b)
	return strconv.Quote(string(a[max(0, i-80):min(len(a), i+80)]))
}

// sectionsSite writes a site whose policies are in nested sections, one
// of which has a title that needs escaping: the pages' breadcrumb trails.
func sectionsSite(t testing.TB) string {
	dir := t.TempDir()
	policy := func(title string) string {
		return "+++\ntitle = \"" + title + "\"\nversion = \"1.0\"\nowner = \"CISO\"\napproved = 2026-03-01\ncontrols = [\"C-1\"]\n+++\n\n## Scope\n\nText.\n"
	}
	for name, text := range map[string]string{
		"site.toml":                                "title = \"T\"\ncompany = \"Acme\"\n",
		"content/controls/c.toml":                  "[[control]]\nid = \"C-1\"\ntitle = \"One\"\nstatus = \"implemented\"\niso27001 = [\"A.5.1\"]\n",
		"content/policies/top.md":                  policy("Top"),
		"content/policies/people/_index.md":        "+++\ntitle = \"People & <Places> 'n' \\\"more\\\"\"\n+++\n\nIntro.\n",
		"content/policies/people/hiring.md":        policy("Hiring"),
		"content/policies/people/travel/_index.md": "+++\ntitle = \"Travel\"\n+++\n",
		"content/policies/people/travel/trips.md":  policy("Trips"),
	} {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func loadSite(t testing.TB, dir string) *resolve.Site {
	t.Helper()
	var diags diag.List
	m, err := load.Load(dir, &diags)
	if err != nil {
		t.Fatal(err)
	}
	return resolve.Resolve(m, model.NewDate(2026, 11, 1), &diags)
}

// oddSite is a synthetic site whose values are odd, some left empty, some
// policies restricted or drafts, with sections, revisions and evidence.
func oddSite(t testing.TB, odd string) *resolve.Site {
	s := synthSite(t, 8)
	setOdd(s, odd)
	return s
}

// setOdd puts odd in the values of s that the direct pages show.
func setOdd(s *resolve.Site, odd string) {
	s.Config.Language, s.Config.Title = odd, odd
	for i, c := range s.Controls {
		c.ID = "C-" + strconv.Itoa(i) + odd
		c.Title, c.Owner = odd, odd
		c.Description = odd + " *x* " + odd
		c.Evidence = []string{odd, ""}
		if i%3 == 2 {
			c.Owner, c.Description, c.Evidence = "", "", nil
			c.Mappings = nil
		}
		for _, mp := range c.Mappings {
			mp.Framework.ShortName = odd
			for _, r := range mp.Requirements {
				r.Requirement.Title = odd
			}
		}
	}
	for i, p := range s.Policies {
		p.Title, p.Summary, p.Version, p.Owner, p.ApprovedBy, p.LastCommit = odd, odd, odd, odd, odd, odd
		p.LastChange = model.NewDate(2026, 10, 2)
		p.Effective = model.NewDate(2026, 1, 1)
		p.Revisions = []model.Revision{{Version: odd, Date: model.NewDate(2025, 5, 6), Note: odd}, {}}
		switch i % 4 {
		case 1:
			p.Classification = model.Restricted
			p.Summary, p.ApprovedBy, p.Revisions = "", "", nil
		case 2:
			p.Draft, p.Review, p.Approved = true, "", model.Date{}
			p.LastChange, p.Effective = model.Date{}, model.Date{}
		case 3:
			p.Approved, p.Review = model.Date{}, ""
			p.Controls = nil
		}
	}
}

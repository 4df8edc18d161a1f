package pipeline_test

import (
	"bytes"
	"context"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/pipeline"
	rendering "github.com/trustdocs/trustdocs/internal/render"
	"github.com/trustdocs/trustdocs/internal/synth"
)

// After every kind of edit, a session's build is the same, file for file,
// as a build from scratch, and remakes only what the edit can change.
func TestSessionMatchesFullBuild(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Policies: 12, Controls: 6}); err != nil {
		t.Fatal(err)
	}
	opts := pipeline.Options{Site: dir, Templates: trustdocs.Templates, Theme: trustdocs.Theme}
	policy := filepath.Join(dir, "content", "policies", synth.PolicySlug(2)+".md")
	other := filepath.Join(dir, "content", "policies", synth.PolicySlug(7)+".md")
	third := filepath.Join(dir, "content", "policies", synth.PolicySlug(5)+".md")
	css := filepath.Join(dir, "theme", "assets", "extra.css")
	pdf := filepath.Join(dir, "content", "files", "scope.pdf")
	site := filepath.Join(dir, "site.toml")
	steps := []step{
		{"first build", func() {}, nil, -1, false, false},
		{"a body", func() { replace(t, policy, "# Scope", "# Reach") }, []string{policy}, 3, false, false},
		{"a body, unknown change", func() { replace(t, policy, "# Reach", "# Range") }, nil, -1, false, false},
		{"a body again", func() { replace(t, policy, "# Range", "# Extent") }, []string{policy}, 3, false, false},
		{"front matter", func() { replace(t, policy, `title = "Policy 3"`, `title = "Policy Three"`) }, []string{policy}, -2, false, false},
		{"a policy's controls", func() { replace(t, policy, `controls = ["SC-0003", "SC-0002"]`, `controls = ["SC-0001"]`) }, []string{policy}, -2, false, false},
		{"front matter and a body", func() {
			replace(t, policy, `version = "1.2"`, `version = "1.3"`)
			replace(t, other, "# Scope", "# Reach")
		}, []string{policy, other}, -2, false, false},
		{"a contact address", func() { replace(t, site, "[build]", "contact = \"security@synthetic.example\"\n\n[build]") }, []string{site}, -1, false, false},
		// The first document withheld from the public: a request page, and
		// a link to it in every page's footer.
		{"a restricted policy", func() { replace(t, policy, `version = "1.3"`, "version = \"1.3\"\nclassification = \"restricted\"") }, []string{policy}, -1, false, false},
		{"public again", func() { replace(t, policy, `classification = "restricted"`, `classification = "public"`) }, []string{policy}, -1, false, false},
		{"restricted again", func() { replace(t, policy, `classification = "public"`, `classification = "restricted"`) }, []string{policy}, -1, false, false},
		{"a broken link", func() { replace(t, other, "# Reach", "[x](nowhere.md)\n\n# Reach") }, []string{other}, 0, true, false},
		{"fixed", func() { replace(t, other, "[x](nowhere.md)", "[x](policy-00001.md)") }, []string{other}, 3, false, false},
		{"a typo in front matter", func() { replace(t, other, `version = "1.7"`, `version = "1.7`) }, []string{other}, 0, true, false},
		{"another file meanwhile", func() { replace(t, third, "# Scope", "# Breadth") }, []string{third}, 0, true, false},
		{"the typo fixed", func() { replace(t, other, `version = "1.7`, `version = "1.7"`) }, []string{other}, 4, false, false},
		// Links into a body edited, and files that links publish: what a
		// build after edits of bodies alone checks again.
		{"a link to a heading", func() { replace(t, third, "# Breadth", "[see](policy-00002.md#extent)\n\n# Breadth") }, []string{third}, 3, false, false},
		{"the heading renamed", func() { replace(t, policy, "# Extent", "# Span") }, []string{policy}, 0, true, false},
		{"and back", func() { replace(t, policy, "# Span", "# Extent") }, []string{policy}, 2, false, false}, // restricted: no page, the search indexes
		{"a file", func() { writeFile(t, pdf, "%PDF-1.4") }, []string{pdf}, -1, false, false},
		{"a link to it", func() { replace(t, third, "# Breadth", "[pdf](../files/scope.pdf)\n\n# Breadth") }, []string{third}, 3, false, false},
		{"a link to it from another body", func() { replace(t, other, "# Reach", "[pdf](../files/scope.pdf)\n\n# Reach") }, []string{other}, 3, false, false},
		{"the first link gone", func() { replace(t, third, "[pdf](../files/scope.pdf)", "") }, []string{third}, 3, false, false},
		{"the other too", func() { replace(t, other, "[pdf](../files/scope.pdf)", "") }, []string{other}, 3, false, false},
		{"a new stylesheet", func() { writeFile(t, css, "body{}") }, []string{css}, 0, false, true},
		{"the stylesheet", func() { writeFile(t, css, "body{color:red}") }, []string{css}, 0, false, true},
	}
	checkSteps(t, opts, steps)
}

// A step is an edit of a site, and what the next build must do.
type step struct {
	name    string
	edit    func()
	changed []string // what a watcher saw
	remake  int      // -1: every file; -2: more than the page, fewer than all; a body's edit remakes its page and the two search indexes
	errors  bool
	style   bool
}

// checkSteps makes each edit and checks the next build; it returns the
// templates of the pages it compared.
func checkSteps(t *testing.T, opts pipeline.Options, steps []step) map[string]bool {
	t.Helper()
	s := pipeline.NewSession(opts)
	kinds := map[string]bool{}
	for _, st := range steps {
		st.edit()
		g, err := s.Rebuild(st.changed)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if g.HasErrors() != st.errors {
			t.Fatalf("%s: errors %v, want %v: %v", st.name, g.HasErrors(), st.errors, g.Diags)
		}
		// A body's edit (its page and the two search indexes) converts
		// the bodies edited, and resolves and plans nothing again.
		if st.remake == 3 && !pipeline.Rebodied(g) {
			t.Errorf("%s: resolved and planned the whole site again", st.name)
		}
		full, err := pipeline.Render(opts)
		if err != nil {
			t.Fatalf("%s: full build: %v", st.name, err)
		}
		if want := full.Diags.Items(); !slices.Equal(g.Diags, want) {
			t.Errorf("%s: problems\n%v\nfull build's\n%v", st.name, g.Diags, want)
		}
		if st.errors {
			continue
		}
		want := st.remake
		if want == -1 {
			want = len(g.Plan.Items)
		}
		if (want == -2 && (g.Remake <= 2 || g.Remake >= len(g.Plan.Items))) || (want >= 0 && g.Remake != want) || g.StyleOnly != st.style {
			t.Errorf("%s: remake %d of %d files (style only %v), want %d (%v)", st.name, g.Remake, len(g.Plan.Items), g.StyleOnly, want, st.style)
		}
		t.Logf("%s: remake %d of %d files", st.name, g.Remake, len(g.Plan.Items))
		if problems := g.MakeAll(context.Background()); len(problems) > 0 {
			t.Fatalf("%s: %v", st.name, problems)
		}
		if full.Output == nil {
			t.Fatalf("%s: full build: %v %v", st.name, err, full.Diags.Items())
		}
		if len(full.Output.Files) != len(g.Plan.Items) {
			t.Errorf("%s: %d files, full build %d", st.name, len(g.Plan.Items), len(full.Output.Files))
		}
		for p, b := range full.Output.Files {
			got, err := g.File(p)
			if err != nil || !bytes.Equal(got, b) {
				t.Errorf("%s: %s differs from the full build's (%v)", st.name, p, err)
			}
		}
		if g.Remake < len(g.Plan.Items) { // after an edit that kept files
			for _, it := range g.Plan.Items {
				kinds[it.Template()] = true
			}
		}
		if !maps.Equal(g.Plan.Copies, full.Output.Copies) {
			t.Errorf("%s: copies %v, full build's %v", st.name, g.Plan.Copies, full.Output.Copies)
		}
	}
	return kinds
}

// The example site has what the synthetic one lacks: free pages, an
// introduction, restricted documents, bundles, certificates. It is checked
// for both audiences.
func TestSessionMatchesFullBuildOnExample(t *testing.T) {
	kinds := map[string]bool{} // an NDA build has no request page
	for _, audience := range []model.Audience{model.AudiencePublic, model.AudienceNDA} {
		t.Run(string(audience), func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
				t.Fatal(err)
			}
			site, _ := os.ReadFile("../../site.toml")
			writeFile(t, filepath.Join(dir, "site.toml"), string(site))
			opts := example(t)
			opts.Site, opts.Audience = dir, audience
			at := func(rel string) string { return filepath.Join(dir, "content", filepath.FromSlash(rel)) }
			policy, faq, intro := at("policies/access-control.md"), at("pages/faq.md"), at("_index.md")
			// A section: policies in a folder, with an introduction.
			section := at("policies/people/_index.md")
			writeFile(t, section, "+++\ntitle = \"People\"\nsummary = \"Hiring, training and leaving.\"\n+++\n\nHow we look after [access](../access-control.md).\n")
			if err := os.Rename(at("policies/hr-security.md"), at("policies/people/hr-security.md")); err != nil {
				t.Fatal(err)
			}
			replace(t, at("policies/people/hr-security.md"), "](access-control.md)", "](../access-control.md)")
			replace(t, policy, "](hr-security.md)", "](people/hr-security.md)")
			replace(t, at("policies/information-security.md"), "](hr-security.md)", "](people/hr-security.md)")
			appendText := func(file, text string) {
				b, _ := os.ReadFile(file)
				writeFile(t, file, string(b)+text)
			}
			// A restricted policy made public: in a public build, a page
			// more (every file is made again); in an NDA build, the lists.
			classified := -2
			if audience == model.AudiencePublic {
				classified = -1
			}
			compared := checkSteps(t, opts, []step{
				{"first build", func() {}, nil, -1, false, false},
				{"a policy's body", func() { appendText(policy, "\nOne more sentence.\n") }, []string{policy}, 3, false, false},
				{"a page's body", func() { appendText(faq, "\nOne more answer.\n") }, []string{faq}, 3, false, false},
				{"the introduction", func() { appendText(intro, "\nOne more line.\n") }, []string{intro}, 3, false, false},
				{"a section's introduction", func() { appendText(section, "\nOne more line.\n") }, []string{section}, 3, false, false},
				{"a policy's title", func() { replace(t, policy, `"Access Control Policy"`, `"Access Policy"`) }, []string{policy}, -2, false, false},
				{"a policy's controls", func() { replace(t, policy, `"AC-05", "AC-06"]`, `"AC-05"]`) }, []string{policy}, -2, false, false},
				{"a policy's owner", func() { replace(t, policy, `"Head of IT"`, `"IT Lead"`) }, []string{policy}, -2, false, false},
				{"a revision", func() {
					replace(t, policy, "[[revision]]", "[[revision]]\nversion = \"2.4\"\ndate    = 2026-03-02\nnote    = \"Clarified.\"\n\n[[revision]]")
					replace(t, policy, `version        = "2.3"`, `version        = "2.4"`)
				}, []string{policy}, -2, false, false},
				{"a policy's classification", func() {
					replace(t, at("policies/incident-response-playbook.md"), `classification = "restricted"`, `classification = "public"`)
				}, []string{at("policies/incident-response-playbook.md")}, classified, false, false},
				{"a page's title", func() { replace(t, faq, `"Security FAQ"`, `"Questions"`) }, []string{faq}, -1, false, false},
				{"a control", func() {
					replace(t, at("controls/access.toml"), `"Least-privilege, role-based access"`, `"Least privilege"`)
				}, []string{at("controls/access.toml")}, -1, false, false},
				{"the SoA", func() { replace(t, at("soa.toml"), `version     = "2"`, `version     = "3"`) }, []string{at("soa.toml")}, -1, false, false},
				{"a report", func() { replace(t, at("certifications/soc2.toml"), `"Example CPA LLP"`, `"Other CPA LLP"`) }, []string{at("certifications/soc2.toml")}, -1, false, false},
				{"a subprocessor", func() { replace(t, at("subprocessors.toml"), `location = "US"`, `location = "EU"`) }, []string{at("subprocessors.toml")}, -1, false, false},
				{"an answer", func() {
					replace(t, at("answers/data.toml"), "with AES-256.", "with AES-256-GCM.")
				}, []string{at("answers/data.toml")}, -1, false, false},
				{"a new policy", func() {
					writeFile(t, at("policies/new.md"), "+++\ntitle = \"New\"\nowner = \"CISO\"\nversion = \"1.0\"\napproved = 2026-01-05\napproved_by = \"CEO\"\ncontrols = [\"AC-01\"]\n+++\n\nText.\n")
				}, []string{at("policies/new.md")}, -1, false, false},
				{"a policy removed", func() { os.Remove(at("policies/new.md")) }, []string{at("policies/new.md")}, -1, false, false},
				{"site.toml", func() {
					replace(t, filepath.Join(dir, "site.toml"), `"Kestrel Analytics Trust Center"`, `"Kestrel Trust"`)
				}, []string{filepath.Join(dir, "site.toml")}, -1, false, false},
				{"a template", func() {
					b, _ := fs.ReadFile(trustdocs.Templates, "templates/404.html")
					writeFile(t, filepath.Join(dir, "templates", "404.html"), strings.Replace(string(b), "</h1>", " (really)</h1>", 1))
				}, []string{filepath.Join(dir, "templates", "404.html")}, -1, false, false},
			})
			for k := range compared {
				kinds[k] = true
			}
		})
	}
	pageKinds(t, kinds)
}

// pageKinds fails the test unless pages of every template were compared
// after edits that kept files: a new kind of page must be in the site of
// this test, where every file a session keeps is compared with a full
// build.
func pageKinds(t *testing.T, seen map[string]bool) {
	t.Helper()
	names, err := rendering.PageTemplates(trustdocs.Templates)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		// The notice opens a recipient's pack and the book is what
		// trustdocs pdf prints, which a session (serve) never makes:
		// TestRecipientPack and TestPDF check them.
		if !seen[name] && name != "notice.html" && name != "book.html" {
			t.Errorf("no page of %s was compared after the edits: add one to the site of this test", name)
		}
	}
}

func replace(t *testing.T, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(b), old) {
		t.Fatalf("%s: no %q (%v)", file, old, err)
	}
	writeFile(t, file, strings.Replace(string(b), old, new, 1))
}

// writeFile saves an edit of a file (synth.Save).
func writeFile(t *testing.T, file, text string) {
	t.Helper()
	if err := synth.Save(file, text); err != nil {
		t.Fatal(err)
	}
}

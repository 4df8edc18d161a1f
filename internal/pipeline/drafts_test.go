package pipeline_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/pipeline"
)

// A draft policy is checked like any other, shown by serve, and left out
// of build and pack, from every file, unless they are told to publish
// drafts; a published policy's link to it leads to the library, with a
// warning.
func TestDrafts(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"site.toml":                     "title = \"T\"\ncompany = \"Acme\"\nbase_url = \"https://trust.acme.example/\"\n[build]\nas_of = 2026-11-01\n",
		"content/controls/c.toml":       "[[control]]\nid = \"C-1\"\ntitle = \"One\"\nstatus = \"implemented\"\n",
		"content/policies/published.md": "+++\ntitle = \"Published Policy\"\nversion = \"1.0\"\nowner = \"CISO\"\napproved = 2026-03-01\ncontrols = [\"C-1\"]\n+++\nSee the [draft](draft.md).\n",
		"content/policies/draft.md":     "+++\ntitle = \"Unapproved Draftpolicy\"\nversion = \"0.1\"\nowner = \"CISO\"\ndraft = true\ncontrols = [\"C-1\"]\n\n[[revision]]\nversion = \"0.1\"\ndate = 2026-10-01\nnote = \"Draftrevision\"\n+++\nDraftbody text, with a [broken link](missing.md).\n",
	})
	opts := pipeline.Options{Site: dir, Templates: trustdocs.Templates, Theme: trustdocs.Theme}
	res, err := pipeline.Check(opts)
	if err != nil {
		t.Fatal(err)
	}
	var said []string
	for _, d := range res.Diags.Items() {
		said = append(said, d.String())
	}
	report := strings.Join(said, "\n")
	// The draft's own mistakes are found, and the link to it is warned about.
	for _, want := range []string{
		`content/policies/draft.md:13:24: error: link to "missing.md"`,
		`there is no policy or page content/policies/missing.md`,
		`content/policies/published.md:8:9: warning: link to "draft.md": content/policies/draft.md is a draft, which this build leaves out, so the link leads to the policy library`,
	} {
		if !strings.Contains(report, want) {
			t.Errorf("check lacks %q:\n%s", want, report)
		}
	}
	if strings.Contains(report, "approved") || strings.Contains(report, "implemented by no policy") {
		t.Errorf("a draft needs no approval, and counts for its controls:\n%s", report)
	}

	// Fix the draft's broken link, then build without and with drafts.
	writeFile(t, filepath.Join(dir, "content/policies/draft.md"), "+++\ntitle = \"Unapproved Draftpolicy\"\nversion = \"0.1\"\nowner = \"CISO\"\ndraft = true\ncontrols = [\"C-1\"]\n\n[[revision]]\nversion = \"0.1\"\ndate = 2026-10-01\nnote = \"Draftrevision\"\n+++\nDraftbody text.\n")
	res, err = pipeline.Render(opts)
	if err != nil || res.Output == nil {
		t.Fatalf("render: %v %v", err, res.Diags.Items())
	}
	if res.Drafts != 1 {
		t.Errorf("%d drafts left out, want 1", res.Drafts)
	}
	for p, b := range res.Output.Files {
		for _, never := range []string{"draftpolicy", "draftbody", "draftrevision", "policies/draft/"} {
			if bytes.Contains(bytes.ToLower(b), []byte(never)) {
				t.Errorf("%s holds %q of the draft", p, never)
			}
		}
	}
	if !strings.Contains(string(res.Output.Files["policies/published/index.html"]), `href="../index.html">draft</a>`) {
		t.Errorf("the link to the draft does not lead to the library")
	}
	opts.Drafts = true
	res, err = pipeline.Render(opts)
	if err != nil || res.Output == nil {
		t.Fatalf("render --drafts: %v %v", err, res.Diags.Items())
	}
	if page := string(res.Output.Files["policies/draft/index.html"]); !strings.Contains(page, `<span class="badge badge-info">Draft</span>`) {
		t.Errorf("--drafts: the draft's page is missing or unmarked")
	}

	// A session with Drafts, as serve's, shows them.
	s := pipeline.NewSession(pipeline.Options{Site: dir, Drafts: true, Templates: trustdocs.Templates, Theme: trustdocs.Theme})
	g, err := s.Rebuild(nil)
	if err != nil || g.HasErrors() {
		t.Fatalf("serve's build: %v %v", err, g.Diags)
	}
	if page, err := g.File("policies/draft/index.html"); err != nil || !bytes.Contains(page, []byte("Draftbody")) {
		t.Errorf("serve does not show the draft: %v", err)
	}
}

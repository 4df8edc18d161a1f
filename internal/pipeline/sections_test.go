package pipeline_test

import (
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/pipeline"
)

// policy is the front matter of an approved policy, and body.
func policy(title, extra, body string) string {
	return "+++\ntitle = \"" + title + "\"\nversion = \"1.0\"\nowner = \"CISO\"\napproved = 2026-03-01\ncontrols = [\"C-1\"]\n" + extra + "+++\n\n" + body
}

// Policies in nested folders: sections in the library and pages of their
// own, links between folders by relative path, files beside a policy
// published under its page, and a restricted policy's files kept out of
// the public build.
func TestNestedPolicies(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"site.toml":                               "title = \"T\"\ncompany = \"Acme\"\n[build]\nas_of = 2026-11-01\n",
		"content/controls/c.toml":                 "[[control]]\nid = \"C-1\"\ntitle = \"One\"\nstatus = \"implemented\"\n",
		"content/policies/top.md":                 policy("Top", "", "See [hiring](people/hiring.md#checks), [travel](people/travel/index.md) and [the people section](people/_index.md).\n"),
		"content/policies/people/_index.md":       "+++\ntitle = \"People\"\nsummary = \"Hiring and leaving.\"\nweight = 2\n+++\n\nHow we look after [the top](../top.md).\n",
		"content/policies/people/hiring.md":       policy("Hiring", "weight = 1\n", "## Checks\n\n![flow](flow.png) ![shared](../shared/logo.png) [form](forms/nda.pdf)\n\nBack to [top](../top.md).\n"),
		"content/policies/people/flow.png":        "PNG",
		"content/policies/people/forms/nda.pdf":   "PDF",
		"content/policies/shared/logo.png":        "LOGO",
		"content/policies/people/travel/index.md": policy("Travel", "", "![map](map.png) and [hiring](../hiring.md).\n"),
		"content/policies/people/travel/map.png":  "MAP",
		"content/policies/people/travel/notes.md": "Not a policy: the bundle's attachment.\n",
		"content/policies/ops/secret.md":          policy("Secret", "classification = \"restricted\"\n", "![net](net.png)\n"),
		"content/policies/ops/net.png":            "NET",
		"content/policies/ops/deep/er/deepest.md": policy("Deepest", "", "[up](../../../top.md)\n"),
	})
	opts := pipeline.Options{Site: dir, Templates: trustdocs.Templates, Theme: trustdocs.Theme}
	res, err := pipeline.Check(opts)
	if err != nil || len(res.Diags.Items()) > 0 {
		t.Fatalf("check: %v %v", err, res.Diags.Items())
	}
	for _, audience := range []model.Audience{model.AudiencePublic, model.AudienceNDA} {
		opts.Audience = audience
		res, err := pipeline.Render(opts)
		if err != nil || res.Output == nil {
			t.Fatalf("%s: %v %v", audience, err, res.Diags.Items())
		}
		files, copies := res.Output.Files, res.Output.Copies
		page := func(p string) string {
			t.Helper()
			b, ok := files[p]
			if !ok {
				t.Fatalf("%s: no %s", audience, p)
			}
			return string(b)
		}
		top := page("policies/top/index.html")
		for _, want := range []string{`href="../hiring/index.html#checks"`, `href="../travel/index.html"`, `href="../people/index.html"`} {
			if !strings.Contains(top, want) {
				t.Errorf("%s: top policy lacks %s", audience, want)
			}
		}
		hiring := page("policies/hiring/index.html")
		for _, want := range []string{`src="flow.png"`, `src="_/shared/logo.png"`, `href="forms/nda.pdf"`, `href="../top/index.html"`,
			`<a href="../../policies/people/index.html">People</a></nav>`} {
			if !strings.Contains(hiring, want) {
				t.Errorf("%s: hiring policy lacks %s", audience, want)
			}
		}
		for _, p := range []string{"policies/hiring/flow.png", "policies/hiring/_/shared/logo.png", "policies/hiring/forms/nda.pdf", "policies/travel/map.png", "policies/travel/notes.md"} {
			if copies[p] == "" {
				t.Errorf("%s: %s is not published", audience, p)
			}
		}
		if _, ok := files["policies/notes/index.html"]; ok {
			t.Errorf("%s: a bundle's Markdown attachment became a policy", audience)
		}
		page("policies/deepest/index.html")
		section := page("policies/people/index.html")
		for _, want := range []string{"<h1>People</h1>", "Hiring and leaving.", `href="../top/index.html"`, `id="policy-hiring"`, `id="policy-travel"`} {
			if !strings.Contains(section, want) {
				t.Errorf("%s: the people section lacks %s", audience, want)
			}
		}
		library := page("policies/index.html")
		order := []string{`id="policy-top"`, `id="section-people"`, `id="policy-hiring"`, `id="policy-travel"`, `id="section-ops"`, `id="policy-secret"`, `id="section-ops-deep-er"`, `id="policy-deepest"`}
		last := -1
		for _, id := range order {
			i := strings.Index(library, id)
			if i < last {
				t.Errorf("%s: the library lists %s out of order (want %v)", audience, id, order)
			}
			last = i
		}
		page("policies/ops/deep/er/index.html")
		_, net := copies["policies/secret/net.png"]
		if net != (audience == model.AudienceNDA) {
			t.Errorf("%s: the restricted policy's image published: %v", audience, net)
		}
		for p := range copies {
			if strings.Contains(p, "net.png") && p != "policies/secret/net.png" {
				t.Errorf("%s: the restricted policy's image is published as %s", audience, p)
			}
		}
	}
}

// Folder names become addresses, so they are checked like file names, and
// a section cannot take a policy's address.
func TestSectionMistakes(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"site.toml":                        "title = \"T\"\ncompany = \"Acme\"\n[build]\nas_of = 2026-11-01\n",
		"content/controls/c.toml":          "[[control]]\nid = \"C-1\"\ntitle = \"One\"\nstatus = \"implemented\"\n",
		"content/policies/HR Team/a.md":    policy("A", "", "Text.\n"),
		"content/policies/ops.md":          policy("Ops", "", "Text.\n"),
		"content/policies/ops/b.md":        policy("B", "", "Text.\n"),
		"content/policies/empty/_index.md": "+++\ntitle = \"Empty\"\n+++\n",
	})
	res, _ := pipeline.Check(pipeline.Options{Site: dir, Templates: trustdocs.Templates, Theme: trustdocs.Theme})
	got := messagesOf(res.Diags)
	for _, want := range []string{
		`content/policies/HR Team: error: folder name "HR Team" is not a valid section name`, "rename the folder hr-team",
		"section folder content/policies/ops/ and policy content/policies/ops.md would both be published at policies/ops/",
		"content/policies/empty/_index.md:1: warning: section empty has no policies",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

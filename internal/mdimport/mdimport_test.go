package mdimport

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

func write(t testing.TB, dir string, files map[string]string) {
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

func importDir(t *testing.T, files map[string]string, opts Options) *Result {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, files)
	opts.Today = model.NewDate(2026, 12, 6)
	res, err := Import(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func messages(res *Result) string {
	var b strings.Builder
	for _, d := range res.Diags.Items() {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

func has(t *testing.T, res *Result, file string, wants ...string) {
	t.Helper()
	b, ok := res.Files[file]
	if !ok {
		var names []string
		for n := range res.Files {
			names = append(names, n)
		}
		t.Fatalf("no %s among %v", file, names)
	}
	for _, w := range wants {
		if !strings.Contains(string(b), w) {
			t.Errorf("%s lacks %q:\n%s", file, w, b)
		}
	}
}

// A GitHub repository as people keep one: numbered folders and files,
// odd names, non-English text, README files as folder pages, links in
// every form, images beside and above.
func TestGitHubRepository(t *testing.T) {
	res := importDir(t, map[string]string{
		"README.md":                       "# Our policies\n",
		"LICENSE":                         "CC BY-SA 4.0\n",
		"CONTRIBUTING.md":                 "How to help.\n",
		"01-governance/README.md":         "# Governance\n\nHow we govern. See [access](../02-People%20Ops/Access%20Control.md#who-may).\n",
		"01-governance/01-security.md":    "---\ntitle: Information Security Policy\nowner: CISO\nversion: 2.1\napproved: 2026-03-01\ndate: 2026-03-15\nlayout: policy\ntags: [iso, soc2]\n---\n\n# Information Security Policy\n\nRead [the access policy](<../02-People Ops/Access Control.md>), [again][ref] and ![net](img/network.PNG \"Network\").\n\n[ref]: ../02-People%20Ops/Access%20Control.md\n",
		"01-governance/02-risk.md":        "+++\ntitle = \"Risk\"\nweight = 7\n+++\nText [home](../README.md) and [gone](missing.md) and `[code](no.md)`.\n\n```\n[fenced](no.md)\n```\n",
		"01-governance/img/network.PNG":   "PNG",
		"02-People Ops/Access Control.md": "Access Control\n==============\n\n## Who may\n\n![logo](../assets/logo.svg) [site](https://example.com) [mail](mailto:a@b.c) [top](#who-may)\n",
		"02-People Ops/旅行.md":             "# 出張規程\n\n端末をロックする。\n",
		"assets/logo.svg":                 "<svg/>",
		"deep/a/b/c/d/e/leaf.md":          "# Leaf\n\n[up](../../../../../../01-governance/01-security.md)\n",
		"_layouts/default.html":           "<html>",
		".github/workflows/x.yml":         "on: push",
		"node_modules/x/README.md":        "# no",
		"01-governance/_draft-partial.md": "# partial",
	}, Options{})
	if res.Diags.HasErrors() {
		t.Fatalf("errors: %s", messages(res))
	}
	has(t, res, "content/policies/governance/_index.md", `title = "Governance"`, "weight = 1", "How we govern", "](../people-ops/access-control.md#who-may)")
	has(t, res, "content/policies/governance/security.md", `title          = "Information Security Policy"`, `owner          = "CISO"`, `version        = "2.1"`,
		"approved       = 2026-03-01", "effective      = 2026-03-15", "weight         = 1", `# Not imported: layout: policy`, `# Not imported: tags: ["iso","soc2"]`,
		"](../people-ops/access-control.md)", "[again][ref]", "[ref]: ../people-ops/access-control.md", "![net](img/network.png \"Network\")")
	if strings.Contains(string(res.Files["content/policies/governance/security.md"]), "\n# Information Security Policy") {
		t.Error("the heading that is the title stayed in the body")
	}
	has(t, res, "content/policies/governance/risk.md", "weight         = 7", "draft          = true  # TODO", "[home](../README.md)", "[gone](missing.md)", "`[code](no.md)`", "[fenced](no.md)")
	has(t, res, "content/policies/governance/img/network.png", "PNG")
	has(t, res, "content/policies/people-ops/_index.md", `title = "People Ops"`, "weight = 2")
	has(t, res, "content/policies/people-ops/access-control.md", `title          = "Access Control"`, "## Who may", "![logo](../assets/logo.svg)", "(https://example.com)", "(mailto:a@b.c)", "(#who-may)")
	has(t, res, "content/policies/assets/logo.svg", "<svg/>")
	has(t, res, "content/policies/people-ops/policy.md", `title          = "出張規程"`, "端末をロックする。")
	has(t, res, "content/policies/deep/a/b/c/d/e/leaf.md", "[up](../../../../../../governance/security.md)")
	if strings.Contains(string(res.Files["content/_index.md"]), "Our policies") {
		t.Error("the top README became the home page")
	}
	has(t, res, "LICENSE", "CC BY-SA")
	has(t, res, "site.toml", `broken_links = "warning"`)
	for name := range res.Files {
		for _, never := range []string{"_layouts", ".github/workflows/x", "node_modules", "partial", "contributing"} {
			if strings.Contains(strings.ToLower(name), never) && !strings.HasPrefix(name, ".github/workflows/trustdocs") {
				t.Errorf("%s was imported", name)
			}
		}
	}
	msgs := messages(res)
	for _, want := range []string{
		"01-governance/01-security.md:7:1: warning: front matter layout not imported",
		"01-governance/02-risk.md:5:38: warning: link to \"missing.md\": no such file",
		"01-governance/02-risk.md:5:13: warning: link to \"../README.md\": README.md is not imported (not a policy)",
	} {
		if !strings.Contains(msgs, want) {
			t.Errorf("missing %q in:\n%s", want, msgs)
		}
	}
	if strings.Contains(msgs, "no.md") {
		t.Errorf("a link in code was reported:\n%s", msgs)
	}
	if res.Policies != 5 || res.Copied != 2 || res.Drafts != 4 {
		t.Errorf("%d policies, %d files, %d drafts; want 5, 2, 4", res.Policies, res.Copied, res.Drafts)
	}
}

// Template syntax: placeholders and sections filled in from variables,
// the rest kept and reported once a file, at its first place; the lines
// of later messages stay right after sections were dropped.
func TestTemplates(t *testing.T) {
	res := importDir(t, map[string]string{
		"p.md.tmpl": "# {{companyShortName}} Access\n\n{{#hipaa}}\nHIPAA text.\n{{/hipaa}}\n{{^hipaa}}\nNo HIPAA.\n{{/hipaa}}\n" +
			"{{#pci}}PCI{{/pci}} by {{ ceoName }} and {{ceoName}}, {{.Name}}.\n{% include note.html %}\n{{< figure src=\"x.png\" >}}\n[bad](gone.md)\n" +
			"[ref]({{< ref \"q.md\" >}}) [link]({% link q.md %})\n",
		"q.md": "# Q\n",
	}, Options{Vars: map[string]string{"companyShortName": "Acme", "hipaa": "false", "Name": "Acme, Inc."}})
	has(t, res, "content/policies/p.md", `title          = "Acme Access"`, "No HIPAA.", "{{#pci}}PCI{{/pci}} by {{ ceoName }}", "Acme, Inc..", "[ref](q.md)", "[link](q.md)")
	if strings.Contains(string(res.Files["content/policies/p.md"]), "HIPAA text") {
		t.Error("a section whose variable is false was kept")
	}
	msgs := messages(res)
	for _, want := range []string{
		"p.md.tmpl:9:1: warning: template section {{#pci}}…{{/pci}} kept as text (2 times in this file)",
		"p.md.tmpl:9:24: warning: placeholder {{ ceoName }} kept as text (2 times in this file): trustdocs runs no template; import again with --var ceoName=VALUE",
		"p.md.tmpl:10:1: warning: Jekyll (Liquid) tag {% include note.html %} kept as text",
		"p.md.tmpl:11:1: warning: Hugo shortcode",
		"p.md.tmpl:12:7: warning: link to \"gone.md\"",
	} {
		if !strings.Contains(msgs, want) {
			t.Errorf("missing %q in:\n%s", want, msgs)
		}
	}
}

// The navigation of a generator gives titles and order.
func TestNavigation(t *testing.T) {
	t.Run("mkdocs", func(t *testing.T) {
		res := importDir(t, map[string]string{
			"mkdocs.yml":          "site_name: X\ndocs_dir: src\nnav:\n  - Home: index.md\n  - Second: b.md\n  - First: a.md\n  - People:\n    - Hiring: people/hire.md\n    - people/leave.md\n",
			"src/index.md":        "Welcome.\n",
			"src/a.md":            "Text.\n",
			"src/b.md":            "# Own heading\n\nText.\n",
			"src/people/hire.md":  "Hire.\n",
			"src/people/leave.md": "# Leaving\n",
			"site/a.html":         "built",
		}, Options{})
		if res.Kind != "MkDocs" {
			t.Errorf("read as %s", res.Kind)
		}
		has(t, res, "content/policies/a.md", `title          = "First"`, "weight         = 3")
		has(t, res, "content/policies/b.md", `title          = "Second"`, "weight         = 2", "# Own heading")
		has(t, res, "content/policies/people/_index.md", `title = "People"`, "weight = 4")
		has(t, res, "content/policies/people/hire.md", `title          = "Hiring"`)
		has(t, res, "content/policies/people/leave.md", `title          = "Leaving"`, "weight         = 6")
		has(t, res, "content/_index.md", "Welcome.")
	})
	t.Run("gitbook", func(t *testing.T) {
		res := importDir(t, map[string]string{
			"SUMMARY.md": "# Summary\n\n* [Intro](README.md)\n* [Zeta first](z.md)\n  * [Alpha](sub/a.md)\n",
			"README.md":  "# Intro\n",
			"z.md":       "Z.\n",
			"sub/a.md":   "A.\n",
		}, Options{})
		has(t, res, "content/policies/z.md", `title          = "Zeta first"`, "weight         = 2")
		has(t, res, "content/policies/sub/a.md", `title          = "Alpha"`, "weight         = 3")
	})
	t.Run("docusaurus", func(t *testing.T) {
		res := importDir(t, map[string]string{
			"docusaurus.config.js":    "module.exports = {}",
			"docs/hr/_category_.json": `{"label": "Human Resources", "position": 3}`,
			"docs/hr/onboarding.mdx":  "---\nsidebar_position: 2\nsidebar_label: Onb\n---\n# Onboarding\n\n[leave](./leaving)\n",
			"docs/hr/leaving.md":      "# Leaving\n\n[on](/docs/hr/onboarding)\n",
		}, Options{})
		has(t, res, "content/policies/hr/_index.md", `title = "Human Resources"`, "weight = 3")
		has(t, res, "content/policies/hr/onboarding.md", `title          = "Onboarding"`, "weight         = 2", "[leave](leaving.md)")
		has(t, res, "content/policies/hr/leaving.md", "[on](onboarding.md)")
	})
	t.Run("hugo", func(t *testing.T) {
		res := importDir(t, map[string]string{
			"hugo.toml":             "title = 'x'",
			"content/_index.md":     "---\ntitle: Home\n---\nHi.\n",
			"content/sec/_index.md": "---\ntitle: Security\nweight: 5\ndescription: All of it\n---\nIntro [a]({{< relref \"a.md\" >}}).\n",
			"content/sec/a.md":      "+++\ntitle = \"A\"\ndraft = true\n+++\n## Travel {#travel}\n",
			"public/index.html":     "built",
		}, Options{})
		if res.Kind != "Hugo" {
			t.Errorf("read as %s", res.Kind)
		}
		has(t, res, "content/policies/sec/_index.md", `title = "Security"`, `summary = "All of it"`, "weight = 5", "Intro [a](a.md)")
		has(t, res, "content/policies/sec/a.md", "draft          = true", "## Travel {#travel}")
	})
}

// Names that clash: the same file name in two folders, a folder and a
// policy named alike, two folders that become one slug.
func TestSlugsUnique(t *testing.T) {
	res := importDir(t, map[string]string{
		"policies/access.md":   "# A\n",
		"procedures/access.md": "# B\n",
		"people.md":            "# People policy\n",
		"people/x.md":          "# X\n",
		"01-ops/a.md":          "# OA\n",
		"ops/b.md":             "# OB\n",
	}, Options{})
	seen := map[string]string{}
	for name := range res.Files {
		if !strings.HasPrefix(name, "content/policies/") || strings.HasSuffix(name, "_index.md") {
			continue
		}
		slug := strings.TrimSuffix(filepath.Base(name), ".md")
		if prev, ok := seen[slug]; ok {
			t.Errorf("slug %s for %s and %s", slug, prev, name)
		}
		seen[slug] = name
	}
	if _, ok := seen["people"]; ok {
		t.Errorf("a policy took the slug of the top-level folder people: %v", seen)
	}
	if len(seen) != 6 {
		t.Errorf("%d policies: %v", len(seen), seen)
	}
}

// Front matter that does not parse is kept as a comment and reported;
// comply's header (no opening ---) is read; a horizontal rule in a text
// is not mistaken for one.
func TestFrontMatterForms(t *testing.T) {
	res := importDir(t, map[string]string{
		"comply.md": "name: Comply Policy\nacronym: CP\nsatisfies:\n  TSC:\n    - CC1.1\n---\n# Purpose\n",
		"broken.md": "---\ntitle: [unclosed\n---\n# Broken\n",
		"rule.md":   "Note: this is text\nmore text\n---\n\nAfter the rule.\n",
		"dates.md":  "---\ntitle: D\napproved: June 4, 2026\nnext_review: 2027/06/04\nclassification: Confidential\nreview_every: 1 year\n---\nx\n",
	}, Options{Classification: model.Public})
	has(t, res, "content/policies/comply.md", `title          = "Comply Policy"`, "# Purpose", `# Not imported: satisfies: {"TSC":["CC1.1"]}`)
	has(t, res, "content/policies/broken.md", "# Not imported: title: [unclosed", `classification = "public"`)
	has(t, res, "content/policies/rule.md", "Note: this is text", "After the rule.")
	has(t, res, "content/policies/dates.md", "approved       = 2026-06-04", "next_review    = 2027-06-04", `classification = "restricted"`, `review_every   = "1 year"`)
	if !res.Diags.HasErrors() && !strings.Contains(messages(res), "broken.md:2") {
		t.Errorf("the broken front matter is not reported at its line:\n%s", messages(res))
	}
	if res.Comply == "" {
		t.Error("comply's documents were not recognised")
	}
	_ = diag.Pos{}
}

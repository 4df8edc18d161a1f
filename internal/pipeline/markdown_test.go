package pipeline_test

import (
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/pipeline"
)

// Policies as real repositories write them: YAML front matter, Hugo's
// heading ids ({#id}), GitHub's anchors for headings in any script, and
// links to them written raw or percent-encoded. The site checks clean and
// the links lead to the headings.
func TestRepositoryMarkdown(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"site.toml":               "title = \"T\"\ncompany = \"Acme\"\n[build]\nas_of = 2026-11-01\n",
		"content/controls/c.toml": "[[control]]\nid = \"C-1\"\ntitle = \"One\"\nstatus = \"implemented\"\n",
		"content/policies/travel.md": "---\ntitle: Travel Policy\nversion: \"1.0\"\nowner: CISO\napproved: 2026-03-01\ncontrols: [C-1]\n---\n" +
			"## Travel mode {#travel-mode}\n\nLock devices.\n\n## 旅行モード\n\n端末をロックする。\n\n## Über uns\n\nText.\n",
		"content/policies/access.md": "+++\ntitle = \"Access Policy\"\nversion = \"1.0\"\nowner = \"CISO\"\napproved = 2026-03-01\ncontrols = [\"C-1\"]\n+++\n" +
			"See [travel mode](travel.md#travel-mode), [旅行](travel.md#旅行モード), [encoded](travel.md#%E6%97%85%E8%A1%8C%E3%83%A2%E3%83%BC%E3%83%89) and [über](travel.md#über-uns).\n",
	})
	opts := pipeline.Options{Site: dir, Templates: trustdocs.Templates, Theme: trustdocs.Theme}
	res, err := pipeline.Check(opts)
	if err != nil || len(res.Diags.Items()) > 0 {
		t.Fatalf("check: %v %v", err, res.Diags.Items())
	}
	res = render(t, opts)
	page := string(res.Output.Files["policies/travel/index.html"])
	for _, want := range []string{`<h2 id="travel-mode">Travel mode</h2>`, `<h2 id="旅行モード">旅行モード</h2>`, `<h2 id="über-uns">Über uns</h2>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the travel policy lacks %s", want)
		}
	}
	links := string(res.Output.Files["policies/access/index.html"])
	if !strings.Contains(links, `href="../travel/index.html#travel-mode"`) {
		t.Errorf("the link to #travel-mode is not rewritten to the page:\n%s", links)
	}
}

package mdimport

import (
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/tomlpos"
)

// Whatever a Markdown file holds, converting it does not panic, reports
// only positions inside the file, and writes a policy whose front matter
// trustdocs reads without a syntax error.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"# T\n\n[a](b.md) ![i](x.png \"t\")\n",
		"---\ntitle: x\ndate: Jun 1 2018\ntags: [a, b]\n---\nbody {{x}} {{#s}}in{{/s}} {% tag %}\n",
		"+++\ntitle = \"x\"\n+++\n[r]: <a b.md>\n",
		"name: X\nsatisfies:\n  TSC: [CC1.1]\n---\n# P\n",
		"T\n===\n\n```\n[a](b)\n```\n`[c](d)` {{< ref \"q.md\" >}}\n",
		"{{#a}}{{#b}}x{{/b}}{{/a}}{{^a}}y{{/a}}\n",
		"---\ntitle: \"\\\"quoted\\\"\"\nowner: [a, b]\nversion: 1.10\n---\n",
	} {
		f.Add(s)
	}
	dir := f.TempDir() // empty: links lead to no file
	f.Fuzz(func(t *testing.T, src string) {
		im := &importer{opts: Options{Classification: model.Restricted, Vars: map[string]string{"a": "true", "s": "false", "x": "X"}},
			res: &Result{}, byRel: map[string]*doc{}, folders: map[string]*folder{}, copied: map[string]string{}, files: map[string][]byte{}, dir: dir}
		d := &doc{rel: "p.md", dir: ".", base: "p", out: "content/policies/p.md", diags: &diag.List{}}
		im.docs = []*doc{d}
		im.byRel[d.rel] = d
		d.convertText(im, []byte(src))
		lines := strings.Count(src, "\n") + 2
		for _, m := range d.diags.Items() {
			if m.Pos.File != "p.md" || m.Pos.Line > lines {
				t.Fatalf("message outside the file (%d lines): %v", lines, m)
			}
		}
		if !strings.HasPrefix(string(d.text), "+++\n") {
			t.Fatalf("no front matter:\n%s", d.text)
		}
		front, _, ok := strings.Cut(strings.TrimPrefix(string(d.text), "+++\n"), "\n+++\n")
		problems := &diag.List{}
		if !ok || tomlpos.Parse("p.md", []byte(front+"\n"), 1, "front matter", problems) == nil || problems.HasErrors() {
			t.Fatalf("the policy's front matter does not read: %v\n%s", problems.Items(), d.text)
		}
	})
}

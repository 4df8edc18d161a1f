package load

import (
	"slices"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

// parsePolicy reads src as a policy; it returns the document and the
// messages, each as line:col: severity: text.
func parsePolicy(t *testing.T, src string) (*model.Doc, []string) {
	t.Helper()
	diags := &diag.List{}
	l := fuzzLoader(diags)
	d := l.parseDoc("content/policies/p.md", []byte(src), docFile{kind: model.PolicyDoc})
	var out []string
	for _, x := range diags.Items() {
		out = append(out, strings.TrimPrefix(x.String(), "content/policies/p.md:"))
	}
	return d, out
}

// A policy with YAML front matter, as Jekyll, Hugo or MkDocs write it,
// reads as the same policy in TOML does.
func TestYAMLFrontMatterReadsAsTOML(t *testing.T) {
	toml, tdiags := parsePolicy(t, `+++
title = "Access Control Policy"
owner = "Head of IT"
version = "2.1"
approved = 2026-03-01
approved_by = "CEO"
review_every = "12 months"
classification = "restricted"
controls = ["AC-01", "AC-02"]
summary = "Who may reach what."

[[revision]]
version = "2.1"
date = 2026-03-01
note = "Yearly review."
+++
# Purpose
`)
	yaml, ydiags := parsePolicy(t, `---
title: Access Control Policy
owner: Head of IT
version: "2.1"
approved: 2026-03-01
approved_by: CEO
review_every: 12 months
classification: restricted
controls: [AC-01, AC-02]
summary: >-
  Who may reach
  what.
revision:
  - version: "2.1"
    date: "2026-03-01"
    note: Yearly review.
---
# Purpose
`)
	if len(tdiags) > 0 || len(ydiags) > 0 {
		t.Fatalf("messages: TOML %q, YAML %q", tdiags, ydiags)
	}
	for _, f := range []struct {
		name string
		get  func(*model.Doc) any
	}{
		{"title", func(d *model.Doc) any { return d.Title }},
		{"owner", func(d *model.Doc) any { return d.Owner }},
		{"version", func(d *model.Doc) any { return d.Version }},
		{"approved", func(d *model.Doc) any { return d.Approved }},
		{"approved_by", func(d *model.Doc) any { return d.ApprovedBy }},
		{"review", func(d *model.Doc) any { return d.ReviewMonths }},
		{"classification", func(d *model.Doc) any { return d.Classification }},
		{"summary", func(d *model.Doc) any { return d.Summary }},
		{"revisions", func(d *model.Doc) any { return len(d.Revisions) }},
	} {
		if a, b := f.get(toml), f.get(yaml); a != b {
			t.Errorf("%s: TOML %v, YAML %v", f.name, a, b)
		}
	}
	ids := func(d *model.Doc) []string {
		var out []string
		for _, c := range d.Controls {
			out = append(out, c.ID)
		}
		return out
	}
	if !slices.Equal(ids(toml), ids(yaml)) || yaml.Revisions[0].Date != toml.Revisions[0].Date || yaml.Revisions[0].Note != toml.Revisions[0].Note {
		t.Errorf("controls or revisions differ: %v %v, %+v %+v", ids(toml), ids(yaml), toml.Revisions, yaml.Revisions)
	}
	if yaml.Controls[1].Pos.Line != 9 || yaml.Controls[1].Pos.Col != 19 {
		t.Errorf("a control's place in YAML: %v, want 9:19", yaml.Controls[1].Pos)
	}
}

// Mistakes in YAML front matter are reported at their line and column,
// with the messages TOML gets.
func TestYAMLFrontMatterMistakes(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"---\ntitle: T\nowner: O\nversion: \"1\"\napproved: 2026-01-05\ncontrols: [A]\ntitel: x\n---\n", `7:1: error: front matter: unknown key "titel" (did you mean "title"?)`},
		{"---\ntitle: T\nowner: O\nversion: 1.0\napproved: 2026-01-05\ncontrols: [A]\n---\n", `4:1: error: front matter: version must be a string in quotes; write version = "1.0"`},
		{"---\ntitle: [unclosed\nowner: O\n---\n", `error: YAML syntax: `},
		{"---\ntitle: &t T\nowner: *t\n---\n", `3:8: error: YAML aliases (*t) are not read in front matter; write the value out`},
		{"---\n- a\n- b\n---\n", `2:1: error: front matter must be key: value lines, not a list`},
		{"---\ntitle: T\nowner: O\ntitle: U\n---\n", `4:1: error: key "title" is given twice in the same table (first at line 2); each key may appear once: remove or rename one`},
		{"---\ntitle: T\n", `1: error: front matter opened with --- on line 1 is never closed; add a line --- after the last front-matter key`},
	} {
		_, got := parsePolicy(t, tc.src)
		if !slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, tc.want) }) {
			t.Errorf("%q:\n got %q\nwant %q", tc.src, got, tc.want)
		}
	}
}

package comply

import (
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/tomlpos"
)

func TestSplit(t *testing.T) {
	for _, tt := range []struct {
		name, src, head, body string
		offset, bodyLine      int
		ok                    bool
	}{
		{"comply's header", "name: A\nacronym: B\n---\n# Body\n", "name: A\nacronym: B\n", "# Body\n", 0, 4, true},
		{"opening delimiter too", "---\nname: A\n---\nbody", "name: A\n", "body", 1, 4, true},
		{"dashes inside a line are not the end", "name: a---b\n---\n", "name: a---b\n", "", 0, 3, true},
		{"end at the last line", "name: A\n---", "name: A\n", "", 0, 3, true},
		{"no end", "name: A\n# Body\n", "", "name: A\n# Body\n", 0, 1, false},
		{"only the end", "---\n", "", "", 0, 2, true},
	} {
		head, body, offset, bodyLine, ok := split([]byte(tt.src))
		if string(head) != tt.head || string(body) != tt.body || offset != tt.offset || bodyLine != tt.bodyLine || ok != tt.ok {
			t.Errorf("%s: split = %q, %q, %d, %d, %v; want %q, %q, %d, %d, %v", tt.name, head, body, offset, bodyLine, ok, tt.head, tt.body, tt.offset, tt.bodyLine, tt.ok)
		}
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"Jun 1 2018":   "2018-06-01",
		"June 1 2018":  "2018-06-01",
		"Jun 1, 2018":  "2018-06-01",
		"1 Jun 2018":   "2018-06-01",
		"2018-06-01":   "2018-06-01",
		" Jun  1 2018": "2018-06-01",
		"Jun 31 2018":  "",
		"sometime":     "",
		"":             "",
	} {
		d, ok := parseDate(in)
		if got := d.String(); got != want || ok != (want != "") {
			t.Errorf("parseDate(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestParseHeader(t *testing.T) {
	src := "name: Access Policy\nacronym: AP\nsatisfies:\n  TSC:\n    - CC6.1\n    - CC6.2\n  NIST:\n    - AC-2\nmajorRevisions:\n  - date: Jun 1 2018\n    comment: Initial\n  - date: someday\n    comment: Lost\nowner: Bob\n"
	var diags diag.List
	h, ok := parseHeader("policies/a.md", []byte(src), 0, &diags)
	if !ok {
		t.Fatal(diags.Items())
	}
	if h.Name.Text != "Access Policy" || h.Acronym.Text != "AP" || h.Acronym.Line != 2 {
		t.Errorf("name, acronym: %+v %+v", h.Name, h.Acronym)
	}
	if len(h.Satisfies) != 2 || h.Satisfies[0].IDs[1] != (value{"CC6.2", 6, 7}) || h.Satisfies[1].Standard.Text != "NIST" {
		t.Errorf("satisfies: %+v", h.Satisfies)
	}
	if len(h.Revisions) != 1 || h.Revisions[0].Date != model.NewDate(2018, 6, 1) || h.Revisions[0].Comment != "Initial" {
		t.Errorf("revisions: %+v", h.Revisions)
	}
	var got []string
	for _, d := range diags.Items() {
		got = append(got, d.String())
	}
	want := []string{
		`policies/a.md:12: warning: major revision date "someday" is not a date trustdocs reads (such as "Jun 1 2018" or 2018-06-01); the revision "Lost" is not imported`,
		`policies/a.md:14:1: warning: comply key "owner" has no place in trustdocs and is not imported`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("reported:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestConvertBody(t *testing.T) {
	for _, tt := range []struct {
		name, in, want string
	}{
		{"pandoc lists become CommonMark lists",
			"a. First\n\n    i. Nested\n\n    i. Nested, with a\nlazy line\n\na. Second\n",
			"1. First\n\n   1. Nested\n\n   1. Nested, with a\nlazy line\n\n1. Second\n"},
		{"an item's indented paragraph stays in the item",
			"a. Item\n\n    More about the item.\n",
			"1. Item\n\n   More about the item.\n"},
		{"a paragraph at the margin ends the list",
			"a. Item\n\nText.\n\n    code after the list\n",
			"1. Item\n\nText.\n\n    code after the list\n"},
		{"fences keep their lines; placeholders are filled, as comply did",
			"```\na. not a list {{.Name}}\n```\n",
			"```\na. not a list Acme\n```\n"},
		{"the company replaces {{.Name}}",
			"{{.Name}} and {{ .Name }} work here.\n",
			"Acme and Acme work here.\n"},
		{"a heading that repeats the title is dropped",
			"\n# Access Policy\n\nText.\n",
			"\nText.\n"},
		{"another heading is kept",
			"# Purpose\n\nText.\n",
			"# Purpose\n\nText.\n"},
		{"i.e. is not an item",
			"i.e. this is prose\n",
			"i.e. this is prose\n"},
	} {
		var diags diag.List
		if got := convertBody("p.md", tt.in, 1, "Access Policy", "Acme", &diags); got != strings.TrimLeft(tt.want, "\n") {
			t.Errorf("%s:\ngot  %q\nwant %q", tt.name, got, strings.TrimLeft(tt.want, "\n"))
		}
	}
	var diags diag.List
	convertBody("p.md", "one\n{{.Date}} here\n", 7, "T", "Acme", &diags)
	if items := diags.Items(); len(items) != 1 || items[0].Pos.Line != 8 || !strings.Contains(items[0].Message, "{{.Date}}") {
		t.Errorf("an unknown template action is reported at its line: %v", items)
	}
}

func TestTomlString(t *testing.T) {
	for in, want := range map[string]string{
		`plain`:              `"plain"`,
		`say "hi" \ bye`:     `"say \"hi\" \\ bye"`,
		"tab\tline\nnul\x00": `"tab\tline\nnul\u0000"`,
		"curly ’quotes’":     `"curly ’quotes’"`,
	} {
		if got := tomlpos.Quote(in); got != want {
			t.Errorf("tomlpos.Quote(%q) = %s, want %s", in, got, want)
		}
	}
}

// FuzzDocument feeds any text through the reading of a comply document:
// it must never panic, and the body keeps every line but a dropped title.
func FuzzDocument(f *testing.F) {
	f.Add("name: A\nacronym: B\nsatisfies:\n  TSC:\n    - CC6.1\nmajorRevisions:\n  - date: Jun 1 2018\n    comment: x\n---\n# A\n\na. one\n\n    i. two\n")
	f.Add("---\nname: [\n---\n```\n{{.Name}}\n")
	f.Add("satisfies: x\nmajorRevisions: 3\n---\n\t\ti. x\n")
	f.Fuzz(func(t *testing.T, src string) {
		var diags diag.List
		head, body, offset, line, ok := split([]byte(src))
		if !ok {
			return
		}
		if h, ok := parseHeader("f.md", head, offset, &diags); ok {
			out := convertBody("f.md", string(body), line, h.Name.Text, "Acme", &diags)
			if in, got := strings.Count(string(body), "\n"), strings.Count(out, "\n"); got > in {
				t.Errorf("the body grew from %d to %d lines", in, got)
			}
		}
	})
}

package tomlpos_test

import (
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/tomlpos"
)

// YAML reads into the same typed values as TOML, each key at its place.
func TestParseYAML(t *testing.T) {
	var diags diag.List
	tb := tomlpos.ParseYAML("f.md", []byte("b: 1\na: \"two\"\non: true\nday: 2026-03-01\nxs:\n  - x\n  - 'y'\nrev:\n  - v: \"1\"\n    note: n\nnone:\n"), 1, "front matter", &diags)
	if tb == nil {
		t.Fatal(diags.Items())
	}
	if got := strings.Join(tb.Keys(), " "); got != "b a on day xs rev none" {
		t.Errorf("Keys() = %s", got)
	}
	if n, ok := tb.Int("b"); n != 1 || !ok {
		t.Error("b")
	}
	if tb.Str("a", true, "") != "two" || tb.Str("none", false, "") != "" {
		t.Error("a or none")
	}
	if b, ok := tb.Bool("on"); !b || !ok {
		t.Error("on")
	}
	if tb.Date("day", true) != model.NewDate(2026, 3, 1) {
		t.Error("day")
	}
	refs := tb.Strs("xs")
	if len(refs) != 2 || refs[1].ID != "y" || refs[1].Pos.Line != 8 || refs[1].Pos.Col != 5 {
		t.Errorf("xs: %+v (lines count from the file: the front matter starts on line 2)", refs)
	}
	for _, r := range tb.Tables("rev", "[[rev]]") {
		if r.Str("v", true, "") != "1" || r.Str("note", true, "") != "n" || r.At("note").Line != 11 {
			t.Errorf("rev: note at %v", r.At("note"))
		}
		r.Done()
	}
	tb.Done()
	if items := diags.Items(); len(items) > 0 {
		t.Errorf("messages: %v", items)
	}
}

// FuzzParseYAML: any YAML front matter gives a table or errors, never a
// panic, and every message points inside it.
func FuzzParseYAML(f *testing.F) {
	for _, s := range []string{"a: 1\n", "- x\n", "a: &x [1, *x]\n", "a: {b: [c, {d: e}]}\n", "a: 2026-13-45\n", "? [a]\n: b\n", "a: !!binary aGk=\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var diags diag.List
		readAll(t, src, tomlpos.ParseYAML("f.md", []byte(src), 1, "front matter", &diags), &diags, 2)
	})
}

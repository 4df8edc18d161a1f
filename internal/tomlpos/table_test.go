package tomlpos_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/tomlpos"
)

// read parses src as f.toml, lets use read it, calls Done and returns the
// messages, each as file:line:col: severity: text.
func read(t *testing.T, src string, use func(*tomlpos.Table)) []string {
	t.Helper()
	var diags diag.List
	tb := tomlpos.Parse("f.toml", []byte(src), 0, "", &diags)
	if tb != nil {
		use(tb)
		tb.Done()
	}
	var out []string
	for _, d := range diags.Items() {
		out = append(out, d.String())
	}
	return out
}

func TestReaders(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		use       func(*tomlpos.Table)
		want      []string // substrings of the messages, in order
	}{
		{"all well", "id = \"A\"\nn = 3\non = true\nday = 2026-03-01\nxs = [\"a\", \"b\"]\n", func(tb *tomlpos.Table) {
			if tb.Str("id", true, "") != "A" || !slices.Equal(tb.Plain("xs"), []string{"a", "b"}) {
				t.Error("wrong values")
			}
			if n, ok := tb.Int("n"); n != 3 || !ok {
				t.Error("n")
			}
			if b, ok := tb.Bool("on"); !b || !ok {
				t.Error("on")
			}
			if tb.Date("day", true) != model.NewDate(2026, 3, 1) {
				t.Error("day")
			}
		}, nil},
		{"missing and empty", "title = \"  \"\n", func(tb *tomlpos.Table) {
			tb.Str("id", true, `an id, e.g. id = "A"`)
			tb.Str("title", true, "a title")
		}, []string{`f.toml:1: error: missing id; add an id, e.g. id = "A"`, `f.toml:1:1: error: title is empty; set it to a title`}},
		{"a number for a string", "version = 1.0\n", func(tb *tomlpos.Table) {
			if tb.Str("version", false, "") != "1.0" {
				t.Error("the number is not kept as written")
			}
		}, []string{`f.toml:1:1: error: version must be a string in quotes; write version = "1.0"`}},
		{"a string for a list", "controls = \"AC-01\"\n", func(tb *tomlpos.Table) {
			if refs := tb.Strs("controls"); len(refs) != 1 || refs[0].ID != "AC-01" {
				t.Error("the string is not read as a list of one")
			}
		}, []string{`controls must be a list; write controls = ["AC-01"]`}},
		{"an element's place", "xs = [\"a\",\n  2]\n", func(tb *tomlpos.Table) { tb.Strs("xs") },
			[]string{`f.toml:2:3: error: xs must hold only strings; element 2 is the number 2`}},
		{"a quoted date", "day = \"2026-03-01\"\n", func(tb *tomlpos.Table) { tb.Date("day", false) },
			[]string{`f.toml:1:1: warning: day is a quoted string; write it as a TOML date without quotes: day = 2026-03-01`}},
		{"a date in another layout", "day = \"06/04/2026\"\n", func(tb *tomlpos.Table) { tb.Date("day", false) },
			[]string{`f.toml:1:1: error: day: `}},
		{"a time of day", "day = 2026-03-01T10:00:00\n", func(tb *tomlpos.Table) { tb.Date("day", false) },
			[]string{`day must be a date without a time of day, such as 2026-03-01`}},
		{"an enum", "status = \"implemnted\"\n", func(tb *tomlpos.Table) {
			tb.Enum("status", []string{"implemented", "planned"}, "")
		}, []string{`status = "implemnted" is not one of "implemented", "planned" (did you mean "implemented"?)`}},
		{"an unknown key", "id = \"A\"\ntitel = \"x\"\n", func(tb *tomlpos.Table) {
			tb.Str("id", false, "")
			tb.Str("title", false, "")
		}, []string{`f.toml:2:1: error: unknown key "titel" (did you mean "title"?)`}},
		{"a key below a table", "[[x]]\nid = \"A\"\ntitle = \"T\"\n", func(tb *tomlpos.Table) {
			tb.Str("title", true, "a title")
			for _, x := range tb.Tables("x", "[[x]]") {
				x.Str("id", false, "")
				x.Done()
			}
		}, []string{`f.toml:3:1: error: [[x]]: title is written below [[x]], so it belongs to [[x]]; move it above the first [[x]]`}},
		{"a line break", "name = \"a\\nb\"\nnote = \"a\\nb\"\n", func(tb *tomlpos.Table) {
			tb.Str("name", false, "")
			if tb.Str("note", false, "") != "a\nb" {
				t.Error("prose loses its line break")
			}
		}, []string{`f.toml:1:1: error: name holds a line break (U+000A) after "a"; write it on one line`}},
		{"a table for an array of tables", "[x]\nid = 1\n", func(tb *tomlpos.Table) { tb.Tables("x", "[[x]]") },
			[]string{`x must be written [[x]] (an array of tables), not [x]`}},
		{"a syntax error", "id: \"A\"\n", func(*tomlpos.Table) { t.Error("a table from bad TOML") },
			[]string{`f.toml:1:3: error: TOML syntax: `, `TOML writes key = value, not key: value (that is YAML)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := read(t, tc.src, tc.use)
			if len(tc.want) == 0 && len(got) > 0 {
				t.Errorf("messages %q, want none", got)
			}
			text := strings.Join(got, "\n")
			at := 0
			for _, w := range tc.want {
				i := strings.Index(text[at:], w)
				if i < 0 {
					t.Fatalf("no %q in order in:\n%s", w, text)
				}
				at += i + len(w)
			}
		})
	}
}

// Keys are in the order they are written, whatever the map's; Has does not
// count a key as read.
func TestKeysAndHas(t *testing.T) {
	read(t, "b = 1\na = 2\n[c]\nz = 1\n", func(tb *tomlpos.Table) {
		if got := tb.Keys(); !slices.Equal(got, []string{"b", "a", "c"}) {
			t.Errorf("Keys() = %q", got)
		}
		if !tb.Has("a") || tb.Has("z") {
			t.Error("Has")
		}
		tb.Get("a")
		tb.Get("b")
		tb.Sub("c", "[c]").Done()
	})
	if got := read(t, "a = 1\n", func(tb *tomlpos.Table) { tb.Has("a") }); len(got) != 1 || !strings.Contains(got[0], `unknown key "a"`) {
		t.Errorf("Has counted the key as read: %q", got)
	}
}

// Instant reads dates and date-times, local ones as UTC.
func TestInstant(t *testing.T) {
	for src, want := range map[string]time.Time{
		"at = 2027-11-01\n":                time.Date(2027, 11, 1, 0, 0, 0, 0, time.UTC),
		"at = 2027-11-01T10:30:00\n":       time.Date(2027, 11, 1, 10, 30, 0, 0, time.UTC),
		"at = 2027-11-01T10:30:00+02:00\n": time.Date(2027, 11, 1, 8, 30, 0, 0, time.UTC),
	} {
		read(t, src, func(tb *tomlpos.Table) {
			if got := tb.Instant("at", true, "a date"); !got.Equal(want) || got.Location() != time.UTC {
				t.Errorf("%q: %v, want %v", src, got, want)
			}
		})
	}
	if got := read(t, "", func(tb *tomlpos.Table) { tb.Instant("at", true, "at = 2027-11-01") }); len(got) != 1 || !strings.Contains(got[0], "missing at; add at = 2027-11-01") {
		t.Errorf("a missing instant: %q", got)
	}
}

// FuzzParse: any text parses to a table or one error, never a panic, and
// every message points inside the text.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"a = 1\n", "[[x]]\nid = \"A\"\n", "id: 1", "d = 06/04/2026", "x = [[[[1]]]]", "a = \"\\q\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var diags diag.List
		readAll(t, src, tomlpos.Parse("f.toml", []byte(src), 0, "", &diags), &diags, 1)
	})
}

// readAll reads every key of tb (nil after a syntax error) as a string,
// and fails unless every message points at a line of src, which starts
// at line first of its file.
func readAll(t *testing.T, src string, tb *tomlpos.Table, diags *diag.List, first int) {
	t.Helper()
	if tb != nil {
		for _, k := range tb.Keys() {
			tb.Str(k, false, "")
		}
		tb.Done()
	}
	last := first + strings.Count(src, "\n")
	for _, d := range diags.Items() {
		if d.Pos.Line < 1 || d.Pos.Line > last {
			t.Errorf("%q: message at line %d, past %d: %s", src, d.Pos.Line, last, d)
		}
	}
}

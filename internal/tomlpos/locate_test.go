package tomlpos

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestLocate(t *testing.T) {
	src := `title = "T" # comment
"quoted key" = 1
a.b = [
  "x",   # first
  'y',
]
inline = { k = 1, l = [2, 3] }
text = """
not = "a key"
"""

[build]
as_of = 2026-11-01

[[control]]
id = "A"
[[control]]
id = "B"
soc2 = ["CC1.1", "CC1.2"]

  [[control.audit]]
  kind = "x"

[annex_a."A.7.4"]
applicable = false
`
	want := map[string]string{
		"title":                    "1:1",
		"quoted key":               "2:1",
		"a.b":                      "3:1",
		"a.b.0":                    "4:3",
		"a.b.1":                    "5:3",
		"inline":                   "7:1",
		"inline.k":                 "7:12",
		"inline.l.1":               "7:27",
		"text":                     "8:1",
		"build":                    "12:1",
		"build.as_of":              "13:1",
		"control.0":                "15:1",
		"control.1.id":             "18:1",
		"control.1.soc2.1":         "19:18",
		"control.1.audit.0":        "21:3",
		"control.1.audit.0.kind":   "22:3",
		"annex_a.A.7.4":            "24:1",
		"annex_a.A.7.4.applicable": "25:1",
	}
	pos := locate("f.toml", []byte(src), 0)
	for path, at := range want {
		p, ok := pos[path]
		if !ok {
			t.Errorf("%s: not located", path)
			continue
		}
		if got := strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col); got != at {
			t.Errorf("%s at %s, want %s", path, got, at)
		}
	}
	if _, ok := pos["not"]; ok {
		t.Errorf("a key inside a multi-line string was located")
	}
}

// FuzzLocate holds the locator to the TOML parser: in every document the
// parser accepts, every key and array element it decodes has a position on
// a line of the document.
func FuzzLocate(f *testing.F) {
	files, _ := filepath.Glob("../../content/*/*.toml")
	more, _ := filepath.Glob("../catalog/frameworks/*.toml")
	for _, file := range append(files, more...) {
		b, _ := os.ReadFile(file)
		f.Add(b)
	}
	f.Add([]byte("a = [[1, 2], [3]]\nb = {c = {d = 1}}\n'e.f' = 2\n[g]\n[[g.h]]\n[[g.h]]\ni = \"\"\"\nx\"\"\"\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var m map[string]any
		if _, err := toml.Decode(string(src), &m); err != nil {
			return
		}
		pos := locate("f.toml", src, 0)
		lines := 1 + bytes.Count(src, []byte("\n"))
		var walk func(path string, v any)
		walk = func(path string, v any) {
			if path != "" {
				p, ok := pos[path]
				if !ok {
					t.Fatalf("%q is not located in:\n%s", path, src)
				}
				if p.Line < 1 || p.Line > lines || p.Col < 1 {
					t.Fatalf("%q at %d:%d, outside the document", path, p.Line, p.Col)
				}
			}
			switch v := v.(type) {
			case map[string]any:
				keys := make([]string, 0, len(v))
				for k := range v {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				for _, k := range keys {
					walk(join(path, k), v[k])
				}
			case []map[string]any:
				for i, e := range v {
					walk(join(path, strconv.Itoa(i)), e)
				}
			case []any:
				for i, e := range v {
					walk(join(path, strconv.Itoa(i)), e)
				}
			}
		}
		walk("", m)
	})
}

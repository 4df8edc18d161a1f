package tomlpos

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestTOMLTooDeep(t *testing.T) {
	deep := func(open, close string, n int) string {
		return strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
	}
	for _, tc := range []struct {
		name, src string
		line, col int // 0: within the limit
	}{
		{"16 arrays", "x = " + deep("[", "]", 16), 0, 0},
		{"17 arrays", "a = 1\nx = " + deep("[", "]", 17), 2, 21},
		{"17 inline tables", "x = " + deep("{a=", "}", 17), 1, 53},
		{"headers are not values", strings.Repeat("[[control]]\nid = \"a\"\n", 100), 0, 0},
		{"brackets in strings", "x = \"" + strings.Repeat("[", 100) + "\"\ny = '" + strings.Repeat("{", 100) + "'", 0, 0},
		{"multi-line strings", "x = \"\"\"\n" + strings.Repeat("[", 100) + "\n\"\"\"\ny = " + deep("[", "]", 17), 4, 21},
		{"escaped quote", `x = "\"[[[[[[[[[[[[[[[[[[[["` + "\n", 0, 0},
		{"comments", "# " + strings.Repeat("[", 100) + "\nx = 1", 0, 0},
		{"arrays over lines", "x = [\n" + strings.Repeat("[\n", 16) + "1" + strings.Repeat("]", 17), 17, 1},
	} {
		p, deep := tooDeep("f.toml", []byte(tc.src), 0)
		switch {
		case tc.line == 0 && deep:
			t.Errorf("%s: refused at %v", tc.name, p)
		case tc.line != 0 && (!deep || p.Line != tc.line || p.Col != tc.col):
			t.Errorf("%s: %v %v, want %d:%d", tc.name, deep, p, tc.line, tc.col)
		}
	}
}

// Whatever the input, the scan ends; and a document it lets through
// nests no deeper than the limit once decoded.
func FuzzTOMLTooDeep(f *testing.F) {
	for _, s := range []string{"x = [[1]]", "[a]\nb = {c = [1]}", "x = \"\"\"[\"\"\"", "x = '''[[['''", "# [[[\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if _, deep := tooDeep("f.toml", []byte(s), 0); deep {
			return
		}
		var m map[string]any
		if _, err := toml.Decode(s, &m); err != nil {
			return
		}
		if d := valueDepth(m); d > MaxNesting+1+strings.Count(s, ".")+strings.Count(s, "\n") {
			t.Fatalf("passed, but decodes %d deep", d)
		}
	})
}

func valueDepth(v any) int {
	d := 0
	switch v := v.(type) {
	case map[string]any:
		for _, e := range v {
			d = max(d, valueDepth(e))
		}
		return d + 1
	case []any:
		for _, e := range v {
			d = max(d, valueDepth(e))
		}
		return d + 1
	case []map[string]any:
		for _, e := range v {
			d = max(d, valueDepth(e))
		}
		return d + 1
	}
	return 0
}

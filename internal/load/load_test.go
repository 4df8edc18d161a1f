package load

import (
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/diag"
)

// Every common TOML mistake gets the parser's position and a hint.
func TestSyntaxHints(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"title: \"x\"\n", `1:6: error: TOML syntax: expected '.' or '=', but got ':' instead; TOML writes key = value, not key: value (that is YAML)`},
		{"title = Access Control\n", `1:9: error: TOML syntax: expected value but found "Access" instead; put text in quotes: key = "…"`},
		{"a = 2026-02-30\n", `1:5: error: TOML syntax: invalid datetime: "2026-02-30"; 2026-02-30 is not a day of the calendar`},
		{"a = 2026-1-5\n", `1:5: error: TOML syntax: invalid datetime: "2026-1-5"; write a date as YYYY-MM-DD, e.g. 2026-03-01`},
		{"a = 1\na = 2\n", `2:1: error: TOML syntax: Key 'a' has already been defined.; each key may appear once in a table: remove or rename one`},
		{"a = \"x\n", `1:7: error: TOML syntax: strings cannot contain newlines; close the string on the same line, or use """ for text over several lines`},
		{"bad key = 1\n", `1:5: error: TOML syntax: expected '.' or '=', but got 'k' instead; a key is one word of letters, digits, _ and -, followed by = and a value; quote keys with spaces`},
		{"a = [\"x\" \"y\"]\n", `1:10: error: TOML syntax: expected a comma (',') or array terminator (']'), but got '"'; separate the items of a list with commas`},
		{"a = \"c:\\d\"\n", `1:8: error: TOML syntax: invalid escape in string '\d'; write \\ for a backslash, or use 'single quotes' for text with backslashes`},
		{"x = 'it's'\n", `1:9: error: TOML syntax: expected a top-level item to end with a newline, comment, or EOF, but got 's' instead; write one key = value per line, and quote text that holds a quote with the other kind: "it's"`},
		{"a = [\"x\",\n", `1:10: error: TOML syntax: unexpected EOF; expected value; the file ends inside a value: close every [ list, { table and " string`},
		{"[build\nas_of = 1\n", `1:7: error: TOML syntax: expected '.' or ']' to end table name, but got '\n' instead; close the table header with ], or ]] for [[…]]`},
	} {
		diags := &diag.List{}
		l := newLoader(t.TempDir(), diags)
		if l.parseTOML("f.toml", []byte(tc.src), 0, "") != nil {
			t.Errorf("%q parsed", tc.src)
			continue
		}
		items := diags.Items()
		if len(items) != 1 || !strings.HasPrefix(items[0].String(), "f.toml:") || strings.TrimPrefix(items[0].String(), "f.toml:") != tc.want {
			t.Errorf("%q:\n got %v\nwant f.toml:%s", tc.src, items, tc.want)
		}
	}
}

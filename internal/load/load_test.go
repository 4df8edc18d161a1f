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
		{"a = 2026-1-5\n", `1:5: error: a: 2026-1-5 is not a date TOML reads; write a = 2026-01-05 (a TOML date: YYYY-MM-DD, no quotes)`},
		{"a = 1\na = 2\n", `2:1: error: TOML syntax: Key 'a' has already been defined.; each key may appear once in a table: remove or rename one`},
		{"a = \"x\n", `1:7: error: TOML syntax: strings cannot contain newlines; close the string on the same line, or use """ for text over several lines`},
		{"bad key = 1\n", `1:5: error: TOML syntax: expected '.' or '=', but got 'k' instead; a key is one word of letters, digits, _ and -, followed by = and a value; quote keys with spaces`},
		{"a = [\"x\" \"y\"]\n", `1:10: error: TOML syntax: expected a comma (',') or array terminator (']'), but got '"'; separate the items of a list with commas`},
		{"a = \"c:\\d\"\n", `1:8: error: TOML syntax: invalid escape in string '\d'; write \\ for a backslash, or use 'single quotes' for text with backslashes`},
		{"x = 'it's'\n", `1:9: error: TOML syntax: expected a top-level item to end with a newline, comment, or EOF, but got 's' instead; write one key = value per line, and quote text that holds a quote with the other kind: "it's"`},
		{"a = [\"x\",\n", `1:10: error: TOML syntax: unexpected EOF; expected value; the file ends inside a value: close every [ list, { table and " string`},
		{"[build\nas_of = 1\n", `1:7: error: TOML syntax: expected '.' or ']' to end table name, but got '\n' instead; close the table header with ], or ]] for [[…]]`},
		// Dates in other layouts: one message with the TOML date they mean.
		{"a = 06/04/2026\n", `1:5: error: a: 06/04/2026 is not a date TOML reads, and could be 4 June 2026 or 6 April 2026; write a = 2026-06-04 or a = 2026-04-06 (a TOML date: YYYY-MM-DD, no quotes)`},
		{"a = 13/04/2026 # approval\n", `1:5: error: a: 13/04/2026 is not a date TOML reads; write a = 2026-04-13 (a TOML date: YYYY-MM-DD, no quotes)`},
		{"a = 04.06.2026\n", `1:5: error: a: 04.06.2026 is not a date TOML reads, and could be 4 June 2026 or 6 April 2026; write a = 2026-06-04 or a = 2026-04-06 (a TOML date: YYYY-MM-DD, no quotes)`},
		{"a = 2026/06/04\n", `1:5: error: a: 2026/06/04 is not a date TOML reads; write a = 2026-06-04 (a TOML date: YYYY-MM-DD, no quotes)`},
		{"a = 4 June 2026\n", `1:5: error: a: 4 June 2026 is not a date TOML reads; write a = 2026-06-04 (a TOML date: YYYY-MM-DD, no quotes)`},
		{"a = Jun 4, 2026\n", `1:5: error: a: Jun 4, 2026 is not a date TOML reads; write a = 2026-06-04 (a TOML date: YYYY-MM-DD, no quotes)`},
		{"a = 31/02/2026\n", `1:5: error: a: 31/02/2026 is not a date TOML reads, nor a day of the calendar; write a = YYYY-MM-DD, e.g. a = 2026-06-04 (no quotes)`},
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

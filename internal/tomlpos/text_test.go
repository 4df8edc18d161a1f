package tomlpos

import (
	"strings"
	"testing"
)

func TestLineProblem(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Acme, Inc.", ""},
		{"Tab\tseparated", ""},
		{"Acme\nContact: x", `line break (U+000A) after "Acme"`},
		{"Acme\r", "line break (U+000D)"},
		{"Acme\u2028x", "line break (U+2028)"},
		{"Acme\u0085x", "line break (U+0085)"},
		{"bell\a", "control character U+0007"},
	} {
		if got := lineProblem(tc.in); (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("lineProblem(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// What oneLine lets through, or makes of what it reports, is one line.
func FuzzOneLine(f *testing.F) {
	for _, s := range []string{"Acme", "a\nb", "a\r\nb", "\u2029", "x\x00y", "note\nline"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, prose bool) {
		key := "company"
		if prose {
			key = "note"
		}
		got, problem := cleanLine(key, s)
		if (problem == "") != (got == s) && !prose {
			t.Fatalf("cleanLine(%q, %q) changed it without a problem, or the reverse", key, s)
		}
		for _, r := range got {
			if isControl(r) && !(prose && (r == '\n' || r == '\r')) {
				t.Fatalf("oneLine(%q, %q) = %q keeps %U", key, s, got, r)
			}
		}
	})
}

package markdown

import (
	"bytes"
	"strings"
	"testing"
)

func TestLimits(t *testing.T) {
	para := func(unit string, n int) string { return strings.Repeat(unit, n) + "\n" }
	for _, tc := range []struct {
		name, src string
		line      int    // 0: within the limits
		msg       string // part of the message
	}{
		{"nesting 16", strings.Repeat("- ", 16) + "x\n", 0, ""},
		{"nesting 17", "text\n\n" + strings.Repeat("> ", 17) + "x\n", 3, "nested 17 deep"},
		{"numbered nesting", strings.Repeat("1. ", 17) + "x\n", 1, "nested 17 deep"},
		{"indent 128", strings.Repeat(" ", 128) + "- x\n", 0, ""},
		{"indent 129", "a\n" + strings.Repeat(" ", 129) + "- x\n", 2, "indented 129 columns"},
		{"tab indent", strings.Repeat("\t", 33) + "x\n", 1, "indented 132 columns"},
		{"fenced code is not parsed", "```\n" + strings.Repeat(" ", 300) + "x\n" + para("[", 900) + "```\n", 0, ""},
		{"tilde fence", "~~~yaml\n" + strings.Repeat("> ", 40) + "\n~~~\n", 0, ""},
		{"long line", strings.Repeat("a", MaxLine) + "\n" + strings.Repeat("a", MaxLine+1), 2, "over the limit of 16384"},
		{"500 brackets", para("[a", 500), 0, ""},
		{"501 brackets", "x\n\n" + para("[a", 250) + para("[a", 251), 3, "over 500 link brackets"},
		{"blank line splits", para("[a", 400) + "\n" + para("[a", 400), 0, ""},
		{"backticks", para("a`", 501), 1, "backticks"},
		{"angles", para("<", 501), 1, "angle brackets"},
		{"stars", para("*", 501), 1, "stars"},
		{"underscores", para("_", 501), 1, "underscores"},
		{"links in a document", strings.Repeat(para("[a](b)", 400)+"\n", 51), 101, "20000 link brackets"},
		{"marks in a document", strings.Repeat(para("*", 400)+"\n", 251), 501, "over 100000 of the characters"},
		{"definition", "[x]: " + strings.Repeat("y", MaxDefinition) + "\n", 1, "link reference definition"},
		{"containers", strings.Repeat(strings.Repeat("> ", 10)+"x\n", 10001), 10001, "nests lists and quotes"},
	} {
		le := checkLimits([]byte(tc.src))
		switch {
		case tc.line == 0 && le != nil:
			t.Errorf("%s: refused at %d: %s", tc.name, le.Line, le.Msg)
		case tc.line != 0 && le == nil:
			t.Errorf("%s: not refused", tc.name)
		case tc.line != 0 && (le.Line != tc.line || !strings.Contains(le.Msg, tc.msg)):
			t.Errorf("%s: refused at line %d: %s; want line %d, %q", tc.name, le.Line, le.Msg, tc.line, tc.msg)
		}
	}
}

// Convert refuses what the limits refuse, and converts the rest.
func TestConvertRefuses(t *testing.T) {
	c := New(false)
	if _, err := c.Convert([]byte(strings.Repeat("> ", 17)+"x\n"), nil); err == nil {
		t.Error("17 nested quotes converted")
	}
	if res, err := c.Convert([]byte(strings.Repeat("> ", 16)+"x\n"), nil); err != nil || !strings.Contains(string(res.HTML), "x") {
		t.Errorf("16 nested quotes: %v", err)
	}
}

// The limits never fail, and what they let through converts.
func FuzzLimits(f *testing.F) {
	for _, s := range []string{"- - - x", "```\n> > >\n```", "[a](" + strings.Repeat("[", 600), "1. 2. 3) x", "\t\t\t> *_`<"} {
		f.Add(s)
	}
	c := New(false)
	f.Fuzz(func(t *testing.T, s string) {
		le := checkLimits([]byte(s))
		if le == nil {
			if _, err := c.Convert([]byte(s), nil); err != nil {
				t.Fatalf("Convert: %v", err)
			}
			return
		}
		if lines := bytes.Count([]byte(s), []byte("\n")) + 1; le.Line < 1 || le.Line > lines {
			t.Fatalf("limit error at line %d of %d", le.Line, lines)
		}
	})
}

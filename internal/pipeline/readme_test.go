package pipeline_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/confine"
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/markdown"
	"github.com/trustdocs/trustdocs/internal/tomlpos"
)

// The README's table of limits says what the code enforces.
func TestREADMELimits(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	start := strings.Index(text, "**Limits.**")
	if start < 0 {
		t.Fatal("the README has no limits")
	}
	table := text[start : start+strings.Index(text[start:], "\n\n| input")+2000]
	n := func(v int) string { // 100000 → "100,000"
		s := fmt.Sprint(v)
		for i := len(s) - 3; i > 0; i -= 3 {
			s = s[:i] + "," + s[i:]
		}
		return s
	}
	for _, want := range []string{
		fmt.Sprintf("| %d MiB |", confine.MaxTextFile>>20),
		fmt.Sprintf("nested %d deep |", tomlpos.MaxNesting),
		fmt.Sprintf("nested %d deep on a line; %s in a document |", markdown.MaxNesting, n(markdown.MaxContainers)),
		fmt.Sprintf("| %d columns; %d KiB |", markdown.MaxIndent, markdown.MaxLine>>10),
		fmt.Sprintf("| %d each in a paragraph; %s in all (%s `[`) in a document |", markdown.MaxInline, n(markdown.MaxMarks), n(markdown.MaxLinks)),
		fmt.Sprintf("| %d KiB (every use copies it) |", markdown.MaxDefinition>>10),
		fmt.Sprintf("| %d kept a file (the rest counted); %d printed", diag.MaxPerFile, diag.MaxPrinted),
	} {
		if !strings.Contains(table, want) {
			t.Errorf("the README's limits do not say %q", want)
		}
	}
}

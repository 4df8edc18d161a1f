package load

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/trustdocs/trustdocs/internal/diag"
)

// todoMarker is what the starter site (trustdocs new) and the importers
// leave where the site's author has something to write.
var todoMarker = []byte("TODO")

// todos warns about the TODO markers left in a file: one warning a file,
// at the first, naming the lines of the others, so that a new site's
// placeholders do not bury the messages that matter.
func (l *loader) todos(file string, src []byte) {
	var lines []int
	first := diag.Pos{File: file}
	for i := 0; ; {
		j := bytes.Index(src[i:], todoMarker)
		if j < 0 {
			break
		}
		at := i + j
		i = at + len(todoMarker)
		if !isTodo(src, at) {
			continue
		}
		line := 1 + bytes.Count(src[:at], []byte("\n"))
		if len(lines) > 0 && lines[len(lines)-1] == line {
			continue
		}
		if lines == nil {
			start := bytes.LastIndexByte(src[:at], '\n') + 1
			first.Line, first.Col = line, 1+utf8.RuneCount(src[start:at])
		}
		lines = append(lines, line)
	}
	switch n := len(lines); {
	case n == 1:
		l.diags.Warnf(first, "TODO left here; write what it asks for, then remove the marker")
	case n > 1:
		l.diags.Warnf(first, "%d TODOs left in this file, the first here%s; write what each asks for, then remove the markers", n, otherLines(lines))
	}
}

// isTodo reports whether the marker at src[at:] is a word of its own.
func isTodo(src []byte, at int) bool {
	word := func(b byte) bool {
		return b == '_' || b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z'
	}
	end := at + len(todoMarker)
	return (at == 0 || !word(src[at-1])) && (end == len(src) || !word(src[end]))
}

// otherLines names the lines of the markers after the first.
func otherLines(lines []int) string {
	const most = 8
	rest := lines[1:]
	var s []string
	for i, n := range rest {
		if i == most {
			s = append(s, fmt.Sprintf("and %d more", len(rest)-most))
			break
		}
		s = append(s, fmt.Sprint(n))
	}
	if len(rest) == 1 {
		return " (another on line " + s[0] + ")"
	}
	return " (others on lines " + strings.Join(s, ", ") + ")"
}

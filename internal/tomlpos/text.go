package tomlpos

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/trustdocs/trustdocs/internal/diag"
)

// multiline are the keys whose values are prose and may hold line breaks.
// Every other string is one line: names, ids, versions, dates, addresses
// end up in line-based files (security.txt, robots.txt, CSV, HTTP
// headers), where a line break would add a line of the author's choosing.
var multiline = map[string]bool{
	"description": true, "justification": true, "note": true, "summary": true,
	"scope": true, "purpose": true, "answer": true,
}

// oneLine checks that the string at key is one line of text: no line
// break and no other control character (a tab is allowed). What it
// reports is replaced by a space, so that checking goes on.
func (t *Table) OneLine(key string, at diag.Pos, s string) string {
	clean, problem := cleanLine(key, s)
	if problem != "" {
		t.Errorf(at, "%s %s; write it on one line", key, problem)
	}
	return clean
}

// cleanLine returns s fit for key, and what was wrong with it, if
// anything: prose loses its invisible control characters but keeps its
// line breaks; any other field is one line, its controls made spaces.
func cleanLine(key, s string) (clean, problem string) {
	if multiline[key] {
		return stripControls(s, "\n\r\t"), ""
	}
	problem = lineProblem(s)
	if problem == "" {
		return s, ""
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return ' '
		}
		return r
	}, s), problem
}

// lineProblem says what keeps s from being one line of text, or "".
func lineProblem(s string) string {
	i := strings.IndexFunc(s, isControl)
	if i < 0 {
		return ""
	}
	r := []rune(s[i:])[0]
	switch r {
	case '\n', '\r', '\u2028', '\u2029', '\u0085':
		return fmt.Sprintf("holds a line break (%U) after %q", r, s[:i])
	}
	return fmt.Sprintf("holds the control character %U after %q", r, s[:i])
}

// isControl reports the characters no one-line field may hold: C0 and C1
// controls but the tab, DEL, and the Unicode line and paragraph
// separators.
func isControl(r rune) bool {
	return r != '\t' && (unicode.IsControl(r) || r == '\u2028' || r == '\u2029')
}

// stripControls drops the control characters of prose but those in keep:
// nothing a reader can see is lost.
func stripControls(s, keep string) string {
	if strings.IndexFunc(s, func(r rune) bool { return isControl(r) && !strings.ContainsRune(keep, r) }) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) && !strings.ContainsRune(keep, r) {
			return -1
		}
		return r
	}, s)
}

package tomlpos

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/trustdocs/trustdocs/internal/diag"
)

// Parse decodes src, a TOML file or a document's front matter that starts
// lineOffset lines into file, and returns its top-level table, whose
// messages begin with name ("" for a whole file). A syntax error, or
// values nested deeper than MaxNesting, is reported to diags at its line
// and column, and Parse returns nil.
func Parse(file string, src []byte, lineOffset int, name string, diags *diag.List) *Table {
	if p, deep := tooDeep(file, src, lineOffset); deep {
		diags.Errorf(p, "arrays or inline tables nest deeper than %d levels here; trustdocs's files need two or three, so flatten the value", MaxNesting)
		return nil
	}
	var m map[string]any
	if _, err := toml.Decode(string(src), &m); err != nil {
		var pe toml.ParseError
		p := diag.Pos{File: file, Line: 1 + lineOffset}
		msg := err.Error()
		if errors.As(err, &pe) {
			p.Line, p.Col = errorPlace(src, pe)
			lines := strings.Split(string(src), "\n")
			line := lines[max(1, min(p.Line, len(lines)))-1]
			if key, value, ok := lineValue(line); ok {
				if advice, isDate := dateAdvice(key, value); isDate {
					p.Col = strings.Index(line, value) + 1
					p.Line += lineOffset
					diags.Errorf(p, "%s: %s", key, advice)
					return nil
				}
			}
			p.Line += lineOffset
			msg = pe.Message
		}
		diags.Errorf(p, "TOML syntax: %s%s", msg, syntaxHint(msg))
		return nil
	}
	return &Table{name: name, file: file, m: m, pos: locate(file, src, lineOffset), diags: diags}
}

// errorPlace returns the line and column of a TOML syntax error, computed
// from its byte offset: the parser's own line and column are off when the
// error is at a line's end or follows a complete line.
func errorPlace(src []byte, pe toml.ParseError) (line, col int) {
	start := pe.Position.Start
	if start < 0 || start > len(src) {
		return pe.Position.Line, pe.Position.Col
	}
	if strings.HasPrefix(pe.Message, "invalid escape") { // point at the backslash
		if i := bytes.IndexByte(src[start:min(len(src), start+pe.Position.Len)], '\\'); i >= 0 {
			start += i
		}
	}
	lineStart := bytes.LastIndexByte(src[:start], '\n') + 1
	return 1 + bytes.Count(src[:start], []byte("\n")), start - lineStart + 1
}

var badDateRE = regexp.MustCompile(`invalid datetime: "(\d{4})-(\d{2})-(\d{2})"`)

// syntaxHint turns the TOML parser's most common complaints into advice.
func syntaxHint(msg string) string {
	if m := badDateRE.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("; %s-%s-%s is not a day of the calendar", m[1], m[2], m[3])
	}
	switch {
	case strings.Contains(msg, "got ':'"):
		return "; TOML writes key = value, not key: value (that is YAML)"
	case strings.HasPrefix(msg, "expected value but found"):
		return "; put text in quotes: key = \"…\""
	case strings.HasPrefix(msg, "invalid datetime"):
		return "; write a date as YYYY-MM-DD, e.g. 2026-03-01"
	case strings.Contains(msg, "has already been defined"):
		return "; each key may appear once in a table: remove or rename one"
	case strings.HasPrefix(msg, "strings cannot contain newlines"):
		return "; close the string on the same line, or use \"\"\" for text over several lines"
	case strings.HasPrefix(msg, "expected '.' or '='"):
		return "; a key is one word of letters, digits, _ and -, followed by = and a value; quote keys with spaces"
	case strings.HasPrefix(msg, "expected a comma"):
		return "; separate the items of a list with commas"
	case strings.HasPrefix(msg, "expected a top-level item to end with a newline"):
		return "; write one key = value per line, and quote text that holds a quote with the other kind: \"it's\""
	case strings.HasPrefix(msg, "unexpected EOF"):
		return "; the file ends inside a value: close every [ list, { table and \" string"
	case strings.Contains(msg, "to end table name"):
		return "; close the table header with ], or ]] for [[…]]"
	case strings.HasPrefix(msg, "invalid escape"):
		return "; write \\\\ for a backslash, or use 'single quotes' for text with backslashes"
	}
	return ""
}

package tomlpos

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/trustdocs/trustdocs/internal/diag"
)

// positions maps a key path to where it is written. Paths join keys with
// dots and number array elements from 0: "control.3.soc2.1" is the second
// element of soc2 in the fourth [[control]] table.
//
// BurntSushi/toml knows these positions but keeps them private, so locate
// rescans the source. It runs only on documents the TOML parser accepted,
// so it can be lenient about syntax it would otherwise have to reject.
type positions map[string]diag.Pos

type locator struct {
	src        string
	i          int
	line, col0 int // line of src[i]; index where that line starts
	file       string
	lineOffset int
	pos        positions
	arrays     map[string]int // array-of-tables path → index of its last table
}

// locate returns the positions of every key, table header and array element
// in src. lineOffset is added to every line (for front matter that starts
// below the first line of its file).
func locate(file string, src []byte, lineOffset int) positions {
	// Sized for a key a line, about what records have: a map grown from
	// empty to the thousand keys of a file of a hundred controls was a
	// third of the time of locating them.
	l := &locator{src: string(src), line: 1, file: file, lineOffset: lineOffset,
		pos: make(positions, bytes.Count(src, []byte("\n"))+1), arrays: map[string]int{}}
	l.document()
	return l.pos
}

func (l *locator) here() diag.Pos {
	return diag.Pos{File: l.file, Line: l.line + l.lineOffset, Col: l.i - l.col0 + 1}
}

func (l *locator) eof() bool { return l.i >= len(l.src) }

func (l *locator) peek() byte {
	if l.eof() {
		return 0
	}
	return l.src[l.i]
}

func (l *locator) advance() {
	if l.src[l.i] == '\n' {
		l.line++
		l.col0 = l.i + 1
	}
	l.i++
}

// skipSpace skips blanks and, when newlines is set, line breaks and comments.
func (l *locator) skipSpace(newlines bool) {
	for !l.eof() {
		switch c := l.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			l.advance()
		case c == '#':
			for !l.eof() && l.peek() != '\n' {
				l.advance()
			}
		case c == '\n' && newlines:
			l.advance()
		default:
			return
		}
	}
}

func (l *locator) document() {
	table := ""
	for {
		l.skipSpace(true)
		if l.eof() {
			return
		}
		if l.peek() == '[' {
			table = l.header()
			continue
		}
		start := l.i
		l.keyValue(table)
		if l.i == start { // not TOML we understand; never loop forever
			l.advance()
		}
	}
}

// header reads [a.b] or [[a.b]] and returns the path that keys below it get.
func (l *locator) header() string {
	at := l.here()
	l.advance()
	double := l.peek() == '['
	if double {
		l.advance()
	}
	keys := l.key()
	path := l.resolve(keys, at)
	if double {
		n := 0
		if prev, ok := l.arrays[path]; ok {
			n = prev + 1
		}
		l.arrays[path] = n
		if n == 0 {
			l.pos[path] = at // the array is where its first table is
		}
		path = join(path, strconv.Itoa(n))
	}
	l.pos[path] = at
	for !l.eof() && l.peek() != '\n' && l.peek() != '#' {
		l.advance()
	}
	return path
}

// resolve turns header keys into a path, putting in the current index of
// every array of tables on the way ("certification.audit" inside the third
// certification is "certification.2.audit"). Tables that the header
// creates implicitly ("annex_a" for [annex_a."A.7.4"]) are placed at it.
func (l *locator) resolve(keys []string, at diag.Pos) string {
	path := ""
	for i, k := range keys {
		path = join(path, k)
		if _, ok := l.pos[path]; !ok && i < len(keys)-1 {
			l.pos[path] = at
		}
		if n, ok := l.arrays[path]; ok && i < len(keys)-1 {
			path = join(path, strconv.Itoa(n))
		}
	}
	return path
}

func (l *locator) keyValue(table string) {
	at := l.here()
	keys := l.key()
	if len(keys) == 0 {
		return
	}
	path := table
	for _, k := range keys { // a.b = 1 creates the table a here
		path = join(path, k)
		if _, ok := l.pos[path]; !ok {
			l.pos[path] = at
		}
	}
	l.pos[path] = at
	l.skipSpace(false)
	if l.peek() == '=' {
		l.advance()
		l.skipSpace(false)
		l.value(path)
	}
}

// key reads a possibly dotted, possibly quoted key.
func (l *locator) key() []string {
	var keys []string
	for {
		l.skipSpace(false)
		switch c := l.peek(); {
		case c == '"' || c == '\'':
			keys = append(keys, l.quoted())
		case isBare(c):
			start := l.i
			for !l.eof() && isBare(l.peek()) {
				l.advance()
			}
			keys = append(keys, l.src[start:l.i])
		default:
			return keys
		}
		l.skipSpace(false)
		if l.peek() != '.' {
			return keys
		}
		l.advance()
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// quoted reads a one-line basic or literal string and returns its text.
func (l *locator) quoted() string {
	q := l.peek()
	l.advance()
	start := l.i
	for !l.eof() && l.peek() != q && l.peek() != '\n' {
		if q == '"' && l.peek() == '\\' {
			l.advance()
		}
		if !l.eof() {
			l.advance()
		}
	}
	raw := l.src[start:l.i]
	if !l.eof() && l.peek() == q {
		l.advance()
	}
	if q == '"' {
		if s, err := strconv.Unquote(`"` + raw + `"`); err == nil {
			return s
		}
	}
	return raw
}

func (l *locator) value(path string) {
	switch c := l.peek(); {
	case c == '[':
		l.advance()
		for n := 0; ; n++ {
			l.skipSpace(true)
			if l.eof() || l.peek() == ']' {
				break
			}
			elem := join(path, strconv.Itoa(n))
			l.pos[elem] = l.here()
			l.value(elem)
			l.skipSpace(true)
			if l.peek() == ',' {
				l.advance()
			}
		}
		if !l.eof() {
			l.advance()
		}
	case c == '{':
		l.advance()
		for {
			l.skipSpace(true)
			if l.eof() || l.peek() == '}' {
				break
			}
			start := l.i
			l.keyValue(path)
			l.skipSpace(true)
			if l.peek() == ',' {
				l.advance()
			} else if l.i == start {
				l.advance()
			}
		}
		if !l.eof() {
			l.advance()
		}
	case c == '"' || c == '\'':
		q := string([]byte{c, c, c})
		if strings.HasPrefix(l.src[l.i:], q) {
			l.i0(3)
			for !l.eof() && !strings.HasPrefix(l.src[l.i:], q) {
				if c == '"' && l.peek() == '\\' {
					l.advance()
				}
				if !l.eof() {
					l.advance()
				}
			}
			l.i0(3)
			for !l.eof() && l.peek() == c { // up to two quotes may end the content
				l.advance()
			}
			return
		}
		l.quoted()
	default:
		for !l.eof() && !strings.ContainsRune(",]}\n#", rune(l.peek())) {
			l.advance()
		}
	}
}

// i0 advances n bytes (or to the end).
func (l *locator) i0(n int) {
	for ; n > 0 && !l.eof(); n-- {
		l.advance()
	}
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

package tomlpos

import "github.com/trustdocs/trustdocs/internal/diag"

// MaxNesting is how deep arrays and inline tables may nest in a TOML
// value. Site files nest two or three levels; a parser given 50,000 is
// slow and, keeping a path for each level, greedy (quadratic in memory),
// so deeper values are refused before any parsing.
const MaxNesting = 16

// tooDeep returns the place where src's values nest deeper than
// MaxNesting, if they do. It reads TOML's lexical structure only:
// strings (basic, literal, multi-line), comments, and the brackets of
// values; table headers ([a], [[a]]) are not values and start a line.
func tooDeep(file string, src []byte, lineOffset int) (diag.Pos, bool) {
	line, lineStart, depth := 1, 0, 0
	atLineStart := true
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\n':
			line, lineStart, atLineStart = line+1, i+1, depth == 0
			continue
		case c == ' ' || c == '\t' || c == '\r':
			continue
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i--
			continue
		case c == '"' || c == '\'':
			end := skipString(src, i)
			for _, b := range src[i:end] {
				if b == '\n' {
					line++
				}
			}
			if nl := lastNewline(src[i:end]); nl >= 0 {
				lineStart = i + nl + 1
			}
			i = end - 1
		case atLineStart && c == '[':
			// A table header: skip to the end of its line.
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i--
		case c == '[' || c == '{':
			depth++
			if depth > MaxNesting {
				return diag.Pos{File: file, Line: line + lineOffset, Col: i - lineStart + 1}, true
			}
		case c == ']' || c == '}':
			depth = max(0, depth-1)
		}
		atLineStart = false
	}
	return diag.Pos{}, false
}

// skipString returns the index just after the string that starts at i.
func skipString(src []byte, i int) int {
	q := src[i]
	triple := i+2 < len(src) && src[i+1] == q && src[i+2] == q
	if triple {
		for j := i + 3; j+2 < len(src); j++ {
			if q == '"' && src[j] == '\\' {
				j++
				continue
			}
			if src[j] == q && src[j+1] == q && src[j+2] == q {
				// A closing delimiter may be followed by up to two quotes
				// that belong to the string.
				k := j + 3
				for k < len(src) && k < j+5 && src[k] == q {
					k++
				}
				return k
			}
		}
		return len(src)
	}
	for j := i + 1; j < len(src); j++ {
		switch {
		case src[j] == '\n':
			return j // unterminated: the parser reports it
		case q == '"' && src[j] == '\\':
			j++
		case src[j] == q:
			return j + 1
		}
	}
	return len(src)
}

func lastNewline(b []byte) int {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == '\n' {
			return i
		}
	}
	return -1
}

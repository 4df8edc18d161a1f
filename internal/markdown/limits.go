package markdown

import (
	"bytes"
	"fmt"
)

// Markdown parsers, goldmark among them, take time that grows with the
// square of some shapes of input: lists and quotes nested thousands deep,
// thousands of unclosed links or code spans in one paragraph, very long
// lines (cmark's and md4c's "pathological" tests are catalogues of them).
// Real documents are nowhere near these shapes, so Convert refuses them
// before parsing, with the line to fix, rather than run for minutes: with
// these limits, any 1 MB document converts in well under two seconds.
const (
	MaxNesting    = 16        // lists and quotes inside each other, on one line
	MaxIndent     = 128       // columns of indentation before a line's text
	MaxLine       = 16 << 10  // bytes in one line
	MaxInline     = 500       // link brackets, backticks, angle brackets, stars or underscores in one paragraph
	MaxLinks      = 20000     // link brackets in one document
	MaxMarks      = 100000    // all those characters in one document
	MaxContainers = 100000    // list items and quotes in one document, counted on every line they nest
	MaxDefinition = 2 << 10   // bytes of a link reference definition, which every use copies
	maxReported   = MaxInline // keeps the message's count readable
)

// A LimitError says where a document passes one of the limits.
type LimitError struct {
	Line, Col int // 1-based, in the converted source
	Msg       string
}

func (e *LimitError) Error() string { return e.Msg }

// checkLimits returns the first place where src passes a limit, or nil.
// One pass over the bytes, outside fenced code blocks (whose text is not
// parsed as Markdown).
func checkLimits(src []byte) *LimitError {
	var (
		fence                              []byte // the open fence's marker, or nil
		para                               [5]int // inlineChars in the paragraph so far
		paraLine, links, marks, containers int
		line                               = 0
		kinds                              = [5]string{"link brackets ([)", "backticks (`)", "angle brackets (<)", "stars (*)", "underscores (_)"}
		inlineChars                        = [5]byte{'[', '`', '<', '*', '_'}
		rest                               = src
		resetParagraph                     = func() { para = [5]int{}; paraLine = 0 }
	)
	for len(rest) > 0 {
		line++
		text := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			text, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		if len(text) > MaxLine {
			return &LimitError{line, MaxLine + 1, fmt.Sprintf("the line is %d bytes long, over the limit of %d; break it into shorter lines (Markdown joins the lines of a paragraph)", len(text), MaxLine)}
		}
		// Indentation: the columns before the line's first character.
		col, i := 0, 0
		for ; i < len(text) && (text[i] == ' ' || text[i] == '\t'); i++ {
			if text[i] == '\t' {
				col += 4 - col%4
			} else {
				col++
			}
		}
		// Nesting: the quote and list markers that open the line.
		depth := 0
	markers:
		for i < len(text) {
			switch c := text[i]; {
			case c == ' ' || c == '\t':
				i++
				continue
			case c == '>':
				depth++
				i++
				continue
			case (c == '-' || c == '*' || c == '+') && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\t'):
				depth++
				i++
				continue
			case c >= '0' && c <= '9':
				j := i
				for j < len(text) && j-i < 9 && text[j] >= '0' && text[j] <= '9' {
					j++
				}
				if j < len(text) && (text[j] == '.' || text[j] == ')') && (j+1 == len(text) || text[j+1] == ' ') {
					depth++
					i = j + 1
					continue
				}
			}
			break markers
		}
		body := text[i:]
		if fence != nil {
			if bytes.HasPrefix(body, fence) {
				fence = nil
			}
			continue
		}
		if bytes.HasPrefix(body, []byte("```")) || bytes.HasPrefix(body, []byte("~~~")) {
			fence = body[:3]
			resetParagraph()
			continue
		}
		containers += depth
		if containers > MaxContainers {
			return &LimitError{line, 1, fmt.Sprintf("the document nests lists and quotes %d times by this line, over the limit of %d for one document; split it", containers, MaxContainers)}
		}
		if depth > MaxNesting {
			return &LimitError{line, 1, fmt.Sprintf("lists or quotes are nested %d deep on this line, over the limit of %d; flatten them", depth, MaxNesting)}
		}
		if col > MaxIndent {
			return &LimitError{line, 1, fmt.Sprintf("the line is indented %d columns, over the limit of %d; indent less (a nested list needs two or four spaces a level)", col, MaxIndent)}
		}
		if len(bytes.TrimSpace(body)) == 0 {
			resetParagraph()
			continue
		}
		if paraLine == 0 {
			paraLine = line
		}
		if isDefinition(body) && len(body) > MaxDefinition {
			return &LimitError{line, i + 1, fmt.Sprintf("the link reference definition is %d bytes, over the limit of %d; every use of it copies it", len(body), MaxDefinition)}
		}
		for k, c := range inlineChars {
			n := bytes.Count(body, []byte{c})
			para[k] += n
			marks += n
			if k == 0 {
				links += n
			}
			if para[k] > MaxInline {
				return &LimitError{paraLine, 1, fmt.Sprintf("the paragraph that starts here holds over %d %s, the limit for one paragraph; split it with blank lines", maxReported, kinds[k])}
			}
		}
		if marks > MaxMarks {
			return &LimitError{line, 1, fmt.Sprintf("the document holds over %d of the characters that open links, code and emphasis ([, `, <, *, _), the limit for one document; split it", MaxMarks)}
		}
		if links > MaxLinks {
			return &LimitError{line, 1, fmt.Sprintf("the document holds over %d link brackets ([), the limit for one document; split it", MaxLinks)}
		}
	}
	return nil
}

// isDefinition reports whether a line's text starts a link reference
// definition: [label]: destination.
func isDefinition(body []byte) bool {
	if len(body) == 0 || body[0] != '[' {
		return false
	}
	i := bytes.Index(body, []byte("]:"))
	return i > 0 && bytes.IndexByte(body[1:i], '[') < 0
}

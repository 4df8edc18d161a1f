package questionnaire

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// A table is one sheet of a questionnaire (a CSV file is one), as the
// text of its cells.
type table struct {
	name   string // the sheet's name; "" for CSV
	rows   [][]string
	header int // the header row, or -1 when none was found
	col    int // the question column, or -1 when the sheet holds no questions
	width  int // the number of columns used
}

// A header cell names a question column when it is short and has one of
// these words ("Question", "Control question", "Frage / Question"), or is
// one of the exact names after them.
var (
	headerWordRE  = regexp.MustCompile(`(?i)\b(questions?|requirements?|quer(y|ies))\b`)
	headerExactRE = regexp.MustCompile(`(?i)^\s*(item|description|ask)\s*[:.]?\s*$`)
)

func isHeader(cell string) bool {
	return len(strings.Fields(cell)) <= 5 && headerWordRE.MatchString(cell) || headerExactRE.MatchString(cell)
}

// columnRE is a column written as letters (C, AB) or a number (3).
var columnRE = regexp.MustCompile(`^(?i:[a-z]{1,3}|[0-9]{1,4})$`)

// findColumn finds the question column of t and its header row: the
// column the user named (letters, a number from 1, or its header's text),
// else the first header cell that names questions in the first 20 rows,
// else the column with the most cells that read as questions (ending in a
// question mark, or of five words or more), when it has three or more.
func (t *table) findColumn(named string) error {
	t.header, t.col = -1, -1
	for _, r := range t.rows {
		t.width = max(t.width, len(r))
	}
	head := t.rows[:min(20, len(t.rows))]
	if named != "" {
		if columnRE.MatchString(named) {
			c, err := columnIndex(named)
			if err != nil {
				return err
			}
			t.col = c
			for i, r := range head { // a header above the first question, if any
				if c < len(r) && isHeader(r[c]) {
					t.header = i
					break
				}
			}
			return nil
		}
		for i, r := range head {
			for c, cell := range r {
				if strings.EqualFold(strings.TrimSpace(cell), strings.TrimSpace(named)) {
					t.header, t.col = i, c
					return nil
				}
			}
		}
		return nil // not in this sheet
	}
	for i, r := range head {
		for c, cell := range r {
			if isHeader(cell) {
				t.header, t.col = i, c
				return nil
			}
		}
	}
	counts := make([]int, t.width)
	for _, r := range t.rows {
		for c, cell := range r {
			if looksLikeQuestion(cell) {
				counts[c]++
			}
		}
	}
	for c, n := range counts {
		if n >= 3 && (t.col < 0 || n > counts[t.col]) {
			t.col = c
		}
	}
	return nil
}

func looksLikeQuestion(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, "?") || len(strings.Fields(s)) >= 5
}

// questions are the rows of t below its header that ask something: a
// row whose question cell is filled, unless it is a heading (a few words
// without a question mark, alone on its row).
func (t *table) questions() []int {
	var out []int
	if t.col < 0 {
		return nil
	}
	for i := t.header + 1; i < len(t.rows); i++ {
		r := t.rows[i]
		if t.col >= len(r) || strings.TrimSpace(r[t.col]) == "" {
			continue
		}
		if t.heading(r) {
			continue
		}
		out = append(out, i)
	}
	return out
}

func (t *table) heading(r []string) bool {
	q := strings.TrimSpace(r[t.col])
	if strings.Contains(q, "?") || len(strings.Fields(q)) > 3 {
		return false
	}
	for c, cell := range r {
		if c != t.col && strings.TrimSpace(cell) != "" {
			return false
		}
	}
	return true
}

// columnIndex reads a column as letters (A = 0) or a number (1 = 0).
func columnIndex(s string) (int, error) {
	if n, err := strconv.Atoi(s); err == nil {
		if n < 1 {
			return 0, fmt.Errorf("column %s: columns count from 1", s)
		}
		return n - 1, nil
	}
	c := 0
	for _, r := range strings.ToUpper(s) {
		if r < 'A' || r > 'Z' {
			return 0, fmt.Errorf("column %q: write it as letters (C) or a number (3)", s)
		}
		c = c*26 + int(r-'A'+1)
	}
	return c - 1, nil
}

// columnName writes a column index as letters (0 = A).
func columnName(c int) string {
	name := ""
	for c++; c > 0; c = (c - 1) / 26 {
		name = string(rune('A'+(c-1)%26)) + name
	}
	return name
}

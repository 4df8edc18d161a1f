// Package questionnaire fills a buyer's security questionnaire from an
// answer library.
//
// A questionnaire is a CSV file (comma or semicolon separated, UTF-8 with
// or without a byte-order mark) or an Excel workbook (.xlsx). In each
// sheet the question column is the one the user names (letters such as C,
// a number from 1, or its header's text), else the first header cell in
// the first 20 rows that names questions ("Question", "Requirement", …),
// else the column with the most cells that read as questions. Rows below
// the header whose question cell is filled are questions, but for
// headings: a few words without a question mark, alone on their row.
//
// Each question is matched against the library's questions and phrasings
// (with their category's words) by BM25, over words lower-cased, stemmed
// (Snowball English), with English stop words left out and a small list
// of synonyms and abbreviations (MFA, SSO, RTO, pentest …) mapped to one
// spelling; nothing leaves the machine. The confidence of the best match
// is the geometric mean of how much of the question's weight the matched
// text covers and how much of the text's weight the question covers
// (weights by inverse document frequency), from 0 to 1. At or above the
// threshold (0.5 unless told), the row gets the answer as plain text, the
// library question matched, its sources (controls, with their status when
// not implemented, and policies, with links) and the confidence; below it
// the row is left blank and reported for a person to answer.
//
// The filled questionnaire is written to a new file: a CSV with four more
// columns, or the workbook with every sheet and its formatting kept and
// four more columns after the last one used in the sheets that have
// questions. Answers the library's audience may not read (restricted
// answers in a public library) are never used.
package questionnaire

import (
	"cmp"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// Threshold is the confidence below which a question is left to a person.
const Threshold = 0.5

// Columns are the headers of the columns a filled questionnaire gains.
var Columns = []string{"Answer", "Matched question", "Sources", "Confidence"}

// Options say how to read a questionnaire.
type Options struct {
	Column    string  // the question column: letters, a number from 1 or its header; "" to find it
	Sheet     string  // only this sheet of a workbook; "" for all
	Threshold float64 // 0 for Threshold
}

// Row is one question and what the library gave it.
type Row struct {
	Sheet      string // "" for CSV
	Line       int    // from 1, as a spreadsheet numbers rows
	Col        int    // the question column, from 0
	Question   string
	Answer     *Answer // nil: it needs a person
	Nearest    *Answer // the best match, also below the threshold; nil for none
	Confidence float64
}

// Cell names the row's question cell, as a spreadsheet does (Sheet!C12).
func (r Row) Cell() string {
	c := columnName(r.Col) + fmt.Sprint(r.Line)
	if r.Sheet != "" {
		return r.Sheet + "!" + c
	}
	return c
}

// Report is what filling a questionnaire did.
type Report struct {
	Rows     []Row
	Answered int
	Sheets   []string // the sheets questions were found in
}

// Unanswered are the questions left for a person.
func (r *Report) Unanswered() []Row {
	var out []Row
	for _, row := range r.Rows {
		if row.Answer == nil {
			out = append(out, row)
		}
	}
	return out
}

// ErrNoQuestions is returned when no sheet has a question column.
var ErrNoQuestions = errors.New("found no column of questions; name it with --question-column (letters such as C, a number, or its header)")

// FillFile reads the questionnaire at in, answers it from lib and writes
// the result to out, which must be a different file of the same format.
func FillFile(lib *Library, in, out string, opts Options) (*Report, error) {
	ext := strings.ToLower(filepath.Ext(in))
	if oe := strings.ToLower(filepath.Ext(out)); oe != ext {
		return nil, fmt.Errorf("%s: write the filled questionnaire in the format it came in, as a %s file", out, ext)
	}
	if same, _ := sameFile(in, out); same {
		return nil, fmt.Errorf("%s: the filled questionnaire goes to a new file, never over the buyer's", out)
	}
	f := &filler{lib: lib, ix: newIndex(lib), opts: opts}
	f.opts.Threshold = cmp.Or(f.opts.Threshold, Threshold)
	switch ext {
	case ".csv", ".txt":
		return f.csv(in, out)
	case ".xlsx", ".xlsm":
		return f.xlsx(in, out)
	}
	return nil, fmt.Errorf("%s: read CSV (.csv) and Excel workbooks (.xlsx); save the questionnaire as one of those", in)
}

type filler struct {
	lib  *Library
	ix   *index
	opts Options
	rep  Report
}

// answer matches each question of t and returns the cells of the new
// columns for each of its rows (nil for rows that are not questions).
func (f *filler) answer(t *table) map[int][]string {
	cells := map[int][]string{}
	if t.header >= 0 {
		cells[t.header] = Columns
	}
	for _, i := range t.questions() {
		q := t.rows[i][t.col]
		m := f.ix.best(q)
		row := Row{Sheet: t.name, Line: i + 1, Col: t.col, Question: strings.TrimSpace(q), Confidence: m.Confidence}
		if m.Answer >= 0 {
			row.Nearest = &f.lib.Answers[m.Answer]
		}
		if row.Nearest != nil && m.Confidence >= f.opts.Threshold {
			a := row.Nearest
			row.Answer = a
			f.rep.Answered++
			cells[i] = []string{a.Text, a.Question, a.Sources(), fmt.Sprintf("%.0f%%", 100*m.Confidence)}
		}
		f.rep.Rows = append(f.rep.Rows, row)
	}
	return cells
}

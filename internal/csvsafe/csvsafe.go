// Package csvsafe writes CSV that spreadsheets open as text: every CSV
// trustdocs writes (the SoA, crosswalks, the answer library, filled
// questionnaires) goes through it.
package csvsafe

import (
	"encoding/csv"
	"io"
)

// Writer writes RFC 4180 CSV that a spreadsheet opens as text: a cell
// that a spreadsheet would read as a formula (one starting with =, +, -,
// @, a tab or a carriage return) gets a leading apostrophe, as OWASP's
// "CSV Injection" guidance advises. An SoA justification such as
// "=HYPERLINK(…)" then reads as the words it is, not as a formula that
// runs on an auditor's machine.
type Writer struct{ *csv.Writer }

// NewWriter returns a Writer with CRLF line ends, as RFC 4180 has them.
func NewWriter(w io.Writer) Writer {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return Writer{cw}
}

// Write writes one row with its formula cells neutralised.
func (w Writer) Write(row []string) error {
	safe := row
	for i, cell := range row {
		if formulaCell(cell) {
			if &safe[0] == &row[0] {
				safe = append([]string(nil), row...)
			}
			safe[i] = "'" + cell
		}
	}
	return w.Writer.Write(safe)
}

// formulaCell reports whether a spreadsheet would read cell as a formula.
func formulaCell(cell string) bool {
	if cell == "" {
		return false
	}
	switch cell[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

package render

import (
	"encoding/csv"
	"io"
)

// csvWriter writes RFC 4180 CSV that a spreadsheet opens as text: a cell
// that a spreadsheet would read as a formula (one starting with =, +, -,
// @, a tab or a carriage return) gets a leading apostrophe, as OWASP's
// "CSV Injection" guidance advises. An SoA justification such as
// "=HYPERLINK(…)" then reads as the words it is, not as a formula that
// runs on an auditor's machine. Every CSV trustdocs writes goes through it.
type csvWriter struct{ *csv.Writer }

func newCSVWriter(w io.Writer) csvWriter {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return csvWriter{cw}
}

// Write writes one row with its formula cells neutralised.
func (w csvWriter) Write(row []string) error {
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

package csvsafe

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

// Whatever a cell holds, the CSV reads back as the same cells, those a
// spreadsheet would run as formulas behind an apostrophe.
func FuzzCSVWriter(f *testing.F) {
	for _, s := range []string{"=1+1", "+1", "-1", "@SUM(A1)", "\t=x", "\r=x", "plain", "", "a,\"b\"\nc"} {
		f.Add(s, "second")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		var buf bytes.Buffer
		w := NewWriter(&buf)
		row := []string{a, b}
		w.Write(row)
		w.Flush()
		if w.Error() != nil {
			return // not UTF-8 that csv can quote: nothing is written that reads back
		}
		r := csv.NewReader(&buf)
		r.LazyQuotes = false
		got, err := r.Read()
		if err != nil {
			return
		}
		if row[0] != a || row[1] != b {
			t.Fatalf("Write changed its argument: %q", row)
		}
		for i, cell := range got {
			if formulaCell(cell) {
				t.Fatalf("cell %d reads back as a formula: %q", i, cell)
			}
			want := row[i]
			if formulaCell(want) {
				want = "'" + want
			}
			// csv's reader drops carriage returns inside quoted fields.
			if cell != strings.ReplaceAll(want, "\r", "") {
				t.Fatalf("cell %d = %q, want %q", i, cell, want)
			}
		}
	})
}

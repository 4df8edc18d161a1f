package questionnaire

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"

	"github.com/xuri/excelize/v2"

	"github.com/trustdocs/trustdocs/internal/csvsafe"
)

// csv fills a CSV questionnaire: the same rows, with the new columns after
// the widest row's last, written with a byte-order mark (so that
// spreadsheets read UTF-8) and the input's separator.
func (f *filler) csv(in, out string) (*Report, error) {
	src, err := os.ReadFile(in)
	if err != nil {
		return nil, err
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(src))
	r.FieldsPerRecord, r.LazyQuotes = -1, true
	r.Comma = separator(src)
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in, err)
	}
	t := &table{rows: rows}
	if err := t.findColumn(f.opts.Column); err != nil {
		return nil, err
	}
	if t.col < 0 || len(t.questions()) == 0 {
		return nil, fmt.Errorf("%s: %w", in, ErrNoQuestions)
	}
	cells := f.answer(t)
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csvsafe.NewWriter(&b)
	w.Comma = r.Comma
	for i, row := range rows {
		full := make([]string, t.width, t.width+len(Columns))
		copy(full, row)
		if c := cells[i]; c != nil {
			full = append(full, c...)
		}
		if err := w.Write(full); err != nil {
			return nil, err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, err
	}
	return &f.rep, os.WriteFile(out, b.Bytes(), 0o644)
}

// separator is the CSV's separator: a semicolon when the first line has
// more of them than commas (spreadsheets in much of Europe write those).
func separator(src []byte) rune {
	line, _, _ := bytes.Cut(src, []byte("\n"))
	if bytes.Count(line, []byte(";")) > bytes.Count(line, []byte(",")) {
		return ';'
	}
	return ','
}

// xlsx fills a workbook: every sheet stays as it is, and the sheets with
// questions gain the new columns after their last used one, their header
// in the question header's style, their cells wrapped at the top.
func (f *filler) xlsx(in, out string) (*Report, error) {
	wb, err := excelize.OpenFile(in)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in, err)
	}
	defer wb.Close()
	wrap, err := wb.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	for _, name := range wb.GetSheetList() {
		if f.opts.Sheet != "" && name != f.opts.Sheet {
			continue
		}
		rows, err := wb.GetRows(name)
		if err != nil {
			return nil, fmt.Errorf("%s, sheet %q: %w", in, name, err)
		}
		t := &table{name: name, rows: rows}
		if err := t.findColumn(f.opts.Column); err != nil {
			return nil, err
		}
		if t.col < 0 || len(t.questions()) == 0 {
			continue
		}
		f.rep.Sheets = append(f.rep.Sheets, name)
		cells := f.answer(t)
		headStyle := wrap
		if t.header >= 0 {
			if s, err := wb.GetCellStyle(name, columnName(t.col)+fmt.Sprint(t.header+1)); err == nil {
				headStyle = s
			}
		}
		for i, values := range cells {
			for k, v := range values {
				cell := columnName(t.width+k) + fmt.Sprint(i+1)
				if err := wb.SetCellStr(name, cell, v); err != nil {
					return nil, err
				}
				style := wrap
				if i == t.header {
					style = headStyle
				}
				if err := wb.SetCellStyle(name, cell, cell, style); err != nil {
					return nil, err
				}
			}
		}
		for k, width := range []float64{60, 40, 50, 12} {
			col := columnName(t.width + k)
			if err := wb.SetColWidth(name, col, col, width); err != nil {
				return nil, err
			}
		}
	}
	if len(f.rep.Sheets) == 0 {
		return nil, fmt.Errorf("%s: %w", in, ErrNoQuestions)
	}
	return &f.rep, wb.SaveAs(out)
}

// sameFile reports whether two paths name one file.
func sameFile(a, b string) (bool, error) {
	ia, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	ib, err := os.Stat(b)
	if err != nil {
		return false, nil
	}
	return os.SameFile(ia, ib), nil
}

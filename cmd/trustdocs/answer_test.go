package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/pipeline"
	"github.com/trustdocs/trustdocs/internal/questionnaire"
)

// exampleLibrary is the example site's answer library for an audience,
// by answer id.
func exampleLibrary(t *testing.T, audience model.Audience) map[string]*questionnaire.Answer {
	t.Helper()
	b, res, err := pipeline.AnswerLibrary(pipeline.Options{Site: "../..", Audience: audience, Templates: trustdocs.Templates, Theme: trustdocs.Theme})
	if err != nil || b == nil {
		t.Fatalf("the example's answer library: %v %v", err, res.Diags.Items())
	}
	lib, err := questionnaire.ReadLibrary(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*questionnaire.Answer{}
	for i := range lib.Answers {
		out[lib.Answers[i].ID] = &lib.Answers[i]
	}
	return out
}

// questionnaireWant reads testdata/questionnaire.want: each question's
// reference and the id of the answer it must get ("-": none).
func questionnaireWant(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open("testdata/questionnaire.want")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]string{}
	for sc := bufio.NewScanner(f); sc.Scan(); {
		if ref, id, ok := strings.Cut(sc.Text(), " "); ok && !strings.HasPrefix(ref, "#") {
			want[ref] = id
		}
	}
	if len(want) != 40 {
		t.Fatalf("questionnaire.want has %d questions, want 40", len(want))
	}
	return want
}

// checkFilled checks the new cells of one question row, cell by cell.
func checkFilled(t *testing.T, where string, cells []string, want string, lib map[string]*questionnaire.Answer) {
	t.Helper()
	for len(cells) < 4 {
		cells = append(cells, "")
	}
	if want == "-" {
		if strings.Join(cells, "") != "" {
			t.Errorf("%s: answered %q, want it left to a person", where, cells[1])
		}
		return
	}
	a := lib[want]
	if a == nil {
		t.Fatalf("%s: no answer %s in the library", where, want)
	}
	if cells[0] != a.Text || cells[1] != a.Question || cells[2] != a.Sources() {
		t.Errorf("%s: got answer %q (matched %q), want %q", where, cells[0], cells[1], a.Question)
	}
	for _, c := range a.Controls {
		if !strings.Contains(cells[2], "https://trust.kestrel.example/controls/") || !strings.Contains(cells[2], c.ID) {
			t.Errorf("%s: sources %q lack control %s and its link", where, cells[2], c.ID)
		}
	}
	if !strings.HasSuffix(cells[3], "%") || cells[3] < "50%" && len(cells[3]) == 3 {
		t.Errorf("%s: confidence %q", where, cells[3])
	}
}

func TestAnswerCSV(t *testing.T) {
	lib, want := exampleLibrary(t, model.AudiencePublic), questionnaireWant(t)
	out := filepath.Join(t.TempDir(), "filled.csv")
	code, stdout, stderr := runCmd("answer", "testdata/questionnaire.csv", "-s", "../..", "-o", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "answered 33 of 40; 7 need a person (audience public)") || !strings.Contains(stdout, `B8: "Do you carry cyber liability insurance`) {
		t.Errorf("report:\n%s", stdout)
	}
	in := readCSV(t, "testdata/questionnaire.csv")
	got := readCSV(t, out)
	if len(got) != len(in) {
		t.Fatalf("%d rows, want %d", len(got), len(in))
	}
	if h := strings.Join(got[0], ","); h != "Ref,Question,Vendor response,Comments,Answer,Matched question,Sources,Confidence" {
		t.Errorf("header %s", h)
	}
	seen := 0
	for i, row := range got {
		if strings.Join(row[:4], "\x00") != strings.Join(in[i], "\x00") {
			t.Errorf("row %d: the buyer's cells changed: %q", i+1, row[:4])
		}
		if id, ok := want[row[0]]; ok && row[1] != "" {
			seen++
			checkFilled(t, "row "+row[0], row[4:], id, lib)
		} else if i > 0 && strings.Join(row[4:], "") != "" {
			t.Errorf("row %d, not a question, was filled: %q", i+1, row)
		}
	}
	if seen != 40 {
		t.Errorf("%d questions checked, want 40", seen)
	}
	// The buyer's file is never written over.
	if code, _, stderr := runCmd("answer", "testdata/questionnaire.csv", "-s", "../..", "-o", "testdata/questionnaire.csv"); code != exitUsage || !strings.Contains(stderr, "never over the buyer's") {
		t.Errorf("writing over the questionnaire: exit %d %s", code, stderr)
	}
}

func readCSV(t *testing.T, file string) [][]string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// A workbook as buyers send them: an instructions sheet, a title and a
// styled header above the questions, section headings, a column for the
// vendor's response. The filled copy keeps all of it.
func TestAnswerXLSX(t *testing.T) {
	lib, want := exampleLibrary(t, model.AudiencePublic), questionnaireWant(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "buyer.xlsx"), filepath.Join(dir, "filled.xlsx")
	wb := excelize.NewFile()
	wb.SetSheetName("Sheet1", "Instructions")
	wb.SetCellStr("Instructions", "A1", "Answer every question in column C. Return by 31 January.")
	wb.NewSheet("Security")
	wb.SetCellStr("Security", "A1", "Vendor Security Assessment")
	head, _ := wb.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"#DDEBF7"}, Pattern: 1}})
	for i, h := range []string{"ID", "Control question", "Vendor response", "Notes"} {
		cell := string(rune('A'+i)) + "3"
		wb.SetCellStr("Security", cell, h)
		wb.SetCellStyle("Security", cell, cell, head)
	}
	wb.SetColWidth("Security", "B", "B", 70)
	rows := readCSV(t, "testdata/questionnaire.csv")[1:]
	for i, r := range rows {
		n := i + 4
		wb.SetCellStr("Security", "A"+itoa(n), r[0])
		if r[1] != "" {
			wb.SetCellStr("Security", "B"+itoa(n), r[1])
		}
	}
	if err := wb.SaveAs(in); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd("answer", in, "-s", "../..", "-o", out)
	if code != exitOK || !strings.HasPrefix(stdout, "answered 33 of 40; 7 need a person") {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, `Security!B10: "Do you carry cyber`) {
		t.Errorf("the report does not name the sheet and row:\n%s", stdout)
	}
	got, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	if sheets := strings.Join(got.GetSheetList(), ","); sheets != "Instructions,Security" {
		t.Errorf("sheets %s", sheets)
	}
	if v, _ := got.GetCellValue("Instructions", "A1"); !strings.HasPrefix(v, "Answer every question") {
		t.Errorf("the instructions sheet changed: %q", v)
	}
	if v, _ := got.GetCellValue("Instructions", "E1"); v != "" {
		t.Errorf("the instructions sheet gained cells: %q", v)
	}
	for i, h := range questionnaire.Columns {
		cell := string(rune('E'+i)) + "3"
		if v, _ := got.GetCellValue("Security", cell); v != h {
			t.Errorf("%s = %q, want %q", cell, v, h)
		}
		if s, _ := got.GetCellStyle("Security", cell); s == 0 {
			t.Errorf("header %s has no style; want the question header's", cell)
		}
	}
	if w, _ := got.GetColWidth("Security", "B"); w != 70 {
		t.Errorf("column B's width is %v, want 70 as the buyer set it", w)
	}
	seen := 0
	for i, r := range rows {
		n := itoa(i + 4)
		if ref, _ := got.GetCellValue("Security", "A"+n); ref != r[0] {
			t.Errorf("A%s = %q, want %q", n, ref, r[0])
		}
		var cells []string
		for _, c := range "EFGH" {
			v, _ := got.GetCellValue("Security", string(c)+n)
			cells = append(cells, v)
		}
		if r[1] == "" {
			if strings.Join(cells, "") != "" {
				t.Errorf("heading row %s was filled", n)
			}
			continue
		}
		seen++
		checkFilled(t, "Security!"+n, cells, want[r[0]], lib)
	}
	if seen != 40 {
		t.Errorf("%d questions checked, want 40", seen)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// Restricted answers are used for an NDA audience only.
func TestAnswerAudience(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "q.csv")
	os.WriteFile(in, []byte("Question\nCan we see the results of your latest penetration test?\n"), 0o644)
	for _, tc := range []struct {
		audience string
		answered bool
	}{{"public", false}, {"nda", true}} {
		out := filepath.Join(dir, tc.audience+".csv")
		code, stdout, stderr := runCmd("answer", in, "-s", "../..", "-o", out, "--audience", tc.audience)
		if code != exitOK {
			t.Fatalf("%s: exit %d %s", tc.audience, code, stderr)
		}
		got := readCSV(t, out)
		hasRestricted := len(got[1]) > 1 && strings.Contains(got[1][1], "Penetration Test Summary gives the scope")
		if hasRestricted != tc.answered {
			t.Errorf("%s: restricted answer used %v, want %v\n%s%q", tc.audience, hasRestricted, tc.answered, stdout, got[1])
		}
	}
}

func TestAnswerMistakes(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "numbers.csv")
	os.WriteFile(empty, []byte("a,b\n1,2\n3,4\n"), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"answer"}, "QUESTIONNAIRE"},
		{[]string{"answer", filepath.Join(dir, "missing.csv"), "-s", "../.."}, "no such file"},
		{[]string{"answer", empty, "-s", "../.."}, "no column of questions"},
		{[]string{"answer", empty, "-s", "../..", "-o", filepath.Join(dir, "x.xlsx")}, "format it came in"},
		{[]string{"answer", filepath.Join(dir, "q.pdf"), "-s", "../.."}, "read CSV (.csv) and Excel workbooks"},
		{[]string{"answer", empty, "-s", "../..", "--threshold", "2"}, "--threshold"},
	} {
		code, _, stderr := runCmd(tc.args...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, stderr, tc.want)
		}
	}
}

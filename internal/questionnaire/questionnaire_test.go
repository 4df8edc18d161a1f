package questionnaire

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func testLibrary() *Library {
	lib := &Library{Answers: []Answer{
		{ID: "mfa", Question: "Do you enforce multi-factor authentication?", Phrasings: []string{"Is 2FA required?"}, Category: "Access control", Text: "Yes, everywhere.", URL: "answers/index.html#a-mfa"},
		{ID: "rest", Question: "Is customer data encrypted at rest?", Category: "Data protection", Text: "Yes, AES-256.", URL: "answers/index.html#a-rest"},
		{ID: "hire", Question: "Do you perform background checks on employees?", Phrasings: []string{"Are employees screened before hire?"}, Category: "People", Text: "Yes.", URL: "answers/index.html#a-hire"},
		{ID: "nda", Question: "Can we see your penetration test report?", Category: "Testing", URL: "answers/index.html#a-nda"}, // listed only
	}}
	return lib
}

func TestTokens(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Is MFA enforced?", "multifactor authent enforc"},
		{"Do you enforce multi-factor authentication?", "enforc multifactor authent"},
		{"Are background checks performed on new hires?", "screen screen joiner"},
		{"Please describe your company's SSO", "singl signon"},
		{"ISO 27001 and third-party vendors", "iso27001 iso27001 supplier supplier"},
		{"Laptops, workstations: encrypted?", "endpoint endpoint encrypt"},
	} {
		if got := strings.Join(tokens(tc.in), " "); got != tc.want {
			t.Errorf("tokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestBest(t *testing.T) {
	lib := testLibrary()
	ix := newIndex(lib)
	for _, tc := range []struct {
		q    string
		want string // "" for below the threshold
	}{
		{"Is two-factor authentication mandatory for staff?", "mfa"},
		{"Is 2FA required for all users?", "mfa"},
		{"Are new hires screened?", "hire"},
		{"Do you encrypt customer data at rest?", "rest"},
		{"Do you encrypt email?", ""},
		{"Can we see your penetration test report?", ""}, // its text is withheld
		{"What is your annual revenue?", ""},
		{"", ""},
	} {
		m := ix.best(tc.q)
		got := ""
		if m.Answer >= 0 && m.Confidence >= Threshold {
			got = lib.Answers[m.Answer].ID
		}
		if got != tc.want {
			t.Errorf("best(%q) = %q (%.2f), want %q", tc.q, got, m.Confidence, tc.want)
		}
	}
}

func TestColumns(t *testing.T) {
	for i, name := range []string{"A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"} {
		c, err := columnIndex(name)
		if err != nil || columnName(c) != name {
			t.Errorf("%d: columnIndex(%s) = %d %v, back %s", i, name, c, err, columnName(c))
		}
	}
	if c, _ := columnIndex("3"); c != 2 {
		t.Errorf("column 3 = %d, want 2", c)
	}
	if _, err := columnIndex("0"); err == nil {
		t.Error("column 0 accepted")
	}
}

func TestFindColumn(t *testing.T) {
	for _, tc := range []struct {
		name          string
		rows          [][]string
		named         string
		header, col   int
		questionLines []int
	}{
		{"header", [][]string{{"Title"}, {}, {"#", "Question", "Answer"}, {"1", "Do you use MFA?"}, {"Access"}, {"2", "Is data encrypted?"}}, "", 2, 1, []int{3, 5}},
		{"no header", [][]string{{"1", "Do you use MFA?"}, {"2", "Is data encrypted?"}, {"3", "Describe how you test your backups"}}, "", -1, 1, []int{0, 1, 2}},
		{"by letter", [][]string{{"a", "b", "c"}, {"1", "x", "Do you use MFA?"}}, "C", -1, 2, []int{0, 1}},
		{"by header text", [][]string{{"Ref", "Vendor Query"}, {"1", "Do you use MFA?"}}, "vendor query", 0, 1, []int{1}},
		{"none", [][]string{{"1", "2"}, {"3", "4"}}, "", -1, -1, nil},
	} {
		tb := &table{rows: tc.rows}
		if err := tb.findColumn(tc.named); err != nil {
			t.Fatal(err)
		}
		if tb.header != tc.header || tb.col != tc.col || !slices.Equal(tb.questions(), tc.questionLines) {
			t.Errorf("%s: header %d col %d questions %v, want %d %d %v", tc.name, tb.header, tb.col, tb.questions(), tc.header, tc.col, tc.questionLines)
		}
	}
}

// A semicolon-separated CSV is read and written with semicolons.
func TestSemicolonCSV(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "q.csv"), filepath.Join(dir, "out.csv")
	os.WriteFile(in, []byte("\ufeffNr;Frage / Question;Antwort\n1;Is 2FA required?;\n2;What is your revenue?;\n"), 0o644)
	rep, err := FillFile(testLibrary(), in, out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Answered != 1 || len(rep.Rows) != 2 || rep.Rows[1].Answer != nil || rep.Rows[1].Cell() != "B3" {
		t.Errorf("report %+v", rep)
	}
	b, _ := os.ReadFile(out)
	want := "\ufeffNr;Frage / Question;Antwort;Answer;Matched question;Sources;Confidence\r\n1;Is 2FA required?;;Yes, everywhere.;Do you enforce multi-factor authentication?;Answer: answers/index.html#a-mfa;"
	if !strings.HasPrefix(string(b), want) {
		t.Errorf("got\n%q\nwant it to start\n%q", b, want)
	}
}

// Whatever a questionnaire holds, filling it fails or succeeds, never
// panics, and keeps every row.
func FuzzFillCSV(f *testing.F) {
	f.Add("Question\nDo you use MFA?\n")
	f.Add("a;b\n\"unclosed;\n")
	f.Add("1,Is data encrypted at rest?,\n2,,x\n,,\n3,\"multi\nline?\"\n")
	lib := testLibrary()
	f.Fuzz(func(t *testing.T, src string) {
		dir := t.TempDir()
		in, out := filepath.Join(dir, "q.csv"), filepath.Join(dir, "o.csv")
		os.WriteFile(in, []byte(src), 0o644)
		rep, err := FillFile(lib, in, out, Options{})
		if err != nil {
			return
		}
		if rep.Answered > len(rep.Rows) {
			t.Errorf("answered %d of %d", rep.Answered, len(rep.Rows))
		}
	})
}

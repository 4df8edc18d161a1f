package diag

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestReport(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "content/policies/a.md", Line: 3, Col: 7}, "raw HTML <div> is dropped")
	l.Errorf(Pos{File: "content/soa.toml"}, "A.7.4 is not addressed")
	l.Errorf(Pos{File: "content/soa.toml"}, "A.7.4 is not addressed") // a repeat counts once
	r := NewReport(".", "2026-11-01", &l)

	var text bytes.Buffer
	r.WriteText(&text, "site")
	want := "site/content/policies/a.md:3:7: warning: raw HTML <div> is dropped\n" +
		"site/content/soa.toml: error: A.7.4 is not addressed\n" +
		"1 error, 1 warning\n"
	if text.String() != want {
		t.Errorf("text:\n%s\nwant:\n%s", text.String(), want)
	}

	var js bytes.Buffer
	r.WriteJSON(&js)
	if !strings.Contains(js.String(), `"message": "raw HTML <div> is dropped"`) {
		t.Errorf("JSON escapes HTML or lost the message:\n%s", js.String())
	}
	var back struct {
		Errors, Warnings int
		Diagnostics      []map[string]any
	}
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || back.Errors != 1 || back.Warnings != 1 || len(back.Diagnostics) != 2 {
		t.Errorf("%v %+v", err, back)
	}
	if d := back.Diagnostics[0]; d["file"] != "content/policies/a.md" || d["line"] != 3.0 || d["column"] != 7.0 || d["severity"] != "warning" {
		t.Errorf("first diagnostic: %v", d)
	}
}

// Issue 16, item 11: a file with a million problems costs a hundred kept
// diagnostics, and the text report prints at most MaxPrinted lines.
func TestDiagnosticsCapped(t *testing.T) {
	var l List
	for i := range 100000 {
		l.Errorf(Pos{File: "a.toml", Line: i + 1}, "unknown key %q", fmt.Sprint("k", i))
		l.Errorf(Pos{File: "a.toml", Line: i + 1}, "unknown key %q", fmt.Sprint("k", i)) // a repeat
	}
	for i := range 250 {
		l.Warnf(Pos{File: fmt.Sprintf("f%03d.md", i), Line: 1}, "w")
	}
	if n := len(l.Items()); n != MaxPerFile+250 {
		t.Errorf("kept %d diagnostics, want %d", n, MaxPerFile+250)
	}
	if !l.HasErrors() {
		t.Error("no errors")
	}
	r := NewReport(".", "2026-12-06", &l)
	if r.Errors != 100000 || r.Warnings != 250 || r.NotShown != 100000-MaxPerFile {
		t.Errorf("errors %d, warnings %d, not shown %d; want 100000, 250, %d", r.Errors, r.Warnings, r.NotShown, 100000-MaxPerFile)
	}
	var b strings.Builder
	r.WriteText(&b, "")
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != MaxPrinted+2 {
		t.Errorf("printed %d lines, want %d", len(lines), MaxPrinted+2)
	}
	if want := fmt.Sprintf("… and %d more not shown", len(l.Items())-MaxPrinted+r.NotShown); !strings.HasPrefix(lines[MaxPrinted], want) {
		t.Errorf("line %d = %q, want %q…", MaxPrinted+1, lines[MaxPrinted], want)
	}
}

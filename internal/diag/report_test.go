package diag

import (
	"bytes"
	"encoding/json"
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

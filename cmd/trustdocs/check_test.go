package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// badBase copies the bad-site corpus's valid base site into a temp folder.
func badBase(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	if err := os.CopyFS(site, os.DirFS("../../internal/pipeline/testdata/bad/base")); err != nil {
		t.Fatal(err)
	}
	return site
}

func TestCheckExitCodes(t *testing.T) {
	clean := badBase(t)

	warned := badBase(t) // a policy overdue for review: a warning only
	p := filepath.Join(warned, "content/policies/access-control.md")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(b), "approved = 2026-03-01", "approved = 2025-07-01", 1)), 0o644)

	broken := badBase(t)
	p = filepath.Join(broken, "content/policies/access-control.md")
	b, _ = os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(b), `"AC-01"`, `"AC-10"`, 1)), 0o644)

	for _, tc := range []struct {
		args []string
		code int
		last string // the last line of stdout
	}{
		{[]string{"check", "-s", clean}, exitOK, "0 errors, 0 warnings"},
		{[]string{"check", "-s", clean, "--strict"}, exitOK, "0 errors, 0 warnings"},
		{[]string{"check", "-s", warned}, exitOK, "0 errors, 1 warning"},
		{[]string{"check", "-s", warned, "--strict"}, exitContent, "0 errors, 1 warning"},
		{[]string{"check", "-s", broken}, exitContent, "1 error, 1 warning"},
		{[]string{"check", "-s", clean, "--format", "yaml"}, exitUsage, ""},
		{[]string{"check", "-s", clean, "--audience", "nda"}, exitUsage, ""},
		{[]string{"check", "-s", clean, "extra"}, exitUsage, ""},
		{[]string{"check", "-s", t.TempDir()}, exitUsage, ""},
	} {
		code, stdout, stderr := runCmd(tc.args...)
		if code != tc.code {
			t.Errorf("%q: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", tc.args, code, tc.code, stdout, stderr)
		}
		lines := strings.Split(strings.TrimSpace(stdout), "\n")
		if last := lines[len(lines)-1]; last != tc.last {
			t.Errorf("%q: last line %q, want %q", tc.args, last, tc.last)
		}
	}
	// --as-of moves the date warnings are computed for: before the review
	// falls due, the policy is not warned about (but the SOC 2 report, dated
	// 2026-10-20, is not issued yet).
	code, stdout, _ := runCmd("check", "-s", warned, "--as-of", "2026-05-20")
	if code != exitOK || strings.Contains(stdout, "review") || !strings.Contains(stdout, `the report reads "in progress"`) {
		t.Errorf("check --as-of 2026-05-20: exit %d\n%s", code, stdout)
	}
	code, stdout, _ = runCmd("check", "-s", broken)
	want := `content/policies/access-control.md:6:13: error: controls: no control has id "AC-10" (did you mean "AC-01"?)`
	// Paths are shown from the current folder: the site folder, then the file.
	if code != exitContent || !strings.Contains(stdout, filepath.Join(broken, want)+"\n") {
		t.Errorf("check output lacks %s:\n%s", want, stdout)
	}
}

// The JSON report keeps the schema the README documents.
func TestCheckJSON(t *testing.T) {
	site := badBase(t)
	p := filepath.Join(site, "content/policies/access-control.md")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(b), `"AC-01"`, `"AC-10"`, 1)), 0o644)
	code, stdout, stderr := runCmd("check", "-s", site, "--format", "json")
	if code != exitContent || stderr != "" {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	var report struct {
		Schema      string `json:"schema"`
		Site        string `json:"site"`
		AsOf        string `json:"as_of"`
		Errors      int    `json:"errors"`
		Warnings    int    `json:"warnings"`
		Diagnostics []struct {
			File     string `json:"file"`
			Line     int    `json:"line"`
			Column   int    `json:"column"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
		} `json:"diagnostics"`
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&report); err != nil {
		t.Fatalf("%v in:\n%s", err, stdout)
	}
	if report.Schema != "trustdocs-check/1" || report.Site != site || report.AsOf != "2026-11-01" || report.Errors != 1 || report.Warnings != 1 {
		t.Errorf("report header: %+v", report)
	}
	if len(report.Diagnostics) != 2 {
		t.Fatalf("diagnostics: %+v", report.Diagnostics)
	}
	d := report.Diagnostics[1]
	if d.File != "content/policies/access-control.md" || d.Line != 6 || d.Column != 13 || d.Severity != "error" || !strings.HasPrefix(d.Message, `controls: no control has id "AC-10"`) {
		t.Errorf("diagnostic: %+v", d)
	}

	// A clean site has an empty list, not null.
	_, stdout, _ = runCmd("check", "-s", badBase(t), "--format", "json")
	if !strings.Contains(stdout, `"diagnostics": []`) {
		t.Errorf("clean report:\n%s", stdout)
	}
}

// check --suggest lists the mappings the crosswalk suggests, apart from the
// problems, in text and in JSON, and never fails for them.
func TestCheckSuggest(t *testing.T) {
	code, stdout, stderr := runCmd("check", "-s", "../..", "--suggest")
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	if !strings.Contains(stdout, `: suggestion: BC-03 maps A1.1 (Capacity planning, monitoring and management); the crosswalk relates it to ISO 27001 A.8.6 (Capacity management) as equal`) ||
		!strings.HasSuffix(stdout, "0 errors, 0 warnings, 1 suggestion\n") {
		t.Errorf("check --suggest printed:\n%s", stdout)
	}
	if _, plain, _ := runCmd("check", "-s", "../.."); strings.Contains(plain, "suggestion") {
		t.Errorf("check without --suggest prints suggestions:\n%s", plain)
	}
	_, stdout, _ = runCmd("check", "-s", "../..", "--suggest", "--format", "json")
	var report struct {
		Errors      int `json:"errors"`
		Warnings    int `json:"warnings"`
		Suggestions []struct {
			File     string `json:"file"`
			Line     int    `json:"line"`
			Severity string `json:"severity"`
		} `json:"suggestions"`
	}
	if err := json.Unmarshal([]byte(stdout), &report); err != nil {
		t.Fatal(err)
	}
	if report.Errors != 0 || report.Warnings != 0 || len(report.Suggestions) != 1 ||
		report.Suggestions[0].File != "content/controls/resilience.toml" || report.Suggestions[0].Severity != "suggestion" {
		t.Errorf("JSON report: %+v", report)
	}
}

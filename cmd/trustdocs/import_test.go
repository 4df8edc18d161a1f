package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// trustdocs import comply DIR -o SITE, then check and build the site.
func TestImportComply(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	code, stdout, stderr := runCmd("import", "comply", "../../internal/comply/testdata/comply-soc2", "-o", site, "--company", "Acme")
	if code != exitOK {
		t.Fatalf("import: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "imported 27 policies, 5 narratives and 4 procedures into "+site) || !strings.Contains(stdout, "5 ids not mapped") {
		t.Errorf("summary: %s", stdout)
	}
	if n := strings.Count(stderr, `"CC9.9" is not a SOC 2 criterion`); n != 5 {
		t.Errorf("CC9.9 reported %d times, want 5:\n%s", n, stderr)
	}
	if code, out, _ := runCmd("check", "-s", site); code != exitOK || !strings.Contains(out, "\n0 errors, ") {
		t.Errorf("check of the import: exit %d\n%s", code, out)
	}
	code, out, stderr := runCmd("build", "-s", site, "--audience", "nda")
	if code != exitOK || !strings.Contains(out, "4 drafts left out") {
		t.Errorf("build of the import: exit %d\n%s%s", code, out, stderr)
	}
	// The 4 procedures have no revision in comply, so no approval: drafts.
	pages, _ := filepath.Glob(filepath.Join(site, "public", "policies", "*", "index.html"))
	if len(pages) != 32 {
		t.Errorf("%d policy pages, want 32 (27 policies, 5 narratives; 4 procedures are drafts)", len(pages))
	}
	// comply is for SOC 2: the site pursues it alone, with no SoA, and
	// claims nothing met, since comply records no control as implemented.
	if _, err := os.Stat(filepath.Join(site, "content", "soa.toml")); err == nil {
		t.Errorf("the import wrote a Statement of Applicability")
	}
	if _, err := os.Stat(filepath.Join(site, "public", "frameworks", "iso27001")); err == nil {
		t.Errorf("the import has ISO 27001 pages")
	}
	home, _ := os.ReadFile(filepath.Join(site, "public", "index.html"))
	trust, _ := os.ReadFile(filepath.Join(site, "public", "trust.json"))
	if !strings.Contains(string(home), "<strong>0</strong> of 61 requirements met (0%)") || !strings.Contains(string(trust), `"met": 0,`) {
		t.Errorf("the import claims SOC 2 coverage it has not implemented:\n%s", home)
	}
}

// A project with errors writes nothing.
func TestImportComplyErrors(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	code, _, stderr := runCmd("import", "comply", "../../internal/comply/testdata/invalid", "-o", site)
	if code != exitContent || !strings.Contains(stderr, "nothing was written") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(site); err == nil {
		t.Errorf("a failed import made %s", site)
	}
	for _, args := range [][]string{{"import"}, {"import", "jira"}, {"import", "comply"}, {"import", "comply", t.TempDir()}, {"import", "comply", "x", "--classification", "secret"}} {
		if code, _, _ := runCmd(args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
	}
}

// trustdocs import markdown DIR --var …, then check and build the site:
// JupiterOne's templates, placeholders filled in, everything else reported.
func TestImportMarkdown(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	code, stdout, stderr := runCmd("import", "markdown", "../../internal/mdimport/testdata/jupiterone", "-o", site,
		"--var", "companyShortName=Acme", "--var", "needStandardHIPAA=false", "--classification", "public")
	if code != exitOK {
		t.Fatalf("import: exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"into " + site + ": 179 policies in 5 sections", "documents are public", "LICENSE.txt (copied beside site.toml)", "not converted, reported above"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "templates/policies/access.md.tmpl:") || strings.Contains(stderr, "{{companyShortName}}") {
		t.Errorf("reports:\n%s", stderr)
	}
	access, _ := os.ReadFile(filepath.Join(site, "content", "policies", "templates", "policies", "access.md"))
	if !strings.Contains(string(access), "Access to Acme systems") || strings.Contains(string(access), "HIPAA Security regulations") {
		t.Errorf("placeholders or sections not filled in:\n%s", access)
	}
	if code, out, _ := runCmd("check", "-s", site); code != exitOK || !strings.Contains(out, "\n0 errors, ") {
		t.Errorf("check of the import: exit %d\n%s", code, out)
	}
	if code, out, stderr := runCmd("build", "-s", site, "--drafts"); code != exitOK || !strings.Contains(out, "built ") {
		t.Errorf("build of the import: exit %d\n%s%s", code, out, stderr)
	}
	if _, err := os.Stat(filepath.Join(site, "public", "policies", "access", "index.html")); err != nil {
		t.Errorf("no page for the access policy: %v", err)
	}
	for _, args := range [][]string{{"import", "markdown"}, {"import", "markdown", t.TempDir()}, {"import", "markdown", "x", "--var", "novalue"}} {
		if code, _, _ := runCmd(args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

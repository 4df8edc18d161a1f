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
	if code, _, stderr := runCmd("build", "-s", site, "--audience", "nda"); code != exitOK {
		t.Errorf("build of the import: exit %d\n%s", code, stderr)
	}
	pages, _ := filepath.Glob(filepath.Join(site, "public", "policies", "*", "index.html"))
	if len(pages) != 36 {
		t.Errorf("%d policy pages, want 36 (27 policies, 5 narratives, 4 procedures)", len(pages))
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

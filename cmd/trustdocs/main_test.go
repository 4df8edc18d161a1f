package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/par"
)

func runCmd(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func TestBuildExample(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	code, stdout, stderr := runCmd("build", "-s", "../..", "-o", out, "--as-of", "2026-11-01")
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "built ") || !strings.Contains(stdout, "as of 2026-11-01") {
		t.Errorf("summary line: %q", stdout)
	}
	if _, err := os.Stat(filepath.Join(out, "frameworks", "iso27001", "soa", "soa.csv")); err != nil {
		t.Error(err)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"build", "--audience", "everyone"},
		{"build", "--as-of", "1 Nov 2026"},
		{"build", "-s", t.TempDir()}, // not a site: no site.toml
		{"serve", "--audience", "everyone"},
		{"serve", "-s", t.TempDir()},
		{"serve", "extra"},
		{"pack", "--audience", "everyone"},
		{"pack", "-s", t.TempDir()},
		{"pack", "-o", t.TempDir()},             // a folder, not a zip
		{"pack", "--valid-until", "2026-12-31"}, // for no recipient
		{"pack", "--recipient", "B", "--valid-until", "31/12/2026"},
		{"pdf", "-s", "../..", "--chrome", "/no/such/chromium"},
		{"pdf", "-s", "../..", "-o", "main.go"}, // not a PDF: never replaced
		{"pdf", "--recipient", " "},
	} {
		if code, _, _ := runCmd(args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
	}
}

// A build with content errors exits 1, reports file:line, and leaves the
// previous output byte-identical.
func TestContentErrorKeepsOutput(t *testing.T) {
	site := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(site, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	write("site.toml", "title = \"T\"\ncompany = \"C\"\n")
	write("content/soa.toml", "")
	// Pursuing ISO 27001 needs a decision for each Annex A control.
	write("content/certifications/iso.toml", "[[certification]]\nframework = \"iso27001\"\n")
	write("content/policies/p.md", "+++\ntitle = \"P\"\nversion = \"1\"\nowner = \"O\"\napproved = 2026-01-01\n+++\nText\n")
	out := filepath.Join(site, "public")
	os.MkdirAll(out, 0o755)
	before := []byte("previous build")
	os.WriteFile(filepath.Join(out, "index.html"), before, 0o644)
	os.WriteFile(filepath.Join(out, ".trustdocs-output"), []byte("index.html\n"), 0o644)

	code, _, stderr := runCmd("build", "-s", site, "--as-of", "2026-11-01")
	if code != exitContent {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitContent, stderr)
	}
	if !strings.Contains(stderr, "content/soa.toml: error: none of the 93 Annex A controls is addressed yet") {
		t.Errorf("stderr lacks the SoA error:\n%s", stderr)
	}
	if !strings.Contains(stderr, "the output folder was not changed") {
		t.Errorf("stderr does not say the output is unchanged:\n%s", stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "index.html")); !bytes.Equal(got, before) {
		t.Error("a failed build changed the output")
	}
}

func TestVersion(t *testing.T) {
	code, stdout, _ := runCmd("version")
	if code != exitOK || !strings.HasPrefix(stdout, "trustdocs ") {
		t.Errorf("version: exit %d, %q", code, stdout)
	}
}

// A bug that panics, even in a worker goroutine, ends in a short message
// and exit status 2, not a stack trace.
func TestPanicIsReported(t *testing.T) {
	for name, f := range map[string]func(){
		"caller": func() { panic("broken invariant") },
		"worker": func() { par.Do(4, func(i int) { panic("broken invariant") }) },
	} {
		var stderr bytes.Buffer
		code := func() (code int) {
			defer guard(&stderr, &code)
			f()
			return exitOK
		}()
		if code != exitUsage || !strings.HasPrefix(stderr.String(), "trustdocs: internal error: broken invariant\n") || strings.Contains(stderr.String(), "goroutine") {
			t.Errorf("%s: exit %d, stderr:\n%s", name, code, stderr.String())
		}
	}
}

func TestHelpExitsZero(t *testing.T) {
	for _, cmd := range []string{"build", "check", "serve", "pack"} {
		code, _, stderr := runCmd(cmd, "-h")
		if code != exitOK || !strings.HasPrefix(stderr, "Usage: trustdocs "+cmd+" ") {
			t.Errorf("%s -h: exit %d, stderr:\n%s", cmd, code, stderr)
		}
	}
}

func TestPack(t *testing.T) {
	out := filepath.Join(t.TempDir(), "pack.zip")
	code, stdout, stderr := runCmd("pack", "-s", "../..", "--audience", "nda", "--as-of", "2026-11-01", "-o", out)
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "packed ") || !strings.Contains(stdout, "(audience nda, as of 2026-11-01)") || !strings.Contains(stdout, "sha256sum -c MANIFEST.sha256") {
		t.Errorf("summary: %q", stdout)
	}
	if _, err := os.Stat(out); err != nil {
		t.Error(err)
	}

	// Content errors: exit 1, and no zip.
	site := badBase(t)
	os.WriteFile(filepath.Join(site, "content", "soa.toml"), []byte("[[exclude]]\nid = 1\n"), 0o644)
	bad := filepath.Join(t.TempDir(), "bad.zip")
	if code, _, stderr := runCmd("pack", "-s", site, "-o", bad); code != exitContent || !strings.Contains(stderr, "nothing was written") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	if _, err := os.Stat(bad); err == nil {
		t.Error("a pack with errors was written")
	}
}

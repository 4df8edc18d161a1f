package pipeline_test

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/pipeline"
)

// TestBadSites runs check on a corpus of broken sites and compares its
// report, byte for byte, with the one each case expects.
//
// testdata/bad/base is a small valid site. Each other folder of
// testdata/bad is one mistake:
//
//	want    the expected report of trustdocs check, after "# " lines that
//	        say what the case is about (kept by -update)
//	site/   files laid over the base site (added or replaced)
//	delete  base files to remove, one per line (optional)
//
// go test ./internal/pipeline -run TestBadSites -update rewrites every want
// from the current output; review the diff before committing it.
func TestBadSites(t *testing.T) {
	wants, err := filepath.Glob("testdata/bad/*/want")
	if err != nil {
		t.Fatal(err)
	}
	if len(wants) < 40 {
		t.Errorf("the corpus has %d cases; keep at least 40", len(wants))
	}
	for _, want := range wants {
		dir := filepath.Dir(want)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			site := badSite(t, dir)
			res, err := pipeline.Check(pipeline.Options{Site: site, Templates: trustdocs.Templates, Theme: trustdocs.Theme})
			if err != nil {
				t.Fatalf("check failed to run: %v", err)
			}
			var out bytes.Buffer
			diag.NewReport(site, res.AsOf.String(), res.Diags).WriteText(&out, "")
			about, expected := readWant(t, want)
			if about == "" {
				t.Errorf("%s: start with a \"# \" line that says what the case is about", want)
			}
			if *update {
				if err := os.WriteFile(want, []byte(about+out.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if out.String() != expected {
				t.Errorf("check reported:\n%s\nwant:\n%s", out.String(), expected)
			}
			if strings.HasPrefix(out.String(), "0 errors, 0 warnings") {
				t.Errorf("the case reports nothing; a bad site must get a message")
			}
		})
	}
}

// badSite lays a case over a copy of the base site and returns its folder.
func badSite(t *testing.T, dir string) string {
	t.Helper()
	site := t.TempDir()
	overlay(t, site, "testdata/bad/base")
	if _, err := os.Stat(filepath.Join(dir, "site")); err == nil {
		overlay(t, site, filepath.Join(dir, "site"))
	}
	if b, err := os.ReadFile(filepath.Join(dir, "delete")); err == nil {
		for _, p := range strings.Fields(string(b)) {
			if err := os.RemoveAll(filepath.Join(site, filepath.FromSlash(p))); err != nil {
				t.Fatal(err)
			}
		}
	}
	return site
}

// overlay copies the files of src into dst, replacing what is there.
func overlay(t testing.TB, dst, src string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		to := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// readWant splits a want file into its "# " header and the expected report.
func readWant(t *testing.T, file string) (about, report string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var head, rest strings.Builder
	sc := bufio.NewScanner(bytes.NewReader(b))
	inHead := true
	for sc.Scan() {
		line := sc.Text()
		if inHead && strings.HasPrefix(line, "# ") {
			head.WriteString(line + "\n")
			continue
		}
		inHead = false
		rest.WriteString(line + "\n")
	}
	return head.String(), rest.String()
}

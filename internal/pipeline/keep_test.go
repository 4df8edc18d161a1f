package pipeline_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/pipeline"
)

// A build after edits keeps the files the edits cannot change and makes
// the others, and its output is byte for byte a build's without the cache,
// whichever copy of a kept file it took (the output's, or the one in the
// output kept from the build before last) and whatever happened to the
// folders in between.
func TestRebuildKeepsWhatEditsLeave(t *testing.T) {
	opts, a := cachedSite(t)
	out := filepath.Join(opts.Site, "public")
	previous := filepath.Join(opts.Site, ".public.previous")
	policy := filepath.Join(opts.Site, "content", "policies", "access-control.md")
	page := filepath.Join(opts.Site, "content", "pages", "faq.md")
	build(t, opts)
	n := 0
	body := func() {
		n++
		replace(t, policy, "# Purpose", "# Purpose\n\nEdit "+string(rune('a'+n))+".")
		a.ageFiles(t, policy)
	}
	steps := []struct {
		name string
		edit func()
		// kept: some files are kept (else the build makes every one)
		kept bool
	}{
		{"a policy's body", body, true},
		{"the same body again", body, true}, // most files kept from the output before last
		{"and again", body, true},
		{"a page's body", func() { appendTo(t, page, "\nEdited.\n"); a.ageFiles(t, page) }, true},
		{"a policy's title", func() { replace(t, policy, "Access Control Policy", "Access Policy"); a.ageFiles(t, policy) }, true},
		{"a policy's controls", func() { replace(t, policy, `"AC-06"]`, `"AC-05"]`); a.ageFiles(t, policy) }, true},
		{"a control's record", func() {
			appendTo(t, filepath.Join(opts.Site, "content", "controls", "access.toml"), "\n# a comment\n")
			a.ageFiles(t, filepath.Join(opts.Site, "content", "controls", "access.toml"))
		}, false},
		{"a body after a full build", body, true},
		{"a kept copy changed by hand", func() {
			body()
			os.WriteFile(filepath.Join(previous, "index.html"), []byte("not what was built"), 0o644)
		}, true},
		{"the output before last deleted", func() { body(); os.RemoveAll(previous) }, true},
		{"a file of the output changed by hand", func() {
			body()
			os.WriteFile(filepath.Join(out, "controls", "index.html"), []byte("defaced"), 0o644)
		}, false},
		{"a policy added", func() {
			b, _ := os.ReadFile(policy)
			writeFile(t, filepath.Join(filepath.Dir(policy), "copy.md"), strings.Replace(string(b), "Access Policy", "Access Policy, copied", 1))
			a.age(t)
		}, false},
		{"site.toml", func() { appendTo(t, filepath.Join(opts.Site, "site.toml"), "\n# a comment\n"); a.age(t) }, false},
		{"a body at last", body, true},
	}
	for _, s := range steps {
		s.edit()
		res := build(t, opts)
		if res.Unchanged {
			t.Fatalf("%s: the rebuild found nothing changed", s.name)
		}
		if got := res.Kept > 0; got != s.kept {
			t.Errorf("%s: %d files kept, want some: %v", s.name, res.Kept, s.kept)
		}
		if s.kept && res.Kept >= res.Files {
			t.Errorf("%s: all %d files kept", s.name, res.Files)
		}
		sameAsFresh(t, opts, out)
		// The record's stamps of the output, most of them carried from
		// the stamps of the output the build rewrote, are the output's.
		if same, _ := pipeline.RecordedOutput(out); !same {
			t.Errorf("%s: the record's stamps are not the output's", s.name)
		}
	}
}

// A file put by hand in the output, or in the output kept from the build
// before last (which a build rewrites), is found, however the stamps
// let builds skip looking through either.
func TestRebuildFindsFilesItDidNotWrite(t *testing.T) {
	for _, tc := range []struct {
		name, dir, file string
		builds          int // the builds after the file is put, the last of which refuses it
	}{
		{"in the output", "public", "policies/access-control/notes.txt", 1},
		{"at the top of the output", "public", "notes.txt", 1},
		{"in the kept output", ".public.previous", "policies/access-control/notes.txt", 2},
		{"at the top of the kept output", ".public.previous", "notes.txt", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts, a := cachedSite(t)
			policy := filepath.Join(opts.Site, "content", "policies", "access-control.md")
			out := filepath.Join(opts.Site, "public")
			for i := range 4 { // until the record says the output is clean
				if i > 0 {
					appendTo(t, policy, "\nEdited.\n")
					a.ageFiles(t, policy)
				}
				build(t, opts)
			}
			if _, clean := pipeline.RecordedOutput(out); !clean {
				t.Fatal("the record does not say the output is clean")
			}
			writeFile(t, filepath.Join(opts.Site, tc.dir, filepath.FromSlash(tc.file)), "mine")
			for i := range tc.builds {
				appendTo(t, policy, "\nEdited again.\n")
				a.ageFiles(t, policy)
				res, err := pipeline.Build(opts)
				last := i == tc.builds-1
				if refused := err != nil && strings.Contains(err.Error(), "did not write"); refused != last {
					t.Fatalf("build %d after the file was put: refused %v, want %v (%v, %v)", i+1, refused, last, err, res)
				}
			}
		})
	}
}

func appendTo(t *testing.T, file, text string) {
	t.Helper()
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

package pipeline

import (
	"path/filepath"
	"testing"

	"github.com/trustdocs/trustdocs/internal/write"
)

// The stamps of an output that rewrote the kept output, taken from the
// kept output's stamps but for what the build changed, are the output's
// stamps: for files rewritten, made in new folders, removed with their
// folders, and left as they were.
func TestRestampIsStamp(t *testing.T) {
	dir := t.TempDir()
	site, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	commit := func(files ...string) (*write.Folder, olds) {
		t.Helper()
		var o olds
		o.previous, o.prevOK = outputStamps(write.Previous(out))
		f, err := write.Begin(out, site)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range files {
			if err := f.File(p, []byte("made: "+p)); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.Commit(); err != nil {
			t.Fatal(err)
		}
		return f, o
	}
	commit("index.html", "a/b/index.html", "c/index.html", "c/d/index.html")
	commit("index.html", "a/b/index.html", "c/index.html", "c/d/index.html")
	for _, files := range [][]string{
		{"index.html", "a/b/index.html", "c/index.html", "c/d/index.html"}, // all rewritten
		{"index.html", "a/b/index.html", "e/f/g/index.html"},               // c/ gone, e/f/g/ new
		{"index.html", "a/b/index.html", "a/x.css", "e/f/g/index.html"},    // a file in a kept folder
		{"a/b/index.html"},
	} {
		f, o := commit(files...)
		if !o.prevOK || !f.Recycled() {
			t.Fatalf("%v: the kept output was not recycled", files)
		}
		got, ok := restamp(out, o, f)
		want, _ := outputStamps(out)
		if !ok || got.Sum != want.Sum || got.Within != want.Within {
			t.Errorf("%v: the stamps carried are not the output's", files)
		}
	}
}

package write

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

func files(m map[string]string) fileSet {
	f := fileSet{Generated: map[string][]byte{}}
	for p, s := range m {
		f.Generated[p] = []byte(s)
	}
	return f
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteThenReplace(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	if err := writeAll(out, site, files(map[string]string{"index.html": "one", "old/index.html": "old"})); err != nil {
		t.Fatal(err)
	}
	if err := writeAll(out, site, files(map[string]string{"index.html": "two"})); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "two" {
		t.Errorf("index.html = %q after rebuild", got)
	}
	if _, err := os.Stat(filepath.Join(out, "old")); !os.IsNotExist(err) {
		t.Error("a file of the previous build survived the rebuild")
	}
	entries, _ := os.ReadDir(site)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public.") && e.Name() != ".public.previous" {
			t.Errorf("temporary folder %s left behind", e.Name())
		}
	}
	// The first output is kept for the next build, hidden from git.
	if got := read(t, filepath.Join(site, ".public.previous", "index.html")); got != "one" {
		t.Errorf("kept previous output's index.html = %q, want the first build's", got)
	}
	if got := read(t, filepath.Join(site, ".public.previous", ".gitignore")); !strings.Contains(got, "\n*\n") {
		t.Errorf("kept previous output's .gitignore = %q, want one that ignores everything", got)
	}
}

// TestRecycles checks that a build is made in the output before last:
// the same files (inodes) rewritten, longer or shorter, what went
// deleted, what came added,
// folders turned into files and back, and never a write through a file
// that has another name.
func TestRecycles(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	builds := []map[string]string{
		{"index.html": "1", "a/index.html": "a1", "gone/index.html": "g", "x/y/z.txt": "deep", "b": "file b"},
		{"index.html": "2", "a/index.html": "a2"},
		{"index.html": "third, and longer than the first", "a/index.html": "a3", "new/index.html": "n", "b/index.html": "b is a folder now", "x": "x is a file now"},
		{"index.html": "4", "b": "b is a file again"},
		// The third build's files, rewritten shorter: cut to their new end.
		{"index.html": "5", "a/index.html": "a", "new/index.html": ""},
	}
	var inodes []uint64
	for i, b := range builds {
		if i == 3 {
			// Someone links to a file of the kept output: the build must
			// replace that file, not write through it.
			if err := os.Link(filepath.Join(site, ".public.previous", "index.html"), filepath.Join(site, "elsewhere")); err != nil {
				t.Fatal(err)
			}
		}
		if err := writeAll(out, site, files(b)); err != nil {
			t.Fatalf("build %d: %v", i+1, err)
		}
		if got := tree(t, out); !maps.Equal(got, b) {
			t.Fatalf("build %d: output %v, want %v", i+1, got, b)
		}
		fi, err := os.Stat(filepath.Join(out, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		inodes = append(inodes, fi.Sys().(*syscall.Stat_t).Ino)
	}
	if inodes[2] != inodes[0] {
		t.Error("the third build did not rewrite the first build's index.html in place")
	}
	if inodes[4] != inodes[2] {
		t.Error("the fifth build did not rewrite the third build's index.html in place")
	}
	if inodes[3] == inodes[1] {
		t.Error("a file with another name was written through")
	}
	if got := read(t, filepath.Join(site, "elsewhere")); got != "2" {
		t.Errorf("a hard link to the kept output now reads %q, want %q", got, "2")
	}
}

// tree reads every file under dir except the marker.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		if !d.IsDir() && rel != Marker {
			got[filepath.ToSlash(rel)] = read(t, p)
		}
		return nil
	})
	return got
}

// TestStrangerInKeptOutput checks that a file someone put in the kept
// previous output is never deleted nor written over: where the new output
// needs its path, the build fails; elsewhere it is left, and the check of
// the output refuses the next build.
func TestStrangerInKeptOutput(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	for range 2 {
		if err := writeAll(out, site, files(map[string]string{"index.html": "x"})); err != nil {
			t.Fatal(err)
		}
	}
	notes := filepath.Join(site, ".public.previous", "notes.txt")
	os.WriteFile(notes, []byte("mine"), 0o644)
	err := writeAll(out, site, files(map[string]string{"index.html": "y", "notes.txt": "generated"}))
	if err == nil || !strings.Contains(err.Error(), "holds notes.txt, which trustdocs did not write") {
		t.Fatalf("error %v, want one naming notes.txt", err)
	}
	if got := read(t, notes); got != "mine" {
		t.Error("a file trustdocs did not write was written over")
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "x" {
		t.Error("the output changed after a failed build")
	}

	if err := writeAll(out, site, files(map[string]string{"index.html": "z"})); err != nil {
		t.Fatal(err)
	}
	err = writeAll(out, site, files(map[string]string{"index.html": "w"}))
	if err == nil || !strings.Contains(err.Error(), "holds notes.txt, which trustdocs did not write") {
		t.Fatalf("error %v, want the check of the output to name notes.txt", err)
	}
	if got := read(t, filepath.Join(out, "notes.txt")); got != "mine" {
		t.Error("a file trustdocs did not write was changed")
	}
}

func TestRefusals(t *testing.T) {
	site := t.TempDir()
	foreign := filepath.Join(t.TempDir(), "mine")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "notes.txt"), []byte("keep me"), 0o644)

	marked := filepath.Join(site, "public")
	if err := writeAll(marked, site, files(map[string]string{"index.html": "x"})); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(marked, "CNAME"), []byte("trust.example"), 0o644)

	for _, tt := range []struct {
		name, out, want string
	}{
		{"the site itself", site, "is the site folder"},
		{"a parent of the site", filepath.Dir(site), "contains the site folder"},
		{"a folder of someone else's files", foreign, "holds files trustdocs did not write"},
		{"our output with a file added", marked, "holds CNAME, which trustdocs did not write"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := writeAll(tt.out, site, files(map[string]string{"index.html": "new"}))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
	if got := read(t, filepath.Join(foreign, "notes.txt")); got != "keep me" {
		t.Error("a refused write changed a foreign file")
	}
	if got := read(t, filepath.Join(marked, "CNAME")); got != "trust.example" {
		t.Error("a refused write removed a file")
	}
}

func TestFailedWriteLeavesOutputIntact(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	if err := writeAll(out, site, files(map[string]string{"index.html": "good"})); err != nil {
		t.Fatal(err)
	}
	bad := files(map[string]string{"index.html": "bad"})
	bad.Copies = map[string]string{"missing.pdf": filepath.Join(site, "does-not-exist.pdf")}
	if err := writeAll(out, site, bad); err == nil {
		t.Fatal("writing a missing file succeeded")
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "good" {
		t.Errorf("index.html = %q after a failed build, want the previous output", got)
	}
}

// The marker's paths come back sorted and each once, whether the marker
// is as trustdocs writes it or was edited by hand.
func TestMarkerPaths(t *testing.T) {
	for _, tc := range []struct {
		marker string
		want   []string
	}{
		{"", nil},
		{"# Written by trustdocs.\na.html\nb/index.html\n", []string{"a.html", "b/index.html"}},
		{"# comment\nb/index.html\na.html\n\na.html\r\n", []string{"a.html", "b/index.html"}},
		{"x\ny\nz", []string{"x", "y", "z"}}, // no newline at the end
	} {
		if got := markerPaths([]byte(tc.marker)); !slices.Equal(got, tc.want) {
			t.Errorf("markerPaths(%q) = %q, want %q", tc.marker, got, tc.want)
		}
	}
}

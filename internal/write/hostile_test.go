package write

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Issue 16, item 4: a folder of the kept output replaced by a symbolic
// link is refused, and nothing is written where it points.
func TestHostileSymlinkInPrevious(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	elsewhere := t.TempDir()
	os.WriteFile(filepath.Join(elsewhere, "index.html"), []byte("precious"), 0o644)
	site1 := files(map[string]string{"index.html": "1", "policies/index.html": "p", "policies/a/index.html": "a"})
	for range 2 {
		if err := writeAll(out, site, site1); err != nil {
			t.Fatal(err)
		}
	}
	prev := filepath.Join(site, ".public.previous")
	if err := os.RemoveAll(filepath.Join(prev, "policies")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(prev, "policies")); err != nil {
		t.Fatal(err)
	}
	err := writeAll(out, site, site1)
	if err == nil || !strings.Contains(err.Error(), "holds policies, which is not a folder trustdocs made") {
		t.Errorf("Write through a linked folder: %v", err)
	}
	if got := read(t, filepath.Join(elsewhere, "index.html")); got != "precious" {
		t.Errorf("the file the link points to now reads %q", got)
	}
	if ents, _ := os.ReadDir(elsewhere); len(ents) != 1 {
		t.Errorf("the folder the link points to holds %d files, want 1", len(ents))
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "1" {
		t.Errorf("output changed: %q", got)
	}
}

// Issue 16, item 5: folders named like trustdocs's temporary ones are
// removed only when trustdocs made them (its marker inside, or empty).
func TestHostileLeftoverNames(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	theirs := []string{".public.new-mine", ".public.old-backup"}
	for _, d := range theirs {
		os.MkdirAll(filepath.Join(site, d), 0o755)
		os.WriteFile(filepath.Join(site, d, "notes.txt"), []byte("mine"), 0o644)
	}
	ours := filepath.Join(site, ".public.new-1-2")
	os.MkdirAll(filepath.Join(ours, "policies"), 0o755)
	os.WriteFile(filepath.Join(ours, Marker), nil, 0o644)
	os.WriteFile(filepath.Join(ours, "policies", "index.html"), []byte("x"), 0o644)
	empty := filepath.Join(site, ".public.new-3-4")
	os.Mkdir(empty, 0o755)
	if err := writeAll(out, site, files(map[string]string{"index.html": "1"})); err != nil {
		t.Fatal(err)
	}
	for _, d := range theirs {
		if got := read(t, filepath.Join(site, d, "notes.txt")); got != "mine" {
			t.Errorf("%s: %q", d, got)
		}
	}
	for _, d := range []string{ours, empty} {
		if _, err := os.Lstat(d); !os.IsNotExist(err) {
			t.Errorf("%s, left by a killed build, was not removed", filepath.Base(d))
		}
	}
}

// A folder swapped for a symbolic link while the build runs, after Begin
// checked the kept output, is not written through either (Linux: openat2).
func TestHostileSymlinkDuringBuild(t *testing.T) {
	if runtime.GOOS != "linux" || noOpenat2.Load() {
		t.Skip("openat2 guards the path on Linux 5.6 and later")
	}
	site := t.TempDir()
	out := filepath.Join(site, "public")
	elsewhere := t.TempDir()
	os.MkdirAll(filepath.Join(elsewhere, "a"), 0o755)
	os.WriteFile(filepath.Join(elsewhere, "a", "index.html"), []byte("precious"), 0o644)
	site1 := files(map[string]string{"index.html": "1", "policies/a/index.html": "a", "policies/c/index.html": "c"})
	for range 2 {
		if err := writeAll(out, site, site1); err != nil {
			t.Fatal(err)
		}
	}
	f, err := Begin(out, site)
	if err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(f.tmp, "policies"))
	if err := os.Symlink(elsewhere, filepath.Join(f.tmp, "policies")); err != nil {
		t.Fatal(err)
	}
	if err := f.File("policies/a/index.html", []byte("through the link")); err == nil {
		t.Error("a file was written through a linked folder")
	}
	if err := f.File("policies/b.html", []byte("through the link")); err == nil {
		t.Error("a file was created through a linked folder")
	}
	if err := f.File("policies/new/index.html", []byte("through the link")); err == nil {
		t.Error("a folder was made through a linked folder")
	}
	f.File("index.html", []byte("2"))
	if err := f.Commit(); err == nil {
		t.Error("Commit removed the old files through a linked folder") // policies/c/index.html
	}
	if got := read(t, filepath.Join(elsewhere, "a", "index.html")); got != "precious" {
		t.Errorf("the file the link points to reads %q", got)
	}
	if ents, _ := os.ReadDir(elsewhere); len(ents) != 1 {
		t.Errorf("the folder the link points to holds %v", ents)
	}
}

package buildcache

import (
	"maps"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/trustdocs/trustdocs/internal/diag"
)

func TestRecordRoundTrip(t *testing.T) {
	c, err := For(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Read(); ok {
		t.Fatal("a cache that was never written reads")
	}
	var l diag.List
	l.Warnf(diag.Pos{File: "content/policies/a.md", Line: 3}, "a warning")
	for i := range diag.MaxPerFile + 2 {
		l.Warnf(diag.Pos{File: "content/policies/b.md", Line: i + 1}, "many warnings")
	}
	want := &Record{Key: Key("a", "b"), Output: Key("c"), AsOf: "2026-11-01", Today: true, Pages: 3, Files: 5}
	want.SetDiags(&l)
	if err := c.Write(want); err != nil {
		t.Fatal(err)
	}
	got, ok := c.Read()
	if !ok {
		t.Fatal("the record written does not read")
	}
	if got.Key != want.Key || got.Output != want.Output || got.AsOf != want.AsOf || !got.Today || got.Pages != 3 || got.Files != 5 {
		t.Errorf("read %+v, wrote %+v", got, want)
	}
	var back diag.List
	got.AddDiags(&back)
	if !reflect.DeepEqual(back.Items(), l.Items()) {
		t.Errorf("diagnostics: got\n%v\nwant\n%v", back.Items(), l.Items())
	}
	if _, w := back.Count(); w != diag.MaxPerFile+3 {
		t.Errorf("warnings counted after the round trip: %d, want %d", w, diag.MaxPerFile+3)
	}
	if _, err := os.Stat(filepath.Join(c.Dir(), ".gitignore")); err != nil {
		t.Errorf("the cache folder has no .gitignore: %v", err)
	}
}

// A cache cut short, altered, of another format or not a cache at all is
// ignored; the next Write replaces it.
func TestCorruptCacheIgnored(t *testing.T) {
	c, _ := For(filepath.Join(t.TempDir(), "public"))
	if err := c.Write(&Record{AsOf: "2026-11-01", Pages: 1}); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(c.file())
	if err != nil {
		t.Fatal(err)
	}
	flip := func(i int) []byte {
		b := append([]byte(nil), good...)
		b[i] ^= 0x20
		return b
	}
	for name, b := range map[string][]byte{
		"empty":          nil,
		"cut short":      good[:len(good)-3],
		"header only":    good[:len(format)+5],
		"payload bit":    flip(len(good) - 1),
		"checksum bit":   flip(len(format) + 1),
		"other format":   flip(3),
		"not a cache":    []byte("hello\n"),
		"valid sum, bad": corrupted(),
	} {
		if err := os.WriteFile(c.file(), b, 0o644); err != nil {
			t.Fatal(err)
		}
		if r, ok := c.Read(); ok {
			t.Errorf("%s: read %+v", name, r)
		}
	}
	if err := c.Write(&Record{AsOf: "2026-11-02"}); err != nil {
		t.Fatal(err)
	}
	if r, ok := c.Read(); !ok || r.AsOf != "2026-11-02" {
		t.Errorf("after a corrupt cache, Write then Read gave %+v, %v", r, ok)
	}
	if err := c.Forget(); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Read(); ok {
		t.Error("a forgotten record reads")
	}
	if err := c.Forget(); err != nil {
		t.Errorf("forgetting twice: %v", err)
	}
}

// corrupted is a file whose checksum matches a payload that is no record.
func corrupted() []byte {
	payload := []byte("not gob")
	b := []byte(format)
	sum := sumOf(payload)
	b = append(b, sum[:]...)
	return append(b, payload...)
}

func TestStampSeesEveryChange(t *testing.T) {
	root := t.TempDir()
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site.toml", "title = 'x'\n")
	write("content/policies/a.md", "aaaa")
	write("content/policies/b.md", "bbbb")
	// Stamped an hour ago, so that a write now is another time whatever
	// the granularity of the file system's clock.
	past := time.Now().Add(-time.Hour)
	for _, f := range []string{"site.toml", "content/policies/a.md", "content/policies/b.md", "content/policies", "content"} {
		if err := os.Chtimes(filepath.Join(root, f), past, past); err != nil {
			t.Fatal(err)
		}
	}
	paths := []string{"site.toml", "content", "templates"}
	stamp := func() Stamps {
		t.Helper()
		s, err := Stamp(root, paths, true)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	base := stamp()
	if again := stamp(); again.Sum != base.Sum || !slices.Equal(again.lines, base.lines) {
		t.Fatal("two stamps of the same files differ")
	}
	if base.Files != 6 { // site.toml, content, policies, a, b, templates missing
		t.Errorf("stamped %d paths, want 6", base.Files)
	}
	steps := []struct {
		name string
		do   func()
	}{
		{"same size, other time", func() { write("content/policies/a.md", "AAAA") }},
		// Put back as it was: only the change time tells (on Linux).
		{"time put back", func() {
			os.Chtimes(filepath.Join(root, "content/policies/a.md"), past, past)
		}},
		{"file added", func() { write("content/policies/c.md", "c") }},
		{"file removed", func() { os.Remove(filepath.Join(root, "content/policies/c.md")) }},
		{"file renamed", func() {
			os.Rename(filepath.Join(root, "content/policies/b.md"), filepath.Join(root, "content/policies/d.md"))
		}},
		{"missing folder made", func() { write("templates/page.html", "x") }},
	}
	prev := base
	for _, s := range steps {
		s.do()
		now := stamp()
		if now.Sum == prev.Sum {
			t.Errorf("%s: the stamp did not change", s.name)
		}
		prev = now
	}
	write("content/.draft.md.swp", "x")
	os.Mkdir(filepath.Join(root, "content", ".git"), 0o755)
	write("content/.git/HEAD", "x")
	// The new dot files change content/'s stamp (its listing changed),
	// but what is in them is not stamped.
	after := stamp()
	write("content/.git/HEAD", "yy")
	if stamp().Sum != after.Sum {
		t.Error("a file in a dot folder of content/ changed the stamp")
	}
}

func TestStampListed(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"index.html", "policies/a/index.html", "policies/b/index.html"} {
		p := filepath.Join(root, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(f), 0o644)
	}
	files := []string{"index.html", "policies/a/index.html", "policies/b/index.html"}
	past := time.Now().Add(-time.Hour) // see TestStampSeesEveryChange
	for _, p := range append(files, "policies/a", "policies/b", "policies", ".") {
		if err := os.Chtimes(filepath.Join(root, p), past, past); err != nil {
			t.Fatal(err)
		}
	}
	base := StampListed(root, files)
	if base.Files != 7 { // three files, policies, policies/a, policies/b, and "."
		t.Errorf("stamped %d, want 7", base.Files)
	}
	changes := map[string]func(){
		"a file rewritten": func() { os.WriteFile(filepath.Join(root, "policies/a/index.html"), []byte("changed!!"), 0o644) },
		"a stranger added": func() { os.WriteFile(filepath.Join(root, "policies/a/extra.html"), nil, 0o644) },
		"a file removed":   func() { os.Remove(filepath.Join(root, "policies/b/index.html")) },
		"a folder added":   func() { os.Mkdir(filepath.Join(root, "new"), 0o755) },
	}
	for _, name := range []string{"a file rewritten", "a stranger added", "a file removed", "a folder added"} {
		changes[name]()
		now := StampListed(root, files)
		if now.Sum == base.Sum {
			t.Errorf("%s: the stamp did not change", name)
		}
		base = now
	}
}

// lstamp's line is stampLine's of what os.Lstat says, for a file, a
// folder and a link.
func TestLstampIsStampLine(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "f"), []byte("text"), 0o644)
	os.Mkdir(filepath.Join(dir, "d"), 0o755)
	os.Symlink("f", filepath.Join(dir, "l"))
	for _, name := range []string{"f", "d", "l"} {
		abs := filepath.Join(dir, name)
		fi, err := os.Lstat(abs)
		if err != nil {
			t.Fatal(err)
		}
		got, mod, err := lstamp(abs, name)
		if want := stampLine(name, fi); err != nil || got != want || !mod.Equal(fi.ModTime()) {
			t.Errorf("%s: %q, %v, %v; want %q", name, got, mod, err, want)
		}
	}
}

// listing gives what a set of every file and folder above it, sorted,
// gives, "." first; for files in order or not, and listed twice.
func TestListing(t *testing.T) {
	for _, files := range [][]string{
		nil,
		{"index.html"},
		{"a/b/c.html", "a/b.html", "a/b-c/d.html", "a/index.html", "z.css", "-x.html"},
		{"policies/p-1/index.html", "policies/p-10/index.html", "policies/p-1/index.html", ".trustdocs-output"},
		{"x/y/z/w.html", "x/y/z/w.html", "x/y.html", "x.html"},
	} {
		set := map[string]bool{}
		for _, f := range files {
			set[f] = true
			for d := path.Dir(f); d != "."; d = path.Dir(d) {
				set[d] = true
			}
		}
		want := append([]string{"."}, slices.Sorted(maps.Keys(set))...)
		if got := listing(files); !slices.Equal(got, want) {
			t.Errorf("listing(%q)\n got %q\nwant %q", files, got, want)
		}
	}
}

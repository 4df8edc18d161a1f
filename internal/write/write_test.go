package write

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func files(m map[string]string) Files {
	f := Files{Generated: map[string][]byte{}}
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
	if err := Write(out, site, files(map[string]string{"index.html": "one", "old/index.html": "old"})); err != nil {
		t.Fatal(err)
	}
	if err := Write(out, site, files(map[string]string{"index.html": "two"})); err != nil {
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
		if strings.HasPrefix(e.Name(), ".public.") {
			t.Errorf("temporary folder %s left behind", e.Name())
		}
	}
}

func TestRefusals(t *testing.T) {
	site := t.TempDir()
	foreign := filepath.Join(t.TempDir(), "mine")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "notes.txt"), []byte("keep me"), 0o644)

	marked := filepath.Join(site, "public")
	if err := Write(marked, site, files(map[string]string{"index.html": "x"})); err != nil {
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
			err := Write(tt.out, site, files(map[string]string{"index.html": "new"}))
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
	if err := Write(out, site, files(map[string]string{"index.html": "good"})); err != nil {
		t.Fatal(err)
	}
	bad := files(map[string]string{"index.html": "bad"})
	bad.Copies = map[string]string{"missing.pdf": filepath.Join(site, "does-not-exist.pdf")}
	if err := Write(out, site, bad); err == nil {
		t.Fatal("writing a missing file succeeded")
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "good" {
		t.Errorf("index.html = %q after a failed build, want the previous output", got)
	}
}

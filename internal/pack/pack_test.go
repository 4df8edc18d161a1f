package pack_test

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/trustdocs/trustdocs/internal/pack"
)

var day = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

func TestWriteAndVerify(t *testing.T) {
	dir := t.TempDir()
	attachment := filepath.Join(dir, "letter.pdf")
	os.WriteFile(attachment, []byte("%PDF-1.7 letter"), 0o644)
	files := map[string][]byte{"index.html": []byte("<h1>Hi</h1>"), "assets/style.css": []byte("body{}")}
	copies := map[string]string{"files/letter.pdf": attachment}

	out := filepath.Join(dir, "pack.zip")
	res, err := pack.Write(out, nil, files, copies, day, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 3 || res.Bytes != int64(len("<h1>Hi</h1>")+len("body{}")+len("%PDF-1.7 letter")) {
		t.Errorf("result %+v", res)
	}
	if err := pack.Verify(out); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(day) {
			t.Errorf("%s dated %v", f.Name, f.Modified)
		}
	}
	zr.Close()
	if got := strings.Join(names, " "); got != "assets/style.css files/letter.pdf index.html MANIFEST.sha256" {
		t.Errorf("entries: %s", got)
	}

	// The same site gives the same zip, byte for byte.
	again := filepath.Join(dir, "again.zip")
	if _, err := pack.Write(again, nil, files, copies, day, nil); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(out)
	b, _ := os.ReadFile(again)
	if !bytes.Equal(a, b) {
		t.Error("two packs of the same site differ")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestVerifyCatchesTampering(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "pack.zip")
	if _, err := pack.Write(out, nil, map[string][]byte{"index.html": []byte("original")}, nil, day, nil); err != nil {
		t.Fatal(err)
	}
	// Rewrite the zip with index.html changed and the manifest kept.
	zr, _ := zip.OpenReader(out)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		r, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(r)
		r.Close()
		w, _ := zw.Create(f.Name)
		if f.Name == "index.html" {
			w.Write([]byte("tampered"))
		} else {
			w.Write(b.Bytes())
		}
	}
	extra, _ := zw.Create("extra.html")
	extra.Write([]byte("not listed"))
	zw.Close()
	zr.Close()
	bad := filepath.Join(dir, "bad.zip")
	os.WriteFile(bad, buf.Bytes(), 0o644)
	if err := pack.Verify(bad); err == nil || !strings.Contains(err.Error(), "index.html does not match") {
		t.Errorf("tampered pack: %v", err)
	}
}

func TestWriteRefuses(t *testing.T) {
	dir := t.TempDir()
	if _, err := pack.Write(dir, nil, map[string][]byte{"index.html": nil}, nil, day, nil); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("a folder as the zip: %v", err)
	}
	if _, err := pack.Write(filepath.Join(dir, "p.zip"), nil, map[string][]byte{pack.Manifest: nil}, nil, day, nil); err == nil {
		t.Error("a site file named like the manifest was packed")
	}
	if _, err := pack.Write(filepath.Join(dir, "p.zip"), nil, nil, map[string]string{"gone.pdf": filepath.Join(dir, "gone.pdf")}, day, nil); err == nil {
		t.Error("a missing file was packed")
	}
	if _, err := os.Stat(filepath.Join(dir, "p.zip")); err == nil {
		t.Error("a failed pack left a zip")
	}
}

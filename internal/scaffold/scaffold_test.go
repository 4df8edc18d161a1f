package scaffold_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/build"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/scaffold"
)

// The starter site decides every Annex A control and meets every SOC 2
// common criterion, with no placeholder left unfilled.
func TestStarterCoversTheFrameworks(t *testing.T) {
	today := model.NewDate(2026, 11, 23)
	files, err := scaffold.Starter(scaffold.Options{Company: "Acme", Today: today, Version: "v1.2.3"})
	if err != nil {
		t.Fatal(err)
	}
	for p, b := range files {
		if strings.Contains(string(b), "__") {
			t.Errorf("%s keeps a placeholder: %q", p, b[strings.Index(string(b), "__"):][:20])
		}
	}
	if wf := string(files[".github/workflows/trustdocs.yml"]); !strings.Contains(wf, "cmd/trustdocs@v1.2.3") {
		t.Errorf("the workflow does not install the version that made the site")
	}
	dir := filepath.Join(t.TempDir(), "site")
	if err := scaffold.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	res, err := build.Check(build.Options{Site: dir, AsOf: today, Templates: trustdocs.Templates, Theme: trustdocs.Theme})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags.Items() {
		if d.Severity.String() == "error" || !strings.Contains(d.Message, "TODO") {
			t.Errorf("the starter reports more than its TODOs: %s", d)
		}
	}
	soc2 := res.Site.Framework("soc2")
	for _, q := range soc2.Requirements {
		if strings.HasPrefix(q.ID, "CC") && len(q.Controls) == 0 {
			t.Errorf("SOC 2 %s is met by no control of the starter", q.ID)
		}
	}
	var applicable, excluded int
	for _, row := range res.Site.SoA {
		if row.Applicable {
			applicable++
		} else {
			excluded++
		}
	}
	if applicable+excluded != 93 || excluded != 5 {
		t.Errorf("SoA: %d applicable, %d excluded; want 88 and 5", applicable, excluded)
	}
}

// Write refuses a folder with anything in it, and writes nothing there.
func TestWriteRefusesAFolderInUse(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	if err := scaffold.Write(dir, map[string][]byte{"site.toml": []byte("x")}); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("Write into a folder in use: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err == nil {
		t.Errorf("Write wrote into a folder in use")
	}
	// An empty folder is fine.
	empty := t.TempDir()
	if err := scaffold.Write(empty, map[string][]byte{"a/b.txt": []byte("x")}); err != nil {
		t.Errorf("Write into an empty folder: %v", err)
	}
}

// A Write that fails part-way leaves nothing behind: not the files it
// wrote, not the folders it made, and not the folder it was given.
func TestWriteCleansUpAfterAFailure(t *testing.T) {
	for _, made := range []bool{true, false} {
		parent := t.TempDir()
		dir := filepath.Join(parent, "site")
		if !made {
			os.Mkdir(dir, 0o755) // an empty folder the user made: it stays
		}
		// "a/b" is written as a file, so that "a/b/c" cannot be: a failure
		// after the first file.
		err := scaffold.Write(dir, map[string][]byte{"a/b": []byte("x"), "a/b/c": []byte("y"), "z": []byte("z")})
		if err == nil {
			t.Fatal("Write of a file below a file succeeded")
		}
		_, statErr := os.Stat(dir)
		switch {
		case made && statErr == nil:
			t.Errorf("the folder Write made is left after its failure")
		case !made && statErr != nil:
			t.Errorf("the user's empty folder was removed")
		case !made:
			if entries, _ := os.ReadDir(dir); len(entries) > 0 {
				t.Errorf("left in the user's folder: %v", entries)
			}
		}
	}
}

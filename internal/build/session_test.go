package build_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/build"
	"github.com/trustdocs/trustdocs/internal/synth"
)

// After every kind of edit, a session's build is the same, file for file,
// as a build from scratch, and remakes only what the edit can change.
func TestSessionMatchesFullBuild(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Policies: 12, Controls: 6}); err != nil {
		t.Fatal(err)
	}
	opts := build.Options{Site: dir, Templates: trustdocs.Templates, Theme: trustdocs.Theme}
	s := build.NewSession(opts)
	policy := filepath.Join(dir, "content", "policies", synth.PolicySlug(2)+".md")
	css := filepath.Join(dir, "theme", "assets", "extra.css")
	steps := []struct {
		name    string
		edit    func()
		changed []string
		remake  int // -1: every file
		errors  bool
		style   bool
	}{
		{"first build", func() {}, nil, -1, false, false},
		{"a body", func() { replace(t, policy, "# Scope", "# Reach") }, []string{policy}, 1, false, false},
		{"a body, unknown change", func() { replace(t, policy, "# Reach", "# Range") }, nil, -1, false, false},
		{"a body again", func() { replace(t, policy, "# Range", "# Extent") }, []string{policy}, 1, false, false},
		{"front matter", func() { replace(t, policy, `title = "Policy 3"`, `title = "Policy Three"`) }, []string{policy}, -1, false, false},
		{"a broken link", func() { replace(t, policy, "# Extent", "[x](nowhere.md)\n\n# Extent") }, []string{policy}, 0, true, false},
		{"fixed", func() { replace(t, policy, "[x](nowhere.md)", "[x](policy-00001.md)") }, []string{policy}, 1, false, false},
		{"a new stylesheet", func() { writeFile(t, css, "body{}") }, []string{css}, 0, false, true},
		{"the stylesheet", func() { writeFile(t, css, "body{color:red}") }, []string{css}, 0, false, true},
	}
	for _, st := range steps {
		st.edit()
		g, err := s.Rebuild(st.changed)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if g.HasErrors() != st.errors {
			t.Fatalf("%s: errors %v, want %v: %v", st.name, g.HasErrors(), st.errors, g.Diags)
		}
		if st.errors {
			continue
		}
		want := st.remake
		if want < 0 {
			want = len(g.Plan.Items)
		}
		if g.Remake != want || g.StyleOnly != st.style {
			t.Errorf("%s: remake %d files (style only %v), want %d (%v)", st.name, g.Remake, g.StyleOnly, want, st.style)
		}
		if problems := g.MakeAll(context.Background()); len(problems) > 0 {
			t.Fatalf("%s: %v", st.name, problems)
		}
		full, err := build.Render(opts)
		if err != nil || full.Output == nil {
			t.Fatalf("%s: full build: %v %v", st.name, err, full.Diags.Items())
		}
		if len(full.Output.Files) != len(g.Plan.Items) {
			t.Errorf("%s: %d files, full build %d", st.name, len(g.Plan.Items), len(full.Output.Files))
		}
		for p, b := range full.Output.Files {
			got, err := g.File(p)
			if err != nil || !bytes.Equal(got, b) {
				t.Errorf("%s: %s differs from the full build's (%v)", st.name, p, err)
			}
		}
		for p, abs := range full.Output.Copies {
			if g.Plan.Copies[p] != abs {
				t.Errorf("%s: copy %s is %q, full build %q", st.name, p, g.Plan.Copies[p], abs)
			}
		}
	}
}

func replace(t *testing.T, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(b), old) {
		t.Fatalf("%s: no %q (%v)", file, old, err)
	}
	writeFile(t, file, strings.Replace(string(b), old, new, 1))
}

// writeFile writes a file and moves its modification time on, as a later
// save would: some file systems keep times to the second.
func writeFile(t *testing.T, file, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Duration(len(text)) * time.Second)
	os.Chtimes(file, later, later)
}

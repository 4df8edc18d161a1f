package load_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/load"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/synth"
)

// A cached load re-reads exactly the files that changed, says whether only
// bodies changed, and gives the same site and diagnostics as a fresh load.
func TestCacheReadsOnlyWhatChanged(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Policies: 20, Controls: 10}); err != nil {
		t.Fatal(err)
	}
	policy := filepath.Join(dir, "content", "policies", synth.PolicySlug(3)+".md")
	controls := filepath.Join(dir, "content", "controls", "c0000.toml")
	edit := func(file, old, new string) {
		t.Helper()
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s has no %q", file, old)
		}
		write(t, file, strings.Replace(string(b), old, new, 1))
	}
	var c load.Cache
	steps := []struct {
		name    string
		change  func()
		changed []string   // what a watcher saw; nil: unknown
		want    load.Delta // Files nil: every content file
	}{
		{"first load", func() {}, nil, load.Delta{All: true}},
		{"nothing changed", func() {}, nil, load.Delta{Files: []string{}, PoliciesOnly: true}},
		{"nothing changed, watcher says so", func() {}, []string{}, load.Delta{Files: []string{}, PoliciesOnly: true}},
		{"a body", func() { edit(policy, "# Purpose", "# Aim") }, nil,
			load.Delta{Files: []string{"content/policies/policy-00003.md"}, PoliciesOnly: true}},
		{"a body, watcher", func() { edit(policy, "# Aim", "# Goal") }, []string{policy},
			load.Delta{Files: []string{"content/policies/policy-00003.md"}, PoliciesOnly: true}},
		{"front matter", func() { edit(policy, `title = "Policy 4"`, `title = "Policy Four"`) }, []string{policy},
			load.Delta{Files: []string{"content/policies/policy-00003.md"}, PoliciesOnly: true, Fronts: []string{"content/policies/policy-00003.md"}}},
		{"front matter with a mistake", func() { edit(policy, `title = "Policy Four"`, `titel = "Policy Four"`) }, []string{policy},
			load.Delta{Files: []string{"content/policies/policy-00003.md"}, Fronts: []string{"content/policies/policy-00003.md"}}},
		{"front matter fixed", func() { edit(policy, `titel = "Policy Four"`, `title = "Policy Four"`) }, []string{policy},
			load.Delta{Files: []string{"content/policies/policy-00003.md"}, Fronts: []string{"content/policies/policy-00003.md"}}},
		{"a control", func() { edit(controls, `title = "Control 1"`, `title = "Control One"`) }, []string{controls},
			load.Delta{Files: []string{"content/controls/c0000.toml"}}},
		{"a mistake", func() { edit(controls, `status = "implemented"`, `status = "done"`) }, []string{controls},
			load.Delta{Files: []string{"content/controls/c0000.toml"}}},
		{"a new page", func() {
			write(t, filepath.Join(dir, "content", "pages", "contact.md"), "# Contact\n")
		}, []string{filepath.Join(dir, "content", "pages")}, load.Delta{All: true, Files: []string{"content/pages/contact.md"}}},
		{"a removed policy", func() {
			os.Remove(filepath.Join(dir, "content", "policies", synth.PolicySlug(5)+".md"))
		}, []string{filepath.Join(dir, "content", "policies", synth.PolicySlug(5)+".md")}, load.Delta{All: true, Files: []string{}}},
		{"site.toml", func() {
			edit(filepath.Join(dir, "site.toml"), "Synthetic Trust Center", "Synthetic Trust")
		}, []string{filepath.Join(dir, "site.toml")}, load.Delta{All: true}},
	}
	for _, s := range steps {
		s.change()
		var cached, fresh diag.List
		mark := c.Mark()
		site, err := c.Load(dir, s.changed, &cached)
		delta := c.Since(mark)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if s.want.Files == nil {
			s.want.Files = allFiles(dir)
		}
		if delta.All != s.want.All || !slices.Equal(delta.Files, s.want.Files) ||
			delta.PoliciesOnly != s.want.PoliciesOnly || !slices.Equal(delta.Fronts, s.want.Fronts) {
			t.Errorf("%s: delta %+v, want %+v", s.name, delta, s.want)
		}
		want, err := load.Load(dir, &fresh)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := summary(site, &cached), summary(want, &fresh); got != want {
			t.Errorf("%s: cached load differs from a fresh one:\n%s\nwant\n%s", s.name, got, want)
		}
	}
}

// summary prints what a load gave, for comparison.
func summary(s *model.Site, diags *diag.List) string {
	var b strings.Builder
	fmt.Fprintf(&b, "config %q\n", s.Config.Title)
	for _, p := range s.Policies {
		fmt.Fprintf(&b, "policy %s %q %q %d bytes\n", p.Slug, p.Title, p.Version, len(p.Body))
	}
	for _, p := range s.Pages {
		fmt.Fprintf(&b, "page %s %q\n", p.Slug, p.Title)
	}
	for _, c := range s.Controls {
		fmt.Fprintf(&b, "control %s %q %s\n", c.ID, c.Title, c.Status)
	}
	fmt.Fprintf(&b, "%d frameworks, %d certifications, %d attestations, %d assets\n",
		len(s.Frameworks), len(s.Certifications), len(s.Attestations), len(s.Assets))
	for _, d := range diags.Items() {
		fmt.Fprintln(&b, d)
	}
	return b.String()
}

func allFiles(dir string) []string {
	out := []string{}
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(out)
	return out
}

// write saves an edit of a file (synth.Save).
func write(t *testing.T, file, text string) {
	t.Helper()
	if err := synth.Save(file, text); err != nil {
		t.Fatal(err)
	}
}

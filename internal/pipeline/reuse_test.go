package pipeline_test

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/pipeline"
)

// cachedSite is a copy of the example site whose files were last changed
// an hour ago, so that the build cache trusts their stamps.
func cachedSite(t *testing.T) (pipeline.Options, *ager) {
	t.Helper()
	dir := exampleWith(t, func(site string) string { return site })
	a := &ager{root: dir, at: time.Now().Add(-time.Hour)}
	a.age(t)
	return pipeline.Options{Site: dir, Templates: trustdocs.Templates, Theme: trustdocs.Theme,
		Now: func() time.Time { return time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC) }}, a
}

// ager sets the modification time of every file of a site to a time in the
// past, a second later at each call: an edit as the cache sees it once the
// file system's clock has moved on.
type ager struct {
	root string
	at   time.Time
}

// ageFiles ages these files only, as an editor's save changes them alone.
func (a *ager) ageFiles(t *testing.T, files ...string) {
	t.Helper()
	a.at = a.at.Add(time.Second)
	for _, f := range files {
		if err := os.Chtimes(f, a.at, a.at); err != nil {
			t.Fatal(err)
		}
	}
}

func (a *ager) age(t *testing.T) {
	t.Helper()
	a.at = a.at.Add(time.Second)
	err := filepath.WalkDir(a.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if (strings.HasPrefix(d.Name(), ".") && p != a.root) || (d.Name() == "public" && filepath.Dir(p) == a.root) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		return os.Chtimes(p, a.at, a.at)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func build(t *testing.T, opts pipeline.Options) *pipeline.Result {
	t.Helper()
	res, err := pipeline.Build(opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed() {
		t.Fatalf("build failed: %v", res.Diags.Items())
	}
	return res
}

// A rebuild with nothing changed writes nothing and reports what the build
// before did; any change to the inputs, the options or the output makes a
// full build; and the output is always byte for byte a build's without the
// cache.
func TestRebuildNothingChanged(t *testing.T) {
	opts, a := cachedSite(t)
	out := filepath.Join(opts.Site, "public")
	first := build(t, opts)
	if first.Unchanged {
		t.Fatal("the first build found nothing changed")
	}
	marker := func() time.Time {
		fi, err := os.Stat(filepath.Join(out, ".trustdocs-output"))
		if err != nil {
			t.Fatal(err)
		}
		return fi.ModTime()
	}
	before := marker()
	again := build(t, opts)
	if !again.Unchanged {
		t.Fatal("a rebuild with nothing changed built")
	}
	if again.Pages != first.Pages || again.Files != first.Files || again.AsOf != first.AsOf || again.Drafts != first.Drafts {
		t.Errorf("the unchanged rebuild reported %+v, the build %+v", again, first)
	}
	if got, want := len(again.Diags.Items()), len(first.Diags.Items()); got != want {
		t.Errorf("the unchanged rebuild reported %d diagnostics, the build %d", got, want)
	}
	if !marker().Equal(before) {
		t.Error("the unchanged rebuild wrote the output")
	}

	policy := filepath.Join(opts.Site, "content", "policies", "access-control.md")
	steps := []struct {
		name   string
		change func()
		opts   func(pipeline.Options) pipeline.Options
	}{
		{name: "a policy edited", change: func() {
			replace(t, policy, "# Purpose", "# Purpose\n\nEdited in the cache test.")
			a.age(t)
		}},
		{name: "a policy added", change: func() {
			b, _ := os.ReadFile(policy)
			writeFile(t, filepath.Join(filepath.Dir(policy), "copy-of-access-control.md"), strings.Replace(string(b), "Access Control Policy", "Access Control Policy, copied", 1))
			a.age(t)
		}},
		{name: "the kept conversions corrupted, a policy edited", change: func() {
			conv := filepath.Join(opts.Site, ".public.cache", "conversions")
			b, err := os.ReadFile(conv)
			if err != nil || len(b) < 200 {
				t.Fatalf("no conversions kept: %v", err)
			}
			b[len(b)-100] ^= 0xff
			os.WriteFile(conv, b, 0o644)
			replace(t, policy, "Edited in the cache test.", "Edited in the cache test, twice.")
			a.age(t)
		}},
		{name: "a policy others link to made a draft", change: func() {
			// operations-security.md links to it: the link now leads to
			// the policy library, though neither its text nor where
			// pages are published changed.
			replace(t, filepath.Join(filepath.Dir(policy), "change-management.md"), "version        = \"1.8\"", "version        = \"1.8\"\ndraft          = true")
			a.age(t)
		}},
		{name: "a file of the output removed", change: func() {
			os.Remove(filepath.Join(out, "policies", "access-control", "index.html"))
		}},
		{name: "a file of the output edited", change: func() {
			os.WriteFile(filepath.Join(out, "index.html"), []byte("defaced"), 0o644)
		}},
		{name: "the cache corrupted", change: func() {
			os.WriteFile(filepath.Join(opts.Site, ".public.cache", "build"), []byte("trustdocs build cache 1\nxx"), 0o644)
		}},
		{name: "the cache deleted", change: func() { os.RemoveAll(filepath.Join(opts.Site, ".public.cache")) }},
		{name: "another base URL", opts: func(o pipeline.Options) pipeline.Options {
			o.BaseURL = "https://trust.example.org/"
			return o
		}},
		{name: "another date", opts: func(o pipeline.Options) pipeline.Options {
			o.AsOf = model.NewDate(2026, 11, 2)
			return o
		}},
		{name: "drafts published", opts: func(o pipeline.Options) pipeline.Options {
			o.Drafts = true
			return o
		}},
	}
	for _, s := range steps {
		o := opts
		if s.change != nil {
			s.change()
		}
		if s.opts != nil {
			o = s.opts(opts)
		}
		if res := build(t, o); res.Unchanged {
			t.Errorf("%s: the rebuild found nothing changed", s.name)
		}
		if res := build(t, o); !res.Unchanged {
			t.Errorf("%s: the build after found something changed", s.name)
		}
		sameAsFresh(t, o, out)
	}

	// A file changed within the file system's clock's granularity of the
	// build may keep its stamp: such a build leaves no record.
	replace(t, policy, "# Purpose", "# Purpose\n\nEdited again.") // stamped in the future
	if res := build(t, opts); res.Unchanged {
		t.Error("a just-edited policy: the rebuild found nothing changed")
	}
	if res := build(t, opts); res.Unchanged {
		t.Error("the build after a just-edited policy trusted its stamps")
	}
}

// sameAsFresh checks that the output folder out holds, byte for byte, what
// a build with no cache makes.
func sameAsFresh(t *testing.T, opts pipeline.Options, out string) {
	t.Helper()
	fresh := filepath.Join(t.TempDir(), "fresh")
	opts.Out = fresh
	if res := build(t, opts); res.Unchanged {
		t.Fatal("a build into a new folder found nothing changed")
	}
	want, got := readTree(t, fresh), readTree(t, out)
	for p, b := range want {
		if !bytes.Equal(got[p], b) {
			t.Errorf("%s differs from a build without the cache", p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: not in a build without the cache", p)
		}
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == ".trustdocs-output" {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// Without a date given, statuses are as of today (UTC): a record made
// one day is stale the next. Checked the day before a date, on it and
// after it.
func TestRebuildAsOfToday(t *testing.T) {
	opts, a := cachedSite(t)
	replace(t, filepath.Join(opts.Site, "site.toml"), "as_of = 2026-11-01", "")
	a.age(t)
	at := func(s string) pipeline.Options {
		o := opts
		now, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		o.Now = func() time.Time { return now }
		return o
	}
	for _, c := range []struct {
		now       string
		unchanged bool
		asOf      string
	}{
		{"2026-11-30T23:59:59Z", false, "2026-11-30"}, // the first build
		{"2026-11-30T23:59:59Z", true, "2026-11-30"},
		{"2026-12-01T00:00:00Z", false, "2026-12-01"}, // a day later
		{"2026-12-01T23:59:59Z", true, "2026-12-01"},
		{"2026-12-01T23:00:00-02:00", false, "2026-12-02"}, // the next day in UTC
	} {
		res := build(t, at(c.now))
		if res.Unchanged != c.unchanged || res.AsOf.String() != c.asOf {
			t.Errorf("at %s: unchanged %v, as of %s; want %v, %s", c.now, res.Unchanged, res.AsOf, c.unchanged, c.asOf)
		}
	}
	// A date given is the same every day.
	o := at("2026-12-03T10:00:00Z")
	o.AsOf = model.NewDate(2026, 11, 1)
	build(t, o)
	o.Now = func() time.Time { return time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC) }
	if res := build(t, o); !res.Unchanged {
		t.Error("with --as-of given, a build the next day found something changed")
	}
}

// With [build] git_dates, a policy's dates come from the history: a new
// commit, even of no file of the site, makes a full build.
func TestRebuildGitDates(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := writeSite(t, map[string]string{
		"site.toml":               "title = \"T\"\ncompany = \"Acme\"\n[build]\ngit_dates = true\nas_of = 2026-11-01\n",
		"content/controls/c.toml": "[[control]]\nid = \"C-1\"\ntitle = \"One\"\nstatus = \"implemented\"\n",
		"content/policies/a.md":   "+++\ntitle = \"A\"\nversion = \"1\"\nowner = \"CISO\"\ncontrols = [\"C-1\"]\n+++\nText.\n",
	})
	if out, err := exec.Command("git", "-C", dir, "init", "-q").CombinedOutput(); err != nil {
		t.Fatalf("git init: %v %s", err, out)
	}
	os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("/public/\n/.public.*\n"), 0o644)
	commit(t, dir, "2025-01-05", "first")
	a := &ager{root: dir, at: time.Now().Add(-time.Hour)}
	a.age(t)
	opts := pipeline.Options{Site: dir, Templates: trustdocs.Templates, Theme: trustdocs.Theme}
	for i, want := range []bool{false, true, true} {
		if res := build(t, opts); res.Unchanged != want {
			t.Errorf("build %d: unchanged %v, want %v", i+1, res.Unchanged, want)
		}
	}
	os.WriteFile(filepath.Join(dir, "NOTES"), []byte("not part of the site"), 0o644)
	commit(t, dir, "2025-06-01", "a commit of no file of the site")
	if res := build(t, opts); res.Unchanged {
		t.Error("after a commit: the rebuild found nothing changed")
	}
	if res := build(t, opts); !res.Unchanged {
		t.Error("the build after found something changed")
	}
	// git_dates off, then on again: the build after each change reads
	// the site again, and the one after that finds nothing changed (the
	// build that turned them on recorded the commit its load read the
	// dates at, though the record before it noted none).
	os.WriteFile(filepath.Join(dir, "content/policies/a.md"), []byte("+++\ntitle = \"A\"\nversion = \"1\"\nowner = \"CISO\"\napproved = 2025-01-05\ncontrols = [\"C-1\"]\n+++\nText.\n"), 0o644)
	for _, on := range []string{"false", "true"} {
		os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"T\"\ncompany = \"Acme\"\n[build]\ngit_dates = "+on+"\nas_of = 2026-11-01\n"), 0o644)
		a.age(t)
		if res := build(t, opts); res.Unchanged {
			t.Errorf("git_dates = %s: the build after the change found nothing changed", on)
		}
		if res := build(t, opts); !res.Unchanged {
			t.Errorf("git_dates = %s: the build after found something changed", on)
		}
	}
}

// A first build keeps no conversions nor parts; the second does, and so
// does a build after one whose record was forgotten.
func TestFirstBuildKeepsNone(t *testing.T) {
	opts, a := cachedSite(t)
	opts.Out = filepath.Join(opts.Site, "public")
	cache := filepath.Join(opts.Site, ".public.cache")
	kept := func() bool {
		_, err1 := os.Stat(filepath.Join(cache, "conversions"))
		_, err2 := os.Stat(filepath.Join(cache, "parts"))
		return err1 == nil && err2 == nil
	}
	build(t, opts)
	if kept() {
		t.Error("a first build kept conversions or parts")
	}
	policy := filepath.Join(opts.Site, "content", "policies", "access-control.md")
	appendTo(t, policy, "\nEdited.\n")
	a.ageFiles(t, policy)
	build(t, opts)
	if !kept() {
		t.Error("a second build kept no conversions or parts")
	}
	// A file changed as the build starts: its record is forgotten.
	os.RemoveAll(cache)
	build(t, opts)
	appendTo(t, policy, "\nEdited again.\n") // now: too new to trust
	build(t, opts)
	if _, err := os.Stat(filepath.Join(cache, "build")); err == nil {
		t.Fatal("a build of a file changed as it started left a record")
	}
	a.ageFiles(t, policy)
	build(t, opts)
	if !kept() {
		t.Error("the build after a forgotten record kept no conversions or parts")
	}
}

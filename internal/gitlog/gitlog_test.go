package gitlog

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func git1(t *testing.T, dir, day string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=T",
		"GIT_COMMITTER_EMAIL=t@example.com", "GIT_AUTHOR_DATE="+day+"T12:00:00Z", "GIT_COMMITTER_DATE="+day+"T12:00:00Z")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// A site at the top of its repository, and in a folder of a bigger one:
// paths come relative to the site, a file's first record is its last
// change, names with spaces and accents come unquoted.
func TestLastChanges(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	repo := t.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(repo, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	git1(t, repo, "2025-01-01", "init", "-q")
	write("site/content/policies/a.md", "a")
	write("site/content/policies/Ü b.md", "b")
	write("other/x.md", "x")
	git1(t, repo, "2025-01-02", "add", "-A")
	git1(t, repo, "2025-01-02", "commit", "-q", "-m", "one")
	write("site/content/policies/a.md", "a2")
	git1(t, repo, "2025-02-03", "commit", "-q", "-am", "two")
	for _, c := range []struct{ dir, prefix, a, b string }{
		{filepath.Join(repo, "site"), "site/", "content/policies/a.md", "content/policies/Ü b.md"},
		{repo, "", "site/content/policies/a.md", "site/content/policies/Ü b.md"},
	} {
		head, prefix, err := Head(c.dir)
		if err != nil || len(head) != 40 || prefix != c.prefix {
			t.Fatalf("Head(%s) = %q, %q, %v", c.dir, head, prefix, err)
		}
		got, err := LastChanges(c.dir, prefix)
		if err != nil {
			t.Fatal(err)
		}
		if got[c.a].Date.String() != "2025-02-03" || got[c.b].Date.String() != "2025-01-02" || got[c.a].Commit == got[c.b].Commit {
			t.Errorf("%s: %v", c.dir, got)
		}
		if _, ok := got["x.md"]; ok && prefix != "" {
			t.Errorf("a file outside the site: %v", got)
		}
	}
	shallow := filepath.Join(t.TempDir(), "shallow")
	git1(t, repo, "2025-03-01", "clone", "-q", "--depth", "1", "file://"+repo, shallow)
	if _, _, err := Head(shallow); err != ErrShallow {
		t.Errorf("a shallow clone: %v", err)
	}
	if _, _, err := Head(t.TempDir()); err != ErrNoRepo {
		t.Errorf("outside a repository: %v", err)
	}
}

package pipeline_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/pipeline"
)

// commit commits everything in dir on day (YYYY-MM-DD).
func commit(t *testing.T, dir, day, msg string) {
	t.Helper()
	for _, args := range [][]string{{"add", "-A"}, {"commit", "-q", "-m", msg}} {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=T",
			"GIT_COMMITTER_EMAIL=t@example.com", "GIT_AUTHOR_DATE="+day+"T12:00:00Z", "GIT_COMMITTER_DATE="+day+"T12:00:00Z")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
}

// With [build] git_dates, each policy shows its last commit, and one
// without approved is reviewed 12 months after its last change: current
// the day before the review is 30 days away, due on it and until the
// review date, overdue the day after.
func TestGitDates(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	files := map[string]string{
		"site.toml":               "title = \"T\"\ncompany = \"Acme\"\n[build]\ngit_dates = true\n",
		"content/controls/c.toml": "[[control]]\nid = \"C-1\"\ntitle = \"One\"\nstatus = \"implemented\"\n",
		"content/policies/a.md":   "+++\ntitle = \"A\"\nversion = \"1\"\nowner = \"CISO\"\ncontrols = [\"C-1\"]\n+++\nText.\n",
		"content/policies/b.md":   "+++\ntitle = \"B\"\nversion = \"1\"\nowner = \"CISO\"\napproved = 2025-02-01\ncontrols = [\"C-1\"]\n+++\nText.\n",
	}
	dir := writeSite(t, files)
	if out, err := exec.Command("git", "-C", dir, "init", "-q").CombinedOutput(); err != nil {
		t.Fatalf("git init: %v %s", err, out)
	}
	commit(t, dir, "2025-01-05", "first")
	writeFiles(t, dir, map[string]string{"content/policies/a.md": files["content/policies/a.md"] + "More.\n"})
	commit(t, dir, "2025-03-10", "second")
	head, _ := exec.Command("git", "-C", dir, "rev-parse", "--short", "HEAD").Output()
	opts := pipeline.Options{Site: dir, Templates: trustdocs.Templates, Theme: trustdocs.Theme}
	for _, c := range []struct {
		asOf   string
		review string
	}{
		{"2026-02-07", "Current"}, {"2026-02-08", "Due"}, {"2026-03-10", "Due"}, {"2026-03-11", "Overdue"},
	} {
		day := mustDate(t, c.asOf).Time()
		opts.Now = func() time.Time { return day }
		res, err := pipeline.Render(opts)
		if err != nil || res.Output == nil || res.Diags.HasErrors() {
			t.Fatalf("%s: %v %v", c.asOf, err, res.Diags.Items())
		}
		a := string(res.Output.Files["policies/a/index.html"])
		for _, want := range []string{"<dt>Approved</dt><dd>Not recorded</dd>", `<dt>Last changed</dt><dd><time datetime="2025-03-10">10 March 2025</time>`,
			"<code>" + strings.TrimSpace(string(head)) + "</code>", `datetime="2026-03-10"`, ">" + c.review + "<"} {
			if !strings.Contains(a, want) {
				t.Errorf("as of %s: policy a lacks %s", c.asOf, want)
			}
		}
		b := string(res.Output.Files["policies/b/index.html"])
		if !strings.Contains(b, `<dt>Last changed</dt><dd><time datetime="2025-01-05">`) || !strings.Contains(b, `datetime="2026-02-01"`) {
			t.Errorf("as of %s: policy b's last change or review (from its approval) is wrong", c.asOf)
		}
	}
	// A new policy without approved, not committed yet: nothing to review
	// it from, so an error; and without git, a warning.
	writeFiles(t, dir, map[string]string{"content/policies/c.md": strings.Replace(files["content/policies/a.md"], `"A"`, `"C"`, 1)})
	res, _ := pipeline.Check(opts)
	if got := messagesOf(res.Diags); !strings.Contains(got, "content/policies/c.md:1: error: policy has no approved date and git has no commit of it") {
		t.Errorf("uncommitted policy without approved:\n%s", got)
	}
	os.RemoveAll(dir + "/.git")
	res, _ = pipeline.Check(opts)
	if got := messagesOf(res.Diags); !strings.Contains(got, "site.toml:3:1: warning: [build] git_dates is on, but the site is not in a git repository") {
		t.Errorf("no repository:\n%s", got)
	}
}

func mustDate(t *testing.T, s string) model.Date {
	t.Helper()
	d, err := model.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func messagesOf(l *diag.List) string {
	var b strings.Builder
	for _, d := range l.Items() {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

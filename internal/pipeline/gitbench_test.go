package pipeline_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/pipeline"
	"github.com/trustdocs/trustdocs/internal/synth"
)

// gitSite makes a synthetic site of n policies in a git repository with a
// history shaped like a policy repository's: an initial commit, then 200
// commits that each change 5 policies.
func gitSite(tb testing.TB, n int) string {
	dir := tb.TempDir()
	if err := synth.Write(dir, synth.Options{Policies: n, Controls: n}); err != nil {
		tb.Fatal(err)
	}
	t := tb.(interface {
		Fatalf(string, ...any)
		Helper()
	})
	run := func(day string, args ...string) {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=T",
			"GIT_COMMITTER_EMAIL=t@example.com", "GIT_AUTHOR_DATE="+day+"T12:00:00Z", "GIT_COMMITTER_DATE="+day+"T12:00:00Z")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run("2025-01-01", "init", "-q")
	run("2025-01-01", "add", "-A")
	run("2025-01-01", "commit", "-q", "-m", "initial")
	for c := range 200 {
		for k := range 5 {
			p := filepath.Join(dir, "content", "policies", synth.PolicySlug((c*5+k)%n)+".md")
			b, _ := os.ReadFile(p)
			os.WriteFile(p, append(b, fmt.Sprintf("\nRevised in change %d.\n", c)...), 0o644)
		}
		day := fmt.Sprintf("2025-%02d-%02d", 2+c/28%10, 1+c%28)
		run(day, "commit", "-q", "-a", "-m", fmt.Sprintf("change %d", c))
	}
	run("2025-12-01", "gc", "-q") // packed, as a clone is
	return dir
}

// BenchmarkGitDates builds a 1,000-policy site in git with and without
// [build] git_dates (the issue allows 1.3× the time):
//
//	go test ./internal/pipeline -run XXX -bench GitDates -benchtime 10x
func BenchmarkGitDates(b *testing.B) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("no git")
	}
	dir := gitSite(b, 1000)
	config := filepath.Join(dir, "site.toml")
	plain, _ := os.ReadFile(config)
	for _, on := range []bool{false, true} {
		text := string(plain)
		if on {
			text = strings.Replace(text, "[build]\n", "[build]\ngit_dates = true\n", 1)
			if !strings.Contains(text, "git_dates") {
				text += "\n[build]\ngit_dates = true\n"
			}
		}
		os.WriteFile(config, []byte(text), 0o644)
		b.Run(fmt.Sprintf("git_dates=%v", on), func(b *testing.B) {
			opts := pipeline.Options{Site: dir, Templates: trustdocs.Templates, Theme: trustdocs.Theme, Out: filepath.Join(b.TempDir(), "public")}
			for b.Loop() {
				res, err := pipeline.Build(opts)
				if err != nil || res.Diags.HasErrors() {
					b.Fatal(err, res.Diags.Items())
				}
			}
		})
	}
}

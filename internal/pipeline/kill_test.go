package pipeline_test

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/buildcache"
	"github.com/trustdocs/trustdocs/internal/pipeline"
	"github.com/trustdocs/trustdocs/internal/synth"
)

// TestKilledBuildsLeaveOutputIntact kills real builds of a big site at
// random moments, and checks after each kill that the output folder holds
// exactly the previous site or exactly the new one: never a mixture, never
// a half-written file, never nothing.
func TestKilledBuildsLeaveOutputIntact(t *testing.T) {
	if testing.Short() {
		t.Skip("kills real builds; skipped with -short")
	}
	site := t.TempDir()
	if err := synth.Write(site, synth.Options{Policies: 400, Controls: 100}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")

	// Two versions of the site, which differ in one policy's title.
	policy := filepath.Join(site, "content", "policies", synth.PolicySlug(0)+".md")
	original, err := os.ReadFile(policy)
	if err != nil {
		t.Fatal(err)
	}
	versions := [2][]byte{original, bytes.Replace(original, []byte(`title = "Policy 1"`), []byte(`title = "Policy One"`), 1)}
	var trees [2]map[string][32]byte
	for i := range versions {
		os.WriteFile(policy, versions[i], 0o644)
		dir := filepath.Join(t.TempDir(), "public")
		buildIn(t, site, dir)
		trees[i] = snapshot(t, dir)
	}
	os.WriteFile(policy, versions[0], 0o644)
	buildIn(t, site, out)
	current := 0

	// How long a whole build takes in a child process sets the range of
	// the moments to kill at.
	start := time.Now()
	if err := child(site, out).Run(); err != nil {
		t.Fatalf("child build: %v", err)
	}
	whole := time.Since(start)

	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("a whole build takes %v; random seed %d", whole, seed)
	killed, kept, replaced := 0, 0, 0
	for i := range 12 {
		next := 1 - current
		os.WriteFile(policy, versions[next], 0o644)
		cmd := child(site, out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Not synchronisation: the random moment is the point of the test.
		// Up to a quarter past the whole build, so that some builds finish.
		time.Sleep(time.Duration(rng.Int64N(int64(whole) * 5 / 4)))
		sig := syscall.SIGKILL
		if i%2 == 1 {
			sig = syscall.SIGINT // what Ctrl-C sends
		}
		cmd.Process.Signal(sig)
		if err := cmd.Wait(); err != nil {
			killed++
		}
		got := snapshot(t, out)
		switch {
		case equalTrees(got, trees[current]):
			kept++
		case equalTrees(got, trees[next]):
			current = next
			replaced++
		default:
			t.Fatalf("kill %d after an interrupted build, the output is neither the previous site nor the new one", i)
		}
	}
	if killed == 0 {
		t.Errorf("no build was interrupted; the kills came too late to test anything")
	}
	t.Logf("%d of 12 builds were killed before they finished; the output was kept %d times and replaced %d times", killed, kept, replaced)

	// A later build finishes the job and clears what killed builds left,
	// but for the output it replaced, kept for the next build to reuse,
	// and the build cache, which a build writes when its inputs are old
	// enough to trust: they are made so, so that it is always written.
	(&ager{root: site, at: time.Now().Add(-time.Hour)}).age(t)
	if err := child(site, out).Run(); err != nil {
		t.Fatal(err)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.*"))
	cache, err := buildcache.For(out)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(leftovers, cache.Dir()) {
		t.Errorf("after a complete build of a site edited an hour ago, no build cache %s", cache.Dir())
	}
	leftovers = slices.DeleteFunc(leftovers, func(p string) bool { return p == cache.Dir() })
	if previous := filepath.Join(filepath.Dir(out), ".public.previous"); !slices.Equal(leftovers, []string{previous}) {
		t.Errorf("after a complete build, %v beside the output, want only %s", leftovers, previous)
	}
}

// TestKillChild is the build that TestKilledBuildsLeaveOutputIntact runs
// in a child process; on its own, it does nothing.
func TestKillChild(t *testing.T) {
	site, out := os.Getenv("TRUSTDOCS_KILL_SITE"), os.Getenv("TRUSTDOCS_KILL_OUT")
	if site == "" {
		t.Skip("run by TestKilledBuildsLeaveOutputIntact")
	}
	buildIn(t, site, out)
}

func child(site, out string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "TRUSTDOCS_KILL_SITE="+site, "TRUSTDOCS_KILL_OUT="+out)
	return cmd
}

func buildIn(t *testing.T, site, out string) {
	t.Helper()
	res, err := pipeline.Build(pipeline.Options{Site: site, Out: out, Templates: trustdocs.Templates, Theme: trustdocs.Theme})
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed() {
		t.Fatalf("build failed: %v", res.Diags.Err())
	}
}

// snapshot returns the SHA-256 of every file under dir.
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	tree := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		tree[filepath.ToSlash(rel)] = sha256.Sum256(b)
		return nil
	})
	if err != nil && !strings.Contains(err.Error(), "no such file") {
		t.Fatal(err)
	}
	return tree
}

func equalTrees(a, b map[string][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// Package gitlog reads when files last changed from a git repository's
// history, in one pass: one `git log` for the whole history, not one
// process per file (which is what makes such dates slow in other
// generators). A site keeps policies in git; with [build] git_dates on,
// each policy shows the day and commit of its last change.
package gitlog

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"strings"

	"github.com/trustdocs/trustdocs/internal/model"
)

// Change is a file's last commit.
type Change struct {
	Date   model.Date // the commit's date (committer's, as Hugo's lastmod)
	Commit string     // its abbreviated hash
}

// ErrNoRepo is returned when dir is not in a git repository, or git is
// not installed.
var ErrNoRepo = errors.New("not in a git repository")

// ErrShallow is returned for a shallow clone, whose history ends at a
// commit that seems to have changed every file: its dates would be wrong.
var ErrShallow = errors.New("the clone is shallow: its history is cut, so every file would seem changed by its oldest commit; fetch the whole history (git fetch --unshallow; in GitHub Actions, actions/checkout with fetch-depth: 0)")

// Head returns the commit dir's repository is at, which the dates depend
// on, and where dir is in the repository ("" at its top, else "site/").
func Head(dir string) (head, prefix string, err error) {
	out, err := git(dir, "rev-parse", "HEAD", "--show-prefix", "--is-shallow-repository")
	lines := strings.Split(string(out), "\n")
	if err != nil || len(lines) < 3 {
		return "", "", err
	}
	if strings.TrimSpace(lines[2]) == "true" {
		return "", "", ErrShallow
	}
	return strings.TrimSpace(lines[0]), strings.TrimSpace(lines[1]), nil
}

// LastChanges returns the last change of every file of dir, by path
// relative to dir, slash-separated; prefix is dir's place in the
// repository, from Head. At the top of a repository the whole history is
// read without a pathspec, which would make git test every path (twice
// as slow); in a folder of a bigger repository, only the folder's.
func LastChanges(dir, prefix string) (map[string]Change, error) {
	args := []string{"-c", "core.quotePath=false", "log", "--name-only", "--no-renames", "--format=\x1e%h %cs"}
	if prefix != "" {
		args = append(args, "--relative", "--", ".")
	}
	out, err := git(dir, args...)
	if err != nil {
		return nil, err
	}
	return parse(out), nil
}

// parse reads the log: records start with \x1e, a line "hash date", then
// the files the commit changed. The log is newest first, so a file's first
// record is its last change.
func parse(out []byte) map[string]Change {
	changes := map[string]Change{}
	var cur Change
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if head, ok := strings.CutPrefix(line, "\x1e"); ok {
			hash, date, _ := strings.Cut(head, " ")
			d, err := model.ParseDate(date)
			if err != nil {
				d = model.Date{}
			}
			cur = Change{Date: d, Commit: hash}
			continue
		}
		if line == "" || cur.Commit == "" {
			continue
		}
		if _, seen := changes[line]; !seen {
			changes[line] = cur
		}
	}
	return changes
}

func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) || strings.Contains(stderr.String(), "not a git repository") {
			return nil, ErrNoRepo
		}
		return nil, fmt.Errorf("git %s: %v: %s", args[len(args)-1], err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

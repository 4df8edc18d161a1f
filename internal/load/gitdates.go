package load

import (
	"errors"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/gitlog"
)

// gitDates are the last changes of a site's policies, as of one commit.
type gitDates struct {
	head    string
	changes map[string]gitlog.Change
	err     error
}

// readGit starts reading the history, with [build] git_dates on: the log
// is read once a commit (serve reads it again only after one). The
// channel gives what was read, or nil when git_dates is off.
func (c *Cache) readGit(l *loader) <-chan *gitDates {
	out := make(chan *gitDates, 1)
	if !l.site.Config.GitDates {
		out <- nil
		return out
	}
	prev := c.git
	go func() {
		head, prefix, err := gitlog.Head(l.root)
		if prev != nil && prev.head == head && err == nil {
			out <- prev
			return
		}
		g := &gitDates{head: head, err: err}
		if err == nil {
			g.changes, g.err = gitlog.LastChanges(l.root, prefix)
		}
		out <- g
	}()
	return out
}

// gitDates gives each policy its last change, with [build] git_dates on.
// A policy without approved needs a commit to be reviewed from.
func (c *Cache) gitDates(l *loader, read <-chan *gitDates) {
	c.git = <-read
	if c.git == nil {
		return
	}
	at := l.site.Config.At("build")
	switch {
	case errors.Is(c.git.err, gitlog.ErrNoRepo):
		l.diags.Warnf(at, "[build] git_dates is on, but the site is not in a git repository (or git is not installed), so policies show no last change; commit the site, or remove git_dates")
	case errors.Is(c.git.err, gitlog.ErrShallow):
		l.diags.Warnf(at, "[build] git_dates: %v; policies show no last change until then", c.git.err)
	case c.git.err != nil:
		l.diags.Warnf(at, "[build] git_dates: cannot read the history (%v), so policies show no last change", c.git.err)
	}
	for _, d := range l.site.Policies {
		if ch, ok := c.git.changes[d.Pos.File]; ok {
			d.LastChange, d.LastCommit = ch.Date, ch.Commit
		}
		if d.Approved.IsZero() && d.LastChange.IsZero() && !d.Draft {
			l.diags.Errorf(diag.Pos{File: d.Pos.File, Line: 1}, "policy has no approved date and git has no commit of it to review it from; add approved = YYYY-MM-DD, or commit the file")
		}
	}
}

// GitHead names the commit the latest load read the policies' dates at,
// with [build] git_dates on; "" when off, and "error: " and why when the
// history could not be read (so that a site outside git is the same the
// next time). A build records it: the dates are the history's at that
// commit, whatever was committed before or after.
func (c *Cache) GitHead() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch g := c.git; {
	case g == nil:
		return ""
	case g.err != nil:
		return "error: " + g.err.Error()
	default:
		return g.head
	}
}

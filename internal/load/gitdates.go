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

// gitDates gives each policy its last change, with [build] git_dates on.
// The log is read once a commit: serve reads it again only after one.
// A policy without approved needs a commit to be reviewed from.
func (c *Cache) gitDates(l *loader) {
	cfg := l.site.Config
	if !cfg.GitDates {
		c.git = nil
		return
	}
	head, prefix, err := gitlog.Head(l.root)
	if c.git == nil || c.git.head != head || err != nil {
		g := &gitDates{head: head, err: err}
		if err == nil {
			g.changes, g.err = gitlog.LastChanges(l.root, prefix)
		}
		c.git = g
	}
	at := cfg.At("build")
	switch {
	case errors.Is(c.git.err, gitlog.ErrNoRepo):
		l.diags.Warnf(at, "[build] git_dates is on, but the site is not in a git repository (or git is not installed), so policies show no last change; commit the site, or remove git_dates")
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

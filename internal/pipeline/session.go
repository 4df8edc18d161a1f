package pipeline

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/load"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/par"
	"github.com/trustdocs/trustdocs/internal/render"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

// A Session builds a site again and again as it is edited; it is what
// serve runs, and, for one build, what every command runs. It keeps what
// each build read and converted, so that a build after an edit re-reads
// only the files that changed, converts only the Markdown that changed and
// keeps every page the edit cannot have changed. A Session is for one
// goroutine at a time.
type Session struct {
	opts   Options
	once   bool        // a session of one build: it keeps nothing for the next
	kept   render.Kept // for one build: the conversions the build cache keeps
	load   load.Cache
	render render.Cache
	last   *Generation // the last build without errors
	mark   load.Mark   // what the load cache held then

	// What the watcher saw change outside content/ since the last build
	// without errors.
	noted map[string]bool
	other bool // templates, or unknown
	style bool // files of theme/
}

// NewSession starts a session for a site; its first Rebuild builds it all.
func NewSession(opts Options) *Session { return newSession(opts, false) }

// newSession starts a session; once, it is for one build and keeps
// nothing for another.
func newSession(opts Options, once bool) *Session {
	s := &Session{opts: opts.filled(), once: once}
	s.load.Once = once
	s.reset()
	return s
}

// reset forgets the changes, once a build has them all.
func (s *Session) reset() {
	s.noted, s.other, s.style = map[string]bool{}, false, false
}

// A Generation is one build of a session: the site as of one set of edits.
// Its files are made when first asked for.
type Generation struct {
	Diags    []diag.Diagnostic
	Audience model.Audience
	AsOf     model.Date
	Site     *resolve.Site
	Plan     *render.Plan // nil when the build has errors
	Drafts   int          // draft documents left out
	// DraftAnswers are the draft answers left out.
	DraftAnswers int
	Changed      []string // site-relative files changed since the last good build
	// Remake is the number of files the edits changed, which must be
	// made again; the others are the previous build's.
	Remake int
	// StyleOnly is set when only files of theme/ changed: browsers can
	// swap stylesheets instead of reloading.
	StyleOnly bool
	Elapsed   time.Duration

	list        *diag.List        // Diags, as the build goes
	resolved    []diag.Diagnostic // what resolve found
	rebodied    bool              // made by converting the edited bodies alone
	suggestions []diag.Diagnostic
	mu          sync.Mutex
	made        map[string]deflated // the files asked for so far (File), kept to serve again
	checked     map[string]bool     // the files made without a problem, kept or not
}

// HasErrors reports whether the build failed; the previous one stands.
func (g *Generation) HasErrors() bool { return g.Plan == nil }

// Rebuild builds the site again. changed lists the absolute paths a
// watcher saw change; nil means unknown, and every file is checked.
func (s *Session) Rebuild(changed []string) (*Generation, error) {
	return s.run(changed, []model.Audience{s.opts.Audience}, nil)
}

// run is the one wiring of the stages: it loads the site, resolves it and
// plans it for each audience in turn, calling made with each plan before
// the next audience's (a site narrowed for one audience is not planned for
// a wider one). It stops at the first audience with errors.
func (s *Session) run(changed []string, audiences []model.Audience, made func(*Generation) error) (*Generation, error) {
	start := time.Now()
	root, err := filepath.Abs(s.opts.Site)
	if err != nil {
		return nil, err
	}
	s.note(root, changed)
	g := &Generation{list: &diag.List{}, made: map[string]deflated{}, checked: map[string]bool{}}
	m, err := s.load.Load(root, changed, g.list)
	if err != nil {
		return nil, err
	}
	g.AsOf = s.opts.asOf(m)
	if rc := s.opts.Recipient; rc != nil && !rc.ValidUntil.IsZero() && rc.ValidUntil.Before(g.AsOf) {
		return nil, fmt.Errorf("--valid-until %s is before %s, the date the pack is made as of; give a later day", rc.ValidUntil, g.AsOf)
	}
	var delta load.Delta // what changed since the last good build
	if !s.once {
		delta = s.load.Since(s.mark)
		if s.rebodied(g, m, delta, audiences, made) {
			return s.done(g, delta, start), nil
		}
	}
	var resolved diag.List
	g.Site = resolve.Resolve(m, g.AsOf, &resolved)
	g.resolved = resolved.Export()
	g.list.Add(g.resolved...)
	if s.opts.Suggest {
		g.suggestions = g.Site.Suggestions()
	}
	if !s.opts.Drafts {
		g.Site.LeaveOutDrafts()
		g.Drafts, g.DraftAnswers = len(g.Site.Drafts), g.Site.DraftAnswers
	}
	var cache *render.Cache // none for one build: it converts each body once
	if !s.once {
		cache = &s.render
	}
	for _, a := range audiences {
		g.Audience = a
		g.Plan = nil // the last audience's plan, with its pages, goes before this one is made
		g.Plan, err = render.Prepare(g.Site, render.Options{Audience: a, BaseURL: s.opts.BaseURL,
			Templates: s.opts.Templates, Theme: s.opts.Theme, Cache: cache, Kept: s.kept, Recipient: s.opts.Recipient, Book: s.opts.Book}, g.list)
		if err == nil && g.Plan != nil && made != nil {
			err = made(g)
		}
		if err != nil {
			return nil, err
		}
		if g.list.HasErrors() {
			g.Plan = nil
			break
		}
	}
	return s.done(g, delta, start), nil
}

// done finishes g, which began at start, after the edits delta.
func (s *Session) done(g *Generation, delta load.Delta, start time.Time) *Generation {
	g.Diags = g.list.Items()
	if !s.once {
		s.keep(g, delta)
	}
	g.Elapsed = time.Since(start)
	return g
}

// rebodied makes g from the last good build, when the edits since then
// are of documents' bodies and nothing else (see render.Plan.Rebodied):
// what serve does after most saves, without resolving and planning the
// whole site again (at 10,000 policies, most of a rebuild's 100 ms). It
// reports false when it cannot, having changed nothing.
func (s *Session) rebodied(g *Generation, m *model.Site, delta load.Delta, audiences []model.Audience, made func(*Generation) error) bool {
	prev := s.last
	if prev == nil || made != nil || len(audiences) != 1 || audiences[0] != prev.Audience ||
		s.other || s.style || len(s.noted) > 0 ||
		delta.All || !delta.PoliciesOnly || len(delta.Fronts) > 0 || // a record, a front matter
		g.AsOf != prev.AsOf || g.list.HasErrors() {
		return false
	}
	pl, ok := prev.Plan.Rebodied(m, delta.Files, g.list)
	if !ok {
		return false
	}
	g.list.Add(prev.resolved...)
	g.Audience, g.Site, g.Plan, g.resolved, g.rebodied = prev.Audience, prev.Site, pl, prev.resolved, true
	g.suggestions, g.Drafts, g.DraftAnswers = prev.suggestions, prev.Drafts, prev.DraftAnswers
	return true
}

// keep works out what changed since the last good build and, if g has no
// errors, takes from that build every file it can and keeps g for the
// next. Compared with the last good build, not the last build: an edit
// that was a mistake and its fix cancel out.
func (s *Session) keep(g *Generation, delta load.Delta) {
	files := maps.Clone(s.noted)
	for _, f := range delta.Files {
		files[f] = true
	}
	g.Changed = slices.Sorted(maps.Keys(files))
	if g.Plan != nil {
		s.carry(g, delta)
		s.last, s.mark = g, s.load.Mark()
		s.reset()
	}
}

// note records the changes a watcher saw that the content's load does not
// track: templates, theme files and site.toml.
func (s *Session) note(root string, changed []string) {
	if changed == nil {
		s.other = true
		return
	}
	for _, abs := range changed {
		rel, err := filepath.Rel(root, abs)
		if err != nil {
			continue
		}
		rel = filepath.ToSlash(rel)
		switch {
		case strings.HasPrefix(rel, "theme/"), rel == "theme":
			s.style = true
			s.noted[rel] = true
		case strings.HasPrefix(rel, "templates/"), rel == "templates":
			s.other = true
			s.noted[rel] = true
		case rel == "site.toml":
			s.noted[rel] = true
		}
	}
}

// carry takes from the last good build every file that render says the
// edits since then leave as it was.
func (s *Session) carry(g *Generation, delta load.Delta) {
	g.Remake = len(g.Plan.Items)
	prev := s.last
	if prev == nil {
		return
	}
	// Templates or unknown changes, site.toml, frameworks, the set of
	// files, or a file other than a policy's front matter or a body.
	other := s.other || delta.All || !delta.PoliciesOnly
	same := g.Plan.Unchanged(prev.Plan.Basis(), render.Edits{Other: other, Files: delta.Files, Fronts: delta.Fronts})
	if same == nil {
		return
	}
	g.StyleOnly = s.style && len(g.Changed) > 0
	prev.mu.Lock()
	defer prev.mu.Unlock()
	// Most of the last build's files are carried: the maps are made at
	// their size, not grown a few thousand times at each rebuild.
	g.made, g.checked = make(map[string]deflated, len(prev.made)), make(map[string]bool, len(prev.checked))
	for p := range g.Plan.Items {
		if !same(p) {
			continue
		}
		if b, ok := prev.made[p]; ok {
			g.made[p] = b
		}
		if prev.checked[p] {
			g.checked[p] = true
		}
		g.Remake--
	}
	for _, f := range g.Changed { // stylesheets, and the folders they are in
		if f != "theme" && !(strings.HasPrefix(f, "theme/") && (path.Ext(f) == ".css" || path.Ext(f) == "")) {
			g.StyleOnly = false
		}
	}
}

// File returns the output file at path p, making it the first time.
func (g *Generation) File(p string) ([]byte, error) {
	if g.Plan == nil {
		return nil, errors.New("the site has errors")
	}
	g.mu.Lock()
	d, ok := g.made[p]
	g.mu.Unlock()
	if ok {
		return d.inflate()
	}
	b, err := g.Plan.Make(p)
	if err != nil {
		return nil, err
	}
	d = deflateFile(b)
	g.mu.Lock()
	g.made[p], g.checked[p] = d, true
	g.mu.Unlock()
	return b, nil
}

// check makes the file at path p, unless it was made without a problem
// before, and keeps nothing of it but that it was.
func (g *Generation) check(p string) error {
	g.mu.Lock()
	done := g.checked[p]
	g.mu.Unlock()
	if done {
		return nil
	}
	if _, err := g.Plan.Make(p); err != nil {
		return err
	}
	g.mu.Lock()
	g.checked[p] = true
	g.mu.Unlock()
	return nil
}

// MakeAll makes every page made from a template not yet made, and returns
// the problems of the site's templates it met: a template's mistake
// anywhere is shown, not only on the pages asked for. It keeps none of
// them: a page is made when asked for in a few milliseconds, and the
// whole site, even deflated, would be most of what serve holds (at 10,000
// policies, 206 MB as made, 43 MB deflated). The other files (exports,
// feeds, the search index) are written in Go, not by the site's
// templates, and are made when asked for: after an edit of a policy's
// text, the search index alone took most of the time the fill took, on
// the cores the page asked for was being made on. It stops early when
// ctx is done.
func (g *Generation) MakeAll(ctx context.Context) []diag.Diagnostic {
	if g.Plan == nil {
		return nil
	}
	var todo []string
	g.mu.Lock()
	for p, it := range g.Plan.Items {
		if !g.checked[p] && it.Template() != "" {
			todo = append(todo, p)
		}
	}
	g.mu.Unlock()
	slices.Sort(todo)
	errs := make([]error, len(todo))
	par.Background(len(todo), func(i int) {
		if ctx.Err() == nil {
			errs[i] = g.check(todo[i])
		}
	})
	found, err := render.Problems(errs)
	if err != nil {
		found = append(found, diag.Diagnostic{Severity: diag.Error, Message: "internal error: " + err.Error()})
	}
	return found
}

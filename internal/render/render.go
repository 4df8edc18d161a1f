// Package render turns a resolved site into the files of the output, in
// memory: HTML pages from html/template, the exports (CSV, JSON, Atom,
// sitemap), and the theme's static assets. It writes nothing to disk.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/markdown"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

// Options configure a render.
type Options struct {
	Audience  model.Audience
	BaseURL   string // overrides site.toml's base_url when set
	Templates fs.FS  // the embedded templates: templates/*.html
	Theme     fs.FS  // the embedded theme: theme/**
	Cache     *Cache // what earlier renders of the site converted; may be nil
	// Recipient, when set, makes a pack for one reader: a banner on every
	// page (screen and print) and a notice page that opens the site.
	Recipient *Recipient
	// Book makes the policy book trustdocs pdf prints (see BookDir).
	Book bool
	// Kept, when set, gives conversions a build before this one made
	// and keeps this build's for the next (see Kept).
	Kept Kept
}

// Output is a rendered site: generated files, and files to copy as they are.
type Output struct {
	Files  map[string][]byte // output path → content
	Copies map[string]string // output path → absolute source path
}

// Paths returns every output path, sorted.
func (o *Output) Paths() []string {
	paths := make([]string, 0, len(o.Files)+len(o.Copies))
	for p := range o.Files {
		paths = append(paths, p)
	}
	for p := range o.Copies {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return paths
}

// renderer holds what every page needs.
type renderer struct {
	s     *resolve.Site
	opts  Options
	diags *diag.List
	site  *siteData
	tmpl  *templates
	md    *markdown.Converter
	cache *Cache
	mu    sync.Mutex

	items      map[string]*Item
	copies     map[string]string
	linkCopies []linkCopy            // the files links in bodies publish, with the document whose link it is
	checks     *linkChecks           // for serve: what checking links found, for the plan after
	redo       *recheck              // after edits of bodies alone: whose links to check again
	source     map[string]*model.Doc // the documents whose bodies are converted, by file, when not r.s's (see Rebodied)
	linking    *linking              // what convertDocs converts, and links lead to
	bodies     *bodies               // converted bodies
	docByFile  map[string]*model.Doc // site-relative path → document
	docOut     map[*model.Doc]string // docOutputPath of every document, once converting begins
	withheld   map[string]bool       // files under content/ this audience may not read
	links      uint64                // the sum of link targets, see linkKey
	summaries  []frameworkSummary    // coverage per framework, computed once
	pageQueue  []*Page
}

// Item is one generated file of the output, made when it is asked for.
type Item struct {
	deps Deps                   // what of the content it shows
	page *Page                  // a page made from a template, or
	make func() ([]byte, error) // any other file, made whole, or
	// written as it is made, for a file too big to hold (the search
	// index: 25 MB at 10,000 policies)
	stream func(w io.Writer) error
	// wraps, for a file that is another's stream between a prefix and a
	// suffix (search-index.js is search-index.json in a script): Each
	// writes both in one pass.
	wraps *wrapping
}

type wrapping struct {
	of             string // the path of the file wrapped
	prefix, suffix string
}

// write writes the prefix, what inner writes, and the suffix to w.
func (wr *wrapping) write(w io.Writer, inner func(io.Writer) error) error {
	if _, err := io.WriteString(w, wr.prefix); err != nil {
		return err
	}
	if err := inner(w); err != nil {
		return err
	}
	_, err := io.WriteString(w, wr.suffix)
	return err
}

// A Plan is a site ready to be made, file by file: build makes every
// file, serve makes the ones a browser asks for.
type Plan struct {
	Items  map[string]*Item  // output path → generated file
	Copies map[string]string // output path → absolute source path
	// Links sums up what links in Markdown were rewritten against: when
	// it changes, every page with a body may change.
	Links uint64
	r     *renderer
	basis func() Basis // Basis, worked out once
	// planned is what Prepare found but in converting bodies and checking
	// their links: what a plan after an edit of bodies alone finds again.
	planned []diag.Diagnostic
}

// Prepare checks what rendering checks (links, Markdown, template
// overrides) and plans every file of the output. With content errors, it
// returns no plan: they are in diags.
func Prepare(s *resolve.Site, opts Options, diags *diag.List) (*Plan, error) {
	if opts.Audience == "" {
		return nil, errors.New("render: no audience")
	}
	cache := opts.Cache
	if cache == nil {
		cache = &Cache{forget: true}
	}
	// What converting bodies finds is kept apart from the rest, which a
	// plan after an edit of bodies alone takes as it is (see Rebodied).
	var planned, converted diag.List
	defer func() {
		diags.Add(planned.Export()...)
		diags.Add(converted.Export()...)
	}()
	failed := func() bool { return diags.HasErrors() || planned.HasErrors() || converted.HasErrors() }
	r := &renderer{s: s, opts: opts, diags: &planned, cache: cache,
		md:        cache.converter(s.Config.UnsafeHTML),
		items:     map[string]*Item{},
		copies:    map[string]string{},
		bodies:    newBodies(cache.forget),
		docByFile: make(map[string]*model.Doc, len(s.Site.Policies)+len(s.Pages)+len(s.Sections)+1),
	}
	r.site = newSiteData(s, opts)
	tmpl, err := cache.templates(opts.Templates, s.Templates, &planned)
	if err != nil && err != errOverride {
		return nil, err
	}
	r.tmpl = tmpl
	// The checks of content come first and run even when earlier stages
	// found errors, so that one run reports every problem. Pages are made
	// only from a site without errors.
	r.controlSlugs()
	r.diags = &converted
	r.convertDocs()
	r.diags = &planned
	siteFiles := r.siteFiles()
	if failed() {
		return nil, nil
	}
	// Pages are made from what this audience may see, and nothing else;
	// the checks above read everything.
	if err := s.Narrow(opts.Audience); err != nil {
		return nil, err
	}
	r.summaries = r.frameworkSummaries()
	r.pages()
	r.exports()
	r.searchFiles()
	if err := r.assets(); err != nil {
		return nil, err
	}
	r.planSiteFiles(siteFiles)
	if failed() {
		return nil, nil
	}
	pl := &Plan{Items: r.items, Copies: r.allCopies(), Links: r.links, r: r, planned: planned.Export()}
	pl.basis = sync.OnceValue(pl.workOutBasis)
	return pl, nil
}

// allCopies are the files copied to the output: those links publish, and
// the others, which take a path before them (the theme's files).
func (r *renderer) allCopies() map[string]string {
	all := make(map[string]string, len(r.linkCopies)+len(r.copies))
	for _, c := range r.linkCopies {
		all[c.to] = c.abs
	}
	maps.Copy(all, r.copies)
	return all
}

// add plans a page that shows what d says of the content.
func (r *renderer) add(p *Page, d Deps) {
	p.Site = r.site
	p.Root = strings.Repeat("../", strings.Count(p.Path, "/"))
	r.pageQueue = append(r.pageQueue, p)
	r.items[p.Path] = &Item{deps: d, page: p}
}

// file plans a generated file other than a page, which shows what d says
// of the content.
func (r *renderer) file(p string, d Deps, make func() ([]byte, error)) *Item {
	it := &Item{deps: d, make: make}
	r.items[p] = it
	return it
}

// Make makes the file at output path p. A template override that fails
// gives a *diag.ListError that says where.
func (pl *Plan) Make(p string) ([]byte, error) {
	var buf bytes.Buffer
	return pl.makeInto(&buf, p)
}

// makeInto makes the file at p into buf (or returns its own bytes).
func (pl *Plan) makeInto(buf *bytes.Buffer, p string) ([]byte, error) {
	it := pl.Items[p]
	if it == nil {
		return nil, fmt.Errorf("no file %s in the site", p)
	}
	switch {
	case it.make != nil:
		return it.make()
	case it.stream != nil:
		err := it.stream(buf)
		return buf.Bytes(), err
	case it.wraps != nil:
		err := it.wraps.write(buf, pl.Items[it.wraps.of].stream)
		return buf.Bytes(), err
	}
	if err := pl.makePage(buf, it.page); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// makePage makes page p into w.
func (pl *Plan) makePage(w io.Writer, p *Page) error {
	if bd, ok := p.Data.(bodyData); ok {
		// The page's own copy, with its body, goes with the page.
		data, err := bd.withBody(pl.r.bodies)
		if err != nil {
			return fmt.Errorf("making %s: %w", p.Path, err)
		}
		withBody := *p
		withBody.Data = data
		p = &withBody
	}
	if err := pl.r.tmpl.execute(w, p.Template, p); err != nil {
		return pl.r.templateError(p, err)
	}
	return nil
}

// templateError turns the failure of a page's template into a diagnostic
// when a template of the site is to blame, and otherwise into an error.
func (r *renderer) templateError(p *Page, err error) error {
	pos := templatePos(err)
	if r.s.Templates[strings.TrimPrefix(pos.File, "templates/")] == nil && r.s.Templates[p.Template] != nil {
		pos = diag.Pos{File: "templates/" + p.Template} // a built-in template failed on what the override gave it
	}
	if r.s.Templates[strings.TrimPrefix(pos.File, "templates/")] == nil {
		return fmt.Errorf("rendering %s with %s: %w", p.Path, p.Template, err)
	}
	return &diag.ListError{Items: []diag.Diagnostic{{Pos: pos, Severity: diag.Error,
		Message: fmt.Sprintf("template: %s (making %s)", templateMessage(err), p.Path)}}}
}

// assets copies the theme: the embedded files, overlaid by the site's
// theme/ folder, to the output root.
func (r *renderer) assets() error {
	embedded := map[string]bool{} // what a site's theme/ may replace
	err := fs.WalkDir(r.opts.Theme, "theme", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(r.opts.Theme, p)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, "theme/")
		r.file(rel, onSettings(), func() ([]byte, error) { return b, nil })
		embedded[rel] = true
		return nil
	})
	if err != nil {
		return err
	}
	for rel, abs := range r.s.Theme {
		if _, taken := r.items[rel]; taken && !embedded[rel] {
			r.diags.Errorf(diag.Pos{File: "theme/" + rel}, "theme file would replace the generated %s; remove or rename it", rel)
			continue
		}
		delete(r.items, rel)
		r.copies[rel] = abs
	}
	return nil
}

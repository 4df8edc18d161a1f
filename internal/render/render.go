// Package render turns a resolved site into the files of the output, in
// memory: HTML pages from html/template, the exports (CSV, JSON, Atom,
// sitemap), and the theme's static assets. It writes nothing to disk.
package render

import (
	"bytes"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/markdown"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/par"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

// Options configure a render.
type Options struct {
	Audience  model.Audience
	BaseURL   string // overrides site.toml's base_url when set
	Templates fs.FS  // the embedded templates: templates/*.html
	Theme     fs.FS  // the embedded theme: theme/**
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
	out   *Output
	mu    sync.Mutex

	docs      map[*model.Doc]markdown.Result // converted bodies
	docByFile map[string]*model.Doc          // site-relative path → document
	withheld  map[string]bool                // files under content/ this audience may not read
	summaries []frameworkSummary             // coverage per framework, computed once
	pageQueue []*Page
}

// Render renders s for one audience. Content problems found while
// rendering (Markdown links, template overrides) go to diags.
func Render(s *resolve.Site, opts Options, diags *diag.List) (*Output, error) {
	if opts.Audience == "" {
		opts.Audience = model.AudiencePublic
	}
	r := &renderer{s: s, opts: opts, diags: diags,
		md:        markdown.New(s.Config.UnsafeHTML),
		out:       &Output{Files: map[string][]byte{}, Copies: map[string]string{}},
		docs:      map[*model.Doc]markdown.Result{},
		docByFile: map[string]*model.Doc{},
	}
	r.site = newSiteData(s, opts)
	tmpl, err := parseTemplates(opts.Templates, s.Templates, diags)
	if err != nil && err != errOverride {
		return nil, err
	}
	r.tmpl = tmpl
	// The checks of content come first and run even when earlier stages
	// found errors, so that one run reports every problem. Pages are made
	// only from a site without errors.
	r.controlSlugs()
	r.convertDocs()
	if diags.HasErrors() {
		return nil, nil
	}
	r.summaries = r.frameworkSummaries()
	r.pages()
	if err := r.execute(); err != nil || diags.HasErrors() {
		return nil, err
	}
	if err := r.exports(); err != nil {
		return nil, err
	}
	if err := r.assets(); err != nil {
		return nil, err
	}
	return r.out, nil
}

// add queues a page for execution.
func (r *renderer) add(p *Page) {
	p.Site = r.site
	p.Root = strings.Repeat("../", strings.Count(p.Path, "/"))
	r.pageQueue = append(r.pageQueue, p)
}

// file records a generated file.
func (r *renderer) file(p string, b []byte) {
	r.mu.Lock()
	r.out.Files[p] = b
	r.mu.Unlock()
}

// execute runs every queued page's template, in parallel.
func (r *renderer) execute() error {
	pages := r.pageQueue
	errs := make([]error, len(pages))
	par.Do(len(pages), func(i int) {
		var buf bytes.Buffer
		p := pages[i]
		if err := r.tmpl.execute(&buf, p.Template, p); err != nil {
			errs[i] = err
			return
		}
		r.file(p.Path, buf.Bytes())
	})
	// A mistake in a site's template fails every page made with it: say
	// so once, naming the first page.
	reported := map[string]bool{}
	for i, err := range errs {
		if err == nil {
			continue
		}
		p := pages[i]
		pos := templatePos(err)
		if r.s.Templates[strings.TrimPrefix(pos.File, "templates/")] == nil && r.s.Templates[p.Template] != nil {
			pos = diag.Pos{File: "templates/" + p.Template} // a built-in template failed on what the override gave it
		}
		if r.s.Templates[strings.TrimPrefix(pos.File, "templates/")] == nil {
			return fmt.Errorf("rendering %s with %s: %w", p.Path, p.Template, err)
		}
		msg := templateMessage(err)
		if key := pos.String() + msg; !reported[key] {
			reported[key] = true
			r.diags.Errorf(pos, "template: %s (making %s)", msg, p.Path)
		}
	}
	return nil
}

// assets copies the theme: the embedded files, overlaid by the site's
// theme/ folder, to the output root.
func (r *renderer) assets() error {
	err := fs.WalkDir(r.opts.Theme, "theme", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(r.opts.Theme, p)
		if err != nil {
			return err
		}
		r.out.Files[strings.TrimPrefix(p, "theme/")] = b
		return nil
	})
	if err != nil {
		return err
	}
	for rel, abs := range r.s.Theme {
		if _, taken := r.out.Files[rel]; taken && !isThemeAsset(rel) {
			r.diags.Errorf(diag.Pos{File: "theme/" + rel}, "theme file would replace the generated %s; remove or rename it", rel)
			continue
		}
		delete(r.out.Files, rel)
		r.out.Copies[rel] = abs
	}
	return nil
}

func isThemeAsset(rel string) bool {
	return strings.HasPrefix(rel, "assets/")
}

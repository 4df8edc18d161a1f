package render

import (
	"bytes"
	"html/template"
	"io/fs"
	"maps"
	"strconv"
	"sync"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/markdown"
	"github.com/trustdocs/trustdocs/internal/model"
)

// A Cache keeps what renders of a site have in common from one render to
// the next: the parsed templates and the converted Markdown. serve keeps
// one for its lifetime, so that after an edit it converts only the bodies
// that changed. A Cache is safe for concurrent use.
type Cache struct {
	mu        sync.Mutex
	forget    bool // keep no conversions: the site is rendered once
	unsafe    bool
	md        *markdown.Converter
	tmpl      *parsedTemplates
	linkKey   uint64                   // what every conversion was made with
	converted map[string]*convertedDoc // by file
	inline    map[string]template.HTML
}

type parsedTemplates struct {
	overrides map[string][]byte
	t         *templates
	diags     []diag.Diagnostic
	err       error
}

type convertedDoc struct {
	body    []byte
	res     markdown.Result
	targets []linkTarget // where res.Links lead
	err     error
}

// converter returns the Markdown converter for the unsafe_html setting.
func (c *Cache) converter(unsafe bool) *markdown.Converter {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.md == nil || c.unsafe != unsafe {
		c.md, c.unsafe = markdown.New(unsafe), unsafe
		c.converted, c.inline = nil, nil
	}
	return c.md
}

// templates returns the page templates with the site's overrides,
// parsing them again only when the overrides changed.
func (c *Cache) templates(embedded fs.FS, overrides map[string][]byte, diags *diag.List) (*templates, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p := c.tmpl; p != nil && maps.EqualFunc(p.overrides, overrides, bytes.Equal) {
		diags.Add(p.diags...)
		return p.t, p.err
	}
	var own diag.List
	t, err := parseTemplates(embedded, overrides, &own)
	c.tmpl = &parsedTemplates{overrides: maps.Clone(overrides), t: t, diags: own.Export(), err: err}
	diags.Add(c.tmpl.diags...)
	return t, err
}

// useLinks forgets every conversion made for other link targets: links in
// Markdown are rewritten to the pages and files they lead to.
func (c *Cache) useLinks(key uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.converted == nil || c.linkKey != key {
		c.converted, c.linkKey = map[string]*convertedDoc{}, key
	}
}

// lookup returns, for each of docs, what the cache holds of its body as
// it is now, or nil: under one lock, as at every rebuild serve asks for
// every document, from several goroutines.
func (c *Cache) lookup(docs []*model.Doc) []*convertedDoc {
	found := make([]*convertedDoc, len(docs))
	if c.forget {
		return found
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, d := range docs {
		if cd := c.converted[d.Pos.File]; cd != nil && sameBytes(cd.body, d.Body) {
			found[i] = cd
		}
	}
	return found
}

// doc returns d's converted body and where its links lead: found, what
// lookup found of it, or else converted now.
func (c *Cache) doc(d *model.Doc, found *convertedDoc, convert func() (markdown.Result, error)) (markdown.Result, []linkTarget, error) {
	if found != nil {
		return found.res, found.targets, found.err
	}
	res, err := convert()
	targets := linkTargets(d.Pos.File, res.Links)
	if c.forget {
		return res, targets, err
	}
	c.mu.Lock()
	c.converted[d.Pos.File] = &convertedDoc{d.Body, res, targets, err}
	c.mu.Unlock()
	return res, targets, err
}

// sameBytes reports whether a and b hold the same bytes. A body the load
// did not read again is the same slice as before: serve compares every
// document's body at each rebuild, megabytes on a big site, and most are
// that one.
func sameBytes(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	return len(a) == 0 || &a[0] == &b[0] || bytes.Equal(a, b)
}

// inlineHTML returns a short text converted, such as a control's
// description.
func (c *Cache) inlineHTML(src string, convert func() template.HTML) template.HTML {
	c.mu.Lock()
	h, ok := c.inline[src]
	c.mu.Unlock()
	if ok {
		return h
	}
	h = convert()
	if c.forget {
		return h
	}
	c.mu.Lock()
	if c.inline == nil {
		c.inline = map[string]template.HTML{}
	}
	c.inline[src] = h
	c.mu.Unlock()
	return h
}

// linkKey sums up everything that rewriting a link depends on: which
// documents, attachments and files exist, where each one is published,
// whether this audience may read it and whether this build leaves it out.
// The sum does not depend on order.
func (r *renderer) linkKey() uint64 {
	var sum uint64
	add := func(parts ...string) {
		// FNV-1a of the parts, each followed by a zero byte, as
		// hash/fnv's New64a would sum them, without allocating: serve
		// sums every document at each rebuild.
		const offset, prime = 14695981039346656037, 1099511628211
		h := uint64(offset)
		for _, p := range parts {
			for i := 0; i < len(p); i++ {
				h = (h ^ uint64(p[i])) * prime
			}
			h *= prime // the zero byte
		}
		sum += h
	}
	add("audience", string(r.opts.Audience))
	for file, d := range r.docByFile {
		// A link to a draft this build leaves out leads to the policy
		// library or the home page instead.
		add("doc", file, r.docOutputPath(d), strconv.FormatBool(r.site.Renders(d.Classification)), strconv.Itoa(int(d.Kind)),
			strconv.FormatBool(r.leftOut(d)))
	}
	for _, p := range r.linking.policies {
		for name := range p.Attachments {
			add("attachment", p.Slug, name, strconv.FormatBool(r.site.Renders(p.Classification)))
		}
	}
	for file := range r.s.Assets {
		add("asset", file)
	}
	for file := range r.withheld {
		add("withheld", file)
	}
	return sum
}

package render

import (
	"bytes"
	"maps"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

// Rebodied returns the plan of the site m, loaded after edits of the
// Markdown bodies of the files changed and of nothing else, made from pl,
// the plan of the site as it was: what serve does after most saves. Only
// the bodies are converted and their links checked again; the pages, the
// resolved site and everything else Prepare planned are pl's, whose pages
// read their bodies from the new plan's store. Resolving and planning the
// whole site again would give the same: no field of the site depends on a
// body (package resolve reads none).
//
// It reports false, and adds nothing to diags, when the edits may have
// changed more: a changed file that is not a document of both sites, a
// document added or removed, other attachments or files under content/,
// other templates or theme files. The caller tells that front matter,
// records, site.toml, frameworks and the date are as they were; Rebodied
// checks what a body's document is besides. With errors in the bodies, the
// plan is nil, and diags say why, as Prepare's would.
func (pl *Plan) Rebodied(m *model.Site, changed []string, diags *diag.List) (*Plan, bool) {
	old := pl.r
	now, before := docsByFile(m), docsByFile(old.s.Site)
	if !sameSurroundings(old.s.Site, m) || len(now) != len(before) {
		return nil, false
	}
	for file, d := range now {
		was := before[file]
		if was == nil || was.Kind != d.Kind || !maps.Equal(was.Attachments, d.Attachments) {
			return nil, false
		}
	}
	for _, file := range changed {
		if was, d := before[file], now[file]; was == nil || d == nil || was.BodyLine != d.BodyLine {
			return nil, false
		}
	}
	var converted diag.List
	r := &renderer{s: old.s, opts: old.opts, diags: &converted, site: old.site, tmpl: old.tmpl, md: old.md, cache: old.cache,
		items:  maps.Clone(old.items),
		copies: old.copies, // read only: no link adds to it
		redo:   recheckFor(old.checks, changed),
		source: now,
		bodies: newBodies(false),
		// What links lead to is as it was: Rebodied refuses otherwise.
		linking: old.linking, docByFile: old.docByFile, docOut: old.docOut, withheld: old.withheld, links: old.links,
		summaries: old.summaries,
		pageQueue: old.pageQueue,
	}
	r.convertDocs()
	r.searchFiles() // it reads bodies: from r's store
	diags.Add(pl.planned...)
	diags.Add(converted.Export()...)
	if diags.HasErrors() {
		return nil, true
	}
	// The Basis is pl's: the policies, the controls they list and the
	// links are as they were.
	return &Plan{Items: r.items, Copies: r.allCopies(), Links: r.links, r: r, planned: pl.planned, basis: pl.basis}, true
}

// docsByFile returns the documents of m by file, as convertDocs finds them.
func docsByFile(m *model.Site) map[string]*model.Doc {
	out := make(map[string]*model.Doc, len(m.Policies)+len(m.Pages)+len(m.Sections)+1)
	for _, ds := range [][]*model.Doc{m.Policies, m.Pages, m.Sections} {
		for _, d := range ds {
			out[d.Pos.File] = d
		}
	}
	if m.Intro != nil {
		out[m.Intro.Pos.File] = m.Intro
	}
	return out
}

// sameSurroundings reports whether what a site's documents are rendered
// among, besides the records, is the same in a and b: the files under
// content/ that are not records, the templates and the theme.
func sameSurroundings(a, b *model.Site) bool {
	return len(a.Unread) == 0 && len(b.Unread) == 0 &&
		maps.Equal(a.Assets, b.Assets) && maps.Equal(a.Theme, b.Theme) &&
		maps.EqualFunc(a.Templates, b.Templates, bytes.Equal)
}

package render

import (
	"slices"

	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

// Deps say what of the content a generated file shows, so that after an
// edit serve can tell the files that are the same as before from those it
// must make again. Every file is planned with its Deps: add and file take
// them, so that a file cannot be planned without them. The zero value is
// the whole site and every body, which no edit leaves unchanged: a file
// that says too little is made again, never served stale.
type Deps struct {
	fields   fields
	policies []*resolve.Policy // with recordFields: whose fields it shows
	controls []*resolve.Control
	bodies   []*model.Doc // whose Markdown body it shows, with listed
	listed   bool         // bodies are all the bodies it shows
}

// fields says whose fields (front matter, TOML records) a file shows.
type fields uint8

const (
	siteFields   fields = iota // any field of the site
	recordFields               // those of the policies and controls in Deps
	noFields                   // none: only site.toml and the theme, whose edits remake every file
)

// onSite is a file that shows fields from anywhere in the site, and the
// bodies of the documents given (often none): a list, an index, a report.
func onSite(bodies ...*model.Doc) Deps { return Deps{bodies: bodies, listed: true} }

// onEverything is a file that shows fields and bodies of the whole site:
// the search index.
func onEverything() Deps { return Deps{} }

// onSettings is a file made from site.toml or the theme alone.
func onSettings() Deps { return Deps{fields: noFields, listed: true} }

// onRecords is a file that shows the fields of these policies and controls
// and nothing else of the site, and the bodies given.
func onRecords(ps []*resolve.Policy, cs []*resolve.Control, bodies ...*model.Doc) Deps {
	return Deps{fields: recordFields, policies: ps, controls: cs, bodies: bodies, listed: true}
}

// Edits are what changed in a site between two builds, as its load and
// its watcher found them.
type Edits struct {
	// Other is set when anything changed but documents' bodies and
	// policies' front matter: site.toml, a framework, a template, a TOML
	// record, a page's front matter, a policy with errors, the set of
	// files. Any file may show it.
	Other bool
	// Files are the content files read again (paths relative to the
	// site): their bodies may have changed.
	Files []string
	// Fronts are the policies among them whose front matter changed; the
	// others' front matter is as it was.
	Fronts []string
}

// A Basis is what a plan's files were made from besides the content's
// files: what Unchanged compares of two plans. It is plain data, so that
// a build can keep it for the next one (package buildcache).
type Basis struct {
	AsOf        string // the date statuses were computed for
	Links       uint64 // the Plan's Links
	Audience    model.Audience
	RequestPage string // the request page's path, or ""
	// Controls are the ids of the controls each policy lists, by the
	// policy's file: a policy's front matter shows on their pages.
	Controls map[string][]string
}

// Basis returns what the plan's files were made from besides the files.
// Its maps are the plan's: they must not be changed.
func (pl *Plan) Basis() Basis {
	return pl.basis() // serve asks the last plan's at every rebuild
}

func (pl *Plan) workOutBasis() Basis {
	b := pl.frame()
	b.Controls = make(map[string][]string, len(pl.r.s.Policies))
	for _, p := range pl.r.s.Policies {
		b.Controls[p.Pos.File] = controlIDs(p)
	}
	return b
}

// frame is the plan's Basis without Controls.
func (pl *Plan) frame() Basis {
	return Basis{AsOf: pl.r.s.AsOf.String(), Links: pl.Links, Audience: pl.r.opts.Audience, RequestPage: pl.r.site.RequestPage}
}

func controlIDs(p *resolve.Policy) []string {
	ids := make([]string, len(p.Controls))
	for i, c := range p.Controls {
		ids[i] = c.ID
	}
	return ids
}

// Unchanged returns a report of which files of pl are, byte for byte, the
// files of a plan of the same site for the same audience before the edits
// e, made from prev. It returns nil when no file can be kept: after other
// edits, or when the date the statuses are computed for, the links
// Markdown is rewritten against, or whether there is a request page,
// changed.
func (pl *Plan) Unchanged(prev Basis, e Edits) func(path string) bool {
	now := pl.frame()
	// Every page's footer links to the request page when there is one,
	// and a policy's classification (its front matter) decides whether
	// there is.
	if e.Other || prev.AsOf != now.AsOf || prev.Links != now.Links || prev.Audience != now.Audience || prev.RequestPage != now.RequestPage {
		return nil
	}
	files := map[string]bool{}
	for _, f := range e.Files {
		files[f] = true
	}
	fronts := map[string]bool{}
	for _, f := range e.Fronts {
		fronts[f] = true
	}
	// A policy's front matter shows on the pages of the controls it
	// lists, before the edit and after.
	controls := map[string]bool{}
	for f := range fronts {
		for _, id := range prev.Controls[f] {
			controls[id] = true
		}
	}
	for _, p := range pl.r.s.Policies {
		if fronts[p.Pos.File] {
			for _, id := range controlIDs(p) {
				controls[id] = true
			}
		}
	}
	return func(path string) bool {
		it := pl.Items[path]
		if it != nil && it.wraps != nil { // made with the file it wraps
			it = pl.Items[it.wraps.of]
		}
		return it != nil && !it.deps.shows(files, fronts, controls)
	}
}

// shows reports whether a file with these Deps shows any of the bodies of
// files, the front matter of the policies in fronts, or the controls.
func (d Deps) shows(files, fronts, controls map[string]bool) bool {
	if !d.listed && len(files) > 0 {
		return true
	}
	if slices.ContainsFunc(d.bodies, func(doc *model.Doc) bool { return files[doc.Pos.File] }) {
		return true
	}
	if len(fronts) == 0 {
		return false
	}
	switch d.fields {
	case noFields:
		return false
	case recordFields:
		return slices.ContainsFunc(d.policies, func(p *resolve.Policy) bool { return fronts[p.Pos.File] }) ||
			slices.ContainsFunc(d.controls, func(c *resolve.Control) bool { return controls[c.ID] })
	}
	return true
}

// Template is the template a page is made with, or "" for another file.
func (it *Item) Template() string {
	if it.page == nil {
		return ""
	}
	return it.page.Template
}

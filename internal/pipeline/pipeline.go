// Package pipeline is the one way from a site's files to its output. It
// puts the stages together, each a package with one job:
//
//	load     the site's files → model.Site, every value with its file and line
//	resolve  references both ways, the SoA, statuses as of a date
//	render   every file of the output for one audience, planned in memory
//	sink     the files made: into a folder (write), memory, or a zip (pack)
//
// A [Session] is the only place the stages are wired. serve keeps one for
// its lifetime and calls [Session.Rebuild] after every edit: the load
// re-reads only the files that changed, render converts only the Markdown
// that changed, and every file that render's [render.Plan.Unchanged] says
// the edits left as it was is kept, not made again. The commands are
// sessions of one build, each with its sink:
//
//	Build   Options.Out (default <site>/public): each file written as it is
//	        made into a new folder swapped in at the end; with errors, the
//	        output is left as it was. With nothing changed since the build
//	        that made the output, nothing is written; after edits of
//	        content/, the files they cannot change are kept (keep.go)
//	Render  memory: Result.Output
//	Check   memory, for each audience in turn (NDA, then public), so that
//	        every problem any build would meet is reported; writes nothing
//	Pack    a zip holding the site and MANIFEST.sha256
//
// Options are given their defaults once, as a session starts: the audience
// is public, the output <site>/public, and statuses are computed as of
// Options.AsOf, else site.toml's build.as_of, else today (UTC).
//
// Problems of the content are diagnostics (Result.Diags,
// Generation.Diags), never errors: an error is for what is not the
// content's fault, such as a folder that cannot be read or a full disk.
//
// The package changes nothing outside the output it is asked for: no
// setting of the process. The command caps its heap (internal/memcap)
// while it builds, checks, packs or serves.
package pipeline

import (
	"io/fs"
	"path/filepath"
	"time"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/pack"
	"github.com/trustdocs/trustdocs/internal/render"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

// Options say what to build.
type Options struct {
	Site      string         // site folder
	Out       string         // output folder; default <site>/public
	Audience  model.Audience // default public
	AsOf      model.Date     // default: site.toml's build.as_of, else today (UTC)
	BaseURL   string         // overrides site.toml's base_url
	Drafts    bool           // publish draft policies, pages and answers too
	Suggest   bool           // work out the mappings the crosswalks suggest (Result.Suggestions)
	Templates fs.FS          // embedded templates
	Theme     fs.FS          // embedded theme
	Now       func() time.Time
	// Recipient, for a pack or PDF made for one reader: every page says
	// whom it was prepared for, and a notice page opens it.
	Recipient *render.Recipient
	// Book makes the policy book that PDF prints, besides the site.
	Book bool
}

// filled returns the options with every default filled in.
func (o Options) filled() Options {
	if o.Audience == "" {
		o.Audience = model.AudiencePublic
	}
	if o.Out == "" {
		o.Out = filepath.Join(o.Site, "public")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// asOf is the date statuses are computed for.
func (o Options) asOf(m *model.Site) model.Date {
	switch {
	case !o.AsOf.IsZero():
		return o.AsOf
	case !m.Config.AsOf.IsZero():
		return m.Config.AsOf
	}
	return model.DateOf(o.Now().UTC())
}

// Result is a finished (or failed) build.
type Result struct {
	Site   *resolve.Site
	Output *render.Output // what Render and Check made; Build writes as it makes and keeps nothing
	Diags  *diag.List
	Pages  int // HTML pages made
	Files  int // files made, pages included
	Drafts int // draft documents left out
	// DraftAnswers are the draft answers left out.
	DraftAnswers int
	Audience     model.Audience
	AsOf         model.Date
	Elapsed      time.Duration
	Out          string      // the folder a build wrote, or the zip a pack wrote
	Packed       pack.Result // what the zip holds
	Sheets       int         // the pages of the PDF that PDF printed
	// Unchanged: the build found its inputs, options and program as the
	// build that made the output folder found them, and the folder as it
	// left it, so it wrote nothing (see package buildcache).
	Unchanged bool
	// Kept is the number of files a build after edits kept from the build
	// that made the output folder, because the edits cannot change them.
	Kept int
	// Suggestions, with Options.Suggest: mappings the crosswalks suggest,
	// worked out before any audience narrowed the site.
	Suggestions []diag.Diagnostic
}

// Failed reports whether the site had errors, so that nothing was made.
func (r *Result) Failed() bool { return r.Diags.HasErrors() }

// result is what a one-build session's generation tells its command.
func (g *Generation) result() *Result {
	return &Result{Site: g.Site, Diags: g.list, Drafts: g.Drafts, DraftAnswers: g.DraftAnswers, Audience: g.Audience, AsOf: g.AsOf, Suggestions: g.suggestions}
}

func isPage(p string) bool { return filepath.Ext(p) == ".html" }

// PackName is the default name of a pack: the company, the audience when
// it is not the public, the recipient when there is one, and the date,
// e.g. acme-trust-pack-nda-for-buyer-inc-2026-11-01.zip.
func PackName(company string, a model.Audience, recipient *render.Recipient, asOf model.Date) string {
	return fileName(company, "trust-pack", a, recipient, asOf) + ".zip"
}

// PDFName is the default name of a policy book, as PackName is of a pack:
// e.g. acme-policies-nda-for-buyer-inc-2026-11-01.pdf.
func PDFName(company string, a model.Audience, recipient *render.Recipient, asOf model.Date) string {
	return fileName(company, "policies", a, recipient, asOf) + ".pdf"
}

func fileName(company, what string, a model.Audience, recipient *render.Recipient, asOf model.Date) string {
	name := model.Slug(company)
	if name == "" {
		name = "site"
	}
	name += "-" + what
	if a != model.AudiencePublic {
		name += "-" + string(a)
	}
	if recipient != nil {
		if who := model.Slug(recipient.Name); who != "" {
			name += "-for-" + who
		}
	}
	return name + "-" + asOf.String()
}

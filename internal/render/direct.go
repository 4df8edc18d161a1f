package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"io"
)

// Direct pages: the built-in templates of the two pages a site has
// thousands of, a policy's and a control's, written out in Go. Through
// html/template, every action of a page is a reflective call or field
// lookup, and every value goes through an escaper, itself called by
// reflection: at 1,000 policies the two templates took 50 and 45 µs a
// page, and fresh builds of 1,000 and 10,000 policies took 0.88 and 0.84
// of their time once the pages were made here instead. A direct page
// writes the bytes its templates would (TestDirectAsTemplates holds it to
// them on every policy and control page of the example, canary, starter,
// sections and synthetic sites, FuzzDirectAsTemplates on odd values, and
// TestImportedFixturesBuild on comply's and JupiterOne's policy sets),
// and is used only while its templates are the ones it was written from:
// the templates stay what defines the pages, and a site's own
// policy.html, control.html, base.html or partials.html is always what
// makes them.
//
// The chrome that base.html takes from partials (head, header, footer) is
// the template's still, through partialCached: made once for each root
// and section.

// A directPage returns what writes page p's content (the "content"
// template), or nil when p's data is not what it expects.
type directPage func(p *Page) func(b htmlWriter)

// directPages are the page templates written out in Go.
var directPages = map[string]directPage{
	"policy.html":  directPolicy,
	"control.html": directControl,
}

// directFrom are the SHA-256 sums of the templates the direct pages were
// written from. A direct page is used only while its files are these: a
// site's own copy that differs turns it off, and so does a built-in
// template edited since (TestDirectFrom then fails, until the page is
// made the same again and the sum noted here).
var directFrom = map[string]string{
	"base.html":     "c88b0e34b1482f432eba5827202ead866a387a290500331050cb3354bfe7b570",
	"partials.html": "2ba42d829d7710e829aeeace195a7af03136749c481c0f9cafff755d5307224e",
	"policy.html":   "8b6293ebb872246f344e9915cd18d07095c13ee79ab2e2ca85c5e36182ef6274",
	"control.html":  "438db7bf74cd8e0124ba0a1aa15ade900135eb177293e66b90e0ca2d0c788482",
}

// directFor returns the direct pages of a template set made of src (the
// built-in templates, with the site's own in their place): none for a
// page whose files differ from those it was written from. A site's own
// copy of a built-in template, unchanged (the example site's), is the
// same template.
func directFor(src map[string][]byte) map[string]directPage {
	same := func(name string) bool {
		sum := sha256.Sum256(src[name])
		return hex.EncodeToString(sum[:]) == directFrom[name]
	}
	out := map[string]directPage{}
	for name, d := range directPages {
		if same(name) && same("base.html") && same("partials.html") {
			out[name] = d
		}
	}
	return out
}

// writeDirect writes page p with content d and the layout of base.html,
// whose chrome partials are those of the template set t. It reports false,
// having written nothing, when d cannot make p. A page made into a buffer
// (all but the big pages about the whole site) is written straight into
// it, not made apart and copied.
func writeDirect(w io.Writer, t *template.Template, d directPage, p *Page) (bool, error) {
	content := d(p)
	if content == nil || p.FormAction != "" { // the only page with a form is a template's
		return false, nil
	}
	b, inBuffer := w.(*bytes.Buffer)
	if !inBuffer {
		b = new(bytes.Buffer)
	}
	b.Grow(16 << 10)
	partial := partialCached(t)
	b.WriteString("<!DOCTYPE html>\n<html lang=\"")
	b.WriteString(htmlText(p.Site.Config.Language))
	b.WriteString("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
		"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'\">\n" +
		"<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"generator\" content=\"trustdocs\">\n<title>")
	b.WriteString(htmlText(p.Title))
	if p.Section != "home" {
		b.WriteString(" · ")
		b.WriteString(htmlText(p.Site.Config.Title))
	}
	b.WriteString("</title>\n")
	withText(b, `<meta name="description" content="`, p.Description, "\">\n")
	if p.Path != "404.html" {
		if u := p.URL(); u != "" {
			b.WriteString(`<link rel="canonical" href="`)
			b.WriteString(hrefAttr(u))
			b.WriteString(`">`)
		}
		b.WriteString("\n")
	}
	head, err := partial("head", p, p.Root)
	if err != nil {
		return true, err
	}
	b.WriteString(string(head))
	b.WriteString("\n</head>\n<body>\n<a class=\"skip-link\" href=\"#td-main\">Skip to main content</a>\n")
	header, err := partial("header", p, p.Root, p.Section)
	if err != nil {
		return true, err
	}
	b.WriteString(string(header))
	b.WriteString("\n<main id=\"td-main\" tabindex=\"-1\">\n<div class=\"wrap\">\n")
	content(b)
	b.WriteString("\n</div>\n</main>\n")
	footer, err := partial("footer", p, p.Root)
	if err != nil {
		return true, err
	}
	b.WriteString(string(footer))
	b.WriteString("\n</body>\n</html>\n")
	if !inBuffer {
		_, err = w.Write(b.Bytes())
	}
	return true, err
}

// directPolicy is the content of policy.html.
func directPolicy(p *Page) func(b htmlWriter) {
	d, ok := p.Data.(policyData)
	if !ok {
		return nil
	}
	return func(b htmlWriter) { writePolicy(b, p, d) }
}

func writePolicy(b htmlWriter, p *Page, d policyData) {
	pol := d.P
	b.WriteString("\n<nav class=\"breadcrumb\" aria-label=\"Breadcrumb\">")
	link(b, p.Rel("policies/index.html"), "Policies")
	for _, sec := range d.Trail {
		b.WriteString(" › ")
		link(b, p.Rel(sectionURL(sec)), sec.Title)
	}
	b.WriteString("</nav>\n<h1>")
	b.WriteString(htmlText(pol.Title))
	if pol.Draft {
		b.WriteByte(' ')
		b.WriteString(string(badge("draft")))
	}
	b.WriteString("</h1>\n")
	withText(b, `<p class="lead">`, pol.Summary, "</p>")
	b.WriteString("\n<div class=\"doc-layout\">\n<aside class=\"doc-side\">\n  <dl class=\"meta\">\n    <dt>Version</dt><dd>")
	b.WriteString(htmlText(pol.Version))
	b.WriteString("</dd>\n    <dt>Owner</dt><dd>")
	b.WriteString(htmlText(pol.Owner))
	b.WriteString("</dd>\n    ")
	withText(b, "<dt>Approved by</dt><dd>", pol.ApprovedBy, "</dd>")
	b.WriteString("\n    <dt>Approved</dt><dd>")
	switch {
	case !pol.Approved.IsZero():
		writeTime(b, pol.Approved.String(), pol.Approved.Long())
	case pol.Draft:
		b.WriteString("Not yet: a draft")
	default:
		b.WriteString("Not recorded")
	}
	b.WriteString("</dd>")
	if !pol.LastChange.IsZero() {
		b.WriteString("\n    <dt>Last changed</dt><dd>")
		writeTime(b, pol.LastChange.String(), pol.LastChange.Long())
		b.WriteString(" <span class=\"muted\">(commit <code>")
		b.WriteString(htmlText(pol.LastCommit))
		b.WriteString("</code>)</span></dd>")
	}
	b.WriteString("\n    ")
	if !pol.Effective.IsZero() {
		b.WriteString("<dt>Effective</dt><dd>")
		writeTime(b, pol.Effective.String(), pol.Effective.Long())
		b.WriteString("</dd>")
	}
	b.WriteString("\n    ")
	if pol.Review != "" {
		b.WriteString("<dt>Next review</dt><dd>")
		writeTime(b, pol.NextReview.String(), pol.NextReview.Long())
		b.WriteByte(' ')
		b.WriteString(string(badge(pol.Review)))
		b.WriteString("</dd>")
	}
	b.WriteString("\n    <dt>Classification</dt><dd>")
	b.WriteString(string(badge(pol.Classification)))
	b.WriteString("</dd>\n  </dl>\n  ")
	if len(d.TOC) > 0 {
		b.WriteString("\n  <nav class=\"toc\" aria-labelledby=\"h-toc\">\n    <h2 id=\"h-toc\">Contents</h2>\n    ")
		b.WriteString(string(d.Contents()))
		b.WriteString("\n  </nav>\n  ")
	}
	b.WriteString("\n</aside>\n<div class=\"doc-main\">\n<article class=\"prose\">\n")
	b.WriteString(string(d.Body))
	b.WriteString("\n</article>\n")
	if len(d.Controls) > 0 {
		b.WriteString("\n<section aria-labelledby=\"h-controls\">\n  <h2 id=\"h-controls\">Controls this policy implements</h2>\n" +
			"  <div class=\"table-wrap\" tabindex=\"0\">\n  <table class=\"data\">\n    " +
			`<thead><tr><th scope="col">Control</th><th scope="col">Status</th><th scope="col">Maps to</th></tr></thead>` +
			"\n    <tbody>\n    ")
		p.controlRows(b, d.Controls)
		b.WriteString("\n    </tbody>\n  </table>\n  </div>\n</section>\n")
	}
	b.WriteString("\n")
	if len(pol.Revisions) > 0 {
		b.WriteString("\n<section aria-labelledby=\"h-revisions\">\n  <h2 id=\"h-revisions\">Revision history</h2>\n" +
			"  <div class=\"table-wrap\" tabindex=\"0\">\n  <table class=\"data\">\n    " +
			`<thead><tr><th scope="col">Version</th><th scope="col">Date</th><th scope="col">Change</th></tr></thead>` +
			"\n    <tbody>\n    ")
		for _, r := range pol.Revisions {
			b.WriteString(`<tr><th scope="row">`)
			b.WriteString(htmlText(r.Version))
			b.WriteString("</th><td>")
			writeTime(b, r.Date.String(), r.Date.Long())
			b.WriteString("</td><td>")
			b.WriteString(htmlText(r.Note))
			b.WriteString("</td></tr>\n    ")
		}
		b.WriteString("\n    </tbody>\n  </table>\n  </div>\n</section>\n\n")
	}
	b.WriteString("\n</div>\n</div>\n")
}

// directControl is the content of control.html.
func directControl(p *Page) func(b htmlWriter) {
	d, ok := p.Data.(controlData)
	if !ok {
		return nil
	}
	return func(b htmlWriter) { writeControl(b, p, d) }
}

func writeControl(b htmlWriter, p *Page, d controlData) {
	c := d.C
	b.WriteString("\n<nav class=\"breadcrumb\" aria-label=\"Breadcrumb\">")
	link(b, p.Rel("controls/index.html"), "Controls")
	b.WriteString("</nav>\n<h1><span class=\"id\">")
	b.WriteString(htmlText(c.ID))
	b.WriteString("</span> ")
	b.WriteString(htmlText(c.Title))
	b.WriteString("</h1>\n<dl class=\"meta meta-inline\">\n  <dt>Status</dt><dd>")
	b.WriteString(string(badge(c.Status)))
	b.WriteString("</dd>\n  ")
	withText(b, "<dt>Owner</dt><dd>", c.Owner, "</dd>")
	b.WriteString("\n</dl>\n")
	if desc := d.Description(); desc != "" {
		b.WriteString(`<div class="prose">`)
		b.WriteString(string(desc))
		b.WriteString("</div>")
	}
	b.WriteString("\n\n<section aria-labelledby=\"h-maps\">\n  <h2 id=\"h-maps\">Requirements met</h2>\n  ")
	if len(c.Mappings) > 0 {
		b.WriteString("\n  <div class=\"table-wrap\" tabindex=\"0\">\n  <table class=\"data\">\n    " +
			`<thead><tr><th scope="col">Framework</th><th scope="col">Requirement</th><th scope="col">Title</th></tr></thead>` +
			"\n    <tbody>\n    ")
		p.requirementRows(b, c)
		b.WriteString("\n    </tbody>\n  </table>\n  </div>\n  ")
	} else {
		b.WriteString(`<p class="muted">Not mapped to any framework.</p>`)
	}
	b.WriteString("\n</section>\n\n<section aria-labelledby=\"h-policies\">\n  <h2 id=\"h-policies\">Policies</h2>\n  ")
	if len(d.Policies) > 0 {
		b.WriteString("\n  <ul class=\"plain-list\">")
		for _, pol := range d.Policies {
			b.WriteString("<li>")
			p.policyTitle(b, pol)
			if !p.Site.Renders(pol.Classification) {
				b.WriteByte(' ')
				b.WriteString(string(badge("restricted")))
			}
			b.WriteString("</li>")
		}
		b.WriteString("</ul>\n  ")
	} else {
		b.WriteString(`<p class="muted">No published policy implements this control.</p>`)
	}
	b.WriteString("\n</section>\n\n")
	if len(c.Evidence) > 0 {
		b.WriteString("\n<section aria-labelledby=\"h-evidence\">\n  <h2 id=\"h-evidence\">Evidence kept</h2>\n" +
			"  <p class=\"muted\">What auditors examine for this control. The evidence itself is not published.</p>\n  <ul>")
		for _, e := range c.Evidence {
			b.WriteString("<li>")
			b.WriteString(htmlText(e))
			b.WriteString("</li>")
		}
		b.WriteString("</ul>\n</section>\n")
	}
	b.WriteString("\n")
}

// withText writes before, text escaped and after, when there is text: a
// template's {{with .X}}before{{.}}after{{end}}.
func withText(b htmlWriter, before, text, after string) {
	if text != "" {
		b.WriteString(before)
		b.WriteString(htmlText(text))
		b.WriteString(after)
	}
}

// writeTime writes <time datetime="iso">long</time>.
func writeTime(b htmlWriter, iso, long string) {
	b.WriteString(`<time datetime="`)
	b.WriteString(htmlText(iso))
	b.WriteString(`">`)
	b.WriteString(htmlText(long))
	b.WriteString("</time>")
}

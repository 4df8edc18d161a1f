package render

import (
	"html/template"
	"strings"

	"github.com/trustdocs/trustdocs/internal/resolve"
)

// Link lists, made in Go. The big pages print tens of thousands of links
// (at 10,000 controls the SoA's "implemented by" column holds 20,000, the
// controls index 30,000): through a template's range, each costs
// reflective calls and field lookups, which made those two pages half a
// second each. These methods write the same bytes html/template would
// (TestFragmentsAsTemplatesWrite holds them to it); a template of a site's
// own may still range over the records instead.

// ControlLinks is the controls' ids, each a link to its page, separated
// by commas.
func (p *Page) ControlLinks(cs []*resolve.Control) template.HTML {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			b.WriteString(", ")
		}
		link(&b, p.Rel(controlURL(c)), c.ID)
	}
	return template.HTML(b.String())
}

// ReqLinks is the requirements of framework f that control c maps to,
// each a link to its row, separated by commas.
func (p *Page) ReqLinks(c *resolve.Control, f *resolve.Framework) template.HTML {
	var b strings.Builder
	p.reqLinks(&b, c, f)
	return template.HTML(b.String())
}

func (p *Page) reqLinks(b htmlWriter, c *resolve.Control, f *resolve.Framework) {
	for _, m := range c.Mappings {
		if m.Framework != f {
			continue
		}
		p.reqList(b, m.Requirements)
	}
}

// reqList writes the requirements, each a link to its row, separated by
// commas.
func (p *Page) reqList(b htmlWriter, rs []*resolve.Requirement) {
	for i, r := range rs {
		if i > 0 {
			b.WriteString(", ")
		}
		link(b, p.Rel(reqURL(r)), r.Requirement.ID)
	}
}

// PolicyTitles is the policies' titles separated by semicolons, each a
// link to its page when this build renders it (the "policy-title"
// partial, for many).
func (p *Page) PolicyTitles(ps []*resolve.Policy) template.HTML {
	var b strings.Builder
	for i, pol := range ps {
		if i > 0 {
			b.WriteString("; ")
		}
		p.policyTitle(&b, pol)
	}
	return template.HTML(b.String())
}

// PolicyTitle is the "policy-title" partial: the policy's title, a link
// to its page when this build renders it.
func (p *Page) PolicyTitle(pol *resolve.Policy) template.HTML {
	var b strings.Builder
	p.policyTitle(&b, pol)
	return template.HTML(b.String())
}

func (p *Page) policyTitle(b htmlWriter, pol *resolve.Policy) {
	if p.Site.Renders(pol.Classification) {
		link(b, p.Rel(policyURL(pol.Slug)), pol.Title)
		return
	}
	b.WriteString("<span>")
	b.WriteString(htmlText(pol.Title))
	b.WriteString("</span>")
}

// Mappings is the "mappings" partial: for each framework control c maps
// to, the framework's title and its requirements, each a link to its row.
// A policy's page shows it for each of its controls.
func (p *Page) Mappings(c *resolve.Control) template.HTML {
	var b strings.Builder
	p.mappings(&b, c)
	return template.HTML(b.String())
}

func (p *Page) mappings(b htmlWriter, c *resolve.Control) {
	for _, m := range c.Mappings {
		if len(m.Requirements) == 0 {
			continue
		}
		b.WriteString(`<span class="map-fw">`)
		b.WriteString(htmlText(m.Framework.Title()))
		b.WriteString(":</span> ")
		p.reqList(b, m.Requirements)
		b.WriteString("<br>")
	}
}

// An htmlWriter is what the fragments write to: a strings.Builder for
// one a template shows, the page's buffer for a direct page (direct.go).
type htmlWriter interface {
	WriteString(string) (int, error)
	WriteByte(byte) error
}

// link writes <a href="href">text</a>.
func link(b htmlWriter, href, text string) {
	b.WriteString(`<a href="`)
	b.WriteString(hrefAttr(href))
	b.WriteString(`">`)
	b.WriteString(htmlText(text))
	b.WriteString("</a>")
}

// htmlText escapes text as html/template does in HTML text: "+" too.
var htmlText = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;",
	"<", "&lt;", ">", "&gt;").Replace

// hrefAttr is href as html/template writes it in an href attribute. The
// site's own paths (slugs, ids made into path segments) need no escaping;
// anything else is escaped by html/template itself, so that the bytes are
// the same.
func hrefAttr(href string) string {
	for i := 0; i < len(href); i++ {
		c := href[i]
		// A colon ends the scheme of an absolute address (a page's
		// canonical URL): http and https are let through as they are.
		scheme := c == ':' && (href[:i] == "https" || href[:i] == "http")
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~/#", c) >= 0 || scheme) {
			return hrefSlow(href)
		}
	}
	return href
}

var hrefAttrTemplate = template.Must(template.New("href").Parse(`<a href="{{.}}">`))

func hrefSlow(href string) string {
	var b strings.Builder
	if err := hrefAttrTemplate.Execute(&b, href); err != nil {
		return "#ZgotmplZ"
	}
	s := b.String()
	return s[len(`<a href="`) : len(s)-len(`">`)]
}

// ControlRows is the rows of the table of a policy's controls: each
// control's id (a link to its page) and title, its status and what it
// maps to. Three or so rows a page on every policy's page: in a template's
// range they were two thirds of the time the page took.
func (p *Page) ControlRows(cs []*resolve.Control) template.HTML {
	var b strings.Builder
	p.controlRows(&b, cs)
	return template.HTML(b.String())
}

func (p *Page) controlRows(b htmlWriter, cs []*resolve.Control) {
	for _, c := range cs {
		b.WriteString("\n      <tr><th scope=\"row\">")
		p.controlCells(b, c, "")
		p.mappings(b, c)
		b.WriteString("</td></tr>\n    ")
	}
}

// RequirementRows is the rows of the table of the requirements control c
// meets, on its page: the framework, the requirement's id (a link to its
// row) and its title.
func (p *Page) RequirementRows(c *resolve.Control) template.HTML {
	var b strings.Builder
	p.requirementRows(&b, c)
	return template.HTML(b.String())
}

func (p *Page) requirementRows(b htmlWriter, c *resolve.Control) {
	for _, m := range c.Mappings {
		fw := htmlText(m.Framework.Title())
		for _, r := range m.Requirements {
			b.WriteString("\n      <tr><td>")
			b.WriteString(fw)
			b.WriteString("</td><th scope=\"row\">")
			link(b, p.Rel(reqURL(r)), r.Requirement.ID)
			b.WriteString("</th><td>")
			b.WriteString(htmlText(r.Requirement.Title))
			b.WriteString("</td></tr>\n    ")
		}
	}
}

// PolicyRow is the row of the policy library's table for a policy this
// build renders (the "policy-table" partial's, which writes the row of a
// withheld one itself): its title, a link, with its summary; version;
// owner; classification; when it is next reviewed. Ten thousand rows on
// the library of a site of 10,000 policies.
func (p *Page) PolicyRow(pol *resolve.Policy) template.HTML {
	var b strings.Builder
	b.WriteString("\n    <tr id=\"policy-")
	b.WriteString(htmlText(pol.Slug))
	b.WriteString(`" data-classification="`)
	b.WriteString(htmlText(string(pol.Classification)))
	b.WriteString(`" data-owner="`)
	b.WriteString(htmlText(pol.Owner))
	b.WriteString("\">\n      <th scope=\"row\">")
	link(&b, p.Rel(policyURL(pol.Slug)), pol.Title)
	if pol.Draft {
		b.WriteByte(' ')
		b.WriteString(string(badge("draft")))
	}
	withText(&b, `<br><span class="muted">`, pol.Summary, "</span>")
	b.WriteString("</th>\n      <td>")
	b.WriteString(htmlText(pol.Version))
	b.WriteString("</td>\n      <td>")
	b.WriteString(htmlText(pol.Owner))
	b.WriteString("</td>\n      <td>")
	b.WriteString(string(badge(pol.Classification)))
	b.WriteString("</td>\n      <td>")
	if pol.Review != "" {
		b.WriteString(string(badge(pol.Review)))
		b.WriteString(`<br><span class="muted">next `)
		b.WriteString(htmlText(pol.NextReview.Long()))
		b.WriteString("</span>")
	} else {
		b.WriteString(`<span class="muted">Not approved yet</span>`)
	}
	b.WriteString("</td>\n    </tr>\n  ")
	return template.HTML(b.String())
}

// ControlIndexRow is control c's row of the controls index: its id (a
// link to its page) and title, status, owner, and for each framework fs
// the requirements it meets.
func (p *Page) ControlIndexRow(c *resolve.Control, fs []*resolve.Framework) template.HTML {
	var b strings.Builder
	b.WriteString("\n    <tr id=\"control-")
	b.WriteString(htmlText(c.ID))
	b.WriteString("\">\n      <th scope=\"row\">")
	p.controlCells(&b, c, "\n      ")
	b.WriteString(htmlText(c.Owner))
	b.WriteString("</td>\n      ")
	for _, f := range fs {
		b.WriteString(`<td class="ids">`)
		p.reqLinks(&b, c, f)
		b.WriteString("</td>")
	}
	b.WriteString("\n    </tr>\n  ")
	return template.HTML(b.String())
}

// controlCells ends the heading cell of control c's row, its id (a link
// to its page) and title, writes its status cell and opens the next, sep
// between cells.
func (p *Page) controlCells(b htmlWriter, c *resolve.Control, sep string) {
	link(b, p.Rel(controlURL(c)), c.ID)
	b.WriteByte(' ')
	b.WriteString(htmlText(c.Title))
	b.WriteString("</th>" + sep + "<td>")
	b.WriteString(string(badge(c.Status)))
	b.WriteString("</td>" + sep + "<td>")
}

// PolicyItem is policy pol's item of the home page's list of policies:
// its title (a link when this build renders the policy), its version or
// a "restricted" badge, and a "draft" badge. An item at a time, not the
// whole list: a string of the thousands of items of a big site, live
// while the page is written, raised the cap on the heap (package memcap)
// and the peak of a build of 50,000 policies by some 20 MB.
func (p *Page) PolicyItem(pol *resolve.Policy) template.HTML {
	var b strings.Builder
	b.WriteString("\n    <li>")
	p.policyTitle(&b, pol)
	if p.Site.Renders(pol.Classification) {
		b.WriteString(` <span class="muted">v`)
		b.WriteString(htmlText(pol.Version))
		b.WriteString("</span>")
	} else {
		b.WriteByte(' ')
		b.WriteString(string(badge("restricted")))
	}
	if pol.Draft {
		b.WriteByte(' ')
		b.WriteString(string(badge("draft")))
	}
	b.WriteString("</li>\n  ")
	return template.HTML(b.String())
}

// SummaryRow is the row of the summary's table of policies for a policy
// this build renders: its title, a link; version; approval; next review.
func (p *Page) SummaryRow(pol *resolve.Policy) template.HTML {
	var b strings.Builder
	b.WriteString(`<tr><th scope="row">`)
	p.policyTitle(&b, pol)
	b.WriteString("</th><td>")
	b.WriteString(htmlText(pol.Version))
	b.WriteString("</td><td>")
	b.WriteString(htmlText(pol.Approved.Long()))
	b.WriteString("</td><td>")
	if pol.Review != "" {
		b.WriteString(htmlText(pol.NextReview.Long()))
		b.WriteByte(' ')
		b.WriteString(string(badge(pol.Review)))
	} else {
		b.WriteString(string(badge("draft")))
	}
	b.WriteString("</td></tr>\n    ")
	return template.HTML(b.String())
}

// ControlItem is control c's item of a list: its id, a link to its page,
// and title (an item at a time, as PolicyItem).
func (p *Page) ControlItem(c *resolve.Control) template.HTML {
	var b strings.Builder
	b.WriteString("<li>")
	link(&b, p.Rel(controlURL(c)), c.ID)
	b.WriteByte(' ')
	b.WriteString(htmlText(c.Title))
	b.WriteString("</li>")
	return template.HTML(b.String())
}

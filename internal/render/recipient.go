package render

import (
	"fmt"
	"strings"

	"github.com/trustdocs/trustdocs/internal/model"
)

// A recipient's pack: the site made for one reader, as hosted trust
// centers watermark what they share under NDA. Every page carries a
// banner saying whom it was prepared for, when, and that it is
// confidential: on screen at the top of the page, and in print as a
// running header on every sheet (a CSS page-margin box, in a stylesheet
// made for the pack since a stylesheet cannot read the page). The notice
// page is index.html, so that it is what opens the pack; the overview
// moves to recipientHome.

// Recipient is whom a pack is prepared for.
type Recipient struct {
	Name       string
	ValidUntil model.Date // the last day the pack may be relied on; zero for no end
}

const (
	recipientHome  = "overview/index.html"
	recipientCSS   = "assets/recipient.css"
	recipientTitle = "Confidential"
)

// Banner is the line every page carries, e.g. "Prepared for Buyer Inc on
// 1 November 2026, confidential".
func (s *siteData) Banner() string {
	if s.Recipient == nil {
		return ""
	}
	return fmt.Sprintf("Prepared for %s on %s, confidential", s.Recipient.Name, s.AsOf.Long())
}

// noticeData is what the notice page says.
type noticeData struct {
	Recipient *Recipient
	Company   string
	On        model.Date
	NDA       bool // the pack holds documents shared under NDA
	Manifest  string
}

// noticePage is the page that opens a recipient's pack, and its print
// stylesheet.
func (r *renderer) noticePage() {
	rc := r.site.Recipient
	if rc == nil {
		return
	}
	r.add(&Page{Template: "notice.html", Path: "index.html", Title: recipientTitle, Section: "notice",
		Description: r.site.Banner() + ".",
		Data: noticeData{Recipient: rc, Company: r.s.Config.Company, On: r.s.AsOf,
			NDA: r.site.Audience != model.AudiencePublic, Manifest: "MANIFEST.sha256"}}, onSettings())
	r.file(recipientCSS, onSettings(), func() ([]byte, error) { return []byte(r.recipientCSS()), nil })
}

// recipientCSS puts the banner in the top margin of every printed sheet.
func (r *renderer) recipientCSS() string {
	line := r.site.Banner()
	if v := r.site.Recipient.ValidUntil; !v.IsZero() {
		line += "; valid until " + v.Long()
	}
	return "/* Made for this pack: the banner on every printed sheet. */\n@media print {\n" +
		"  @page { @top-center { content: " + cssString(line) + "; font: 8pt system-ui, sans-serif; color: #000; } }\n" +
		"}\n"
}

// cssString quotes s as a CSS string: every character but letters, digits,
// space and plain punctuation is a hex escape, so that a name cannot end
// the string or the rule it is in.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', strings.ContainsRune(" .,;:-_()&'!?", c):
			b.WriteRune(c)
		default:
			fmt.Fprintf(&b, "\\%x ", c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

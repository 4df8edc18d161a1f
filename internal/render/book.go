package render

import (
	"fmt"
	"html/template"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/trustdocs/trustdocs/internal/resolve"
)

// The policy book: what trustdocs pdf prints. A cover, the contents with
// page numbers, every policy this audience may read, each Statement of
// Applicability (in landscape), the certifications and reports, and the
// subprocessors, each chapter starting a sheet. It is made only with
// Options.Book, as BookDir/index.html, and each chapter alone as
// BookDir/NN-<id>.html: printing those alone tells how many sheets each
// takes, which the contents then give as page numbers (FillPageNumbers),
// since Chromium lays out no target-counter(). BookDir is as deep as a
// policy's page, so that the links and images of policy bodies resolve.

// BookDir is where the book's files are made.
const BookDir = "print/book/"

type bookChapter struct {
	ID, Kind, Title string
	Page            template.HTML // where its page number goes in the contents
	Policy          *resolve.Policy
	Body            template.HTML
	SoA             *soaData
	body            body
}

type bookData struct {
	Chapters []bookChapter // the chapters of this file
	Contents []bookChapter // every chapter after the contents, for the contents
	Unread   []*resolve.Policy
	Certs    []*resolve.Certification
	Reports  []*resolve.Attestation
	Subs     subprocessorsData
}

// withBody reads the text of the file's chapters.
func (d bookData) withBody(from *bodies) (any, error) {
	d.Chapters = slices.Clone(d.Chapters)
	for i := range d.Chapters {
		res, err := d.Chapters[i].body.read(from)
		if err != nil {
			return d, err
		}
		d.Chapters[i].Body = res.HTML
	}
	return d, nil
}

// pageRef is the mark FillPageNumbers replaces with the first page of a
// chapter: characters html/template writes as they are.
func pageRef(id string) template.HTML { return template.HTML("[[page:" + id + "]]") }

var pageRefRE = regexp.MustCompile(`\[\[page:([a-z0-9-]+)\]\]`)

// FillPageNumbers writes the first page of each chapter (by id) where the
// contents ask for it; a chapter not in pages gets "000", as wide as most
// numbers, for the print that counts the pages of the contents.
func FillPageNumbers(html []byte, pages map[string]int) []byte {
	return pageRefRE.ReplaceAllFunc(html, func(m []byte) []byte {
		if n, ok := pages[string(pageRefRE.FindSubmatch(m)[1])]; ok {
			return []byte(strconv.Itoa(n))
		}
		return []byte("000")
	})
}

// BookChapter reads a chapter file's id from its name, "003-policy-x.html".
func BookChapter(name string) (id string, ok bool) {
	base, ok := strings.CutSuffix(name, ".html")
	if !ok || len(base) < 5 || base[3] != '-' {
		return "", false
	}
	return base[4:], true
}

func (r *renderer) book() {
	if !r.opts.Book {
		return
	}
	chapters := []bookChapter{{ID: "cover", Kind: "cover", Title: r.s.Config.Company + ": security policies"},
		{ID: "contents", Kind: "contents", Title: "Contents"}}
	d := bookData{Certs: r.visibleCerts(), Reports: r.liveReports(),
		Subs: subprocessorsData{Current: r.s.CurrentSubprocessors(), Upcoming: r.s.UpcomingNotices()}}
	for _, p := range r.site.ListedPolicies(r.s.Policies) {
		if !r.site.Renders(p.Classification) {
			d.Unread = append(d.Unread, p)
			continue
		}
		chapters = append(chapters, bookChapter{ID: "policy-" + p.Slug, Kind: "policy", Title: p.Title, Policy: p, body: r.body(p.Doc)})
	}
	for _, fs := range r.pursued() {
		if fs.SoA != nil {
			sd := soaData{F: fs.F, Sum: summarizeSoA(soaRows(r.s, fs.F)), Doc: r.s.SoADoc}
			chapters = append(chapters, bookChapter{ID: "soa-" + fs.F.ID, Kind: "soa", Title: fs.F.Title() + " Statement of Applicability", SoA: &sd})
		}
	}
	chapters = append(chapters, bookChapter{ID: "certifications", Kind: "certifications", Title: "Certifications and reports"})
	if len(r.s.Subprocessors) > 0 {
		chapters = append(chapters, bookChapter{ID: "subprocessors", Kind: "subprocessors", Title: "Subprocessors"})
	}
	for i := range chapters {
		chapters[i].Page = pageRef(chapters[i].ID)
	}
	d.Contents = chapters[2:]
	page := func(path string, cs []bookChapter) {
		dd := d
		dd.Chapters = cs
		// Made for one print, never kept by a session: every field and body.
		r.add(&Page{Template: "book.html", Path: path, Title: "Security policies", Section: "book", Data: dd}, onEverything())
	}
	page(BookDir+"index.html", chapters)
	for i, c := range chapters {
		page(fmt.Sprintf("%s%03d-%s.html", BookDir, i+1, c.ID), chapters[i:i+1])
	}
}

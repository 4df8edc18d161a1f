package render

import (
	"encoding/xml"

	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

// The Atom feeds (RFC 4287): feed.xml of every change, and
// subprocessors/feed.xml of subprocessor notices only, for customers who
// must hear of those and nothing else.

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Link    []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string    `xml:"title"`
	ID      string    `xml:"id"`
	Updated string    `xml:"updated"`
	Link    *atomLink `xml:"link,omitempty"`
	Summary string    `xml:"summary,omitempty"`
}

const subprocessorFeedPath = "subprocessors/feed.xml"

// feedID is the feeds' identity: the base URL, or without one a URN made
// from the company, so that it stays the same from build to build.
func (r *renderer) feedID() string {
	if r.site.BaseURL != "" {
		return r.site.BaseURL
	}
	return "urn:trustdocs:" + idSlug(r.s.Config.Company)
}

// feed is an Atom feed of policy revisions, audits, issued reports and
// subprocessor notices.
func (r *renderer) feed() ([]byte, error) {
	return r.atom(r.s.Config.Title, r.feedID(), "feed.xml", r.site.Home, r.visibleChanges())
}

// subprocessorFeed is the feed of subprocessor notices, upcoming ones
// included, each dated the day customers were told.
func (r *renderer) subprocessorFeed() ([]byte, error) {
	var cs []resolve.Change
	for _, c := range r.visibleChanges() {
		if c.Notice != nil {
			cs = append(cs, c)
		}
	}
	return r.atom(r.s.Config.Title+": subprocessors", r.feedID()+"#subprocessors", subprocessorFeedPath, subprocessorsPage, cs)
}

// atom writes one feed: self and page are site paths of the feed and of
// the page it is the feed of.
func (r *renderer) atom(title, id, self, page string, changes []resolve.Change) ([]byte, error) {
	base := r.site.BaseURL
	f := atomFeed{Title: title, ID: id, Updated: stamp(r.s.AsOf),
		Link: []atomLink{{Href: base + self, Rel: "self", Type: "application/atom+xml"},
			{Href: base + page, Rel: "alternate", Type: "text/html"}},
		Author: atomAuthor{Name: r.s.Config.Company}}
	for _, c := range changes {
		e := atomEntry{Title: c.Title, Updated: stamp(c.Date), Summary: c.Summary,
			ID: r.feedID() + "#" + c.Date.String() + "-" + idSlug(c.Title)}
		target := "certifications/index.html"
		switch {
		case c.Policy != nil:
			target = policyURL(c.Policy.Slug)
		case c.Notice != nil:
			// Keyed by what happens and when, not by the day it was told:
			// an entry first told of by a build keeps its id once dated.
			target = subprocessorsPage + "#" + c.Notice.Key()
			e.ID = r.feedID() + "#" + c.Notice.Key()
		}
		e.Link = &atomLink{Href: base + target, Rel: "alternate", Type: "text/html"}
		f.Entries = append(f.Entries, e)
	}
	out, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(append([]byte(xml.Header), out...), '\n'), nil
}

func stamp(d model.Date) string { return d.String() + "T00:00:00Z" }

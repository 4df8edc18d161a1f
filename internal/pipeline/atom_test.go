package pipeline_test

import (
	"encoding/xml"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/trustdocs/trustdocs/internal/model"
)

// Both feeds of every build are valid Atom, checked against the rules of
// RFC 4287 one by one (the section is named with each), for the example
// and the canary site, with and without a base URL, for each audience.
func TestFeedsAreValidAtom(t *testing.T) {
	for _, site := range []string{"../..", canarySite} {
		for _, audience := range []model.Audience{model.AudiencePublic, model.AudienceNDA} {
			for _, base := range []string{"", "https://trust.example.com/docs/"} {
				opts := example(t)
				opts.Site, opts.Audience, opts.BaseURL = site, audience, base
				res := render(t, opts)
				for _, feed := range []string{"feed.xml", "subprocessors/feed.xml"} {
					for _, problem := range atomProblems(outputFile(t, res, feed)) {
						t.Errorf("%s (%s build of %s, base %q): %s", feed, audience, site, base, problem)
					}
				}
			}
		}
	}
}

// The checker can fail: each of these breaks one rule.
func TestAtomCheckerRejects(t *testing.T) {
	good := `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:x:1</id><updated>2026-01-01T00:00:00Z</updated>
<author><name>A</name></author><link rel="self" href="feed.xml"/>
<entry><title>E</title><id>urn:x:1#e</id><updated>2026-01-01T00:00:00Z</updated><link href="e.html"/></entry></feed>`
	if p := atomProblems([]byte(good)); len(p) > 0 {
		t.Fatalf("a valid feed is rejected: %v", p)
	}
	for name, bad := range map[string]string{
		"no namespace":    strings.Replace(good, ` xmlns="http://www.w3.org/2005/Atom"`, "", 1),
		"no feed id":      strings.Replace(good, "<id>urn:x:1</id>", "", 1),
		"relative id":     strings.Replace(good, "<id>urn:x:1#e</id>", "<id>e</id>", 1),
		"bad date":        strings.Replace(good, "<updated>2026-01-01T00:00:00Z</updated><link", "<updated>2026-01-01</updated><link", 1),
		"no author":       strings.Replace(good, "<author><name>A</name></author>", "", 1),
		"no entry link":   strings.Replace(good, `<link href="e.html"/>`, "", 1),
		"duplicate ids":   strings.Replace(good, "</feed>", "<entry><title>F</title><id>urn:x:1#e</id><updated>2026-01-01T00:00:00Z</updated><link href=\"f.html\"/></entry></feed>", 1),
		"two titles":      strings.Replace(good, "<title>T</title>", "<title>T</title><title>U</title>", 1),
		"unknown element": strings.Replace(good, "<title>E</title>", "<title>E</title><subject>S</subject>", 1),
		"bad text type":   strings.Replace(good, "<title>T</title>", `<title type="markdown">T</title>`, 1),
		"no self link":    strings.Replace(good, `<link rel="self" href="feed.xml"/>`, "", 1),
	} {
		if p := atomProblems([]byte(bad)); len(p) == 0 {
			t.Errorf("%s: accepted", name)
		}
	}
}

const atomNS = "http://www.w3.org/2005/Atom"

type xmlNode struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Text     string     `xml:",chardata"`
	Children []xmlNode  `xml:",any"`
}

func (n xmlNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

func (n xmlNode) all(local string) []xmlNode {
	var out []xmlNode
	for _, c := range n.Children {
		if c.XMLName.Space == atomNS && c.XMLName.Local == local {
			out = append(out, c)
		}
	}
	return out
}

// atomProblems lists how doc breaks RFC 4287.
func atomProblems(doc []byte) []string {
	var feed xmlNode
	if err := xml.Unmarshal(doc, &feed); err != nil {
		return []string{"not well-formed XML: " + err.Error()}
	}
	var out []string
	bad := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	if feed.XMLName.Space != atomNS || feed.XMLName.Local != "feed" {
		return []string{fmt.Sprintf("the root is {%s}%s, not atom:feed (§4.1.1)", feed.XMLName.Space, feed.XMLName.Local)}
	}
	known := map[string]map[string]bool{
		"feed":  set("author", "category", "contributor", "generator", "icon", "id", "link", "logo", "rights", "subtitle", "title", "updated", "entry"),
		"entry": set("author", "category", "content", "contributor", "id", "link", "published", "rights", "source", "summary", "title", "updated"),
	}
	ids := map[string]bool{}
	// common checks the elements feed and entry share (§4.1.1, §4.1.2).
	common := func(n xmlNode, what string) {
		for _, c := range n.Children {
			if c.XMLName.Space == atomNS && !known[n.XMLName.Local][c.XMLName.Local] {
				bad("%s has atom:%s, which RFC 4287 does not define there", what, c.XMLName.Local)
			}
		}
		for _, one := range []string{"id", "title", "updated"} {
			if k := len(n.all(one)); k != 1 {
				bad("%s has %d atom:%s; it must have exactly one (§4.1.1, §4.1.2)", what, k, one)
			}
		}
		for _, el := range []string{"subtitle", "summary", "rights", "published", "content"} {
			if k := len(n.all(el)); k > 1 {
				bad("%s has %d atom:%s; at most one (§4.1.1, §4.1.2)", what, k, el)
			}
		}
		for _, id := range n.all("id") {
			u, err := url.Parse(strings.TrimSpace(id.Text))
			if err != nil || !u.IsAbs() {
				bad("%s's atom:id %q is not an absolute IRI (§4.2.6)", what, id.Text)
			}
			if ids[id.Text] {
				bad("atom:id %q is used twice (§4.2.6)", id.Text)
			}
			ids[id.Text] = true
		}
		for _, el := range []string{"updated", "published"} {
			for _, d := range n.all(el) {
				if _, err := time.Parse(time.RFC3339, strings.TrimSpace(d.Text)); err != nil {
					bad("%s's atom:%s %q is not an RFC 3339 date-time (§3.3)", what, el, d.Text)
				}
			}
		}
		for _, el := range []string{"title", "subtitle", "summary", "rights"} {
			for _, tc := range n.all(el) {
				if ty := tc.attr("type"); ty != "" && ty != "text" && ty != "html" && ty != "xhtml" {
					bad("%s's atom:%s has type %q; a Text construct is text, html or xhtml (§3.1.1)", what, el, ty)
				}
			}
		}
		alternates := map[string]bool{}
		for _, l := range n.all("link") {
			if l.attr("href") == "" {
				bad("%s has an atom:link without href (§4.2.7.1)", what)
			}
			if rel := l.attr("rel"); rel == "" || rel == "alternate" {
				key := l.attr("type") + "|" + l.attr("hreflang")
				if alternates[key] {
					bad("%s has two alternate links of one type and language (§4.1.1, §4.1.2)", what)
				}
				alternates[key] = true
			}
		}
		for _, a := range n.all("author") {
			if len(a.all("name")) != 1 {
				bad("%s has an atom:author without exactly one atom:name (§3.2.1)", what)
			}
		}
	}
	common(feed, "the feed")
	self := false
	for _, l := range feed.all("link") {
		self = self || l.attr("rel") == "self"
	}
	if !self {
		bad("the feed has no link rel=\"self\" (§4.2.7.2 says it SHOULD; feed readers need it)")
	}
	for i, e := range feed.all("entry") {
		what := fmt.Sprintf("entry %d", i+1)
		common(e, what)
		if len(feed.all("author")) == 0 && len(e.all("author")) == 0 {
			bad("%s has no atom:author and neither has the feed (§4.1.1)", what)
		}
		if len(e.all("content")) == 0 {
			alt := false
			for _, l := range e.all("link") {
				alt = alt || l.attr("rel") == "" || l.attr("rel") == "alternate"
			}
			if !alt {
				bad("%s has neither atom:content nor an alternate link (§4.1.2)", what)
			}
		}
	}
	if len(feed.all("entry")) == 0 && len(feed.all("author")) == 0 {
		bad("the feed has no atom:author (§4.1.1)")
	}
	return out
}

func set(xs ...string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

package render

import (
	"encoding/json"
	"html"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// AnyBody in an Item's Bodies means that the file shows something of every
// document's body, as the search index does.
const AnyBody = "*"

// searchEntry is one thing search can find. The names are short: the index
// of a big site is large, and it is loaded by every page that searches.
type searchEntry struct {
	Title   string   `json:"t"`
	URL     string   `json:"u"`           // output path, from the site's root
	Kind    string   `json:"k"`           // policy, page, control, requirement, framework
	Summary string   `json:"s,omitempty"` // one line shown under the title
	Heads   []string `json:"h,omitempty"` // headings of the body
	Words   string   `json:"w,omitempty"` // the body's distinct words, lower case
}

// searchIndex lists what this audience may see: the documents it may read
// with their headings and words; the ones it may only see listed, by title
// and summary; controls, requirements and frameworks by id and title.
func (r *renderer) searchIndex() []searchEntry {
	var out []searchEntry
	for _, p := range r.site.ListedPolicies(r.s.Policies) {
		e := searchEntry{Title: p.Title, URL: policyURL(p.Slug), Kind: "policy", Summary: p.Summary}
		if r.site.Renders(p.Classification) {
			res := r.docs[p.Doc]
			for _, h := range res.TOC {
				e.Heads = append(e.Heads, h.Text)
			}
			e.Words = words(string(res.HTML))
		} else {
			e.URL = "policies/index.html#policy-" + p.Slug
			e.Summary = strings.TrimSpace(e.Summary + " (available under NDA)")
		}
		out = append(out, e)
	}
	for _, d := range r.s.Pages {
		if r.site.Renders(d.Classification) {
			res := r.docs[d]
			e := searchEntry{Title: d.Title, URL: pageURL(d), Kind: "page", Summary: d.Summary, Words: words(string(res.HTML))}
			for _, h := range res.TOC {
				e.Heads = append(e.Heads, h.Text)
			}
			out = append(out, e)
		}
	}
	for _, c := range r.s.Controls {
		out = append(out, searchEntry{Title: c.ID + " " + c.Title, URL: controlURL(c), Kind: "control",
			Summary: c.Description, Words: words(c.Description)})
	}
	for _, f := range r.s.Frameworks {
		out = append(out, searchEntry{Title: f.Name, URL: frameworkURL(f), Kind: "framework", Summary: f.Description})
		for _, q := range f.Requirements {
			out = append(out, searchEntry{Title: q.ID + " " + q.Title, URL: reqURL(q), Kind: "requirement", Summary: f.Title()})
		}
	}
	return out
}

var (
	tagRE  = regexp.MustCompile(`<[^>]*>`)
	wordRE = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}'’-]*`)
)

// words returns the distinct words of an HTML text, in lower case, in the
// order they first appear.
func words(htmlText string) string {
	text := html.UnescapeString(tagRE.ReplaceAllString(htmlText, " "))
	var out []string
	seen := map[string]bool{}
	for _, w := range wordRE.FindAllString(strings.ToLower(text), -1) {
		w = strings.Trim(w, "'’-")
		if len(w) > 1 && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// searchFiles plans the index twice: search-index.json for programs, and
// search-index.js, which pages load with a script element, because a page
// opened from disk (an unzipped pack) may not fetch a file. Both are made
// from one index, built once.
func (r *renderer) searchFiles() {
	index := sync.OnceValues(func() ([]byte, error) {
		return json.Marshal(r.searchIndex())
	})
	r.file("search-index.json", index).Bodies = []string{AnyBody}
	r.file("search-index.js", func() ([]byte, error) {
		b, err := index()
		if err != nil {
			return nil, err
		}
		return slices.Concat([]byte("window.trustdocsSearch = "), b, []byte(";\n")), nil
	}).Bodies = []string{AnyBody}
}

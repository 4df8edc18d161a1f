package render

import (
	"encoding/json"
	"html"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
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

// words returns the distinct words of an HTML text, in lower case, in the
// order they first appear. A word starts with a letter or digit and may go
// on with apostrophes and hyphens inside it; words of one letter are left
// out. It scans instead of using regular expressions: on a site of 10,000
// policies, it reads some 50 MB of HTML.
func words(htmlText string) string {
	var out strings.Builder
	seen := map[string]bool{}
	var word []rune
	end := func() {
		w := strings.TrimRight(string(word), "'’-")
		word = word[:0]
		if utf8.RuneCountInString(w) > 1 && !seen[w] {
			seen[w] = true
			if out.Len() > 0 {
				out.WriteByte(' ')
			}
			out.WriteString(w)
		}
	}
	add := func(text string) {
		for _, c := range text {
			switch {
			case unicode.IsLetter(c) || unicode.IsNumber(c):
				word = append(word, unicode.ToLower(c))
			case len(word) > 0 && (c == '\'' || c == '’' || c == '-'):
				word = append(word, c)
			case len(word) > 0:
				end()
			}
		}
	}
	for text := htmlText; text != ""; {
		lt := strings.IndexByte(text, '<')
		if lt < 0 {
			lt = len(text)
		}
		if chunk := text[:lt]; strings.IndexByte(chunk, '&') >= 0 {
			add(html.UnescapeString(chunk))
		} else {
			add(chunk)
		}
		text = text[lt:]
		if gt := strings.IndexByte(text, '>'); gt >= 0 {
			text = text[gt+1:]
		} else {
			text = ""
		}
		add(" ") // a tag separates words
	}
	return out.String()
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

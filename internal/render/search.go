package render

import (
	"bytes"
	"encoding/json"
	"hash/maphash"
	"html"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/trustdocs/trustdocs/internal/model"
)

// searchEntry is one thing search can find. The names are short: the index
// of a big site is large, and it is loaded by every page that searches.
type searchEntry struct {
	Title   string   `json:"t"`
	URL     string   `json:"u"`           // output path, from the site's root
	Kind    string   `json:"k"`           // policy, section, page, answer, control, requirement, framework
	Summary string   `json:"s,omitempty"` // one line shown under the title
	Heads   []string `json:"h,omitempty"` // headings of the body
	Words   string   `json:"w,omitempty"` // the body's distinct words, lower case
}

// searchIndex lists what this audience may see: the documents it may read
// with their headings and words; the ones it may only see listed, by title
// and summary; controls, requirements and frameworks by id and title. It
// hands out one entry at a time, so that the words of every document are
// never all in memory at once. It fails if a converted body cannot be read
// back (see bodies).
func (r *renderer) searchIndex(out func(searchEntry)) error {
	var (
		l     wordLister
		words = l.words
		err   error
	)
	// read returns a document's headings and distinct words.
	read := func(d *model.Doc) ([]string, string) {
		res, e := r.body(d).read(r.bodies)
		if err == nil {
			err = e
		}
		var heads []string
		for _, h := range res.TOC {
			heads = append(heads, h.Text)
		}
		return heads, words(string(res.HTML))
	}
	for _, p := range r.site.ListedPolicies(r.s.Policies) {
		e := searchEntry{Title: p.Title, URL: policyURL(p.Slug), Kind: "policy", Summary: p.Summary}
		if r.site.Renders(p.Classification) {
			e.Heads, e.Words = read(p.Doc)
		} else {
			e.URL = r.policyLink(p)
			e.Summary = strings.TrimSpace(e.Summary + " (available under NDA)")
		}
		out(e)
	}
	for _, g := range r.groups(r.site.ListedPolicies(r.s.Policies)) {
		if sec := g.Section; sec != nil {
			e := searchEntry{Title: sec.Title, URL: sectionURL(sec), Kind: "section"}
			if sec.Doc != nil {
				e.Summary = sec.Doc.Summary
				_, e.Words = read(sec.Doc)
			}
			out(e)
		}
	}
	for _, d := range r.s.Pages {
		if r.site.Renders(d.Classification) {
			e := searchEntry{Title: d.Title, URL: pageURL(d), Kind: "page", Summary: d.Summary}
			e.Heads, e.Words = read(d)
			out(e)
		}
	}
	for _, a := range r.s.Answers {
		e := searchEntry{Title: a.Question, URL: answersPage + "#" + answerAnchor(a), Kind: "answer", Summary: a.Category}
		if r.site.Renders(a.Classification) {
			e.Words = words(string(r.inline(a.Answer.Answer)) + " " + strings.Join(a.Phrasings, " "))
		} else {
			e.Summary += " (available under NDA)"
		}
		out(e)
	}
	for _, c := range r.s.Controls {
		out(searchEntry{Title: c.ID + " " + c.Title, URL: controlURL(c), Kind: "control",
			Summary: c.Description, Words: words(c.Description)})
	}
	for _, f := range r.s.Pursued() {
		out(searchEntry{Title: f.Name, URL: frameworkURL(f), Kind: "framework", Summary: f.Description})
		for _, q := range f.Requirements {
			out(searchEntry{Title: q.ID + " " + q.Title, URL: reqURL(q), Kind: "requirement", Summary: f.Title()})
		}
	}
	return err
}

// A wordLister lists the words of texts one after another, reusing its
// memory: on a site of 10,000 policies, it reads some 50 MB of HTML. It
// scans instead of using regular expressions, and knows the words it has
// seen by a 64-bit hash (two words of a document colliding is a chance in
// 10^14), so that it allocates nothing for a word but its place in the
// result.
type wordLister struct {
	seed maphash.Seed
	seen map[uint64]struct{}
	word []byte // lower case, UTF-8
	out  []byte
}

// words returns the distinct words of an HTML text, in lower case, in the
// order they first appear. A word starts with a letter or digit and may go
// on with apostrophes and hyphens inside it; words of one letter are left
// out.
func (l *wordLister) words(htmlText string) string {
	if l.seen == nil {
		l.seed, l.seen = maphash.MakeSeed(), map[uint64]struct{}{}
	}
	clear(l.seen)
	l.out = l.out[:0]
	end := func() {
		w := bytes.TrimRight(l.word, "'’-")
		l.word = l.word[:0]
		if utf8.RuneCount(w) < 2 {
			return
		}
		h := maphash.Bytes(l.seed, w)
		if _, seen := l.seen[h]; seen {
			return
		}
		l.seen[h] = struct{}{}
		if len(l.out) > 0 {
			l.out = append(l.out, ' ')
		}
		l.out = append(l.out, w...)
	}
	add := func(text string) {
		for _, c := range text {
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				l.word = append(l.word, byte(c))
			case 'A' <= c && c <= 'Z':
				l.word = append(l.word, byte(c)+'a'-'A')
			case c >= utf8.RuneSelf && (unicode.IsLetter(c) || unicode.IsNumber(c)):
				l.word = utf8.AppendRune(l.word, unicode.ToLower(c))
			case len(l.word) > 0 && (c == '\'' || c == '’' || c == '-'):
				l.word = utf8.AppendRune(l.word, c)
			case len(l.word) > 0:
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
	return string(l.out)
}

// searchFiles plans the index twice: search-index.json for programs, and
// search-index.js, which pages load with a script element, because a page
// opened from disk (an unzipped pack) may not fetch a file. Both are
// written in one pass, entry by entry as it is made: on a site of 10,000
// policies, the index is 25 MB, not worth holding.
func (r *renderer) searchFiles() {
	r.file("search-index.json", onEverything(), nil).stream = r.writeSearchIndex
	r.file("search-index.js", onEverything(), nil).wraps = &wrapping{of: "search-index.json", prefix: "window.trustdocsSearch = ", suffix: ";\n"}
}

// writeSearchIndex writes the index as a JSON array.
func (r *renderer) writeSearchIndex(w io.Writer) error {
	_, err := io.WriteString(w, "[")
	sep := ""
	read := r.searchIndex(func(e searchEntry) {
		if err != nil {
			return
		}
		var entry []byte
		if entry, err = json.Marshal(e); err == nil {
			if _, err = io.WriteString(w, sep); err == nil {
				_, err = w.Write(entry)
			}
		}
		sep = ","
	})
	if err == nil {
		err = read
	}
	if err == nil {
		_, err = io.WriteString(w, "]")
	}
	return err
}

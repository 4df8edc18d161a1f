package render

import (
	"bytes"
	"encoding/json"
	"hash/maphash"
	"html"
	"io"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/trustdocs/trustdocs/internal/markdown"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/par"
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
// hands out each entry as its JSON, in order. Words and JSON are made on
// every core, a window of entries at a time, so that the words of every
// document are never all in memory at once: on a rebuild after an edit of
// one policy at 10,000 policies, the index is what is left to make, and
// made on one core it took 0.2 s. 64 at a time: a window of 512 held 10
// MB of words and JSON in a heap profile of a build of 50,000 policies.
// It fails if a converted body cannot be read back (see bodies).
func (r *renderer) searchIndex(out func(entry []byte)) error {
	var (
		listers = sync.Pool{New: func() any { return new(wordLister) }}
		err     error
	)
	const window = 64
	batch := make([]searchJob, 0, window)
	entries := make([][]byte, window)
	errs := make([]error, window)
	flush := func() {
		par.Do(len(batch), func(i int) {
			l := listers.Get().(*wordLister)
			entries[i], errs[i] = r.searchEntry(&batch[i], l)
			listers.Put(l)
		})
		for i := range batch {
			if err == nil {
				err = errs[i]
			}
			out(entries[i])
			entries[i] = nil
		}
		clear(batch)
		batch = batch[:0]
	}
	// The entries are listed a window at a time too, not all at once
	// (100,000 of them at 50,000 policies, held while the index is made).
	for j := range r.searchJobs {
		if batch = append(batch, j); len(batch) == window {
			flush()
		}
	}
	flush()
	return err
}

// A searchJob is an entry of the search index, with what its words are
// of: a document's body (doc; and its headings, with heads), or a text.
type searchJob struct {
	e     searchEntry
	doc   *model.Doc
	heads bool
	text  string
}

// searchJobs yields the entries of the search index, in order.
func (r *renderer) searchJobs(yield func(searchJob) bool) {
	more := true
	add := func(j searchJob) {
		if more {
			more = yield(j)
		}
	}
	for _, p := range r.site.ListedPolicies(r.s.Policies) {
		j := searchJob{e: searchEntry{Title: p.Title, URL: policyURL(p.Slug), Kind: "policy", Summary: p.Summary}}
		if r.site.Renders(p.Classification) {
			j.doc, j.heads = p.Doc, true
		} else {
			j.e.URL = r.policyLink(p)
			j.e.Summary = strings.TrimSpace(j.e.Summary + " (available under NDA)")
		}
		add(j)
	}
	for _, g := range r.groups(r.site.ListedPolicies(r.s.Policies)) {
		if sec := g.Section; sec != nil {
			j := searchJob{e: searchEntry{Title: sec.Title, URL: sectionURL(sec), Kind: "section"}, doc: sec.Doc}
			if sec.Doc != nil {
				j.e.Summary = sec.Doc.Summary
			}
			add(j)
		}
	}
	for _, d := range r.s.Pages {
		if r.site.Renders(d.Classification) {
			add(searchJob{e: searchEntry{Title: d.Title, URL: pageURL(d), Kind: "page", Summary: d.Summary}, doc: d, heads: true})
		}
	}
	for _, a := range r.s.Answers {
		j := searchJob{e: searchEntry{Title: a.Question, URL: answersPage + "#" + answerAnchor(a), Kind: "answer", Summary: a.Category}}
		if r.site.Renders(a.Classification) {
			j.text = string(r.inline(a.Answer.Answer)) + " " + strings.Join(a.Phrasings, " ")
		} else {
			j.e.Summary += " (available under NDA)"
		}
		add(j)
	}
	for _, c := range r.s.Controls {
		add(searchJob{e: searchEntry{Title: c.ID + " " + c.Title, URL: controlURL(c), Kind: "control",
			Summary: c.Description}, text: c.Description})
	}
	for _, f := range r.s.Pursued() {
		add(searchJob{e: searchEntry{Title: f.Name, URL: frameworkURL(f), Kind: "framework", Summary: f.Description}})
		for _, q := range f.Requirements {
			add(searchJob{e: searchEntry{Title: q.ID + " " + q.Title, URL: reqURL(q), Kind: "requirement", Summary: f.Title()}})
		}
	}
}

// searchEntry makes the JSON of job's entry, with its words listed by l.
func (r *renderer) searchEntry(j *searchJob, l *wordLister) ([]byte, error) {
	e := j.e
	var err error
	switch {
	case j.doc != nil:
		var res markdown.Result
		res, err = r.body(j.doc).read(r.bodies)
		if j.heads {
			for _, h := range res.TOC {
				e.Heads = append(e.Heads, h.Text)
			}
		}
		e.Words = l.words(string(res.HTML))
	case j.text != "":
		e.Words = l.words(j.text)
	}
	b, jerr := json.Marshal(e)
	if err == nil {
		err = jerr
	}
	return b, err
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
	made := r.searchIndex(func(entry []byte) {
		if err == nil {
			if _, err = io.WriteString(w, sep); err == nil {
				_, err = w.Write(entry)
			}
		}
		sep = ","
	})
	if err == nil {
		err = made
	}
	if err == nil {
		_, err = io.WriteString(w, "]")
	}
	return err
}

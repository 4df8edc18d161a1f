package render

import (
	"encoding/binary"
	"errors"
	"html/template"
	"os"
	"sync"
	"unsafe"

	"github.com/trustdocs/trustdocs/internal/markdown"
	"github.com/trustdocs/trustdocs/internal/model"
)

// bodies holds the converted Markdown of a render's documents, their HTML
// and headings, from when they are converted to when their pages are made.
//
// A render for one build (one with no Cache to keep conversions for the
// next) keeps them in a temporary file, which the system removes once the
// file is closed, and reads a document's back when a page shows it. Held
// in the heap, they would be a third of what is live while pages are made
// (at 50,000 policies, 113 MB of HTML and 35 MB of headings), and the
// collector, which runs as often as the cap on the heap leaves room and
// marks what is live every time, would work that much more. serve keeps
// its conversions in the Cache for the next render: holding them here
// too costs nothing.
type bodies struct {
	mu   sync.Mutex
	mem  map[*model.Doc]markdown.Result // what is held in memory
	held int                            // bytes of HTML held in memory when they could be in the file
	upTo int                            // how many may be (see holdFor)
	file *os.File                       // where the rest is, or nil
	end  int64                          // the file's length, and where the batch goes
	at   map[*model.Doc]span            // where in the file
	// What is not written yet: written a megabyte at a time, not a
	// system call for each document (10,000 at 10,000 policies).
	batch   []byte
	pending []pendingBody
}

type pendingBody struct {
	doc *model.Doc
	res markdown.Result
	at  span
}

// batchSize is how much is written at once.
const batchSize = 1 << 20

// A small site's bodies are all held in memory, up to holdUpTo bytes of
// HTML, the file taking the rest: a site of at most holdFor documents
// (1,000 policies have some 2.7 MB of HTML), for which writing them in
// megabyte batches, which the collector counts, and reading each back
// for its page cost about a twentieth of the build. A bigger site's go
// to the file: held, they would raise the peak of the biggest builds
// (at 50,000 policies, near their 400 MiB).
const (
	holdFor  = 2000
	holdUpTo = 8 << 20
)

// A span is where a document's HTML is in the file, and its headings
// after it.
type span struct {
	off     int64
	html, n int // the HTML's length, and the whole span's
}

// newBodies returns an empty store, which keeps what it is given in a
// temporary file when spill is set and the system lets it make one it can
// remove while open.
func newBodies(spill bool) *bodies {
	b := &bodies{mem: map[*model.Doc]markdown.Result{}, at: map[*model.Doc]span{}}
	if spill {
		b.file = tempGone()
	}
	return b
}

// tempGone creates a temporary file and removes its name, so that nothing
// is left of it once it is closed, whenever and however the process
// ends; where an open file cannot be removed (Windows), there is none.
// The file is closed when the store is let go (an os.File closes itself
// when unreachable).
func tempGone() *os.File {
	f, err := os.CreateTemp("", "trustdocs-bodies-*")
	if err != nil {
		return nil
	}
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil
	}
	return f
}

// put keeps d's converted body (its HTML and headings); in memory when
// held says something else holds it for as long (a conversion Kept offers:
// writing it to the file would save nothing, and a rebuild after one edit
// takes nearly all of them from there). It may be called from many
// goroutines; flush, once every body is put, before any is read.
func (b *bodies) put(d *model.Doc, res markdown.Result, held bool) {
	res = markdown.Result{HTML: res.HTML, TOC: res.TOC}
	b.mu.Lock()
	if b.file == nil || held || (res.HTML == "" && len(res.TOC) == 0) || b.held+len(res.HTML) <= b.upTo {
		if b.file != nil && !held {
			b.held += len(res.HTML)
		}
		b.mem[d] = res
		b.mu.Unlock()
		return
	}
	s := span{off: b.end + int64(len(b.batch)), html: len(res.HTML)}
	b.batch = appendTOC(append(b.batch, res.HTML...), res.TOC)
	s.n = int(b.end + int64(len(b.batch)) - s.off)
	b.pending = append(b.pending, pendingBody{d, res, s})
	if len(b.batch) < batchSize {
		b.mu.Unlock()
		return
	}
	// The batches' ranges never overlap: written at once.
	off, batch, pending := b.end, b.batch, b.pending
	b.end += int64(len(batch))
	b.batch, b.pending = make([]byte, 0, batchSize+64<<10), nil
	b.mu.Unlock()
	b.write(off, batch, pending)
}

// holdSmall has b hold the bodies of a small site, of n documents, in
// memory (see holdFor).
func (b *bodies) holdSmall(n int) {
	if n <= holdFor {
		b.upTo = holdUpTo
	}
}

// inMemory reports whether b keeps everything in memory.
func (b *bodies) inMemory() bool { return b.file == nil }

// hold keeps the converted bodies of docs, results[i] of docs[i], in memory.
func (b *bodies) hold(docs []*model.Doc, results []markdown.Result) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.mem) == 0 {
		b.mem = make(map[*model.Doc]markdown.Result, len(docs))
	}
	for i, d := range docs {
		b.mem[d] = markdown.Result{HTML: results[i].HTML, TOC: results[i].TOC}
	}
}

// write writes a batch at off, and notes where each body in it is.
func (b *bodies) write(off int64, batch []byte, pending []pendingBody) {
	_, err := b.file.WriteAt(batch, off)
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range pending {
		if err != nil {
			b.mem[p.doc] = p.res // a full disk costs memory, not the page
		} else {
			b.at[p.doc] = p.at
		}
	}
}

// flush writes what put has not.
func (b *bodies) flush() {
	b.mu.Lock()
	off, batch, pending := b.end, b.batch, b.pending
	b.end += int64(len(batch))
	b.batch, b.pending = nil, nil
	b.mu.Unlock()
	if len(batch) > 0 {
		b.write(off, batch, pending)
	}
}

// get returns d's converted body, or an empty one for a document with
// none: from the file, with one read.
func (b *bodies) get(d *model.Doc) (markdown.Result, error) {
	b.mu.Lock()
	res, inMemory := b.mem[d]
	s, inFile := b.at[d]
	unwritten := len(b.pending)
	b.mu.Unlock()
	if unwritten > 0 {
		return res, errors.New("render: a body read before the bodies were flushed")
	}
	if inMemory || !inFile {
		return res, nil
	}
	rec := make([]byte, s.n)
	if _, err := b.file.ReadAt(rec, s.off); err != nil {
		return res, err
	}
	// rec is the string's alone from here: not copied again.
	res.HTML = template.HTML(unsafe.String(unsafe.SliceData(rec), s.html))
	var err error
	res.TOC, err = readTOC(rec[s.html:])
	return res, err
}

// appendTOC appends the headings to b: for each, its level, then the
// length and bytes of its id and of its text.
func appendTOC(b []byte, toc []markdown.Heading) []byte {
	for _, h := range toc {
		b = binary.AppendUvarint(b, uint64(h.Level))
		for _, s := range []string{h.ID, h.Text} {
			b = binary.AppendUvarint(b, uint64(len(s)))
			b = append(b, s...)
		}
	}
	return b
}

var errTOC = errors.New("the headings kept of a document are cut short")

// readTOC reads what appendTOC appended.
func readTOC(b []byte) ([]markdown.Heading, error) {
	var toc []markdown.Heading
	next := func() (uint64, bool) {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return 0, false
		}
		b = b[n:]
		return v, true
	}
	str := func() (string, bool) {
		n, ok := next()
		if !ok || n > uint64(len(b)) {
			return "", false
		}
		s := string(b[:n])
		b = b[n:]
		return s, true
	}
	for len(b) > 0 {
		level, ok1 := next()
		id, ok2 := str()
		text, ok3 := str()
		if !ok1 || !ok2 || !ok3 {
			return toc, errTOC
		}
		toc = append(toc, markdown.Heading{Level: int(level), ID: id, Text: text})
	}
	return toc, nil
}

// body returns d's converted body, to read when a page shows it.
func (r *renderer) body(d *model.Doc) body { return body{d} }

// A body is a document's converted Markdown, read when a page shows it
// from the store of the plan that makes the page: plans after an edit of
// bodies alone share the pages of the plan before (see Plan.Rebodied).
// The zero body is empty.
type body struct {
	doc *model.Doc
}

// read returns the body's HTML and headings, with one read of the file.
func (b body) read(from *bodies) (markdown.Result, error) {
	if b.doc == nil {
		return markdown.Result{}, nil
	}
	return from.get(b.doc)
}

// A bodyData is page data with a converted body, which is read when the
// page is made: withBody returns a copy with it, from the plan's store
// (see Plan.makePage).
type bodyData interface {
	withBody(from *bodies) (any, error)
}

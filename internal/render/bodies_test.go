package render

import (
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/markdown"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/par"
)

// TestBodies: what is put is what is read back, held in memory or kept
// in the file, from many goroutines at once; what something else holds is
// not written; a document never put reads as empty; with a file, the
// bodies held in memory are no more than it may hold.
func TestBodies(t *testing.T) {
	for _, tc := range []struct {
		spill bool
		hold  int
	}{{false, 0}, {true, 0}, {true, 2000}} {
		spill := tc.spill
		t.Run(fmt.Sprintf("spill=%v,hold=%d", spill, tc.hold), func(t *testing.T) {
			b := newBodies(spill)
			if spill && b.file == nil {
				t.Skip("this system makes no temporary file that can be removed while open")
			}
			b.upTo = tc.hold
			docs := make([]*model.Doc, 200)
			want := make([]markdown.Result, len(docs))
			for i := range docs {
				docs[i] = &model.Doc{Slug: fmt.Sprint(i)}
				want[i] = markdown.Result{HTML: template.HTML(fmt.Sprintf("<p>body %d é</p>", i))}
				for j := range i % 4 {
					want[i].TOC = append(want[i].TOC, markdown.Heading{Level: 2 + j%2, ID: fmt.Sprintf("h-%d", j), Text: fmt.Sprintf("Heading «%d»", j)})
				}
			}
			want[7].HTML = ""                                              // headings only
			want[8].TOC = []markdown.Heading{{Level: 2, ID: "", Text: ""}} // empty strings
			want[9] = markdown.Result{}                                    // nothing at all
			for _, i := range []int{10, 50, 150} {                         // past a batch, more than once
				want[i].HTML = template.HTML(strings.Repeat("<p>long</p>", batchSize/20)) + template.HTML(fmt.Sprint(i))
			}
			par.Do(len(docs), func(i int) {
				// What pages do not need is not kept.
				b.put(docs[i], markdown.Result{HTML: want[i].HTML, TOC: want[i].TOC, IDs: []string{"x"}, Links: []markdown.Link{{}}}, i%7 == 3)
			})
			if _, err := (body{docs[0]}).read(b); len(b.pending) > 0 && err == nil {
				t.Error("a body read before the bodies were flushed: no error")
			}
			b.flush()
			var wg sync.WaitGroup
			for i, d := range docs {
				wg.Go(func() {
					res, err := body{d}.read(b)
					if err != nil || res.HTML != want[i].HTML {
						t.Errorf("doc %d: HTML %.40q, %v; want %.40q", i, res.HTML, err, want[i].HTML)
					}
					if !reflect.DeepEqual(res.TOC, want[i].TOC) {
						t.Errorf("doc %d: TOC %v; want %v", i, res.TOC, want[i].TOC)
					}
				})
			}
			wg.Wait()
			// Those held elsewhere (i%7 == 3) and the empty one stay in
			// memory; with a file, all others are in it but for up to
			// hold bytes of HTML.
			held, inMemory := 0, 0
			for i, d := range docs {
				_, inFile := b.at[d]
				if spill && i%7 != 3 && i != 9 && !inFile {
					held += len(want[i].HTML)
					inMemory++
					continue
				}
				if want := spill && i%7 != 3 && i != 9; inFile != want {
					t.Errorf("doc %d: in the file %v, want %v", i, inFile, want)
				}
			}
			if held > tc.hold || (tc.hold > 0 && inMemory == 0) {
				t.Errorf("%d bytes of %d bodies held in memory, may hold %d", held, inMemory, tc.hold)
			}
			if res, err := (body{&model.Doc{}}).read(b); res.HTML != "" || err != nil {
				t.Errorf("a document never put: %q, %v", res.HTML, err)
			}
			if res, err := (body{}).read(b); res.HTML != "" || err != nil {
				t.Errorf("the zero body: %q, %v", res.HTML, err)
			}
		})
	}
}

// TestReadTOCCutShort: headings cut short are an error, not a page
// showing part of them as if whole.
func TestReadTOCCutShort(t *testing.T) {
	rec := appendTOC(nil, []markdown.Heading{{Level: 2, ID: "scope", Text: "Scope"}, {Level: 3, ID: "roles", Text: "Roles"}})
	if toc, err := readTOC(rec); err != nil || len(toc) != 2 {
		t.Fatalf("whole: %v, %v", toc, err)
	}
	for n := 1; n < len(rec); n++ {
		if toc, err := readTOC(rec[:n]); err == nil && len(toc) != 1 {
			t.Errorf("cut to %d bytes: %v and no error", n, toc)
		}
	}
}

// TestTextReadFails: a document whose Markdown cannot be read again when
// it is converted (its file changed since the load) is an error at its
// file, and there is no plan: a page must not show text nobody checked.
func TestTextReadFails(t *testing.T) {
	s := synthSite(t, 3)
	d := s.Policies[1].Doc
	d.Body, d.Text = nil, &model.Text{Read: func() ([]byte, error) { return nil, errors.New("the file changed") }}
	var diags diag.List
	plan, err := Prepare(s, Options{Audience: model.AudiencePublic, Templates: trustdocs.Templates, Theme: trustdocs.Theme}, &diags)
	if plan != nil || err != nil {
		t.Fatalf("plan %v, error %v; want no plan and the error in diags", plan != nil, err)
	}
	found := false
	for _, it := range diags.Items() {
		found = found || it.Severity == diag.Error && it.Pos.File == d.Pos.File && strings.Contains(it.Message, "the file changed")
	}
	if !found {
		t.Errorf("no error at %s: %v", d.Pos.File, diags.Items())
	}
}

// TestHoldSmall: a small site's bodies are held in memory, a big one's
// are not.
func TestHoldSmall(t *testing.T) {
	for _, tc := range []struct{ docs, upTo int }{{1, holdUpTo}, {holdFor, holdUpTo}, {holdFor + 1, 0}, {50000, 0}} {
		b := newBodies(true)
		b.holdSmall(tc.docs)
		if b.upTo != tc.upTo {
			t.Errorf("%d documents: up to %d bytes held, want %d", tc.docs, b.upTo, tc.upTo)
		}
	}
}

package render

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/par"
)

// buffers are the pages' buffers: reused, they need not grow from
// nothing for every page.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// MakeAll makes every file, in parallel. A mistake in a site's template
// fails every page made with it: it is reported once, naming the first
// page, and the output is nil.
func (pl *Plan) MakeAll(diags *diag.List) (*Output, error) {
	out := NewMemory()
	err := pl.Each(diags, out, nil)
	if err != nil || diags.HasErrors() {
		return nil, err
	}
	return out.Output(pl.Copies), nil
}

// A Sink takes the files of a site as they are made, from many
// goroutines at once.
type Sink interface {
	// File takes a whole file; b is the sink's only until File returns.
	File(path string, b []byte) error
	// Stream takes a file that write writes as it is made.
	Stream(path string, write func(io.Writer) error) error
}

// Memory is a Sink that keeps the files.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

func (m *Memory) File(p string, b []byte) error {
	b = bytes.Clone(b)
	m.mu.Lock()
	m.files[p] = b
	m.mu.Unlock()
	return nil
}

func (m *Memory) Stream(p string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	m.mu.Lock()
	m.files[p] = buf.Bytes()
	m.mu.Unlock()
	return nil
}

// Output is the site the files taken make with the plan's copies.
func (m *Memory) Output(copies map[string]string) *Output {
	return &Output{Files: m.files, Copies: copies}
}

// Each makes every file, in parallel, and hands each to sink as soon as it
// is made, so that a build need not hold the whole site in memory.
// Mistakes in the site's templates go to diags, once each, naming the
// first page they affect; the first other error, of making or of the
// sink, is returned. The files that skip (when not nil) reports are left
// out: a build keeps them from the output before.
func (pl *Plan) Each(diags *diag.List, sink Sink, skip func(path string) bool) error {
	// Errors are kept in the order pages were planned, so that a mistake
	// names the first page it affects.
	paths := make([]string, 0, len(pl.Items))
	for _, p := range pl.r.pageQueue {
		if skip == nil || !skip(p.Path) {
			paths = append(paths, p.Path)
		}
	}
	var others []string
	for p, it := range pl.Items {
		if it.page == nil && (skip == nil || !skip(p)) {
			others = append(others, p)
		}
	}
	slices.Sort(others)
	paths = append(paths, others...)
	// But the files about the whole site (indexes, exports, the search
	// index) are the big ones: made first, they do not keep a core busy
	// alone at the end.
	order := make([]int, len(paths))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmpBool(pl.Items[paths[a]].deps.fields != siteFields, pl.Items[paths[b]].deps.fields != siteFields)
	})
	errs := make([]error, len(paths))
	par.Do(len(order), func(k int) {
		i := order[k]
		switch it := pl.Items[paths[i]]; {
		case it.wraps != nil: // made with the file it wraps
			return
		case it.stream != nil:
			errs[i] = pl.stream(sink, paths[i], it.stream)
			return
		case it.page != nil && it.deps.fields == siteFields:
			// A page about the whole site (an index, the SoA) is megabytes
			// on a big site: written as it is made, not held.
			errs[i] = sink.Stream(paths[i], func(w io.Writer) error { return pl.makePage(w, it.page) })
			return
		}
		buf := buffers.Get().(*bytes.Buffer)
		buf.Reset()
		b, err := pl.makeInto(buf, paths[i])
		if err == nil {
			err = sink.File(paths[i], b)
		}
		if buf.Cap() <= 1<<20 { // the few big pages' buffers go
			buffers.Put(buf)
		}
		errs[i] = err
	})
	problems, err := Problems(errs)
	diags.Add(problems...)
	return err
}

// stream writes the file at p, and the files that wrap it, in one pass.
func (pl *Plan) stream(sink Sink, p string, write func(io.Writer) error) error {
	for q, it := range pl.Items {
		if wr := it.wraps; wr != nil && wr.of == p {
			inner := write
			write = func(w1 io.Writer) error {
				return sink.Stream(q, func(w2 io.Writer) error {
					return wr.write(w2, func(w2 io.Writer) error { return inner(io.MultiWriter(w1, w2)) })
				})
			}
		}
	}
	return sink.Stream(p, write)
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// Problems sorts the errors of making files into the diagnostics of the
// site's templates and the first other error. A template's mistake fails
// every page made with it: it is reported once, naming the first page.
func Problems(errs []error) ([]diag.Diagnostic, error) {
	var out []diag.Diagnostic
	seen := map[string]bool{}
	for _, err := range errs {
		var le *diag.ListError
		switch {
		case err == nil:
		case errors.As(err, &le):
			for _, d := range le.Items {
				msg, _, _ := strings.Cut(d.Message, " (making ")
				if key := d.Pos.String() + msg; !seen[key] {
					seen[key] = true
					out = append(out, d)
				}
			}
		default:
			return out, err
		}
	}
	return out, nil
}

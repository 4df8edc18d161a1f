// Package deflate compresses whole files with flate writers that are
// reused: each holds some 600 KB of tables, too much to make per file when
// a site has 20,000. The result is a copy at the compressed size, not the
// capacity a growing buffer left: on a big site, a third more than the
// data.
package deflate

import (
	"bytes"
	"compress/flate"
	"io"
	"sync"
)

// A Pool compresses at one level. It is safe for concurrent use.
type Pool struct{ p sync.Pool }

// writer is a flate writer and the buffer it writes into.
type writer struct {
	w   *flate.Writer
	buf bytes.Buffer
}

// NewPool returns a Pool that compresses at level (flate.BestSpeed …
// flate.BestCompression).
func NewPool(level int) *Pool {
	p := &Pool{}
	p.p.New = func() any {
		w := &writer{}
		w.w, _ = flate.NewWriter(&w.buf, level) // a level of the constants: no error
		return w
	}
	return p
}

// Deflate returns what write writes, compressed.
func (p *Pool) Deflate(write func(io.Writer) error) ([]byte, error) {
	w := p.p.Get().(*writer)
	defer p.p.Put(w)
	w.buf.Reset()
	w.w.Reset(&w.buf)
	if err := write(w.w); err != nil {
		return nil, err
	}
	if err := w.w.Close(); err != nil {
		return nil, err
	}
	return bytes.Clone(w.buf.Bytes()), nil
}

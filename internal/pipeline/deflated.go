package pipeline

import (
	"bytes"
	"compress/flate"
	"io"
	"sync"
)

// deflated is a file made for a request as a session keeps it between
// requests and builds: compressed, since the pages read in a long preview
// add up (at 10,000 policies, the site is 206 MB as made, 43 MB
// deflated). Compressing a page at the fastest level takes a small part
// of the time making it took, and inflating it again for a request less.
type deflated []byte

// A deflater is a flate writer to reuse (it holds some 600 KB of tables)
// and the buffer it writes into.
type deflater struct {
	w   *flate.Writer
	buf bytes.Buffer
}

var deflaters = sync.Pool{New: func() any {
	d := &deflater{}
	d.w, _ = flate.NewWriter(&d.buf, flate.BestSpeed)
	return d
}}

// deflate compresses b.
func deflate(b []byte) deflated {
	d := deflaters.Get().(*deflater)
	defer deflaters.Put(d)
	d.buf.Reset()
	d.w.Reset(&d.buf)
	d.w.Write(b) // writes to a bytes.Buffer: no error
	d.w.Close()
	return bytes.Clone(d.buf.Bytes())
}

// inflate returns the file as it was made.
func (d deflated) inflate() ([]byte, error) {
	r := flate.NewReader(bytes.NewReader(d))
	defer r.Close()
	return io.ReadAll(r)
}

package pipeline

import (
	"bytes"
	"compress/flate"
	"io"

	"github.com/trustdocs/trustdocs/internal/deflate"
)

// deflated is a file made for a request as a session keeps it between
// requests and builds: compressed, since the pages read in a long preview
// add up (at 10,000 policies, the site is 206 MB as made, 43 MB
// deflated). Compressing a page at the fastest level takes a small part
// of the time making it took, and inflating it again for a request less.
type deflated []byte

var deflaters = deflate.NewPool(flate.BestSpeed)

// deflateFile compresses b.
func deflateFile(b []byte) deflated {
	d, _ := deflaters.Deflate(func(w io.Writer) error { _, err := w.Write(b); return err }) // into memory: no error
	return d
}

// inflate returns the file as it was made.
func (d deflated) inflate() ([]byte, error) {
	r := flate.NewReader(bytes.NewReader(d))
	defer r.Close()
	return io.ReadAll(r)
}

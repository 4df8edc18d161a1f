package deflate

import (
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
)

func TestDeflate(t *testing.T) {
	random := make([]byte, 1<<20)
	rand.NewChaCha8([32]byte{1}).Read(random)
	p := NewPool(flate.BestSpeed)
	for name, b := range map[string][]byte{
		"empty":  {},
		"page":   bytes.Repeat([]byte("<p>policy</p>\n"), 1000),
		"random": random, // does not compress: stored blocks
	} {
		for range 2 { // the second time with a writer from the pool
			d, err := p.Deflate(func(w io.Writer) error { _, err := w.Write(b); return err })
			if err != nil {
				t.Fatal(err)
			}
			if name == "page" && len(d) >= len(b)/10 {
				t.Errorf("%s: %d bytes deflated to %d: not compressed", name, len(b), len(d))
			}
			got, err := io.ReadAll(flate.NewReader(bytes.NewReader(d)))
			if err != nil || !bytes.Equal(got, b) {
				t.Errorf("%s: inflates to %d bytes (%v), want the %d deflated", name, len(got), err, len(b))
			}
		}
	}
	want := errors.New("cannot make the file")
	if _, err := p.Deflate(func(io.Writer) error { return want }); err != want {
		t.Errorf("a failing write gives %v, want its error", err)
	}
}

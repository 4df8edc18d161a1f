package pipeline

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

func TestDeflatedRoundTrip(t *testing.T) {
	random := make([]byte, 1<<20)
	r := rand.NewChaCha8([32]byte{1})
	r.Read(random)
	for name, b := range map[string][]byte{
		"empty":  {},
		"page":   []byte("<!doctype html><title>x</title><p>" + string(bytes.Repeat([]byte("policy "), 500)) + "</p>"),
		"random": random, // does not compress: stored blocks
	} {
		d := deflate(b)
		if name == "page" && len(d) >= len(b)/10 {
			t.Errorf("%s: %d bytes deflated to %d: not compressed", name, len(b), len(d))
		}
		got, err := d.inflate()
		if err != nil || !bytes.Equal(got, b) {
			t.Errorf("%s: inflate gives %d bytes, %v; want the %d bytes deflated", name, len(got), err, len(b))
		}
	}
}

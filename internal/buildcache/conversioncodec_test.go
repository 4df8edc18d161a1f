package buildcache

import (
	"crypto/sha256"
	"reflect"
	"testing"

	"github.com/trustdocs/trustdocs/internal/markdown"
)

// Every field of a conversion comes back as it went in: empty lists as
// none (what gob gave), odd bytes, negative and big numbers.
func TestConversionsCodecRoundTrip(t *testing.T) {
	cs := []conversion{
		{File: "content/policies/a.md", Body: sha256.Sum256([]byte("a")), Links: 1<<64 - 1,
			Res: markdown.Result{HTML: "<p>Tom's \"x\" & <y></p>\x00\xff",
				TOC:     []markdown.Heading{{Level: 2, ID: "scope", Text: "Scope"}, {Level: 3, ID: "", Text: "é"}},
				IDs:     []string{"scope", ""},
				Links:   []markdown.Link{{Dest: "b.md#x", Line: 3, Col: 0, Image: true}, {Dest: "", Line: -1, Col: 1 << 40}},
				RawHTML: []markdown.Raw{{Place: markdown.Place{Line: 9, Col: 2}, Tag: "<div>"}}}},
		{File: "", Res: markdown.Result{}},
		{File: "content/policies/c.md", Links: 7, Res: markdown.Result{HTML: "<p>c</p>"}},
	}
	b, err := encodeConversions(cs)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := decodeConversions(b)
	if !ok || !reflect.DeepEqual(got, cs) {
		t.Fatalf("decoded %+v, %v; want %+v", got, ok, cs)
	}
	// Cut anywhere, the chunk is refused (or, cut between two
	// conversions, gives the first ones only).
	for n := range len(b) {
		got, ok := decodeConversions(b[:n])
		if ok && len(got) > 0 && !reflect.DeepEqual(got, cs[:len(got)]) {
			t.Fatalf("cut at %d: decoded %+v", n, got)
		}
	}
}

func FuzzDecodeConversions(f *testing.F) {
	b, _ := encodeConversions([]conversion{{File: "a.md", Links: 3, Res: markdown.Result{HTML: "<p>x</p>",
		TOC: []markdown.Heading{{Level: 2, ID: "i", Text: "t"}}, Links: []markdown.Link{{Dest: "d", Line: 1}}}}})
	f.Add(b)
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, body []byte) {
		cs, ok := decodeConversions(body)
		if !ok {
			return
		}
		again, err := encodeConversions(cs)
		if err != nil {
			t.Fatal(err)
		}
		if back, ok := decodeConversions(again); !ok || !reflect.DeepEqual(back, cs) {
			t.Fatalf("decoded %+v, encoded again and decoded %+v", cs, back)
		}
	})
}

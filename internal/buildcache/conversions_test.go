package buildcache

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/trustdocs/trustdocs/internal/markdown"
)

// What one build keeps, the next is offered: for the same file, body and
// links key only, and only when the file's checksum is the one recorded.
func TestConversionsRoundTrip(t *testing.T) {
	c, _ := For(filepath.Join(t.TempDir(), "public"))
	res := func(i int) markdown.Result {
		return markdown.Result{HTML: "<p>body</p>", TOC: []markdown.Heading{{Level: 2, ID: "h", Text: "H"}},
			IDs: []string{"h"}, Links: []markdown.Link{{Dest: "b.md", Line: i, Col: 2}}}
	}
	first := c.Conversions(Sum{})
	if first == nil {
		t.Fatal("no conversions")
	}
	var wg sync.WaitGroup
	for i := range 50 { // from several goroutines, as render keeps them
		wg.Go(func() {
			first.Keep(filepath.Join("content", "policies", string(rune('a'+i%26))+string(rune('a'+i/26))+".md"), sha256.Sum256([]byte("body")), 7, res(i))
		})
	}
	wg.Wait()
	sum, err := first.Finish()
	if err != nil || sum == (Sum{}) {
		t.Fatalf("Finish: %v, %x", err, sum)
	}
	first.Abort() // after Finish: leaves the file in place

	second := c.Conversions(sum)
	defer second.Abort()
	file := filepath.Join("content", "policies", "ab.md") // i = 26
	for _, tc := range []struct {
		name  string
		file  string
		body  string
		links uint64
		ok    bool
	}{
		{"the same", file, "body", 7, true},
		{"another body", file, "body!", 7, false},
		{"other links", file, "body", 8, false},
		{"another file", "content/policies/zz.md", "body", 7, false},
	} {
		got, ok := second.Converted(tc.file, sha256.Sum256([]byte(tc.body)), tc.links)
		if ok != tc.ok || (ok && !reflect.DeepEqual(got, res(26))) {
			t.Errorf("%s: got %+v, %v", tc.name, got, ok)
		}
	}
	if _, ok := c.Conversions(Key("another build")).Converted(file, sha256.Sum256([]byte("body")), 7); ok {
		t.Error("conversions offered under another checksum")
	}

	// Altered: ignored.
	b, _ := os.ReadFile(c.conversionsFile())
	b[len(b)-3] ^= 1
	os.WriteFile(c.conversionsFile(), b, 0o644)
	third := c.Conversions(sum)
	defer third.Abort()
	if _, ok := third.Converted(file, sha256.Sum256([]byte("body")), 7); ok {
		t.Error("an altered file's conversions were offered")
	}
}

// A build that leaves no record leaves no file behind; a nil Conversions
// (the cache could not start one) keeps nothing and offers nothing.
func TestConversionsAbort(t *testing.T) {
	c, _ := For(filepath.Join(t.TempDir(), "public"))
	cv := c.Conversions(Sum{})
	cv.Keep("content/a.md", sha256.Sum256([]byte("x")), 1, markdown.Result{HTML: "<p>x</p>"})
	cv.Abort()
	if _, err := cv.Finish(); err == nil {
		t.Error("Finish after Abort succeeded")
	}
	entries, _ := os.ReadDir(c.Dir())
	for _, e := range entries {
		if e.Name() != ".gitignore" {
			t.Errorf("left in the cache: %s", e.Name())
		}
	}
	var none *Conversions
	none.Keep("content/a.md", sha256.Sum256([]byte("x")), 1, markdown.Result{})
	if _, ok := none.Converted("content/a.md", sha256.Sum256([]byte("x")), 1); ok {
		t.Error("a nil Conversions offered one")
	}
	if _, err := none.Finish(); err != nil {
		t.Error(err)
	}
	none.Abort()
}

// Over builds after edits, every conversion is offered as the build
// before made it, and a chunk whose conversions are all kept unchanged is
// carried to the next file as its bytes.
func TestConversionsCarried(t *testing.T) {
	c, _ := For(filepath.Join(t.TempDir(), "public"))
	const n = 2*chunkSize + 88
	file := func(i int) string { return fmt.Sprintf("content/policies/p%04d.md", i) }
	res := func(i int, body string) markdown.Result {
		return markdown.Result{HTML: template.HTML("<p>" + body + "</p>"), IDs: []string{fmt.Sprint("h", i)}}
	}
	bodies := make([]string, n)
	for i := range bodies {
		bodies[i] = fmt.Sprint("body ", i)
	}
	var sum Sum
	var frames []frame
	for gen, edit := range []int{-1, 3, 300, 3} {
		if edit >= 0 {
			bodies[edit] += " edited"
		}
		cv := c.Conversions(sum)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				h := sha256.Sum256([]byte(bodies[i]))
				got, ok := cv.Converted(file(i), h, 7)
				if want := gen > 0 && i != edit; ok != want || (ok && !reflect.DeepEqual(got, res(i, bodies[i]))) {
					t.Errorf("build %d, %s: offered %v, want %v (%v)", gen, file(i), ok, want, got.HTML)
				}
				cv.Keep(file(i), h, 7, res(i, bodies[i]))
			})
		}
		wg.Wait()
		var err error
		if sum, err = cv.Finish(); err != nil {
			t.Fatal(err)
		}
		now, ok := readFrames(c.conversionsFile(), conversionsFormat, sum)
		if !ok || len(now) != 3 {
			t.Fatalf("build %d: %d frames, %v", gen, len(now), ok)
		}
		if gen > 0 {
			// Two of the three chunks hold no edited file: their bytes
			// are the build before's.
			carried := 0
			for _, f := range now {
				for _, g := range frames {
					if f.sum == g.sum && bytes.Equal(f.body, g.body) {
						carried++
					}
				}
			}
			if carried != 2 {
				t.Errorf("build %d: %d chunks carried, want 2", gen, carried)
			}
		}
		frames = now
	}
}

// A frame whose bytes were altered is refused when decoded, and one whose
// sum was altered when read; the frames as written decode.
func TestFramesRefuseAlteredBytes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "frames")
	frames, ok := encodeChunks([]string{"a", "b", "c"})
	if !ok {
		t.Fatal("encoding failed")
	}
	sum, err := writeFrames(path, "test frames\n", frames)
	if err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(path)
	read := func(b []byte) (readOK, decodeOK bool, got []string) {
		os.WriteFile(path, b, 0o644)
		frs, ok := readFrames(path, "test frames\n", sum)
		if !ok {
			return false, false, nil
		}
		chunks, ok := decodeChunks[string](frs)
		if ok && len(chunks) == 1 {
			got = chunks[0]
		}
		return true, ok, got
	}
	if r, d, got := read(good); !r || !d || !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Fatalf("the frames as written: read %v, decoded %v: %q", r, d, got)
	}
	sumAt := len("test frames\n") + 1 // after the length's one byte
	// The last byte is the last string's ("c"): altered, it still
	// decodes, as another string.
	for name, at := range map[string]int{"a byte of the body": len(good) - 1, "a byte of the sum": sumAt + 3} {
		b := bytes.Clone(good)
		b[at] ^= 0x40
		if r, d, got := read(b); d {
			t.Errorf("%s altered: read %v, decoded %q", name, r, got)
		}
	}
}

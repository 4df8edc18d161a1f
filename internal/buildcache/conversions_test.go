package buildcache

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"reflect"
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

package load_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/load"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/synth"
)

// TestOnceLeavesTextOnDisk: a load for one build of a big site returns
// documents that hold no Markdown but read it again, byte for byte what a
// load that holds it gives (a byte-order mark and CRLF line ends too),
// and that refuse to read a file changed since; a small site's hold it,
// and give what was loaded.
func TestOnceLeavesTextOnDisk(t *testing.T) {
	for _, small := range []bool{false, true} {
		t.Run(map[bool]string{false: "big", true: "small"}[small], func(t *testing.T) {
			if !small {
				defer load.SetHoldFor(0)()
			}
			onceLeavesText(t, small)
		})
	}
}

func onceLeavesText(t *testing.T, small bool) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Policies: 6, Controls: 4}); err != nil {
		t.Fatal(err)
	}
	policies := filepath.Join(dir, "content", "policies")
	odd := filepath.Join(policies, "odd.md")
	write(t, odd, "\xef\xbb\xbf+++\r\ntitle = \"Odd\"\r\nowner = \"x\"\r\n+++\r\nFirst line.\r\n\r\n## Heading\r\nLast line.\r\n")

	held, err := new(load.Cache).Load(dir, nil, &diag.List{})
	if err != nil {
		t.Fatal(err)
	}
	once := load.Cache{Once: true}
	left, err := once.Load(dir, nil, &diag.List{})
	if err != nil {
		t.Fatal(err)
	}
	byFile := map[string]*model.Doc{}
	for _, d := range left.Policies {
		byFile[d.Pos.File] = d
	}
	if len(held.Policies) != 7 || len(left.Policies) != 7 {
		t.Fatalf("%d and %d policies, want 7", len(held.Policies), len(left.Policies))
	}
	for _, h := range held.Policies {
		d := byFile[h.Pos.File]
		if d == nil || d.Body != nil || d.Text == nil {
			t.Fatalf("%s: a load for one build holds its Markdown (%v)", h.Pos.File, d)
		}
		got, err := d.Text.Read()
		if err != nil || !bytes.Equal(got, h.Body) {
			t.Errorf("%s read again: %q, %v; want %q", h.Pos.File, got, err, h.Body)
		}
		if d.BodyLine != h.BodyLine || d.Title != h.Title {
			t.Errorf("%s: line %d title %q; want %d %q", h.Pos.File, d.BodyLine, d.Title, h.BodyLine, h.Title)
		}
	}
	if d := byFile["content/policies/odd.md"]; d == nil || !strings.HasPrefix(string(mustRead(t, d)), "First line.\n\n## Heading") {
		t.Errorf("odd.md: the byte-order mark and CRLF are not read as the load read them")
	}

	// Changed after the load, a document does not read what the build
	// did not check.
	b, _ := os.ReadFile(odd)
	write(t, odd, strings.Replace(string(b), "Last line.", "Last line, edited.", 1))
	got, err := byFile["content/policies/odd.md"].Text.Read()
	switch {
	case small && (err != nil || strings.Contains(string(got), "edited")):
		t.Errorf("odd.md edited since the load: %q, %v; want what was loaded", got, err)
	case !small && (err == nil || !strings.Contains(err.Error(), "changed while the site was being built")):
		t.Errorf("odd.md edited since the load: %v; want it refused", err)
	}
	os.Remove(odd)
	if _, err := byFile["content/policies/odd.md"].Text.Read(); (err == nil) != small {
		t.Errorf("odd.md removed since the load: %v", err)
	}
}

func mustRead(t *testing.T, d *model.Doc) []byte {
	t.Helper()
	b, err := d.Text.Read()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

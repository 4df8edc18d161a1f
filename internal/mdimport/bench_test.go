package mdimport

import (
	"fmt"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/model"
)

// corpus writes n documents shaped like a policy handbook: 20 folders,
// YAML front matter, ten headings, links to neighbours and an image.
func corpus(tb testing.TB, dir string, n int) {
	files := map[string]string{}
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Policy %d\nowner: CISO\nversion: \"1.%d\"\nlayout: page\n---\n\n", i, i%9)
		for h := range 10 {
			fmt.Fprintf(&b, "## Section %d\n\nText of the policy with a [link](../%02d-area/doc-%d.md#section-%d) and `code` and **bold** words, {{companyName}} placeholders.\n\n", h, (i+h)%20, (i+h)%n, h)
		}
		b.WriteString("![diagram](img/d.png)\n")
		files[fmt.Sprintf("%02d-area/doc-%d.md", i%20, i)] = b.String()
	}
	for f := range 20 {
		files[fmt.Sprintf("%02d-area/img/d.png", f)] = "PNG"
	}
	write(tb, dir, files)
}

// Importing 1,000 documents takes well under the 2 s the issue allows.
func BenchmarkImport1000(b *testing.B) {
	dir := b.TempDir()
	corpus(b, dir, 1000)
	b.ResetTimer()
	for b.Loop() {
		res, err := Import(dir, Options{Today: model.NewDate(2026, 12, 6)})
		if err != nil || res.Policies != 1000 {
			b.Fatal(err, res.Policies)
		}
	}
}

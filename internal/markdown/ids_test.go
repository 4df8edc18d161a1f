package markdown

import (
	"slices"
	"strings"
	"testing"
)

// Heading ids are GitHub's, so that links that work on GitHub work here;
// a heading's own {#id} wins; attributes but id and class are dropped.
func TestHeadingIDs(t *testing.T) {
	src := "# Travel mode {#travel .note onclick=\"alert(1)\" style=\"color:red\"}\n\n" +
		"## 旅行モード\n\n## Über uns\n\n## Access & roles\n\n## snake_case and 1.2 numbers\n\n" +
		"## Repeat\n\n## Repeat\n\n## repeat\n\n## Travel\n\n## !!!\n"
	res, err := New(false).Convert([]byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"travel", "旅行モード", "über-uns", "access--roles", "snake_case-and-12-numbers", "repeat", "repeat-1", "repeat-2", "travel-1", "heading"}
	if !slices.Equal(res.IDs, want) {
		t.Errorf("ids %q\nwant %q", res.IDs, want)
	}
	html := string(res.HTML)
	if !strings.Contains(html, `<h2 id="travel" class="note">Travel mode</h2>`) || strings.Contains(html, "onclick") || strings.Contains(html, "style=") {
		t.Errorf("heading attributes:\n%s", html)
	}
}

// GFM and its usual companions: definition lists among them.
func TestDefinitionLists(t *testing.T) {
	res, err := New(false).Convert([]byte("RPO\n: Recovery point objective\n"), nil)
	if err != nil || !strings.Contains(string(res.HTML), "<dl>\n<dt>RPO</dt>\n<dd>Recovery point objective</dd>\n</dl>") {
		t.Errorf("%v\n%s", err, res.HTML)
	}
}

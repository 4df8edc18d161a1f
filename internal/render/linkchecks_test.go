package render

import (
	"maps"
	"slices"
	"testing"

	"github.com/trustdocs/trustdocs/internal/diag"
)

// After edits of bodies, the links checked again are those of the
// documents edited and of those linking to a heading in one of them; all
// of them when the checks before counted problems they did not keep.
func TestRecheckFor(t *testing.T) {
	before := &linkChecks{
		diags: []diag.Diagnostic{{Pos: diag.Pos{File: "content/pages/faq.md", Line: 3}, Severity: diag.Warning, Message: "link"}},
		into: map[string]map[string]bool{
			"content/policies/a.md": {"content/policies/b.md": true, "content/pages/faq.md": true},
			"content/policies/c.md": {"content/policies/a.md": true},
		},
	}
	for _, c := range []struct {
		name    string
		before  *linkChecks
		changed []string
		want    []string // nil: everything
	}{
		{"no checks before", nil, []string{"content/policies/a.md"}, nil},
		{"a document linked into", before, []string{"content/policies/a.md"},
			[]string{"content/pages/faq.md", "content/policies/a.md", "content/policies/b.md"}},
		{"one nobody links into", before, []string{"content/policies/b.md"}, []string{"content/policies/b.md"}},
		{"problems counted, not kept", &linkChecks{diags: []diag.Diagnostic{diag.Counted(0, 3)}, into: before.into},
			[]string{"content/policies/b.md"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := recheckFor(c.before, c.changed)
			switch {
			case c.want == nil && got != nil:
				t.Errorf("checks %v again, want every link", slices.Sorted(maps.Keys(got.files)))
			case c.want != nil && got == nil:
				t.Errorf("checks every link again, want %v", c.want)
			case c.want != nil && !slices.Equal(slices.Sorted(maps.Keys(got.files)), c.want):
				t.Errorf("checks %v again, want %v", slices.Sorted(maps.Keys(got.files)), c.want)
			}
		})
	}
}

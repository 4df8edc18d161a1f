package resolve_test

import (
	"testing"

	"github.com/trustdocs/trustdocs/internal/model"
)

// A narrowed site holds only what its audience may see, leaves the loaded
// model whole, and refuses to be widened again.
func TestNarrow(t *testing.T) {
	policy := func(class string) string {
		return "+++\ntitle = \"T " + class + "\"\nsummary = \"S\"\nowner = \"O " + class + "\"\nversion = \"9\"\napproved = 2026-01-01\nclassification = \"" + class + "\"\ncontrols = [\"X-1\"]\n[[revision]]\nversion = \"9\"\ndate = 2026-01-01\nnote = \"N\"\n+++\nbody\n"
	}
	s, _ := resolveSite(t, map[string]string{
		"content/policies/pub.md":        policy("public"),
		"content/policies/restricted.md": policy("restricted"),
		"content/policies/internal.md":   policy("internal"),
		"content/controls/c.toml":        controlsFile([]string{"A.5.1"}, "implemented"),
	})
	if err := s.Narrow(model.AudiencePublic); err != nil {
		t.Fatal(err)
	}
	if len(s.Policies) != 2 {
		t.Fatalf("public: %d policies listed, want 2 (internal taken out)", len(s.Policies))
	}
	for _, p := range s.Policies {
		if p.Slug == "restricted" {
			if p.Owner != "" || p.Version != "" || p.Revisions != nil || p.Body != nil || p.Controls != nil || !p.Approved.IsZero() || p.Review != "" {
				t.Errorf("restricted policy in a public site keeps more than its listing: %+v", *p.Doc)
			}
			if p.Title != "T restricted" || p.Summary != "S" || p.Classification != model.Restricted {
				t.Errorf("restricted policy lost its listing: %+v", *p.Doc)
			}
		}
	}
	for _, d := range s.Site.Policies {
		if d.Slug == "restricted" && d.Owner == "" {
			t.Error("Narrow changed the loaded model")
		}
	}
	if len(s.Control("X-1").Policies) != 2 {
		t.Errorf("control lists %d policies, want 2", len(s.Control("X-1").Policies))
	}
	if err := s.Narrow(model.AudiencePublic); err != nil {
		t.Errorf("narrowing twice for one audience: %v", err)
	}
	if err := s.Narrow(model.AudienceNDA); err == nil {
		t.Error("a site narrowed for the public was widened to NDA")
	}
}

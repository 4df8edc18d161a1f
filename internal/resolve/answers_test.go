package resolve_test

import (
	"testing"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

// Answers link to their policies and controls; narrowed for the public,
// a restricted answer keeps its question only, an internal one goes, and
// no answer links to a policy the public may not list or to a draft.
func TestAnswersNarrowed(t *testing.T) {
	policy := func(class, extra string) string {
		return "+++\ntitle = \"T " + class + "\"\nowner = \"O\"\nversion = \"1\"\napproved = 2026-01-01\nclassification = \"" + class + "\"\n" + extra + "+++\nbody\n"
	}
	s, diags := resolveSite(t, map[string]string{
		"content/policies/pub.md":      policy("public", ""),
		"content/policies/internal.md": policy("internal", ""),
		"content/policies/draft.md":    policy("public", "draft = true\n"),
		"content/controls/c.toml":      controlsFile([]string{"A.5.1"}, "implemented"),
		"content/answers/a.toml": `[[answer]]
question = "Zebra question?"
answer = "Yes."
category = "Zeta"
policies = ["pub", "internal", "draft"]
controls = ["X-1"]

[[answer]]
question = "Restricted question?"
phrasings = ["secret phrasing"]
answer = "Secret answer."
category = "Alpha"
classification = "restricted"
controls = ["X-1"]

[[answer]]
question = "Internal question?"
answer = "Internal answer."
classification = "internal"
`,
	})
	for _, d := range diags {
		if d.Severity == diag.Error && d.Pos.File != "content/soa.toml" {
			t.Fatal(d)
		}
	}
	if got := len(s.Answers); got != 3 {
		t.Fatalf("%d answers, want 3", got)
	}
	if s.Answers[0].Category != "Alpha" || s.Answers[1].Category != "General" || s.Answers[2].Category != "Zeta" {
		t.Errorf("answers are not by category: %q %q %q", s.Answers[0].Category, s.Answers[1].Category, s.Answers[2].Category)
	}
	if z := s.Answers[2]; len(z.Policies) != 3 || len(z.Controls) != 1 {
		t.Errorf("resolved answer has %d policies and %d controls, want 3 and 1", len(z.Policies), len(z.Controls))
	}
	s.LeaveOutDrafts()
	if err := s.Narrow(model.AudiencePublic); err != nil {
		t.Fatal(err)
	}
	if len(s.Answers) != 2 {
		t.Fatalf("public: %d answers, want 2 (internal taken out)", len(s.Answers))
	}
	r := s.Answers[0]
	if r.Question != "Restricted question?" || r.Answer.Answer != "" || r.Phrasings != nil || r.Controls != nil {
		t.Errorf("a restricted answer keeps more than its question in a public site: %+v %+v", *r.Answer, r)
	}
	z := s.Answers[1]
	if len(z.Policies) != 1 || z.Policies[0].Slug != "pub" {
		t.Errorf("public answer links %d policies, want only pub", len(z.Policies))
	}
	if len(s.Site.Answers[1].Phrasings) != 1 {
		t.Error("Narrow changed the loaded model")
	}
}

package resolve

import (
	"cmp"
	"slices"
	"strings"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

// Answer is an answer of the library with the controls and policies it
// rests on: what a buyer reading it can follow up.
type Answer struct {
	*model.Answer
	Controls []*Control // in the order written
	Policies []*Policy  // in the order written
}

// AnswerGroup is one category of the answer library.
type AnswerGroup struct {
	Category string
	Answers  []*Answer
}

// AnswerGroups are the answers by category, categories by name, answers
// in the order their files (by name) write them: the author's order.
func (s *Site) AnswerGroups() []AnswerGroup {
	var out []AnswerGroup
	for _, a := range s.Answers {
		if n := len(out); n > 0 && out[n-1].Category == a.Category {
			out[n-1].Answers = append(out[n-1].Answers, a)
			continue
		}
		out = append(out, AnswerGroup{Category: a.Category, Answers: []*Answer{a}})
	}
	return out
}

// answers links every answer to its controls and policies, and reports
// ids used twice, questions asked twice and references to nothing.
func (r *resolver) answers() {
	ids := map[string]*model.Answer{}
	controlIDs := r.controlIDs()
	var slugs []string
	for _, p := range r.s.Policies {
		slugs = append(slugs, p.Slug)
	}
	for _, ma := range r.s.Site.Answers {
		if ma.ID == "" {
			continue // no question: reported by load
		}
		if prev := ids[ma.ID]; prev != nil {
			switch {
			case sameQuestion(ma.Question, prev.Question):
				r.diags.Errorf(ma.At("question"), "this question is also answered at %s; buyers get one answer, so merge the two", prev.At("question"))
			case ma.Has("id"):
				r.diags.Errorf(ma.At("id"), "answer id %q is also the id of the answer at %s; give each answer its own id", ma.ID, prev.AtFirst("id", "question"))
			default:
				r.diags.Errorf(ma.At("question"), "this question makes the id %q, which is also the id of the answer at %s; give one of them an id = \"…\"", ma.ID, prev.AtFirst("id", "question"))
			}
			continue
		}
		ids[ma.ID] = ma
		a := &Answer{Answer: ma}
		for _, ref := range ma.Controls {
			switch c := r.s.controls[ref.ID]; {
			case c != nil:
				a.Controls = append(a.Controls, c)
			case r.s.Site.Incomplete("content/controls/"):
			case r.s.policies[strings.ToLower(ref.ID)] != nil:
				r.diags.Errorf(ref.Pos, "controls: %q is a policy; list it in policies = [\"%s\"]", ref.ID, strings.ToLower(ref.ID))
			default:
				r.diags.Errorf(ref.Pos, "controls: no control has id %q%s", ref.ID, diag.DidYouMean(ref.ID, controlIDs))
			}
		}
		for _, ref := range ma.Policies {
			switch p := r.s.policies[ref.ID]; {
			case p != nil:
				a.Policies = append(a.Policies, p)
			case r.s.Site.Incomplete("content/policies/"):
			case r.s.controls[ref.ID] != nil:
				r.diags.Errorf(ref.Pos, "policies: %q is a control; list it in controls = [%q]", ref.ID, ref.ID)
			default:
				r.diags.Errorf(ref.Pos, "policies: no policy has slug %q (a policy's slug is its file name without .md)%s", ref.ID, diag.DidYouMean(ref.ID, slugs))
			}
		}
		r.s.Answers = append(r.s.Answers, a)
	}
	slices.SortStableFunc(r.s.Answers, func(a, b *Answer) int {
		return cmp.Compare(strings.ToLower(a.Category), strings.ToLower(b.Category))
	})
}

// sameQuestion reports whether two questions are the same but for case
// and spacing.
func sameQuestion(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

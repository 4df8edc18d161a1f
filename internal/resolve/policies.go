package resolve

import (
	"cmp"
	"slices"
	"strings"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

// Policy is a policy with its controls and review status.
type Policy struct {
	*model.Doc
	Controls   []*Control
	NextReview model.Date
	Review     string // ReviewCurrent, ReviewDue or ReviewOverdue
}

// Policy returns the policy with the given slug, or nil.
func (s *Site) Policy(slug string) *Policy { return s.policies[slug] }

func (r *resolver) policies() {
	for _, d := range r.s.Site.Policies {
		if prev := r.s.policies[d.Slug]; prev != nil {
			r.diags.Errorf(d.Pos, "policy slug %q is also used by %s; rename one of the files", d.Slug, prev.Pos.File)
			continue
		}
		p := &Policy{Doc: d, NextReview: NextReview(d)}
		if !d.Draft { // a draft is reviewed once approved
			p.Review = ReviewStatus(p.NextReview, r.s.AsOf)
		}
		r.s.policies[d.Slug] = p
		r.s.Policies = append(r.s.Policies, p)
		r.policyDates(p)
	}
	sortPolicies(r.s.Policies)
	r.sections()
	ids := r.controlIDs()
	for _, p := range r.s.Policies {
		seen := map[string]bool{}
		for _, ref := range p.Doc.Controls {
			c := r.s.controls[ref.ID]
			switch {
			case c == nil && r.s.policies[strings.ToLower(ref.ID)] != nil:
				r.diags.Errorf(ref.Pos, "controls: %q is a policy, not a control; list the ids of [[control]] tables in content/controls/%s",
					ref.ID, diag.DidYouMean(ref.ID, ids))
			case c == nil && r.s.Site.Incomplete("content/controls/"):
				// defined, perhaps, in the controls file that could not be read
			case c == nil:
				r.diags.Errorf(ref.Pos, "controls: no control has id %q%s", ref.ID, diag.DidYouMean(ref.ID, ids))
			case seen[ref.ID]:
				r.diags.Warnf(ref.Pos, "controls: %q is listed twice", ref.ID)
			default:
				seen[ref.ID] = true
				p.Controls = append(p.Controls, c)
				c.Policies = append(c.Policies, p)
			}
		}
		slices.SortFunc(p.Controls, func(a, b *Control) int { return naturalCompare(a.ID, b.ID) })
	}
}

func (r *resolver) policyDates(p *Policy) {
	if !p.Effective.IsZero() && !p.Approved.IsZero() && p.Effective.Before(p.Approved) {
		r.diags.Errorf(p.At("effective"), "effective (%s) is before approved (%s); a policy takes effect on or after its approval", p.Effective, p.Approved)
	}
	if !p.Doc.NextReview.IsZero() && !p.Approved.IsZero() && !p.Doc.NextReview.After(p.Approved) {
		r.diags.Errorf(p.At("next_review"), "next_review (%s) must be after approved (%s)", p.Doc.NextReview, p.Approved)
	}
	for _, rev := range p.Revisions {
		if !rev.Date.IsZero() && !p.Approved.IsZero() && rev.Date.After(p.Approved) && rev.Version == p.Version {
			r.diags.Errorf(rev.At("date"), "revision %s is dated %s, after the policy's approval on %s; approve the version you publish", rev.Version, rev.Date, p.Approved)
		}
	}
}

func (r *resolver) pages() {
	seen := map[string]*model.Doc{}
	for _, d := range r.s.Site.Pages {
		if prev := seen[d.Slug]; prev != nil {
			r.diags.Errorf(d.Pos, "page slug %q is also used by %s; rename one of the files", d.Slug, prev.Pos.File)
			continue
		}
		seen[d.Slug] = d
		r.s.Pages = append(r.s.Pages, d)
	}
	slices.SortFunc(r.s.Pages, func(a, b *model.Doc) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)), cmp.Compare(a.Slug, b.Slug))
	})
}

// LeaveOutDrafts takes the draft policies, pages and answers out of the site, as
// build and pack do unless told to publish drafts, and keeps them in
// Drafts. Everything was resolved and checked with them: a control that
// only a draft implements is not reported as implemented by no policy.
func (s *Site) LeaveOutDrafts() {
	for _, p := range s.Policies {
		if p.Draft {
			s.Drafts = append(s.Drafts, p.Doc)
			delete(s.policies, p.Slug)
		}
	}
	for _, d := range s.Pages {
		if d.Draft {
			s.Drafts = append(s.Drafts, d)
		}
	}
	isDraft := func(p *Policy) bool { return p.Draft }
	s.Policies = slices.DeleteFunc(s.Policies, isDraft)
	s.Pages = slices.DeleteFunc(s.Pages, func(d *model.Doc) bool { return d.Draft })
	for _, c := range s.Controls {
		c.Policies = slices.DeleteFunc(c.Policies, isDraft)
	}
	n := len(s.Answers)
	s.Answers = slices.DeleteFunc(s.Answers, func(a *Answer) bool { return a.Draft })
	s.DraftAnswers = n - len(s.Answers)
	for _, a := range s.Answers {
		a.Policies = slices.DeleteFunc(a.Policies, isDraft)
	}
	s.Changes = slices.DeleteFunc(s.Changes, func(c Change) bool { return c.Policy != nil && c.Policy.Draft })
}

package resolve

import (
	"fmt"
	"slices"

	"github.com/trustdocs/trustdocs/internal/model"
)

// Narrow leaves in the site only what audience a may see, so that no
// template — built-in or a site's own — can print more: it is the one
// place that decides which fields of a record an audience reads.
//
//   - internal records are taken out of every list;
//   - a policy or page the audience may not read keeps its slug, title,
//     summary and classification (what a listing shows), nothing else;
//   - a certification the audience may not read in full keeps its status
//     and dates, but not its audits' notes (they describe nonconformities);
//     its certificate file, like a report's, is withheld by render.
//
// Narrow replaces records, never the model's values: the loaded files stay
// whole for the next build (serve keeps them between edits). Audiences
// nest (the public sees less than NDA), so a site narrowed for one
// audience cannot be rendered for a wider one: that is an error.
func (s *Site) Narrow(a model.Audience) error {
	if s.narrowed != "" {
		if s.narrowed != a && a.Renders(model.Restricted) {
			return fmt.Errorf("the site was narrowed for the %s audience; resolve it again to render it for %s", s.narrowed, a)
		}
		if s.narrowed == a {
			return nil
		}
	}
	s.narrowed = a
	hidden := func(p *Policy) bool { return !a.Lists(p.Classification) }
	s.Policies = slices.DeleteFunc(slices.Clone(s.Policies), hidden)
	for _, p := range s.Policies {
		if !a.Renders(p.Classification) {
			p.Doc = listing(p.Doc)
			p.Controls, p.NextReview, p.Review = nil, model.Date{}, ""
		}
	}
	for slug, p := range s.policies {
		if hidden(p) {
			delete(s.policies, slug)
		}
	}
	pages := s.Pages[:0:0]
	for _, d := range s.Pages {
		switch {
		case !a.Lists(d.Classification):
		case !a.Renders(d.Classification):
			pages = append(pages, listing(d))
		default:
			pages = append(pages, d)
		}
	}
	s.Pages = pages
	for _, c := range s.Controls {
		c.Policies = slices.DeleteFunc(slices.Clone(c.Policies), hidden)
	}
	s.narrowAnswers(a, hidden)
	s.Changes = slices.DeleteFunc(slices.Clone(s.Changes), func(c Change) bool {
		return !a.Renders(c.Classification) || (c.Policy != nil && hidden(c.Policy))
	})

	certHidden := func(c *Certification) bool { return !a.Lists(c.Classification) }
	reportHidden := func(r *Attestation) bool { return !a.Lists(r.Classification) }
	s.Certifications = slices.DeleteFunc(slices.Clone(s.Certifications), certHidden)
	s.Attestations = slices.DeleteFunc(slices.Clone(s.Attestations), reportHidden)
	for _, f := range s.Frameworks {
		f.Certs = slices.DeleteFunc(slices.Clone(f.Certs), certHidden)
		f.Reports = slices.DeleteFunc(slices.Clone(f.Reports), reportHidden)
	}
	for _, c := range s.Certifications {
		if !a.Renders(c.Classification) {
			mc := *c.Certification
			mc.Audits = slices.Clone(mc.Audits)
			for i := range mc.Audits {
				mc.Audits[i].Note = ""
			}
			c.Certification = &mc
		}
	}
	return nil
}

// listing is what a listing may show of a document: who may not read it
// sees its title and summary, and that it is restricted.
func listing(d *model.Doc) *model.Doc {
	return &model.Doc{Origin: d.Origin, Kind: d.Kind, Slug: d.Slug, Section: d.Section, Weight: d.Weight, Title: d.Title,
		Summary: d.Summary, Classification: d.Classification, Draft: d.Draft}
}

// narrowAnswers takes internal answers out, keeps of an answer the
// audience may not read its question and category (what a listing
// shows), and unlinks the policies the audience does not see.
func (s *Site) narrowAnswers(a model.Audience, hidden func(*Policy) bool) {
	answers := s.Answers[:0:0]
	for _, an := range s.Answers {
		switch {
		case !a.Lists(an.Classification):
			continue
		case !a.Renders(an.Classification):
			an = &Answer{Answer: &model.Answer{Origin: an.Origin, ID: an.ID, Question: an.Question,
				Category: an.Category, Classification: an.Classification}}
		default:
			c := *an
			c.Policies = slices.DeleteFunc(slices.Clone(an.Policies), hidden)
			an = &c
		}
		answers = append(answers, an)
	}
	s.Answers = answers
}

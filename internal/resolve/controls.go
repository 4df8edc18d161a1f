package resolve

import (
	"slices"
	"strings"

	"github.com/trustdocs/trustdocs/internal/model"
)

// Control is a control with the policies that implement it and the
// requirements it meets.
type Control struct {
	*model.Control
	Policies []*Policy
	Mappings []Mapped
}

// Control returns the control with the given id, or nil.
func (s *Site) Control(id string) *Control { return s.controls[id] }

func (r *resolver) controls() {
	for _, mc := range r.s.Site.Controls {
		if mc.ID == "" {
			continue
		}
		if prev := r.s.controls[mc.ID]; prev != nil {
			r.diags.Errorf(mc.At("id"), "control id %q is already used at %s; give each control its own id", mc.ID, prev.At("id"))
			continue
		}
		c := &Control{Control: mc}
		r.s.controls[mc.ID] = c
		r.s.Controls = append(r.s.Controls, c)
	}
	slices.SortFunc(r.s.Controls, func(a, b *Control) int { return naturalCompare(a.ID, b.ID) })
}

func (r *resolver) controlIDs() []string {
	ids := make([]string, len(r.s.Controls))
	for i, c := range r.s.Controls {
		ids[i] = c.ID
	}
	return ids
}

// warnings reports what is valid but worth a look.
func (r *resolver) warnings() {
	for _, c := range r.s.Controls {
		if len(c.Policies) == 0 && !r.s.Site.Incomplete("content/policies/") {
			r.diags.Warnf(c.At("id"), "control %s is implemented by no policy; add %q to the controls list of the policy that covers it", c.ID, c.ID)
		}
	}
	for _, p := range r.s.Policies {
		if len(p.Doc.Controls) == 0 && p.Classification != model.Internal {
			r.diags.Warnf(p.Pos, "policy %q implements no control; list the controls it covers in front matter: controls = [\"…\"]", p.Slug)
		}
		switch p.Review {
		case ReviewOverdue:
			r.diags.Warnf(p.AtFirst("next_review", "approved"), "policy %q was due for review on %s; review it, then update approved, version and [[revision]]", p.Slug, p.NextReview)
		case ReviewDue:
			r.diags.Warnf(p.AtFirst("next_review", "approved"), "policy %q is due for review on %s; review it, then update approved, version and [[revision]]", p.Slug, p.NextReview)
		}
	}
	for _, c := range r.s.Certifications {
		switch c.Status {
		case Expired:
			if c.stated.IsZero() { // else edition's warning says why
				r.diags.Warnf(c.AtFirst("expires", "issued"), "%s certificate expired on %s; record the recertification: the new issued date, and its audits", c.Framework.Title(), c.Expires)
			}
		case Expiring:
			// Warned about until the recertification audit is booked: a
			// warning nobody can act on would stop strict checks, and so
			// the daily rebuild that keeps the page true, for 90 days.
			if a := c.nextAudit(r.s.AsOf); c.stated.IsZero() && (a == nil || a.Kind != "recertification") {
				r.diags.Warnf(c.AtFirst("expires", "issued"), "%s certificate expires on %s and no recertification audit is booked; record it as [[certification.audit]] kind = \"recertification\", result = \"scheduled\"", c.Framework.Title(), c.Expires)
			}
		case SurveillanceOverdue:
			for _, y := range c.Surveillance {
				if y.Overdue(r.s.AsOf) {
					r.diags.Warnf(c.Pos, "%s certificate: the year-%d surveillance audit was due by %s and none has passed, so it reads \"surveillance overdue\"; record the audit as [[certification.audit]] kind = \"surveillance\" with its date and result", c.Framework.Title(), y.Year, y.Due)
					break
				}
			}
		}
	}
	for _, a := range r.s.Attestations {
		switch a.Status {
		case Expiring:
			if !a.followed() { // warned about until the next audit is under way
				r.diags.Warnf(a.AtFirst("period_end", "point_in_time"), "%s report stops being current after %s and no next report is under way; record it as an [[attestation]] with its period (a bridge letter covers the time after the period, but does not keep a report current)", a.Framework.Title(), a.CurrentUntil)
			}
		case Stale:
			r.diags.Warnf(a.AtFirst("period_end", "point_in_time"), "%s report has been stale since %s, 12 months %s; buyers expect a newer report", a.Framework.Title(), a.CurrentUntil.AddDays(1), a.rule)
		}
	}
	for _, f := range r.s.Frameworks {
		if len(f.Reports) == 0 || len(f.Categories) == 0 {
			continue
		}
		var unmet []*Requirement
		for _, req := range f.Requirements {
			if req.InScope && len(req.Controls) == 0 && !r.s.Site.Incomplete("content/controls/") {
				unmet = append(unmet, req)
			}
		}
		if len(unmet) > maxNotAddressed { // one message, so that the rest is not lost below them
			ids := make([]string, len(unmet))
			for i, req := range unmet {
				ids[i] = req.ID
			}
			r.diags.Warnf(f.Reports[0].Pos, "%d %s criteria in scope of the report are met by no control: %s; map controls to them", len(unmet), f.Title(), strings.Join(ids, ", "))
			continue
		}
		for _, req := range unmet {
			r.diags.Warnf(f.Reports[0].Pos, "%s %s (%s) is in scope of the report but no control meets it; map a control to it", f.Title(), req.ID, req.Title)
		}
	}
}

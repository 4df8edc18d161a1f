// Package resolve turns a loaded model.Site into the linked graph pages are
// rendered from: ids become pointers both ways (policy ↔ control ↔
// requirement), the Statement of Applicability is decided for every Annex A
// control, and every status is computed as of one date. Every broken
// reference and SoA rule is reported with its position.
package resolve

import (
	"cmp"
	"regexp"
	"slices"
	"strings"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

// Site is a resolved site.
type Site struct {
	*model.Site
	AsOf model.Date

	Policies       []*Policy    // sorted by title
	Pages          []*model.Doc // sorted by title
	Controls       []*Control   // sorted by id
	Frameworks     []*Framework
	Certifications []*Certification
	Attestations   []*Attestation
	SoA            []*SoARow // every Annex A control, in catalog order
	Changes        []Change  // newest first
	// Drafts are the draft policies and pages LeaveOutDrafts took out:
	// checked like the others, published by no page.
	Drafts []*model.Doc

	policies   map[string]*Policy
	controls   map[string]*Control
	frameworks map[string]*Framework
	narrowed   model.Audience // set by Narrow
}

// Policy is a policy with its controls and review status.
type Policy struct {
	*model.Doc
	Controls   []*Control
	NextReview model.Date
	Review     string // ReviewCurrent, ReviewDue or ReviewOverdue
}

// Control is a control with the policies that implement it and the
// requirements it meets.
type Control struct {
	*model.Control
	Policies []*Policy
	Mappings []Mapped
}

// Mapped is a control's requirements in one framework.
type Mapped struct {
	Framework    *Framework
	Requirements []*Requirement
}

// Framework is a catalog with its coverage.
type Framework struct {
	*model.Framework
	Requirements []*Requirement
	Groups       []*Group
	InScope      []model.Category // categories in scope of its reports; all when it has none
	// Pursued is set when the site claims the framework: one of its own
	// (content/frameworks/), or a built-in that a control maps to or a
	// certification or report is of. Only pursued frameworks get pages.
	Pursued bool
	Certs   []*Certification
	Reports []*Attestation
	reqs    map[string]*Requirement
}

// Group is a framework group with its requirements.
type Group struct {
	model.Group
	Requirements []*Requirement
}

// Requirement is a requirement with the controls that meet it.
type Requirement struct {
	*model.Requirement
	Framework *Framework
	Depth     int // 0 for top-level clauses, 1 for 4.1, 2 for 6.1.3
	Controls  []*Control
	Status    model.ControlStatus // rolled up from Controls
	SoA       *SoARow             // for Annex A controls
	InScope   bool                // its category is in scope (always true without categories)
	Heading   bool                // it has requirements under it (ISO 27001's 9.2), which count instead
}

// Requirement returns the framework's requirement with the given id, or nil.
func (f *Framework) Requirement(id string) *Requirement { return f.reqs[id] }

// Change is one dated event for the home page and the feed.
type Change struct {
	Date           model.Date
	Title          string
	Summary        string
	Policy         *Policy // set for policy revisions
	Classification model.Classification
}

// Policy returns the policy with the given slug, or nil.
func (s *Site) Policy(slug string) *Policy { return s.policies[slug] }

// Control returns the control with the given id, or nil.
func (s *Site) Control(id string) *Control { return s.controls[id] }

// Framework returns the framework with the given id, or nil.
func (s *Site) Framework(id string) *Framework { return s.frameworks[id] }

// Resolve links and checks m as of the date asOf.
func Resolve(m *model.Site, asOf model.Date, diags *diag.List) *Site {
	s := &Site{Site: m, AsOf: asOf,
		policies: map[string]*Policy{}, controls: map[string]*Control{}, frameworks: map[string]*Framework{}}
	r := &resolver{s: s, diags: diags}
	r.frameworks()
	r.controls()
	r.policies()
	r.pages()
	r.mappings()
	r.certifications()
	r.attestations()
	r.pursued()
	r.soa()
	r.scope()
	r.changes()
	r.warnings()
	r.securityTxt()
	return s
}

type resolver struct {
	s     *Site
	diags *diag.List
}

func (r *resolver) frameworks() {
	for _, mf := range r.s.Site.Frameworks {
		f := &Framework{Framework: mf, reqs: map[string]*Requirement{}}
		groups := map[string]*Group{}
		for _, g := range mf.Groups {
			gr := &Group{Group: g}
			groups[g.ID] = gr
			f.Groups = append(f.Groups, gr)
		}
		for _, mr := range mf.Requirements {
			req := &Requirement{Requirement: mr, Framework: f, InScope: true}
			for p := mf.Requirement(mr.Parent); p != nil && req.Depth < 8; p = mf.Requirement(p.Parent) {
				req.Depth++
			}
			f.Requirements = append(f.Requirements, req)
			f.reqs[mr.ID] = req
			if g := groups[mr.Group]; g != nil {
				g.Requirements = append(g.Requirements, req)
			}
		}
		for _, req := range f.Requirements {
			if p := f.reqs[req.Parent]; p != nil {
				p.Heading = true
			}
		}
		r.s.Frameworks = append(r.s.Frameworks, f)
		r.s.frameworks[f.ID] = f
	}
}

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
	sortByTitle(r.s.Policies)
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

// mappings links each control to the requirements it names.
func (r *resolver) mappings() {
	for _, c := range r.s.Controls {
		for _, m := range c.Control.Mappings {
			f := r.s.frameworks[m.Framework.ID]
			if f == nil {
				continue // reported by load
			}
			mapped := Mapped{Framework: f}
			for _, ref := range m.Refs {
				req := f.reqs[ref.ID]
				if req == nil {
					r.diags.Errorf(ref.Pos, "%s: %q is not a requirement of %s%s", m.Framework.ID, ref.ID, f.Name, r.suggestReq(f, ref.ID))
					continue
				}
				if slices.Contains(mapped.Requirements, req) {
					r.diags.Warnf(ref.Pos, "%s: %q is listed twice", m.Framework.ID, ref.ID)
					continue
				}
				if req.Heading {
					r.diags.Warnf(ref.Pos, "%s: %q%s", m.Framework.ID, ref.ID, f.headingHint(req))
				}
				mapped.Requirements = append(mapped.Requirements, req)
				req.Controls = append(req.Controls, c)
			}
			c.Mappings = append(c.Mappings, mapped)
		}
	}
	for _, f := range r.s.Frameworks {
		for _, req := range f.Requirements {
			req.Status = Rollup(req.Controls)
		}
	}
}

// suggestReq adds a "did you mean" for an unknown requirement id, and
// explains the Annex A prefix when a clause-like id was meant for Annex A.
func (r *resolver) suggestReq(f *Framework, id string) string {
	ids := make([]string, len(f.Requirements))
	for i, q := range f.Requirements {
		ids[i] = q.ID
	}
	if f.reqs["A."+id] != nil {
		return ` (Annex A controls are written with "A.": did you mean "A.` + id + `"?)`
	}
	if f.ID == "iso27001" && annex2013RE.MatchString(id) {
		return annex2013Hint
	}
	return diag.DidYouMean(id, ids)
}

// Annex A of ISO/IEC 27001:2013 numbered 114 controls A.5.1.1 to
// A.18.2.3; people still copy those ids from old spreadsheets.
var annex2013RE = regexp.MustCompile(`^A\.(\d+\.\d+\.\d+|(9|1[0-8])\.\d+)$`)

const annex2013Hint = "; it is ISO/IEC 27001:2013 numbering: the 2022 edition's Annex A has 93 controls, A.5.1–A.5.37, A.6.1–A.6.8, A.7.1–A.7.14 and A.8.1–A.8.34; use the 2022 control that replaced it"

// framework resolves a record's framework reference.
func (r *resolver) framework(ref model.Ref) *Framework {
	if ref.ID == "" {
		return nil
	}
	f := r.s.frameworks[ref.ID]
	if f == nil {
		ids := make([]string, len(r.s.Frameworks))
		for i, f := range r.s.Frameworks {
			ids[i] = f.ID
		}
		r.diags.Errorf(ref.Pos, "framework %q is not loaded; built-in frameworks are %s, and a site adds its own in content/frameworks/%s",
			ref.ID, strings.Join(ids, ", "), diag.DidYouMean(ref.ID, ids))
	}
	return f
}

// asset checks that a file named by a record exists under content/.
func (r *resolver) asset(path string, at diag.Pos, what string) {
	if path == "" {
		return
	}
	if _, ok := r.s.Assets["content/"+strings.TrimPrefix(path, "/")]; !ok {
		r.diags.Errorf(at, "%s file %q does not exist; paths are relative to content/, e.g. \"files/report.pdf\" for content/files/report.pdf", what, path)
	}
}

// LeaveOutDrafts takes the draft policies and pages out of the site, as
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
	s.Changes = slices.DeleteFunc(s.Changes, func(c Change) bool { return c.Policy != nil && c.Policy.Draft })
}

// pursued marks the frameworks the site claims.
func (r *resolver) pursued() {
	for _, f := range r.s.Frameworks {
		f.Pursued = !f.BuiltIn || len(f.Certs) > 0 || len(f.Reports) > 0
		for _, q := range f.Requirements {
			f.Pursued = f.Pursued || len(q.Controls) > 0
		}
	}
}

// Pursued returns the frameworks the site claims, in catalog order.
func (s *Site) Pursued() []*Framework {
	var out []*Framework
	for _, f := range s.Frameworks {
		if f.Pursued {
			out = append(out, f)
		}
	}
	return out
}

// scope works out which categories are in scope for each framework: those
// of its reports plus the required ones, or all when it has no reports.
func (r *resolver) scope() {
	for _, f := range r.s.Frameworks {
		if len(f.Categories) == 0 {
			continue
		}
		in := map[string]bool{}
		for _, c := range f.Categories {
			if c.Required || len(f.Reports) == 0 {
				in[c.ID] = true
			}
		}
		for _, a := range f.Reports {
			for _, c := range a.Categories {
				in[c.ID] = true
			}
		}
		for _, c := range f.Categories {
			if in[c.ID] {
				f.InScope = append(f.InScope, c)
			}
		}
		for _, req := range f.Requirements {
			req.InScope = req.Category == "" || in[req.Category]
		}
	}
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

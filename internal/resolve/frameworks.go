package resolve

import (
	"regexp"
	"slices"
	"strings"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

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

	index int // its place in Framework.Requirements
}

// Requirement returns the framework's requirement with the given id, or nil.
func (f *Framework) Requirement(id string) *Requirement { return f.reqs[id] }

// Framework returns the framework with the given id, or nil.
func (s *Site) Framework(id string) *Framework { return s.frameworks[id] }

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
			req := &Requirement{Requirement: mr, Framework: f, InScope: true, index: len(f.Requirements)}
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

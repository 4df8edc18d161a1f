package resolve

import (
	"fmt"
	"slices"
	"strings"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

// SoARow is the Statement of Applicability decision for one Annex A control.
type SoARow struct {
	*Requirement
	Theme         *Group
	Applicable    bool
	Reasons       []string
	Justification string
	Note          string
	Entry         *model.SoAEntry // nil when soa.toml is silent
}

// Policies returns the policies that implement the row's controls.
func (row *SoARow) Policies() []*Policy {
	var out []*Policy
	for _, c := range row.Controls {
		for _, p := range c.Policies {
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	slices.SortFunc(out, func(a, b *Policy) int { return strings.Compare(a.Title, b.Title) })
	return out
}

// soa decides every requirement in a framework's SoA groups (ISO 27001's
// Annex A) under the rules of SPEC §2.4.
func (r *resolver) soa() {
	file := "content/soa.toml"
	entries := map[string]*model.SoAEntry{}
	var soaFrameworks []*Framework
	for _, f := range r.s.Frameworks {
		for _, g := range f.Groups {
			if g.SoA {
				soaFrameworks = append(soaFrameworks, f)
				break
			}
		}
	}
	var annexIDs []string
	for _, f := range soaFrameworks {
		for _, g := range f.Groups {
			if g.SoA {
				for _, q := range g.Requirements {
					annexIDs = append(annexIDs, q.ID)
				}
			}
		}
	}
	for _, e := range r.s.Site.SoA {
		file = e.Pos.File
		if !slices.Contains(annexIDs, e.ID) {
			hint := diag.DidYouMean(e.ID, annexIDs)
			if slices.Contains(annexIDs, "A."+e.ID) {
				hint = fmt.Sprintf(` (Annex A controls are written with "A.": did you mean "A.%s"?)`, e.ID)
			} else if annex2013RE.MatchString(e.ID) {
				hint = annex2013Hint
			}
			r.diags.Errorf(e.Pos, "%q is not an Annex A control%s", e.ID, hint)
			continue
		}
		entries[e.ID] = e
	}
	for _, f := range soaFrameworks {
		for _, g := range f.Groups {
			if !g.SoA {
				continue
			}
			for _, req := range g.Requirements {
				row := &SoARow{Requirement: req, Theme: g, Entry: entries[req.ID]}
				r.decide(row, file)
				req.SoA = row
				r.s.SoA = append(r.s.SoA, row)
			}
		}
	}
}

func (r *resolver) decide(row *SoARow, file string) {
	name := fmt.Sprintf("%s %s", row.ID, row.Title)
	mapped := len(row.Controls) > 0
	// Without every control file and soa.toml, "not addressed" may be false.
	complete := !r.s.Site.Incomplete("content/controls/") && !r.s.Site.Unread["content/soa.toml"]
	e := row.Entry
	if e != nil {
		row.Reasons, row.Note, row.Justification = e.Reasons, e.Note, e.Justification
	}
	switch {
	case e != nil && e.Unreadable:
		row.Applicable = mapped // its own error says what is wrong
	case e == nil || e.Applicable == nil:
		row.Applicable = mapped
		if !mapped && complete {
			at := diag.Pos{File: file}
			if e != nil {
				at = e.Pos
			}
			r.diags.Errorf(at, "%s is not addressed: map a control to it (iso27001 = [%q]) or exclude it in soa.toml with [annex_a.%q] applicable = false and a justification", name, row.ID, row.ID)
		}
	case *e.Applicable:
		row.Applicable = true
		if !mapped && complete {
			r.diags.Errorf(e.At("applicable"), "%s is applicable but no control maps to it; add %q to a control's iso27001 list, or exclude it with a justification", name, row.ID)
		}
	default:
		row.Applicable = false
		if row.Justification == "" {
			r.diags.Errorf(e.At("applicable"), "%s is excluded without a justification; add justification = \"…\" saying why it does not apply (auditors reject a bare N/A)", name)
		}
		if mapped {
			ids := make([]string, len(row.Controls))
			for i, c := range row.Controls {
				ids[i] = c.ID
			}
			r.diags.Errorf(e.At("applicable"), "%s is excluded but mapped by %s; remove %q from those controls or make it applicable", name, strings.Join(ids, ", "), row.ID)
		}
	}
	if row.Applicable && row.Justification != "" && e != nil && e.Applicable != nil && *e.Applicable {
		r.diags.Warnf(e.At("justification"), "%s is applicable; justification is for exclusions (use note for remarks)", name)
	}
	if !row.Applicable {
		row.Status = ""
	}
}

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
// Annex A) under the rules of SPEC §2.4. The rules are enforced only for a
// framework the site claims: a site that does not pursue ISO 27001 needs
// no Statement of Applicability.
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
		var silent []*SoARow // neither mapped nor in soa.toml
		total := 0
		for _, g := range f.Groups {
			if !g.SoA {
				continue
			}
			for _, req := range g.Requirements {
				row := &SoARow{Requirement: req, Theme: g, Entry: entries[req.ID]}
				decide(row)
				if f.Pursued && r.check(row) {
					silent = append(silent, row)
				}
				req.SoA = row
				r.s.SoA = append(r.s.SoA, row)
				total++
			}
		}
		if f.Pursued {
			r.notAddressed(silent, total, file)
		} else if len(entries) > 0 {
			r.diags.Warnf(diag.Pos{File: file}, "the site claims no %s (no certification of it, no control mapped to it), so this Statement of Applicability is not published; map controls to Annex A or record the certification, or delete the file", f.Title())
		}
	}
}

// notAddressed reports the Annex A controls that no control maps and
// soa.toml does not mention: one by one when they are few, in one message
// when they are many (a new site, or a missing soa.toml), so that the
// other problems are not lost below them.
func (r *resolver) notAddressed(rows []*SoARow, total int, file string) {
	at := diag.Pos{File: file}
	if len(rows) == total && total > 0 {
		r.diags.Errorf(at, "none of the %d Annex A controls is addressed yet: map your controls to them (iso27001 = [\"A.5.1\", …] in content/controls/*.toml) and exclude the ones that do not apply in content/soa.toml, with a justification each", total)
		return
	}
	if len(rows) <= maxNotAddressed {
		for _, row := range rows {
			r.diags.Errorf(at, "%s %s is not addressed: map a control to it (iso27001 = [%q]) or exclude it in soa.toml with [annex_a.%q] applicable = false and a justification", row.ID, row.Title, row.ID, row.ID)
		}
		return
	}
	ids := make([]string, len(rows))
	for i, row := range rows {
		ids[i] = row.ID
	}
	r.diags.Errorf(at, "%d Annex A controls are not addressed: %s; map a control to each (iso27001 = [\"A.5.1\", …]) or exclude it in soa.toml with [annex_a.\"A.7.4\"] applicable = false and a justification",
		len(rows), strings.Join(ids, ", "))
}

// maxNotAddressed is how many unaddressed controls get a message each.
const maxNotAddressed = 10

// decide applies soa.toml's decision, or the default, to a row: an Annex
// A control is applicable if soa.toml says so or, when it is silent, if a
// control maps to it.
func decide(row *SoARow) {
	e := row.Entry
	row.Applicable = len(row.Controls) > 0
	if e != nil {
		row.Reasons, row.Note, row.Justification = e.Reasons, e.Note, e.Justification
		if e.Applicable != nil && !e.Unreadable {
			row.Applicable = *e.Applicable
		}
	}
	if !row.Applicable {
		row.Status = ""
	}
}

// check reports what is wrong with a row's decision, except that a row
// neither mapped nor in soa.toml is returned true for the caller to report.
func (r *resolver) check(row *SoARow) (silent bool) {
	name := fmt.Sprintf("%s %s", row.ID, row.Title)
	mapped := len(row.Controls) > 0
	// Without every control file and soa.toml, "not addressed" may be false.
	complete := !r.s.Site.Incomplete("content/controls/") && !r.s.Site.Unread["content/soa.toml"]
	e := row.Entry
	switch {
	case e != nil && e.Unreadable: // its own error says what is wrong
	case e == nil || e.Applicable == nil:
		switch {
		case mapped || !complete:
		case e == nil:
			silent = true
		default:
			r.diags.Errorf(e.Pos, "%s is not addressed: say applicable = false with a justification, or map a control to it (iso27001 = [%q])", name, row.ID)
		}
	case *e.Applicable:
		if !mapped && complete {
			r.diags.Errorf(e.At("applicable"), "%s is applicable but no control maps to it; add %q to a control's iso27001 list, or exclude it with a justification", name, row.ID)
		}
		if row.Justification != "" {
			r.diags.Warnf(e.At("justification"), "%s is applicable; justification is for exclusions (use note for remarks)", name)
		}
	default:
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
	return silent
}

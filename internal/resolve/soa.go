package resolve

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

// SoARow is the Statement of Applicability decision for one Annex A control.
type SoARow struct {
	*Requirement
	Theme         *Group
	Applicable    bool
	Reasons       []string // why it is included: its own, or soa.toml's default_reasons
	ByDefault     bool     // Reasons are the default
	Justification string   // why it is excluded
	Note          string
	Entry         *model.SoAEntry // nil when soa.toml is silent
}

// HasSoA reports whether the framework's requirements need Statement of
// Applicability decisions (ISO 27001's Annex A).
func (f *Framework) HasSoA() bool {
	for _, g := range f.Groups {
		if g.SoA {
			return true
		}
	}
	return false
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
				decide(row, r.s.SoADoc)
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
			r.soaDocument(f, file)
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
func decide(row *SoARow, doc *model.SoADoc) {
	e := row.Entry
	row.Applicable = len(row.Controls) > 0
	if e != nil {
		row.Reasons, row.Note, row.Justification = e.Reasons, e.Note, e.Justification
		if e.Applicable != nil && !e.Unreadable {
			row.Applicable = *e.Applicable
		}
	}
	if !row.Applicable {
		row.Status, row.Reasons = "", nil
	} else if len(row.Reasons) == 0 && doc != nil && len(doc.DefaultReasons) > 0 {
		row.Reasons, row.ByDefault = doc.DefaultReasons, true
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
		} else if why := Vacuous(row.Justification); why != "" {
			r.diags.Errorf(e.At("justification"), "%s: the justification %q %s; an auditor expects why the control does not apply, following from your scope and risk assessment, e.g. \"No company-operated premises: staff work remotely and production runs at our cloud provider, whose data-centre controls we assure through A.5.19–A.5.22\"", name, row.Justification, why)
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

// soaDocument checks the Statement of Applicability as a document: why each
// applicable control is included (ISO/IEC 27001 6.1.3 d)), its approval
// once a certificate rests on it, and the versions certificates cite.
func (r *resolver) soaDocument(f *Framework, file string) {
	doc := r.s.SoADoc
	var bare int
	for _, row := range r.s.SoA {
		if row.Framework == f && row.Applicable && len(row.Reasons) == 0 {
			bare++
		}
	}
	if bare > 0 {
		at := diag.Pos{File: file}
		if doc != nil {
			at = doc.Pos
		}
		r.diags.Warnf(at, "%s give no justification for inclusion, which ISO/IEC 27001 6.1.3 d) asks the Statement of Applicability for; add reasons = [\"risk\", …] to their [annex_a.\"…\"] entries, or default_reasons = [\"risk\"] at the top of soa.toml for every one that names none (reasons: %s)",
			diag.Plural(bare, "applicable Annex A control"), strings.Join(model.SoAReasons, ", "))
	}
	var certified bool
	for _, c := range f.Certs {
		certified = certified || !c.Issued.IsZero() && !c.Issued.After(r.s.AsOf)
		if c.SoAVersion == "" {
			continue
		}
		switch {
		case doc == nil:
			r.diags.Errorf(c.At("soa_version"), "soa_version = %q, but there is no content/soa.toml to have that version; add the Statement of Applicability with version = %q", c.SoAVersion, c.SoAVersion)
		case !slices.Contains(doc.Versions(), c.SoAVersion):
			r.diags.Errorf(c.At("soa_version"), "soa_version = %q is not a version of the Statement of Applicability (it has %s)%s; write the version the certificate cites, and record it in soa.toml's version or [[revision]]",
				c.SoAVersion, quoted(doc.Versions()), diag.DidYouMean(c.SoAVersion, doc.Versions()))
		}
	}
	if doc == nil {
		return
	}
	var missing []string
	for _, k := range []struct {
		key   string
		empty bool
	}{{"version", doc.Version == ""}, {"approved", doc.Approved.IsZero()}, {"approved_by", doc.ApprovedBy == ""}} {
		if k.empty {
			missing = append(missing, k.key)
		}
	}
	if certified && len(missing) > 0 {
		r.diags.Warnf(doc.Pos, "the Statement of Applicability that a certificate rests on lacks %s; it is controlled documented information (ISO/IEC 27001 7.5.3): record its version, and when and by whom it was approved", andList(missing))
	}
	if !doc.Approved.IsZero() && doc.Approved.After(r.s.AsOf) {
		r.diags.Warnf(doc.At("approved"), "approved (%s) is after %s, the date statuses are computed for", doc.Approved, r.s.AsOf)
	}
	for _, rev := range doc.Revisions {
		if !rev.Date.IsZero() && !doc.Approved.IsZero() && rev.Date.After(doc.Approved) && rev.Version == doc.Version {
			r.diags.Errorf(rev.At("date"), "revision %s is dated %s, after the SoA's approval on %s; approve the version you publish", rev.Version, rev.Date, doc.Approved)
		}
	}
}

// andList joins words as a sentence does: "a", "a and b", "a, b and c".
func andList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// quoted lists strings in quotes: "1", "2".
func quoted(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	if len(q) == 0 {
		return "no version"
	}
	return strings.Join(q, ", ")
}

// vacuousWords are justifications that say nothing, as people write them.
var vacuousWords = []string{"n/a", "na", "n.a", "none", "nil", "null", "no", "not applicable", "not relevant", "not needed",
	"not required", "irrelevant", "excluded", "out of scope", "not in scope", "see above", "as above", "same as above", "tbd", "tba", "todo"}

// Vacuous says how an exclusion's justification says nothing, or "" when
// it may say something: a placeholder ("N/A", "none", "-", "not
// applicable"), a TODO, or too few words to say why.
func Vacuous(j string) string {
	norm := strings.ToLower(strings.Trim(strings.TrimSpace(j), ".!?:;,-–—()[]'\" "))
	switch {
	case norm == "" || slices.Contains(vacuousWords, norm):
		return "says nothing"
	case todoRE.MatchString(j):
		return "is a placeholder"
	case len(strings.Fields(j)) < 4:
		return "is too short to say why"
	}
	return ""
}

// todoRE finds a placeholder left to write.
var todoRE = regexp.MustCompile(`\b(TODO|TBD|FIXME|XXX)\b`)

package resolve

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/trustdocs/trustdocs/internal/model"
)

// The status of a certificate as of a date D, by the practice of
// certification bodies:
//
//   - ISO/IEC 17021-1:2015 §9.1.3: a three-year certification cycle that
//     starts with the certification decision; §9.6.2.2: surveillance at
//     least once a year in the cycle's years 1 and 2, the first no later
//     than 12 months after the decision, and recertification in year 3.
//   - IAF MD 26 (transition to ISO/IEC 27001:2022): certificates to
//     ISO/IEC 27001:2013 ceased to be valid at the end of 31 October 2025.
//
// Precedence, first that applies: suspended or withdrawn (set by the
// certification body), in progress (no certificate yet), not yet valid
// (issued after D), expired, surveillance overdue, expiring, certified. A
// missed surveillance audit is therefore never hidden behind "expiring".

// SurveillanceYear is one year of a certification cycle that needs a
// surveillance audit: year k opens at cycle start + (k−1)×12 months and its
// audit is due by cycle start + k×12 months.
type SurveillanceYear struct {
	Year  int
	Opens model.Date // the year starts the day after
	Due   model.Date // its audit is due on or before this day
	// Passed is the audit that counts for this year, or nil: the first
	// passed surveillance audit dated after Opens and not later than the
	// status date that no earlier year counts. Each audit counts for one
	// year only, so two audits in year 1 do not make up for year 2, and a
	// late audit makes up for the year it was late for.
	Passed *model.Audit
	// Failed are the failed surveillance audits dated in the year.
	Failed []*model.Audit
}

// Overdue reports whether the year's audit is missing as of d.
func (y SurveillanceYear) Overdue(d model.Date) bool { return y.Passed == nil && d.After(y.Due) }

// Editions of ISO/IEC 27001 that certificates name.
const (
	Edition2013 = "2013"
	Edition2022 = "2022"
)

// iso2013End is the last day ISO/IEC 27001:2013 certificates were valid
// (IAF MD 26, Issue 2: the transition ended on 31 October 2025).
var iso2013End = model.NewDate(2025, 10, 31)

// editionRE finds "27001" and the year after it, however it is written:
// "ISO/IEC 27001:2013", "ISO 27001 2013", "ISO27001-2022", and the European
// adoptions "EN ISO/IEC 27001:2017" (the 2013 text) and ":2023" (the 2022).
var editionRE = regexp.MustCompile(`(?:^|[^0-9])27001\s*(?:[:/_.\-–]\s*|\s+)((?:19|20)\d\d)(?:[^0-9]|$)`)

// Edition27001 returns the edition of ISO/IEC 27001 that a certificate's
// standard names, "" when it names none.
func Edition27001(standard string) string {
	m := editionRE.FindStringSubmatch(standard)
	if m == nil {
		return ""
	}
	switch m[1] {
	case "2013", "2017": // EN ISO/IEC 27001:2017 is the European adoption of the 2013 text
		return Edition2013
	case "2022", "2023": // EN ISO/IEC 27001:2023, of the 2022 text
		return Edition2022
	}
	return m[1]
}

// cycle fills in what a certification's status is computed from: the
// start of its cycle, its expiry (as written, or the cycle start plus the
// framework's validity minus a day; for ISO/IEC 27001:2013, never later
// than 31 October 2025) and, for frameworks with surveillance, the years
// that need an audit.
func (c *Certification) cycle(validityMonths int, surveillance bool, d model.Date) {
	c.Start = c.CycleStart
	if c.Start.IsZero() {
		c.Start = c.Issued
	}
	c.Expires = c.Certification.Expires
	if c.Expires.IsZero() && !c.Start.IsZero() {
		if validityMonths <= 0 {
			validityMonths = 36
		}
		c.Expires = c.Start.AddMonths(validityMonths).AddDays(-1)
	}
	if c.Edition == Edition2013 && !c.Expires.IsZero() && c.Expires.After(iso2013End) {
		c.stated, c.Expires = c.Expires, iso2013End
	}
	if !surveillance || c.Start.IsZero() || c.Expires.IsZero() {
		return
	}
	var passed []*model.Audit
	for i := range c.Audits {
		a := &c.Audits[i]
		if a.Kind == "surveillance" && a.Result == "passed" && a.Date.After(c.Start) && !a.Date.After(d) {
			passed = append(passed, a)
		}
	}
	slices.SortStableFunc(passed, func(a, b *model.Audit) int { return a.Date.Compare(b.Date) })
	// Every year before the last needs a surveillance audit; the last has
	// the recertification audit instead.
	for k := 1; c.Start.AddMonths(12 * k).Before(c.Expires); k++ {
		y := SurveillanceYear{Year: k, Opens: c.Start.AddMonths(12 * (k - 1)), Due: c.Start.AddMonths(12 * k)}
		for i, a := range passed {
			if a.Date.After(y.Opens) {
				y.Passed = a
				passed = slices.Delete(passed, i, i+1)
				break
			}
		}
		for i := range c.Audits {
			a := &c.Audits[i]
			if a.Kind == "surveillance" && a.Result == "failed" && a.Date.After(y.Opens) && !a.Date.After(y.Due) && !a.Date.After(d) {
				y.Failed = append(y.Failed, a)
			}
		}
		c.Surveillance = append(c.Surveillance, y)
	}
}

// status sets the certification's status as of d and says why.
func (c *Certification) status(d model.Date) {
	c.Status, c.Why = c.statusWhy(d)
}

func (c *Certification) statusWhy(d model.Date) (string, string) {
	switch {
	case c.Certification.Status == Suspended:
		return Suspended, "The certification body has suspended this certificate: it is not valid until the suspension is lifted."
	case c.Certification.Status == Withdrawn:
		return Withdrawn, "The certification body has withdrawn this certificate: it is no longer valid."
	case c.Issued.IsZero():
		why := "No certificate has been issued yet."
		if a := c.nextAudit(d); a != nil {
			why += fmt.Sprintf(" The %s audit is scheduled for %s.", auditName(a.Kind), a.Date.Long())
		}
		return InProgress, why
	case c.Issued.After(d):
		return NotYetValid, fmt.Sprintf("The certificate is dated %s, after %s, the date of these statuses: it is not valid yet.", c.Issued.Long(), d.Long())
	case d.After(c.Expires):
		if !c.stated.IsZero() {
			return Expired, fmt.Sprintf("ISO/IEC 27001:2013 certificates ceased to be valid on %s, at the end of the transition to ISO/IEC 27001:2022 (IAF MD 26), whatever their stated expiry (%s).", iso2013End.Long(), c.stated.Long())
		}
		return Expired, fmt.Sprintf("The certificate expired on %s.", c.Expires.Long())
	}
	for _, y := range c.Surveillance {
		if y.Overdue(d) {
			why := fmt.Sprintf("The year-%d surveillance audit was due by %s; none has passed.", y.Year, y.Due.Long())
			for _, f := range y.Failed {
				why += fmt.Sprintf(" The audit of %s failed", f.Date.Long())
				if f.Note != "" {
					why += ": " + strings.TrimSuffix(f.Note, ".")
				}
				why += "."
			}
			return SurveillanceOverdue, why
		}
	}
	if days := d.DaysUntil(c.Expires); days <= certExpiringDays {
		var why string
		if !c.stated.IsZero() {
			why = fmt.Sprintf("ISO/IEC 27001:2013 certificates cease to be valid on %s (IAF MD 26), %s: the transition to ISO/IEC 27001:2022 must be complete by then.", iso2013End.Long(), inDays(days))
		} else {
			why = fmt.Sprintf("The certificate expires on %s, %s.", c.Expires.Long(), inDays(days))
		}
		if a := c.nextAudit(d); a != nil && a.Kind == "recertification" {
			why += fmt.Sprintf(" The recertification audit is scheduled for %s.", a.Date.Long())
		}
		return Expiring, why
	}
	why := fmt.Sprintf("Valid until %s.", c.Expires.Long())
	var last, next *SurveillanceYear
	for i := range c.Surveillance {
		y := &c.Surveillance[i]
		if y.Passed != nil {
			last = y
		} else if next == nil {
			next = y
		}
	}
	if last != nil {
		why += fmt.Sprintf(" The year-%d surveillance audit passed on %s.", last.Year, last.Passed.Date.Long())
	}
	if next != nil {
		why += fmt.Sprintf(" The year-%d surveillance audit is due by %s.", next.Year, next.Due.Long())
	}
	return Certified, why
}

// nextAudit is the first audit scheduled on or after d, or nil.
func (c *Certification) nextAudit(d model.Date) *model.Audit {
	var next *model.Audit
	for i := range c.Audits {
		a := &c.Audits[i]
		if a.Result == "scheduled" && !a.Date.Before(d) && (next == nil || a.Date.Before(next.Date)) {
			next = a
		}
	}
	return next
}

// inDays says how far away a day is: "today", "tomorrow", "in 12 days".
func inDays(n int) string {
	switch n {
	case 0:
		return "today"
	case 1:
		return "tomorrow"
	}
	return fmt.Sprintf("in %d days", n)
}

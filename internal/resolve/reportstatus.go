package resolve

import (
	"fmt"

	"github.com/trustdocs/trustdocs/internal/model"
)

// The status of an attestation report (SOC 2) as of a date D. A report
// does not expire (AICPA AT-C 205 sets no validity); by market convention
// buyers accept one for 12 months after the end of the period it covers (a
// Type I report: its as-of date), or, on sites that say so, after its
// issue date. A bridge letter is management's statement about the months
// after the period; it extends what is covered, never the report's
// currency.
//
// Precedence, first that applies: in progress (not issued as of D: no
// issue date, an issue date after D, or a period still running),
// superseded (a newer report of the framework is issued), adverse opinion
// or disclaimer of opinion (never current), current, expiring (the last 60
// days of currency), stale. A qualified opinion is current, and marked.

// Report statuses that only reports have.
const (
	Superseded = "superseded"
	Adverse    = "adverse opinion"
	Disclaimer = "disclaimer of opinion"
)

// status sets the report's status as of d and says why; supersession is
// decided first, across the framework's reports.
func (a *Attestation) status(d model.Date, from string) {
	end := a.CoverageEnd()
	if !a.Issued.IsZero() && !end.IsZero() {
		a.CurrentFrom, a.rule = end, "after the end of the period it covers"
		if a.Type == "I" {
			a.rule = "after the date its opinion is as of"
		}
		if from == model.FromIssued {
			a.CurrentFrom, a.rule = a.Issued, "after its issue date"
		}
		a.CurrentUntil = a.CurrentFrom.AddMonths(reportCurrentMonth)
		a.CoveredThrough = end
		if b := a.Bridge; b != nil && !b.Issued.IsZero() && !b.Issued.After(d) && b.CoversThrough.After(end) {
			a.CoveredThrough = b.CoversThrough
		}
	}
	a.Qualified = a.Opinion == "qualified"
	a.Status, a.Why = a.statusWhy(d)
	if a.Type == "I" && a.Status != InProgress {
		a.Why += " A Type I report is an opinion on the design of controls at one point in time, not on how they operated over a period."
	}
}

func (a *Attestation) statusWhy(d model.Date) (string, string) {
	end := a.CoverageEnd()
	switch {
	case a.Issued.IsZero() || end.IsZero():
		if a.Type == "II" && !a.PeriodStart.IsZero() && !a.PeriodEnd.IsZero() {
			return InProgress, fmt.Sprintf("The period under audit runs from %s to %s; the report is not issued yet.", a.PeriodStart.Long(), a.PeriodEnd.Long())
		}
		return InProgress, "The audit is under way; the report is not issued yet."
	case a.Issued.After(d) || d.Before(end):
		return InProgress, fmt.Sprintf("The report is dated %s, after %s, the date of these statuses: it is not issued yet.", a.Issued.Long(), d.Long())
	case a.SupersededBy != nil:
		return Superseded, fmt.Sprintf("Superseded by the %s.", a.SupersededBy.Name())
	case a.Opinion == "adverse":
		return Adverse, "The auditor's opinion is adverse: the controls did not meet the criteria. A report with an adverse opinion is never current."
	case a.Opinion == "disclaimer":
		return Disclaimer, "The auditor disclaimed an opinion: the report gives no assurance. It is never current."
	}
	why := fmt.Sprintf("A report is current for 12 months %s (%s).", a.rule, a.CurrentFrom.Long())
	if a.CoveredThrough.After(end) {
		why += fmt.Sprintf(" A bridge letter from management covers the time after the period through %s.", a.CoveredThrough.Long())
	}
	if a.Qualified {
		why += " The auditor's opinion is qualified: the report describes exceptions."
	}
	days := d.DaysUntil(a.CurrentUntil)
	switch {
	case days < 0:
		return Stale, fmt.Sprintf("Stale since %s. ", a.CurrentUntil.AddDays(1).Long()) + why
	case days <= reportExpiringDays:
		return Expiring, fmt.Sprintf("Current until %s, %s. ", a.CurrentUntil.Long(), inDays(days)) + why
	}
	return Current, fmt.Sprintf("Current until %s. ", a.CurrentUntil.Long()) + why
}

// Name names the report for people: "SOC 2 Type II report for 1 July 2025 –
// 30 June 2026", "SOC 2 Type I report as of 31 March 2026".
func (a *Attestation) Name() string {
	name := "report"
	if a.Framework != nil {
		name = a.Framework.Title() + " Type " + a.Type + " report"
	}
	switch {
	case a.Type == "II" && !a.PeriodStart.IsZero() && !a.PeriodEnd.IsZero():
		return fmt.Sprintf("%s for %s – %s", name, a.PeriodStart.Long(), a.PeriodEnd.Long())
	case a.Type == "I" && !a.PointInTime.IsZero():
		return fmt.Sprintf("%s as of %s", name, a.PointInTime.Long())
	}
	return name
}

// Label is the status as a badge shows it: a qualified opinion is marked
// on a current report, so that it never reads as a plain "current".
func (a *Attestation) Label() string {
	if a.Qualified && (a.Status == Current || a.Status == Expiring) {
		return a.Status + ", qualified opinion"
	}
	return a.Status
}

// followed reports whether a later report of the same framework is
// recorded, issued or under way.
func (a *Attestation) followed() bool {
	if a.Framework == nil {
		return false
	}
	end := a.CoverageEnd()
	for _, b := range a.Framework.Reports {
		if b != a && (b.PeriodStart.After(end) || b.PointInTime.After(end)) {
			return true
		}
	}
	return false
}

// supersede finds, among reports, the one that replaces a: the next newer
// report that supersedes it, or none.
func (a *Attestation) supersede(reports []*Attestation, d model.Date) {
	for _, b := range reports {
		if b.supersedes(a, d) && (a.SupersededBy == nil || b.CoverageEnd().Before(a.SupersededBy.CoverageEnd())) {
			a.SupersededBy = b
		}
	}
}

// supersedes reports whether the issued report a replaces the older
// report b of the same framework: its coverage ends later, and it is a
// Type II or b is a Type I (a Type I does not replace a Type II).
func (a *Attestation) supersedes(b *Attestation, d model.Date) bool {
	if a == b || a.Framework != b.Framework || a.Issued.IsZero() || a.Issued.After(d) {
		return false
	}
	ae, be := a.CoverageEnd(), b.CoverageEnd()
	return !ae.IsZero() && !be.IsZero() && ae.After(be) && (a.Type == "II" || b.Type == "I")
}

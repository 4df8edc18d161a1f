package resolve

import (
	"github.com/trustdocs/trustdocs/internal/model"
)

// Status names shown on pages. They are also the CSS class suffixes of the
// status badges, so keep them to words and spaces.
const (
	InProgress          = "in progress"
	NotYetValid         = "not yet valid"
	Certified           = "certified"
	Expiring            = "expiring"
	Expired             = "expired"
	SurveillanceOverdue = "surveillance overdue"
	Suspended           = "suspended"
	Withdrawn           = "withdrawn"
	Current             = "current"
	Stale               = "stale"

	ReviewCurrent = "current"
	ReviewDue     = "due"
	ReviewOverdue = "overdue"
)

// Windows before an end date in which a record counts as expiring.
const (
	certExpiringDays   = 90
	reportExpiringDays = 60
	reviewDueDays      = 30
	reportCurrentMonth = 12 // a report is current for 12 months after its coverage ends
)

// NextReview is when a policy is next due for review: as written, or its
// approval date (without one, with [build] git_dates, its last change)
// plus its review period.
func NextReview(p *model.Doc) model.Date {
	base := p.Approved
	if base.IsZero() {
		base = p.LastChange // [build] git_dates: reviewed from its last change
	}
	if !p.NextReview.IsZero() || base.IsZero() {
		return p.NextReview
	}
	return base.AddMonths(p.ReviewMonths)
}

// ReviewStatus says whether a policy's review is current, due within 30
// days, or overdue as of d.
func ReviewStatus(next, d model.Date) string {
	switch {
	case next.IsZero():
		return ReviewCurrent
	case d.After(next):
		return ReviewOverdue
	case d.DaysUntil(next) <= reviewDueDays:
		return ReviewDue
	}
	return ReviewCurrent
}

// Rollup derives the implementation status of a requirement from the
// controls that map to it: all implemented → implemented; any implemented
// or partial → partial; otherwise planned. No controls → "".
func Rollup(controls []*Control) model.ControlStatus {
	if len(controls) == 0 {
		return ""
	}
	implemented, started := 0, 0
	for _, c := range controls {
		switch c.Status {
		case model.Implemented:
			implemented++
			started++
		case model.Partial:
			started++
		}
	}
	switch {
	case implemented == len(controls):
		return model.Implemented
	case started > 0:
		return model.Partial
	}
	return model.Planned
}

// StatusRule is one status of the legend: what a badge says, for which
// records, and the rule in a sentence.
type StatusRule struct {
	Record string // "certification" or "report"
	Status string // as the badge shows it
	Rule   string
}

// Legend lists every status a certification or report can have, with its
// rule; from says what a report's currency counts from.
func Legend(from string) []StatusRule {
	current := "Issued, and no more than 12 months have passed since the end of the period it covers (a Type I report: its as-of date)."
	if from == model.FromIssued {
		current = "Issued, and no more than 12 months have passed since its issue date."
	}
	return []StatusRule{
		{"certification", InProgress, "No certificate has been issued yet; the audits booked are listed."},
		{"certification", NotYetValid, "The certificate is dated after the date of these statuses."},
		{"certification", Certified, "Valid, and every yearly surveillance audit due so far has passed."},
		{"certification", SurveillanceOverdue, "A surveillance audit was due (12 or 24 months after the certification decision) and none has passed: ISO/IEC 17021-1 asks one in each of the cycle's first two years."},
		{"certification", Expiring, "Valid, and it expires within 90 days."},
		{"certification", Expired, "Past its expiry date; ISO/IEC 27001:2013 certificates ceased to be valid on 31 October 2025."},
		{"certification", Suspended, "Suspended by the certification body: not valid until the suspension is lifted."},
		{"certification", Withdrawn, "Withdrawn by the certification body."},
		{"report", InProgress, "The period under audit is still running, or the report is not issued yet."},
		{"report", Current, current},
		{"report", Current + ", qualified opinion", "Current, but the auditor's opinion is qualified: the report describes exceptions."},
		{"report", Expiring, "Current, for 60 days or fewer more."},
		{"report", Stale, "Issued, but more than 12 months have passed by that count; a bridge letter extends what is covered, never the report's currency."},
		{"report", Superseded, "A newer report of the same framework replaces it; it is kept as history."},
		{"report", Adverse, "The auditor found that the controls did not meet the criteria: never current."},
		{"report", Disclaimer, "The auditor gave no opinion: never current."},
	}
}

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
	Bridged             = "bridged"
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

// ReportCurrentUntil is the last day a report counts as current: its
// coverage end plus 12 months.
func ReportCurrentUntil(a *model.Attestation) model.Date {
	return a.CoverageEnd().AddMonths(reportCurrentMonth)
}

// AttestationStatus is an attestation report's status as of d (SPEC §2.5).
func AttestationStatus(a *model.Attestation, d model.Date) string {
	if a.Issued.IsZero() || a.CoverageEnd().IsZero() {
		return InProgress
	}
	until := ReportCurrentUntil(a)
	switch {
	case !d.After(until) && d.DaysUntil(until) <= reportExpiringDays:
		return Expiring
	case !d.After(until):
		return Current
	case a.Bridge != nil && !a.Bridge.Issued.After(d) && !d.After(a.Bridge.CoversThrough):
		return Bridged
	}
	return Stale
}

// NextReview is when a policy is next due for review: as written, or its
// approval date plus its review period.
func NextReview(p *model.Doc) model.Date {
	if !p.NextReview.IsZero() || p.Approved.IsZero() {
		return p.NextReview
	}
	return p.Approved.AddMonths(p.ReviewMonths)
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

package resolve

import (
	"slices"
	"strings"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

// Attestation is an attestation report with its status as of the build date.
type Attestation struct {
	*model.Attestation
	Framework    *Framework
	CurrentUntil model.Date
	Status       string
}

func (r *resolver) attestations() {
	for _, ma := range r.s.Site.Attestations {
		f := r.framework(ma.Framework)
		a := &Attestation{Attestation: ma, Framework: f}
		if f != nil {
			f.Reports = append(f.Reports, a)
			r.categories(f, ma)
		}
		r.attestationDates(ma)
		if !a.CoverageEnd().IsZero() {
			a.CurrentUntil = ReportCurrentUntil(ma)
		}
		a.Status = AttestationStatus(ma, r.s.AsOf)
		r.asset(ma.Report, ma.At("report"), "report")
		if ma.Bridge != nil {
			r.asset(ma.Bridge.File, ma.Bridge.At("file"), "bridge letter")
		}
		r.s.Attestations = append(r.s.Attestations, a)
	}
}

func (r *resolver) categories(f *Framework, a *model.Attestation) {
	var ids []string
	for _, c := range f.Categories {
		ids = append(ids, c.ID)
	}
	for _, c := range a.Categories {
		if !slices.Contains(ids, c.ID) {
			r.diags.Errorf(c.Pos, "categories: %q is not a category of %s; use %s%s", c.ID, f.Name, strings.Join(ids, ", "), diag.DidYouMean(c.ID, ids))
		}
	}
}

func (r *resolver) attestationDates(a *model.Attestation) {
	switch a.Type {
	case "II":
		if a.PeriodStart.IsZero() || a.PeriodEnd.IsZero() {
			if !a.Issued.IsZero() {
				r.diags.Errorf(a.Pos, "a Type II report covers a period: add period_start and period_end")
			}
			break
		}
		if !a.PointInTime.IsZero() {
			r.diags.Errorf(a.At("point_in_time"), "point_in_time is for Type I reports; a Type II report has period_start and period_end")
		}
		if !a.PeriodEnd.After(a.PeriodStart) {
			r.diags.Errorf(a.At("period_end"), "period_end (%s) must be after period_start (%s)", a.PeriodEnd, a.PeriodStart)
			break
		}
		if a.PeriodEnd.After(a.PeriodStart.AddMonths(12).AddDays(-1)) {
			r.diags.Errorf(a.At("period_end"), "the Type II period %s to %s is longer than 12 months; a report covers at most 12 months, so split it into two reports", a.PeriodStart, a.PeriodEnd)
		} else if a.PeriodEnd.Before(a.PeriodStart.AddMonths(3).AddDays(-1)) {
			r.diags.Warnf(a.At("period_end"), "the Type II period %s to %s is shorter than 3 months; buyers rarely accept a period under 3 months", a.PeriodStart, a.PeriodEnd)
		}
	case "I":
		if a.PointInTime.IsZero() && !a.Issued.IsZero() {
			r.diags.Errorf(a.Pos, "a Type I report is as of one date: add point_in_time = YYYY-MM-DD")
		}
		if !a.PeriodStart.IsZero() || !a.PeriodEnd.IsZero() {
			r.diags.Errorf(a.At("period_start"), "period_start and period_end are for Type II reports; a Type I report has point_in_time")
		}
	}
	end := a.CoverageEnd()
	if !a.Issued.IsZero() && !end.IsZero() && a.Issued.Before(end) {
		r.diags.Errorf(a.At("issued"), "issued (%s) is before the end of what the report covers (%s); a report is issued after its period", a.Issued, end)
	}
	if b := a.Bridge; b != nil && !end.IsZero() {
		if !b.CoversThrough.IsZero() && !b.CoversThrough.After(end) {
			r.diags.Errorf(b.At("covers_through"), "bridge_letter covers_through (%s) must be after the report's period end (%s)", b.CoversThrough, end)
		}
		if !b.Issued.IsZero() && b.Issued.Before(end) {
			r.diags.Errorf(b.At("issued"), "bridge_letter issued (%s) is before the report's period end (%s)", b.Issued, end)
		}
	}
}

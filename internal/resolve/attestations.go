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
	Framework *Framework
	// CurrentFrom is the day its 12 months of currency count from, and
	// CurrentUntil the last day it is current; zero before it is issued.
	CurrentFrom, CurrentUntil model.Date
	// CoveredThrough is the last day the report, or a bridge letter issued
	// by the build date, speaks for.
	CoveredThrough model.Date
	SupersededBy   *Attestation // the newer report that replaces it, or nil
	Qualified      bool         // the auditor's opinion is qualified
	Status         string
	Why            string // the status in a sentence, with the dates that decide it

	rule string // what currency counts from, in words
}

func (r *resolver) attestations() {
	for _, ma := range r.s.Site.Attestations {
		f := r.framework(ma.Framework)
		a := &Attestation{Attestation: ma, Framework: f}
		if f != nil {
			f.Reports = append(f.Reports, a)
			r.categories(f, ma)
			if f.Profile.Surveillance {
				r.diags.Errorf(ma.At("framework"), "%s is certified, not attested: record it as [[certification]] with issued, expires and its audits", f.Title())
			}
		}
		r.attestationDates(ma)
		r.asset(ma.Report, ma.At("report"), "report")
		if ma.Bridge != nil {
			r.asset(ma.Bridge.File, ma.Bridge.At("file"), "bridge letter")
		}
		r.s.Attestations = append(r.s.Attestations, a)
	}
	for _, a := range r.s.Attestations {
		a.supersede(r.s.Attestations, r.s.AsOf)
		a.status(r.s.AsOf, r.s.Config.ReportCurrentFrom)
	}
	r.periodGaps()
}

// periodGaps warns about time between consecutive Type II periods of a
// framework that no report covers: buyers expect each period to start
// where the last one ended.
func (r *resolver) periodGaps() {
	for _, f := range r.s.Frameworks {
		var periods []*Attestation
		for _, a := range f.Reports {
			if a.Type == "II" && !a.PeriodStart.IsZero() && a.PeriodEnd.After(a.PeriodStart) {
				periods = append(periods, a)
			}
		}
		slices.SortStableFunc(periods, func(a, b *Attestation) int { return a.PeriodStart.Compare(b.PeriodStart) })
		for i := 1; i < len(periods); i++ {
			prev, next := periods[i-1], periods[i]
			if gap := prev.PeriodEnd.DaysUntil(next.PeriodStart) - 1; gap > 0 {
				r.diags.Warnf(next.At("period_start"), "the period starting %s leaves %s after the previous %s report's period ended (%s) that no report covers; buyers expect each period to start the day after the last one ended",
					next.PeriodStart, diag.Plural(gap, "day"), f.Title(), prev.PeriodEnd)
			}
		}
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
			r.diags.Warnf(a.At("period_end"), "the Type II period %s to %s is longer than 12 months; the AICPA sets no maximum, but buyers expect a period of 12 months at most: check the dates", a.PeriodStart, a.PeriodEnd)
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
	switch {
	case !a.Issued.IsZero() && !end.IsZero() && a.Issued.Before(end):
		r.diags.Errorf(a.At("issued"), "issued (%s) is before the end of what the report covers (%s); a report is issued after its period", a.Issued, end)
	case a.Issued.After(r.s.AsOf):
		r.diags.Warnf(a.At("issued"), "issued (%s) is after %s, the date statuses are computed for, so the report reads \"in progress\"; correct the date, or build with a later --as-of", a.Issued, r.s.AsOf)
	}
	if b := a.Bridge; b != nil {
		r.bridgeLetter(a, b, end)
	}
}

// bridgeLetter checks a bridge letter against its report: management
// writes it after the report is issued, to cover the months from the end
// of the period until the next report, three at most in practice.
func (r *resolver) bridgeLetter(a *model.Attestation, b *model.BridgeLetter, end model.Date) {
	switch {
	case a.Issued.IsZero():
		r.diags.Errorf(b.Pos, "bridge_letter: the report it bridges is not issued yet; add the report's issued date, or remove the letter")
		return
	case end.IsZero():
		return
	}
	if !b.CoversThrough.IsZero() {
		if !b.CoversThrough.After(end) {
			r.diags.Errorf(b.At("covers_through"), "bridge_letter covers_through (%s) must be after the report's period end (%s): a bridge letter covers the time after the period", b.CoversThrough, end)
		} else if b.CoversThrough.After(end.AddMonths(3)) {
			r.diags.Warnf(b.At("covers_through"), "bridge_letter covers %s to %s, more than 3 months after the period; a bridge letter covers a short gap until the next report, and buyers question a longer one", end.AddDays(1), b.CoversThrough)
		}
	}
	switch {
	case b.Issued.IsZero():
	case b.Issued.Before(a.Issued):
		r.diags.Errorf(b.At("issued"), "bridge_letter issued (%s) is before the report it bridges was issued (%s); a bridge letter follows the report", b.Issued, a.Issued)
	case b.Issued.After(r.s.AsOf):
		r.diags.Warnf(b.At("issued"), "bridge_letter issued (%s) is after %s, the date statuses are computed for, so it is not counted yet", b.Issued, r.s.AsOf)
	}
}

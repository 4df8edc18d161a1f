package resolve

import (
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/model"
)

// reportsAt resolves the statuses of a framework's reports as of a date,
// supersession included, as the resolver does.
func reportsAt(asOf, from string, reports ...model.Attestation) []*Attestation {
	f := &Framework{Framework: &model.Framework{ID: "soc2", ShortName: "SOC 2"}}
	var out []*Attestation
	for i := range reports {
		out = append(out, &Attestation{Attestation: &reports[i], Framework: f})
	}
	for _, a := range out {
		a.supersede(out, d(asOf))
		a.status(d(asOf), from)
	}
	return out
}

// TestReportStatus checks every rule of a report's status on the day
// before, the day of and the day after each date that turns it.
func TestReportStatus(t *testing.T) {
	typeII := model.Attestation{Type: "II", PeriodStart: d("2025-07-01"), PeriodEnd: d("2026-06-30"), Issued: d("2026-08-15"), Opinion: "unqualified"}
	with := func(f func(*model.Attestation)) model.Attestation { a := typeII; f(&a); return a }
	bridged := with(func(a *model.Attestation) {
		a.Bridge = &model.BridgeLetter{Issued: d("2026-10-01"), CoversThrough: d("2026-09-30")}
	})
	typeI := model.Attestation{Type: "I", PointInTime: d("2026-03-31"), Issued: d("2026-05-01")}
	tests := []struct {
		name   string
		a      model.Attestation
		from   string
		asOf   string
		status string
		why    string
	}{
		// Not issued as of the date: in progress, never current.
		{"no issue date, period running", model.Attestation{Type: "II", PeriodStart: d("2026-01-01"), PeriodEnd: d("2026-12-31")}, "", "2026-11-01", InProgress, "runs from 1 January 2026 to 31 December 2026"},
		{"day before issue", typeII, "", "2026-08-14", InProgress, "dated 15 August 2026, after 14 August 2026"},
		{"day of issue", typeII, "", "2026-08-15", Current, "Current until 30 June 2027"},
		{"day after issue", typeII, "", "2026-08-16", Current, "12 months after the end of the period it covers (30 June 2026)"},

		// Current for 12 months after the period end; expiring in the last 60 days.
		{"61 days before the end", typeII, "", "2027-04-30", Current, ""},
		{"60 days before the end", typeII, "", "2027-05-01", Expiring, "Current until 30 June 2027, in 60 days"},
		{"last current day", typeII, "", "2027-06-30", Expiring, "today"},
		{"day after", typeII, "", "2027-07-01", Stale, "Stale since 1 July 2027"},

		// A site may count from the issue date instead.
		{"from issue: day before the end", typeII, model.FromIssued, "2027-08-14", Expiring, "after its issue date (15 August 2026)"},
		{"from issue: last day", typeII, model.FromIssued, "2027-08-15", Expiring, "today"},
		{"from issue: day after", typeII, model.FromIssued, "2027-08-16", Stale, "Stale since 16 August 2027"},

		// A bridge letter extends what is covered, never the currency.
		{"bridged: covered through is shown", bridged, "", "2026-11-01", Current, "bridge letter from management covers the time after the period through 30 September 2026"},
		{"bridged: stale all the same", bridged, "", "2027-07-01", Stale, "Stale since 1 July 2027"},
		{"a bridge letter not yet issued is not counted", bridged, "", "2026-09-30", Current, "Current until 30 June 2027. A report"},

		// Opinions.
		{"qualified is current, and says so", with(func(a *model.Attestation) { a.Opinion = "qualified" }), "", "2026-11-01", Current, "opinion is qualified"},
		{"adverse is never current", with(func(a *model.Attestation) { a.Opinion = "adverse" }), "", "2026-11-01", Adverse, "never current"},
		{"disclaimer is never current", with(func(a *model.Attestation) { a.Opinion = "disclaimer" }), "", "2026-11-01", Disclaimer, "never current"},
		{"adverse, not yet issued", with(func(a *model.Attestation) { a.Opinion = "adverse" }), "", "2026-08-14", InProgress, ""},

		// Type I counts from its as-of date and says what it is.
		{"type I: last current day", typeI, "", "2027-03-31", Expiring, "point in time"},
		{"type I: day after", typeI, "", "2027-04-01", Stale, "after the date its opinion is as of (31 March 2026)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := reportsAt(tt.asOf, tt.from, tt.a)[0]
			if a.Status != tt.status || !strings.Contains(a.Why, tt.why) {
				t.Errorf("as of %s: %q (%s), want %q with %q", tt.asOf, a.Status, a.Why, tt.status, tt.why)
			}
		})
	}
}

func TestReportLabel(t *testing.T) {
	q := model.Attestation{Type: "II", PeriodStart: d("2025-07-01"), PeriodEnd: d("2026-06-30"), Issued: d("2026-08-15"), Opinion: "qualified"}
	for asOf, want := range map[string]string{
		"2026-11-01": "current, qualified opinion",
		"2027-06-01": "expiring, qualified opinion",
		"2027-07-01": Stale,
	} {
		if got := reportsAt(asOf, "", q)[0].Label(); got != want {
			t.Errorf("as of %s: label %q, want %q", asOf, got, want)
		}
	}
}

// TestSupersede checks that a newer report replaces older ones from the
// day it is issued, and only then.
func TestSupersede(t *testing.T) {
	y1 := model.Attestation{Type: "II", PeriodStart: d("2024-07-01"), PeriodEnd: d("2025-06-30"), Issued: d("2025-08-15")}
	y2 := model.Attestation{Type: "II", PeriodStart: d("2025-07-01"), PeriodEnd: d("2026-06-30"), Issued: d("2026-08-15")}
	t1 := model.Attestation{Type: "I", PointInTime: d("2024-03-31"), Issued: d("2024-05-01")}
	for _, tt := range []struct {
		asOf string
		want []string // statuses of t1, y1, y2
	}{
		{"2026-08-14", []string{Superseded, Stale, InProgress}}, // y1 was current until 2026-06-30
		{"2026-08-15", []string{Superseded, Superseded, Current}},
		{"2026-08-16", []string{Superseded, Superseded, Current}},
	} {
		got := reportsAt(tt.asOf, "", t1, y1, y2)
		for i, a := range got {
			if a.Status != tt.want[i] {
				t.Errorf("as of %s: report %d is %q (%s), want %q", tt.asOf, i, a.Status, a.Why, tt.want[i])
			}
		}
	}
	got := reportsAt("2026-11-01", "", y1, y2)
	if got[0].SupersededBy != got[1] || !strings.Contains(got[0].Why, "Superseded by the SOC 2 Type II report for 1 July 2025 – 30 June 2026") {
		t.Errorf("y1: superseded by %v: %s", got[0].SupersededBy, got[0].Why)
	}
	// A Type I never replaces a Type II.
	late := model.Attestation{Type: "I", PointInTime: d("2026-09-30"), Issued: d("2026-10-15")}
	if got := reportsAt("2026-11-01", "", y2, late); got[0].Status != Current || got[1].Status != Current {
		t.Errorf("a later Type I: %q and %q, want both current", got[0].Status, got[1].Status)
	}
}

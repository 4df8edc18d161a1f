package resolve

import (
	"testing"

	"github.com/trustdocs/trustdocs/internal/model"
)

func d(s string) model.Date {
	v, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func TestCertStatus(t *testing.T) {
	surv := func(date, result string) model.Audit {
		return model.Audit{Kind: "surveillance", Date: d(date), Result: result}
	}
	tests := []struct {
		name   string
		cert   model.Certification
		asOf   string
		status string
	}{
		{"no issue date", model.Certification{}, "2026-01-01", InProgress},
		{"override wins", model.Certification{Issued: d("2025-06-01"), Status: Suspended}, "2025-07-01", Suspended},
		{"fresh", model.Certification{Issued: d("2025-06-01")}, "2025-07-01", Certified},
		{"surveillance due day itself", model.Certification{Issued: d("2025-06-01")}, "2026-06-01", Certified},
		{"day after surveillance due", model.Certification{Issued: d("2025-06-01")}, "2026-06-02", SurveillanceOverdue},
		{"first surveillance passed", model.Certification{Issued: d("2025-06-01"), Audits: []model.Audit{surv("2026-05-12", "passed")}}, "2026-11-01", Certified},
		{"scheduled does not count", model.Certification{Issued: d("2025-06-01"), Audits: []model.Audit{surv("2026-05-12", "scheduled")}}, "2026-11-01", SurveillanceOverdue},
		{"second surveillance due day", model.Certification{Issued: d("2025-06-01"), Audits: []model.Audit{surv("2026-05-12", "passed")}}, "2027-06-01", Certified},
		{"second surveillance overdue", model.Certification{Issued: d("2025-06-01"), Audits: []model.Audit{surv("2026-05-12", "passed")}}, "2027-06-02", SurveillanceOverdue},
		{"both surveillances passed", model.Certification{Issued: d("2025-06-01"), Audits: []model.Audit{surv("2026-05-12", "passed"), surv("2027-05-11", "passed")}}, "2028-03-01", Certified},
		{"91 days before expiry", model.Certification{Issued: d("2025-06-01"), Audits: []model.Audit{surv("2026-05-12", "passed"), surv("2027-05-11", "passed")}}, "2028-03-01", Certified},
		{"90 days before expiry", model.Certification{Issued: d("2025-06-01")}, "2028-03-02", Expiring},
		{"expiry day", model.Certification{Issued: d("2025-06-01")}, "2028-05-31", Expiring},
		{"day after expiry", model.Certification{Issued: d("2025-06-01")}, "2028-06-01", Expired},
		{"explicit expiry", model.Certification{Issued: d("2025-06-01"), Expires: d("2026-01-31")}, "2026-02-01", Expired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exp := CertExpiry(&tt.cert, 36)
			if got := CertStatus(&tt.cert, exp, true, d(tt.asOf)); got != tt.status {
				t.Errorf("as of %s: status %q, want %q (expires %s)", tt.asOf, got, tt.status, exp)
			}
		})
	}
}

func TestCertExpiryDefault(t *testing.T) {
	for _, tt := range []struct{ issued, want string }{
		{"2025-06-01", "2028-05-31"},
		{"2024-02-29", "2027-02-27"}, // 29 Feb + 36 months is 28 Feb; minus a day
		{"2025-01-01", "2027-12-31"},
	} {
		c := model.Certification{Issued: d(tt.issued)}
		if got := CertExpiry(&c, 36).String(); got != tt.want {
			t.Errorf("issued %s: expiry %s, want %s", tt.issued, got, tt.want)
		}
	}
}

func TestAttestationStatus(t *testing.T) {
	typeII := model.Attestation{Type: "II", PeriodStart: d("2025-07-01"), PeriodEnd: d("2026-06-30"), Issued: d("2026-08-15")}
	bridged := typeII
	bridged.Bridge = &model.BridgeLetter{Issued: d("2027-06-15"), CoversThrough: d("2027-07-31")}
	typeI := model.Attestation{Type: "I", PointInTime: d("2026-03-31"), Issued: d("2026-05-01")}
	tests := []struct {
		name   string
		a      model.Attestation
		asOf   string
		status string
	}{
		{"not issued", model.Attestation{Type: "II", PeriodStart: d("2026-01-01"), PeriodEnd: d("2026-12-31")}, "2026-11-01", InProgress},
		{"current", typeII, "2026-11-01", Current},
		{"61 days before the end", typeII, "2027-04-30", Current},
		{"60 days before the end", typeII, "2027-05-01", Expiring},
		{"last current day", typeII, "2027-06-30", Expiring},
		{"day after, no bridge", typeII, "2027-07-01", Stale},
		{"day after, bridged", bridged, "2027-07-01", Bridged},
		{"last day the bridge covers", bridged, "2027-07-31", Bridged},
		{"day after the bridge", bridged, "2027-08-01", Stale},
		{"type I counts from its date", typeI, "2027-03-31", Expiring},
		{"type I stale", typeI, "2027-04-01", Stale},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AttestationStatus(&tt.a, d(tt.asOf)); got != tt.status {
				t.Errorf("as of %s: %q, want %q", tt.asOf, got, tt.status)
			}
		})
	}
}

func TestReviewStatus(t *testing.T) {
	p := &model.Doc{Approved: d("2026-03-01"), ReviewMonths: 12}
	next := NextReview(p)
	if next != d("2027-03-01") {
		t.Fatalf("next review %s, want 2027-03-01", next)
	}
	for _, tt := range []struct{ asOf, want string }{
		{"2027-01-29", ReviewCurrent}, // 31 days before
		{"2027-01-30", ReviewDue},     // 30 days before
		{"2027-03-01", ReviewDue},
		{"2027-03-02", ReviewOverdue},
	} {
		if got := ReviewStatus(next, d(tt.asOf)); got != tt.want {
			t.Errorf("as of %s: %q, want %q", tt.asOf, got, tt.want)
		}
	}
}

func TestRollup(t *testing.T) {
	c := func(s model.ControlStatus) *Control { return &Control{Control: &model.Control{Status: s}} }
	for _, tt := range []struct {
		controls []*Control
		want     model.ControlStatus
	}{
		{nil, ""},
		{[]*Control{c(model.Implemented), c(model.Implemented)}, model.Implemented},
		{[]*Control{c(model.Implemented), c(model.Planned)}, model.Partial},
		{[]*Control{c(model.Partial)}, model.Partial},
		{[]*Control{c(model.Planned), c(model.Planned)}, model.Planned},
	} {
		if got := Rollup(tt.controls); got != tt.want {
			t.Errorf("Rollup(%d controls) = %q, want %q", len(tt.controls), got, tt.want)
		}
	}
}

func TestNaturalCompare(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"A.5.9", "A.5.10", -1}, {"AC-2", "AC-10", -1}, {"AC-01", "AC-1", 0}, {"CC6.1", "CC6.1", 0}, {"B", "A", 1},
	} {
		if got := naturalCompare(tt.a, tt.b); (got > 0) != (tt.want > 0) || (got < 0) != (tt.want < 0) {
			t.Errorf("naturalCompare(%q, %q) = %d, want sign of %d", tt.a, tt.b, got, tt.want)
		}
	}
}

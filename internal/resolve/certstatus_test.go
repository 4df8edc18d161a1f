package resolve

import (
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/model"
)

// certAt is the status of an ISO 27001 certificate (3-year validity,
// surveillance) as of a date.
func certAt(mc model.Certification, asOf string) *Certification {
	c := &Certification{Certification: &mc}
	c.Edition = mc.Edition
	if c.Edition == "" {
		c.Edition = Edition27001(mc.Standard)
	}
	c.cycle(36, true, d(asOf))
	c.status(d(asOf))
	return c
}

func audit(kind, date, result string) model.Audit {
	return model.Audit{Kind: kind, Date: d(date), Result: result}
}

// TestCertStatus checks every rule of a certificate's status on the day
// before, the day of and the day after each date that turns it.
func TestCertStatus(t *testing.T) {
	issued := d("2025-06-01") // year 1 due 2026-06-01, year 2 due 2027-06-01, expires 2028-05-31
	y1 := audit("surveillance", "2026-05-12", "passed")
	y2 := audit("surveillance", "2027-05-11", "passed")
	both := []model.Audit{y1, y2}
	tests := []struct {
		name   string
		cert   model.Certification
		asOf   string
		status string
		why    string // a part of the explanation
	}{
		{"no issue date", model.Certification{Audits: []model.Audit{audit("stage2", "2026-12-08", "scheduled")}}, "2026-11-01", InProgress, "stage 2 audit is scheduled for 8 December 2026"},

		// Issued after the as-of date: never certified.
		{"day before issue", model.Certification{Issued: d("2026-12-01")}, "2026-11-30", NotYetValid, "dated 1 December 2026, after 30 November 2026"},
		{"day of issue", model.Certification{Issued: d("2026-12-01")}, "2026-12-01", Certified, "Valid until 30 November 2029"},
		{"day after issue", model.Certification{Issued: d("2026-12-01")}, "2026-12-02", Certified, "year-1 surveillance audit is due by 1 December 2027"},

		// Year 1: due by issue + 12 months.
		{"day before year-1 due", model.Certification{Issued: issued}, "2026-05-31", Certified, "due by 1 June 2026"},
		{"year-1 due day", model.Certification{Issued: issued}, "2026-06-01", Certified, "due by 1 June 2026"},
		{"day after year-1 due", model.Certification{Issued: issued}, "2026-06-02", SurveillanceOverdue, "year-1 surveillance audit was due by 1 June 2026; none has passed"},
		{"year 1 passed", model.Certification{Issued: issued, Audits: []model.Audit{y1}}, "2026-06-02", Certified, "year-1 surveillance audit passed on 12 May 2026. The year-2 surveillance audit is due by 1 June 2027"},
		{"scheduled does not count", model.Certification{Issued: issued, Audits: []model.Audit{audit("surveillance", "2026-05-12", "scheduled")}}, "2026-06-02", SurveillanceOverdue, "none has passed"},
		{"failed does not count, and says why", model.Certification{Issued: issued, Audits: []model.Audit{{Kind: "surveillance", Date: d("2026-05-12"), Result: "failed", Note: "Two major nonconformities."}}},
			"2026-06-02", SurveillanceOverdue, "The audit of 12 May 2026 failed: Two major nonconformities."},
		{"an audit after the as-of date does not count", model.Certification{Issued: issued, Audits: []model.Audit{audit("surveillance", "2026-06-03", "passed")}}, "2026-06-02", SurveillanceOverdue, "none has passed"},

		// Year 2: one audit per cycle year, never cumulative.
		{"day before year-2 due", model.Certification{Issued: issued, Audits: []model.Audit{y1}}, "2027-05-31", Certified, ""},
		{"year-2 due day", model.Certification{Issued: issued, Audits: []model.Audit{y1}}, "2027-06-01", Certified, ""},
		{"day after year-2 due", model.Certification{Issued: issued, Audits: []model.Audit{y1}}, "2027-06-02", SurveillanceOverdue, "year-2 surveillance audit was due by 1 June 2027"},
		{"two audits in year 1, none in year 2: due day", model.Certification{Issued: issued, Audits: []model.Audit{audit("surveillance", "2025-10-01", "passed"), y1}}, "2027-06-01", Certified, ""},
		{"two audits in year 1, none in year 2: day after", model.Certification{Issued: issued, Audits: []model.Audit{audit("surveillance", "2025-10-01", "passed"), y1}}, "2027-06-02", SurveillanceOverdue, "year-2"},
		{"an audit on the year-1 due day counts for year 1 only", model.Certification{Issued: issued, Audits: []model.Audit{audit("surveillance", "2025-10-01", "passed"), audit("surveillance", "2026-06-01", "passed")}}, "2027-06-02", SurveillanceOverdue, "year-2"},
		{"both years passed", model.Certification{Issued: issued, Audits: both}, "2027-06-02", Certified, "year-2 surveillance audit passed on 11 May 2027"},

		// A late audit makes up for the year it was late for, not the next.
		{"late year-1 audit: day before", model.Certification{Issued: issued, Audits: []model.Audit{audit("surveillance", "2026-07-01", "passed")}}, "2026-06-30", SurveillanceOverdue, "year-1"},
		{"late year-1 audit: its day", model.Certification{Issued: issued, Audits: []model.Audit{audit("surveillance", "2026-07-01", "passed")}}, "2026-07-01", Certified, "year-2 surveillance audit is due by 1 June 2027"},
		{"late year-1 audit: year 2 still needs its own", model.Certification{Issued: issued, Audits: []model.Audit{audit("surveillance", "2026-07-01", "passed")}}, "2027-06-02", SurveillanceOverdue, "year-2"},

		// A certificate reissued in the cycle keeps the cycle's schedule and expiry.
		{"reissued: day after year-1 due", model.Certification{Issued: d("2026-02-01"), CycleStart: issued}, "2026-06-02", SurveillanceOverdue, "due by 1 June 2026"},
		{"reissued: expires with the cycle", model.Certification{Issued: d("2026-02-01"), CycleStart: issued, Audits: both}, "2028-05-31", Expiring, "expires on 31 May 2028, today"},
		{"reissued: day after the cycle ends", model.Certification{Issued: d("2026-02-01"), CycleStart: issued, Audits: both}, "2028-06-01", Expired, "expired on 31 May 2028"},

		// Expiring: the last 90 days; expired after the last day.
		{"91 days before expiry", model.Certification{Issued: issued, Audits: both}, "2028-03-01", Certified, "Valid until 31 May 2028"},
		{"90 days before expiry", model.Certification{Issued: issued, Audits: both}, "2028-03-02", Expiring, "in 90 days"},
		{"expiry day", model.Certification{Issued: issued, Audits: both}, "2028-05-31", Expiring, "today"},
		{"day after expiry", model.Certification{Issued: issued, Audits: both}, "2028-06-01", Expired, "expired on 31 May 2028"},
		{"explicit expiry", model.Certification{Issued: issued, Expires: d("2026-01-31")}, "2026-02-01", Expired, "expired on 31 January 2026"},
		{"recertification scheduled", model.Certification{Issued: issued, Audits: append(both[:2:2], audit("recertification", "2028-04-20", "scheduled"))}, "2028-04-01", Expiring, "recertification audit is scheduled for 20 April 2028"},

		// A missed surveillance audit is never hidden behind expiring.
		{"missed year 2, in the last 90 days", model.Certification{Issued: issued, Audits: []model.Audit{y1}}, "2028-03-02", SurveillanceOverdue, "year-2"},
		{"missed year 2, after expiry", model.Certification{Issued: issued, Audits: []model.Audit{y1}}, "2028-06-01", Expired, ""},

		// Suspended and withdrawn win over everything.
		{"suspended", model.Certification{Issued: issued, Status: Suspended, Audits: both}, "2026-11-01", Suspended, "suspended"},
		{"withdrawn though expired", model.Certification{Issued: issued, Status: Withdrawn}, "2029-01-01", Withdrawn, "withdrawn"},
		{"suspended before issue", model.Certification{Issued: d("2026-12-01"), Status: Suspended}, "2026-11-01", Suspended, ""},

		// ISO/IEC 27001:2013: valid through 31 October 2025, whatever its expiry (IAF MD 26).
		{"2013: 91 days before the transition ends", model.Certification{Standard: "ISO/IEC 27001:2013", Issued: d("2023-06-01"), Audits: []model.Audit{audit("surveillance", "2024-05-01", "passed"), audit("surveillance", "2025-05-01", "passed")}}, "2025-08-01", Certified, "Valid until 31 October 2025"},
		{"2013: 90 days before", model.Certification{Standard: "ISO/IEC 27001:2013", Issued: d("2023-06-01"), Audits: []model.Audit{audit("surveillance", "2024-05-01", "passed"), audit("surveillance", "2025-05-01", "passed")}}, "2025-08-02", Expiring, "cease to be valid on 31 October 2025 (IAF MD 26), in 90 days"},
		{"2013: last valid day", model.Certification{Standard: "ISO 27001 2013", Issued: d("2023-06-01"), Audits: []model.Audit{audit("surveillance", "2024-05-01", "passed"), audit("surveillance", "2025-05-01", "passed")}}, "2025-10-31", Expiring, "today"},
		{"2013: the day after", model.Certification{Standard: "ISO27001-2013", Issued: d("2023-06-01"), Audits: []model.Audit{audit("surveillance", "2024-05-01", "passed"), audit("surveillance", "2025-05-01", "passed")}}, "2025-11-01", Expired, "whatever their stated expiry (31 May 2026)"},
		{"2013 by the edition field", model.Certification{Standard: "ISO 27001", Edition: "2013", Issued: d("2023-06-01")}, "2025-11-01", Expired, "ceased to be valid on 31 October 2025"},
		{"2013 expiring earlier than the transition", model.Certification{Standard: "ISO/IEC 27001:2013", Issued: d("2022-06-01")}, "2025-06-01", Expired, "expired on 31 May 2025"},
		{"2022 after the transition", model.Certification{Standard: "ISO/IEC 27001:2022", Issued: d("2025-06-01")}, "2025-11-01", Certified, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := certAt(tt.cert, tt.asOf)
			if c.Status != tt.status || !strings.Contains(c.Why, tt.why) {
				t.Errorf("as of %s: %q (%s), want %q with %q (expires %s)", tt.asOf, c.Status, c.Why, tt.status, tt.why, c.Expires)
			}
		})
	}
}

func TestCertExpiryDefault(t *testing.T) {
	for _, tt := range []struct{ issued, start, want string }{
		{"2025-06-01", "", "2028-05-31"},
		{"2024-02-29", "", "2027-02-27"}, // 29 Feb + 36 months is 28 Feb; minus a day
		{"2025-01-01", "", "2027-12-31"},
		{"2026-02-01", "2025-06-01", "2028-05-31"}, // a reissue keeps the cycle's expiry
	} {
		mc := model.Certification{Issued: d(tt.issued)}
		if tt.start != "" {
			mc.CycleStart = d(tt.start)
		}
		if got := certAt(mc, "2026-11-01").Expires.String(); got != tt.want {
			t.Errorf("issued %s, cycle start %q: expiry %s, want %s", tt.issued, tt.start, got, tt.want)
		}
	}
}

func TestSurveillanceYears(t *testing.T) {
	for _, tt := range []struct {
		expires string
		years   int
	}{
		{"2028-05-31", 2}, // the standard 3 years: surveillance in years 1 and 2, recertification in 3
		{"2027-05-31", 1},
		{"2030-05-31", 4}, // a 5-year certificate (warned about) needs an audit every year but the last
	} {
		c := certAt(model.Certification{Issued: d("2025-06-01"), Expires: d(tt.expires)}, "2025-07-01")
		if len(c.Surveillance) != tt.years {
			t.Errorf("expires %s: %d surveillance years, want %d", tt.expires, len(c.Surveillance), tt.years)
		}
	}
}

func TestEdition27001(t *testing.T) {
	for _, tt := range []struct{ standard, want string }{
		{"ISO/IEC 27001:2013", "2013"},
		{"ISO 27001 2013", "2013"},
		{"ISO27001:2013", "2013"},
		{"iso/iec 27001-2013", "2013"},
		{"ISO/IEC 27001:2013/Cor 2:2015", "2013"},
		{"EN ISO/IEC 27001:2017", "2013"},
		{"BS EN ISO/IEC 27001:2017+A11:2020", "2013"},
		{"ISO/IEC 27001:2022", "2022"},
		{"ISO/IEC 27001:2022/Amd 1:2024", "2022"},
		{"EN ISO/IEC 27001:2023", "2022"},
		{"ISO 27001", ""},
		{"ISO/IEC 27701:2019", ""},
		{"ISO/IEC 127001:2013", ""},
		{"Cyber Essentials Plus", ""},
	} {
		if got := Edition27001(tt.standard); got != tt.want {
			t.Errorf("Edition27001(%q) = %q, want %q", tt.standard, got, tt.want)
		}
	}
}

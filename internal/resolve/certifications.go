package resolve

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/trustdocs/trustdocs/internal/model"
)

// Certification is a certification with its status as of the build date.
type Certification struct {
	*model.Certification
	Framework *Framework
	Edition   string     // of ISO/IEC 27001: as written, or read from Standard; "" for other standards
	Start     model.Date // the start of the current cycle: cycle_start, else issued
	// Expires is the day after which the certificate is not valid: as
	// written, or derived; for ISO/IEC 27001:2013, never after 31 October 2025.
	Expires      model.Date
	Surveillance []SurveillanceYear // the years of the cycle that need a surveillance audit
	Status       string
	Why          string // the status in a sentence, with the dates that decide it

	// stated is the expiry the certificate states, when the end of the 2013
	// edition's transition (Expires) comes first.
	stated model.Date
}

// Title names the certificate's standard: as written, else the
// framework's name.
func (c *Certification) Title() string {
	if c.Standard == "" && c.Framework != nil {
		return c.Framework.Name
	}
	return c.Standard
}

func (r *resolver) certifications() {
	for _, mc := range r.s.Site.Certifications {
		f := r.framework(mc.Framework)
		c := &Certification{Certification: mc, Framework: f}
		validity, surveillance := 36, true
		if f != nil {
			validity, surveillance = f.Profile.ValidityMonths, f.Profile.Surveillance
			f.Certs = append(f.Certs, c)
			if f.Profile.Attestation {
				r.diags.Errorf(mc.At("framework"), "%s is an attestation framework: its audits produce a report, not a certificate; record it as [[attestation]] with type, period_start, period_end and issued", f.Title())
			}
		}
		r.edition(c)
		c.cycle(validity, surveillance, r.s.AsOf)
		r.certDates(c, validity)
		c.status(r.s.AsOf)
		r.asset(mc.Certificate, mc.At("certificate"), "certificate")
		r.audits(c)
		r.s.Certifications = append(r.s.Certifications, c)
	}
	// Certificates in force first, those still being pursued after.
	slices.SortStableFunc(r.s.Certifications, func(a, b *Certification) int {
		return cmp.Compare(boolInt(a.Status == InProgress), boolInt(b.Status == InProgress))
	})
}

// edition works out which edition of ISO/IEC 27001 a certificate is to,
// from edition or from standard, and warns about the 2013 edition, whose
// certificates ceased to be valid on 31 October 2025 (IAF MD 26).
func (r *resolver) edition(c *Certification) {
	named := Edition27001(c.Standard)
	c.Edition = c.Certification.Edition
	switch {
	case c.Edition != "" && named != "" && named != c.Edition:
		r.diags.Errorf(c.At("edition"), "edition = %q, but standard %q names the %s edition; make them agree", c.Edition, c.Standard, named)
		return
	case c.Edition == "" && (named != "" || c.Framework != nil && c.Framework.ID == "iso27001"):
		c.Edition = named
		if c.Edition == "" {
			c.Edition = Edition2022 // the edition of the built-in catalog
		}
	}
	if c.Edition != Edition2013 || c.Issued.IsZero() || c.Certification.Status != "" {
		return
	}
	at := c.AtFirst("edition", "standard")
	switch days := r.s.AsOf.DaysUntil(iso2013End); {
	case days < 0:
		r.diags.Warnf(at, "ISO/IEC 27001:2013 certificates ceased to be valid on %s (IAF MD 26), so this one reads expired; record the ISO/IEC 27001:2022 certificate that replaced it", iso2013End)
	case days <= certExpiringDays:
		r.diags.Warnf(at, "ISO/IEC 27001:2013 certificates cease to be valid on %s (IAF MD 26); complete the transition to ISO/IEC 27001:2022 and record the new certificate", iso2013End)
	}
}

// certDates checks a certificate's dates against each other, the
// certification cycle (c.cycle has found its start) and the build date.
func (r *resolver) certDates(c *Certification, validityMonths int) {
	mc := c.Certification
	if !mc.CycleStart.IsZero() && !mc.Issued.IsZero() && mc.CycleStart.After(mc.Issued) {
		r.diags.Errorf(mc.At("cycle_start"), "cycle_start (%s) is after issued (%s); it is the certification decision that started the cycle, on or before this certificate's issue", mc.CycleStart, mc.Issued)
	}
	if !mc.Expires.IsZero() && !mc.Issued.IsZero() && !mc.Expires.After(mc.Issued) {
		r.diags.Errorf(mc.At("expires"), "expires (%s) must be after issued (%s)", mc.Expires, mc.Issued)
		return
	}
	start := c.Start
	if !mc.Expires.IsZero() && !start.IsZero() && validityMonths > 0 && mc.Expires.After(start.AddMonths(validityMonths).AddDays(-1)) {
		r.diags.Warnf(mc.At("expires"), "expires (%s) is more than %s after the cycle started (%s), but %s certificates are valid for %s at most (for ISO management systems, ISO/IEC 17021-1 §9.1.3): check the date on the certificate",
			mc.Expires, months(validityMonths), start, c.frameworkTitle(), months(validityMonths))
	}
	if !mc.Issued.IsZero() && mc.Issued.After(r.s.AsOf) && mc.Status == "" {
		r.diags.Warnf(mc.At("issued"), "issued (%s) is after %s, the date statuses are computed for, so the certificate reads \"not yet valid\"; correct the date, or build with a later --as-of", mc.Issued, r.s.AsOf)
	}
}

func (c *Certification) frameworkTitle() string {
	if c.Framework == nil {
		return c.Certification.Framework.ID
	}
	return c.Framework.Title()
}

// months says a number of months as people do: "3 years", "18 months".
func months(n int) string {
	switch {
	case n == 12:
		return "1 year"
	case n%12 == 0:
		return strconv.Itoa(n/12) + " years"
	}
	return strconv.Itoa(n) + " months"
}

// audits checks the order of a certification's audits against each other,
// the certificate and the build date.
func (r *resolver) audits(cert *Certification) {
	c := cert.Certification
	var stage1, stage2 *model.Audit
	for i := range c.Audits {
		a := &c.Audits[i]
		if a.Date.IsZero() {
			continue
		}
		switch a.Kind {
		case "stage1":
			stage1 = a
		case "stage2":
			stage2 = a
		case "surveillance":
			if !cert.Start.IsZero() && !a.Date.After(cert.Start) {
				what, date := "the certificate was issued", cert.Start
				if !c.CycleStart.IsZero() {
					what = "the cycle started"
				}
				r.diags.Errorf(a.At("date"), "the surveillance audit (%s) is not after %s (%s); surveillance follows certification, so make it stage2 or correct the date", a.Date, what, date)
			}
		}
		switch {
		case a.Result == "scheduled" && a.Date.Before(r.s.AsOf):
			r.diags.Warnf(a.At("result"), "the %s audit was scheduled for %s, which has passed (as of %s): record its result, passed or failed, or move its date", auditName(a.Kind), a.Date, r.s.AsOf)
		case a.Result != "scheduled" && a.Result != "" && a.Date.After(r.s.AsOf):
			r.diags.Warnf(a.At("result"), "the %s audit on %s is after %s, the date statuses are computed for, yet its result is %q; an audit to come is \"scheduled\"", auditName(a.Kind), a.Date, r.s.AsOf, a.Result)
		}
	}
	if stage1 != nil && stage2 != nil && stage2.Date.Before(stage1.Date) {
		r.diags.Errorf(stage2.At("date"), "the stage 2 audit (%s) is before the stage 1 audit (%s); stage 1 reviews the documents, stage 2 follows it", stage2.Date, stage1.Date)
	}
	if stage2 != nil && !c.Issued.IsZero() && c.Issued.Before(stage2.Date) && c.CycleStart.IsZero() {
		r.diags.Errorf(c.At("issued"), "issued (%s) is before the stage 2 audit (%s); a certificate is issued after stage 2 passes", c.Issued, stage2.Date)
	}
}

// auditName is how messages name an audit kind: "stage 1", "surveillance".
func auditName(kind string) string {
	if n, ok := strings.CutPrefix(kind, "stage"); ok {
		return "stage " + n
	}
	return kind
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

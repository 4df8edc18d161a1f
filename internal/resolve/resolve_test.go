package resolve_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/catalog"
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/load"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

// annexA lists the built-in Annex A ids, read through the real loader.
func annexA(t *testing.T) []string {
	t.Helper()
	s, _ := resolveSite(t, map[string]string{})
	var ids []string
	for _, row := range s.SoA {
		ids = append(ids, row.ID)
	}
	return ids
}

// resolveSite writes files (site.toml added unless given) into a temporary site, then
// loads and resolves it as of 2026-11-01.
func resolveSite(t *testing.T, files map[string]string) (*resolve.Site, []diag.Diagnostic) {
	t.Helper()
	return resolveSiteAt(t, files, model.NewDate(2026, 11, 1))
}

// resolveSiteAt is resolveSite as of another date.
func resolveSiteAt(t *testing.T, files map[string]string, asOf model.Date) (*resolve.Site, []diag.Diagnostic) {
	t.Helper()
	dir := t.TempDir()
	if _, ok := files["site.toml"]; !ok {
		files["site.toml"] = "title = \"T\"\ncompany = \"C\"\n"
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var diags diag.List
	m, err := load.Load(dir, &diags)
	if err != nil {
		t.Fatal(err)
	}
	s := resolve.Resolve(m, asOf, &diags)
	return s, diags.Items()
}

// controlsFile maps one implemented control to every id in ids.
func controlsFile(ids []string, status string) string {
	return fmt.Sprintf("[[control]]\nid = \"X-1\"\ntitle = \"All\"\nstatus = %q\niso27001 = [\"%s\"]\n", status, strings.Join(ids, `", "`))
}

func errorsOf(ds []diag.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		if d.Severity == diag.Error {
			out = append(out, d.String())
		}
	}
	return out
}

func has(ds []diag.Diagnostic, want string) bool {
	return slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return strings.Contains(d.String(), want) })
}

func TestSoARules(t *testing.T) {
	all := annexA(t)
	if len(all) != 93 {
		t.Fatalf("%d Annex A controls, want 93", len(all))
	}
	without := func(drop ...string) []string {
		return slices.DeleteFunc(slices.Clone(all), func(id string) bool { return slices.Contains(drop, id) })
	}
	tests := []struct {
		name  string
		files map[string]string
		want  []string // substrings of the errors, exactly these
	}{
		{"every control mapped", map[string]string{"content/controls/c.toml": controlsFile(all, "implemented")}, nil},
		{"unaddressed", map[string]string{"content/controls/c.toml": controlsFile(without("A.5.7"), "implemented")},
			[]string{`content/soa.toml: error: A.5.7 Threat intelligence is not addressed: map a control to it (iso27001 = ["A.5.7"]) or exclude it`}},
		{"excluded with justification", map[string]string{
			"content/controls/c.toml": controlsFile(without("A.7.4"), "implemented"),
			"content/soa.toml":        "[annex_a.\"A.7.4\"]\napplicable = false\njustification = \"No premises of our own: all staff work remotely.\"\n"}, nil},
		{"excluded without justification", map[string]string{
			"content/controls/c.toml": controlsFile(without("A.7.4"), "implemented"),
			"content/soa.toml":        "[annex_a.\"A.7.4\"]\napplicable = false\n"},
			[]string{`content/soa.toml:2:1: error: A.7.4 Physical security monitoring is excluded without a justification`}},
		{"excluded but mapped", map[string]string{
			"content/controls/c.toml": controlsFile(all, "implemented"),
			"content/soa.toml":        "[annex_a.\"A.7.4\"]\napplicable = false\njustification = \"No premises of our own: all staff work remotely.\"\n"},
			[]string{`content/soa.toml:2:1: error: A.7.4 Physical security monitoring is excluded but mapped by X-1`}},
		{"applicable but unmapped", map[string]string{
			"content/controls/c.toml": controlsFile(without("A.5.23"), "implemented"),
			"content/soa.toml":        "\n[annex_a.\"A.5.23\"]\napplicable = true\nreasons = [\"risk\"]\n"},
			[]string{`content/soa.toml:3:1: error: A.5.23 Information security for use of cloud services is applicable but no control maps to it`}},
		{"not an Annex A id", map[string]string{
			"content/controls/c.toml": controlsFile(all, "implemented"),
			"content/soa.toml":        "[annex_a.\"5.7\"]\napplicable = true\n"},
			[]string{`content/soa.toml:1:1: error: "5.7" is not an Annex A control (Annex A controls are written with "A.": did you mean "A.5.7"?)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := resolveSite(t, tt.files)
			got := errorsOf(ds)
			if len(got) != len(tt.want) {
				t.Fatalf("errors:\n%s\nwant %d matching %q", strings.Join(got, "\n"), len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("error %d:\n got %s\nwant %s", i, got[i], w)
				}
			}
		})
	}
}

func TestSoADerivedStatus(t *testing.T) {
	all := annexA(t)
	files := map[string]string{"content/controls/c.toml": controlsFile(all, "implemented") +
		"[[control]]\nid = \"X-2\"\ntitle = \"Half\"\nstatus = \"planned\"\niso27001 = [\"A.5.1\"]\n" +
		"[[control]]\nid = \"X-3\"\ntitle = \"Started\"\nstatus = \"partial\"\niso27001 = [\"A.5.2\"]\n"}
	s, ds := resolveSite(t, files)
	if errs := errorsOf(ds); len(errs) > 0 {
		t.Fatal(errs)
	}
	status := map[string]model.ControlStatus{}
	for _, row := range s.SoA {
		status[row.ID] = row.Status
	}
	for id, want := range map[string]model.ControlStatus{"A.5.1": model.Partial, "A.5.2": model.Partial, "A.5.3": model.Implemented} {
		if status[id] != want {
			t.Errorf("%s: %q, want %q", id, status[id], want)
		}
	}
	files["content/controls/c.toml"] = controlsFile(slices.DeleteFunc(slices.Clone(all), func(s string) bool { return s == "A.5.1" }), "implemented") +
		"[[control]]\nid = \"X-2\"\ntitle = \"Later\"\nstatus = \"planned\"\niso27001 = [\"A.5.1\"]\n"
	s, _ = resolveSite(t, files)
	if got := s.SoA[0].Status; got != model.Planned {
		t.Errorf("A.5.1 with only a planned control: %q, want planned", got)
	}
}

func TestReferences(t *testing.T) {
	all := annexA(t)
	_, ds := resolveSite(t, map[string]string{
		"content/controls/c.toml": controlsFile(all, "implemented") +
			"[[control]]\nid = \"AC-01\"\ntitle = \"A\"\nstatus = \"implemented\"\nsoc2 = [\"CC6.1\", \"CC9.9\"]\niso27001 = [\"A.5.38\", \"5.1\"]\n",
		"content/policies/access.md": "+++\ntitle = \"Access\"\nversion = \"1\"\nowner = \"IT\"\napproved = 2026-06-01\ncontrols = [\"AC-10\", \"access\"]\n+++\nBody\n",
	})
	for _, want := range []string{
		`content/controls/c.toml:10:18: error: soc2: "CC9.9" is not a requirement of SOC 2 (AICPA Trust Services Criteria) (did you mean "CC9.2"?)`,
		`content/controls/c.toml:11:13: error: iso27001: "A.5.38" is not a requirement of ISO/IEC 27001:2022 (did you mean "A.5.37"?)`,
		`content/policies/access.md:6:13: error: controls: no control has id "AC-10" (did you mean "AC-01"?)`,
		`content/policies/access.md:6:22: error: controls: "access" is a policy, not a control`,
	} {
		if !has(ds, want) {
			t.Errorf("missing %s\nin:\n%s", want, strings.Join(errorsOf(ds), "\n"))
		}
	}
}

// TestReportRules checks what is said of reports' dates, each on both
// sides of its limit: Type II periods over 12 or under 3 months (warnings:
// the AICPA sets no limit), bridge letters before their report (an error)
// or covering over 3 months (a warning), and gaps between periods.
func TestReportRules(t *testing.T) {
	all := annexA(t)
	report := func(start, end, issued, extra string) string {
		return "[[attestation]]\nframework = \"soc2\"\ntype = \"II\"\nopinion = \"unqualified\"\nperiod_start = " + start + "\nperiod_end = " + end + "\nissued = " + issued + "\n" + extra
	}
	for _, tt := range []struct {
		name, reports string
		want          string // "" for nothing said
		severity      diag.Severity
	}{
		{"exactly 12 months", report("2025-07-01", "2026-06-30", "2026-08-01", ""), "", 0},
		{"12 months and a day", report("2025-07-01", "2026-07-01", "2026-08-01", ""), "is longer than 12 months; the AICPA sets no maximum", diag.Warning},
		{"exactly 3 months", report("2026-04-01", "2026-06-30", "2026-08-01", ""), "", 0},
		{"3 months less a day", report("2026-04-02", "2026-06-30", "2026-08-01", ""), "is shorter than 3 months", diag.Warning},
		{"bridge letter the day before the report", report("2025-07-01", "2026-06-30", "2026-08-15", "bridge_letter = { issued = 2026-08-14, covers_through = 2026-07-31 }\n"), "is before the report it bridges was issued (2026-08-15)", diag.Error},
		{"bridge letter the day of the report", report("2025-07-01", "2026-06-30", "2026-08-15", "bridge_letter = { issued = 2026-08-15, covers_through = 2026-07-31 }\n"), "", 0},
		{"bridge letter covering 3 months", report("2025-07-01", "2026-06-30", "2026-08-15", "bridge_letter = { issued = 2026-10-01, covers_through = 2026-09-30 }\n"), "", 0},
		{"bridge letter covering 3 months and a day", report("2025-07-01", "2026-06-30", "2026-08-15", "bridge_letter = { issued = 2026-10-01, covers_through = 2026-10-01 }\n"), "more than 3 months after the period", diag.Warning},
		{"bridge letter of a report not issued", "[[attestation]]\nframework = \"soc2\"\ntype = \"II\"\nperiod_start = 2026-01-01\nperiod_end = 2026-12-31\nbridge_letter = { issued = 2026-10-01, covers_through = 2026-10-31 }\n", "the report it bridges is not issued yet", diag.Error},
		{"periods back to back", report("2024-07-01", "2025-06-30", "2025-08-01", "") + report("2025-07-01", "2026-06-30", "2026-08-01", ""), "", 0},
		{"a day between periods", report("2024-07-01", "2025-06-30", "2025-08-01", "") + report("2025-07-02", "2026-06-30", "2026-08-01", ""), "leaves 1 day after the previous SOC 2 report's period ended (2025-06-30)", diag.Warning},
		{"ISO 27001 as a report", "[[attestation]]\nframework = \"iso27001\"\ntype = \"II\"\n", "ISO 27001 is certified, not attested", diag.Error},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := resolveSite(t, map[string]string{
				"content/controls/c.toml":       controlsFile(all, "implemented"),
				"content/certifications/s.toml": tt.reports,
			})
			var said []diag.Diagnostic
			for _, d := range ds {
				if strings.HasPrefix(d.Pos.File, "content/certifications/") && !strings.Contains(d.Message, "in scope of the report") {
					said = append(said, d)
				}
			}
			switch {
			case tt.want == "" && len(said) > 0:
				t.Errorf("unexpected %v", said)
			case tt.want != "" && (len(said) != 1 || !strings.Contains(said[0].Message, tt.want) || said[0].Severity != tt.severity):
				t.Errorf("got %v, want one %s containing %q", said, tt.severity, tt.want)
			}
		})
	}
}

func TestCatalogIsLoadable(t *testing.T) {
	if names := catalog.Names(); !slices.Equal(names, []string{"iso27001", "soc2"}) {
		t.Fatalf("built-in frameworks %v", names)
	}
}

// TestExpiringWarnedUntilPlanned: an expiring certificate or report is
// warned about until its successor is booked, so that strict checks (and
// the publishing they gate) are stopped only by what the team can act on.
func TestExpiringWarnedUntilPlanned(t *testing.T) {
	all := annexA(t)
	cert := "[[certification]]\nframework = \"iso27001\"\nissued = 2023-12-01\n" +
		"[[certification.audit]]\nkind = \"surveillance\"\ndate = 2024-11-05\nresult = \"passed\"\n" +
		"[[certification.audit]]\nkind = \"surveillance\"\ndate = 2025-11-10\nresult = \"passed\"\n"
	report := "[[attestation]]\nframework = \"soc2\"\ntype = \"II\"\ncategories = [\"security\"]\nperiod_start = 2025-01-01\nperiod_end = 2025-12-31\nissued = 2026-02-01\n"
	for _, tt := range []struct {
		name, records, want string
	}{
		{"certificate, nothing booked", cert, "no recertification audit is booked"},
		{"certificate, recertification booked", cert + "[[certification.audit]]\nkind = \"recertification\"\ndate = 2026-11-20\nresult = \"scheduled\"\n", ""},
		{"report, nothing under way", report, "no next report is under way"},
		{"report, next period under way", report + "[[attestation]]\nframework = \"soc2\"\ntype = \"II\"\ncategories = [\"security\"]\nperiod_start = 2026-01-01\nperiod_end = 2026-12-31\n", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := resolveSite(t, map[string]string{
				"content/controls/c.toml":       controlsFile(all, "implemented"),
				"content/soa.toml":              "version = \"1\"\napproved = 2023-10-01\napproved_by = \"CEO\"\ndefault_reasons = [\"risk\"]\n",
				"content/certifications/r.toml": tt.records,
			})
			var said []string
			for _, d := range ds {
				if strings.Contains(d.Message, "expires on") || strings.Contains(d.Message, "stops being current") {
					said = append(said, d.Message)
				}
			}
			switch {
			case tt.want == "" && len(said) > 0:
				t.Errorf("warned although its successor is booked: %v", said)
			case tt.want != "" && (len(said) != 1 || !strings.Contains(said[0], tt.want)):
				t.Errorf("got %v, want a warning with %q", said, tt.want)
			}
		})
	}
}

// TestISO2013Warnings: an ISO/IEC 27001:2013 certificate is warned about in
// the 90 days before the transition ended (31 October 2025, IAF MD 26) and
// after it, on both sides of each date.
func TestISO2013Warnings(t *testing.T) {
	all := annexA(t)
	cert := "[[certification]]\nframework = \"iso27001\"\nstandard = \"ISO/IEC 27001:2013\"\nissued = 2024-06-01\n" +
		"[[certification.audit]]\nkind = \"surveillance\"\ndate = 2025-05-01\nresult = \"passed\"\n"
	for _, tt := range []struct {
		asOf, status, warning string
	}{
		{"2025-08-01", resolve.Certified, ""},
		{"2025-08-02", resolve.Expiring, "cease to be valid on 2025-10-31"},
		{"2025-10-31", resolve.Expiring, "cease to be valid on 2025-10-31"},
		{"2025-11-01", resolve.Expired, "ceased to be valid on 2025-10-31 (IAF MD 26), so this one reads expired"},
	} {
		asOf, _ := model.ParseDate(tt.asOf)
		s, ds := resolveSiteAt(t, map[string]string{
			"content/controls/c.toml":         controlsFile(all, "implemented"),
			"content/soa.toml":                "version = \"1\"\napproved = 2024-01-01\napproved_by = \"CEO\"\ndefault_reasons = [\"risk\"]\n",
			"content/certifications/iso.toml": cert,
		}, asOf)
		var said []string
		for _, d := range ds {
			if strings.Contains(d.Message, "27001:2013") {
				said = append(said, d.Message)
			}
		}
		if got := s.Certifications[0].Status; got != tt.status {
			t.Errorf("as of %s: %q, want %q", tt.asOf, got, tt.status)
		}
		switch {
		case tt.warning == "" && len(said) > 0:
			t.Errorf("as of %s: unexpected %v", tt.asOf, said)
		case tt.warning != "" && (len(said) != 1 || !strings.Contains(said[0], tt.warning)):
			t.Errorf("as of %s: %v, want one warning with %q", tt.asOf, said, tt.warning)
		}
	}
}

package pipeline_test

import (
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/pipeline"
)

// TestReportsAsBuyersSeeThem: a report superseded by a newer one is history
// (never a "stale" card beside the current one); a qualified opinion is
// never a plain green badge; an adverse one is never current; every card
// says why; the certifications page explains every status.
func TestReportsAsBuyersSeeThem(t *testing.T) {
	report := func(start, end, issued, opinion, auditor string) string {
		return "[[attestation]]\nframework = \"soc2\"\ntype = \"II\"\nauditor = \"" + auditor + "\"\ncategories = [\"security\"]\nopinion = \"" + opinion + "\"\n" +
			"period_start = " + start + "\nperiod_end = " + end + "\nissued = " + issued + "\n"
	}
	for _, tt := range []struct {
		name, opinion, badge string
	}{
		{"unqualified", "unqualified", `<span class="badge badge-ok">Current</span>`},
		{"qualified", "qualified", `<span class="badge badge-warn">Current, qualified opinion</span>`},
		{"adverse", "adverse", `<span class="badge badge-bad">Adverse opinion</span>`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeSite(t, map[string]string{
				"site.toml":               "title = \"T\"\ncompany = \"Acme\"\n[build]\nas_of = 2026-11-01\n",
				"content/controls/c.toml": "[[control]]\nid = \"C-1\"\ntitle = \"One\"\nstatus = \"implemented\"\nsoc2 = [\"CC1.1\"]\n",
				"content/policies/p.md":   "+++\ntitle = \"P\"\nversion = \"1\"\nowner = \"O\"\napproved = 2026-01-01\ncontrols = [\"C-1\"]\n+++\nText.\n",
				"content/certifications/soc2.toml": report("2024-07-01", "2025-06-30", "2025-08-15", "unqualified", "Old Auditors LLP") +
					report("2025-07-01", "2026-06-30", "2026-08-15", tt.opinion, "New Auditors LLP"),
			})
			res, err := pipeline.Render(pipeline.Options{Site: dir, Templates: trustdocs.Templates, Theme: trustdocs.Theme})
			if err != nil || res.Output == nil {
				t.Fatalf("%v %v", err, res.Diags.Items())
			}
			home := string(res.Output.Files["index.html"])
			certs := string(res.Output.Files["certifications/index.html"])
			summary := string(res.Output.Files["summary/index.html"])
			// (The home page's latest changes may say it was issued: that is history.)
			cards := home[strings.Index(home, `id="h-status"`):strings.Index(home, `id="h-coverage"`)]
			if strings.Contains(cards, "Old Auditors") || strings.Contains(cards, "Stale") || strings.Contains(summary, "Old Auditors") {
				t.Errorf("the superseded report is on the home page's cards or the summary")
			}
			if !strings.Contains(home, tt.badge) || !strings.Contains(certs, tt.badge) {
				t.Errorf("the current report's badge is not %s", tt.badge)
			}
			history := certs[strings.Index(certs, `id="h-history"`):]
			if !strings.Contains(history, "Old Auditors LLP") || !strings.Contains(history, "Superseded by the SOC 2 Type II report for 1 July 2025 – 30 June 2026.") {
				t.Errorf("the superseded report is not in the history, with why")
			}
			if !strings.Contains(home, `<p class="why">`) || !strings.Contains(certs, `id="h-legend"`) || !strings.Contains(certs, "Adverse opinion</span></dt><dd>") {
				t.Errorf("cards do not say why, or the legend is missing")
			}
		})
	}
}

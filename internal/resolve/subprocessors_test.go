package resolve_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

func warningsOf(ds []diag.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		if d.Severity == diag.Warning {
			out = append(out, d.String())
		}
	}
	return out
}

// The notice rule (GDPR Art. 28(2); the period from site.toml, 30 days by
// default) on the day before, on and after the day it turns on: as of
// 2026-11-01, a change on 2026-12-01 has 30 days.
func TestSubprocessorNoticePeriod(t *testing.T) {
	asOf := model.NewDate(2026, 11, 1)
	for _, tc := range []struct {
		name, record string
		siteTOML     string
		warn         string // "" for none
	}{
		{name: "added 29 days after the build", record: "added = 2026-11-30", warn: "Example X is added on 2026-11-30, 29 days after customers are told (this build, as of 2026-11-01"},
		{name: "added 30 days after the build", record: "added = 2026-12-01"},
		{name: "added 31 days after the build", record: "added = 2026-12-02"},
		{name: "announced 29 days ahead", record: "added = 2026-12-10\nannounced = 2026-11-11", warn: "not told yet"},
		{name: "announced on the build date, 29 days ahead", record: "added = 2026-11-30\nannounced = 2026-11-01", warn: "29 days after customers are told (announced = 2026-11-01)"},
		{name: "announced 30 days ahead", record: "added = 2026-11-30\nannounced = 2026-10-31"},
		{name: "announced 31 days ahead", record: "added = 2026-11-30\nannounced = 2026-10-30"},
		{name: "in effect on the build date", record: "added = 2026-11-01"},
		{name: "in effect the day before", record: "added = 2026-10-31"},
		{name: "one day ahead", record: "added = 2026-11-02", warn: "1 day after customers are told"},
		{name: "short notice in the past", record: "added = 2026-10-20\nannounced = 2026-10-19"},
		{name: "removal needs no notice", record: "added = 2020-01-01\nremoved = 2026-11-02"},
		{name: "change 29 days ahead", record: "added = 2020-01-01\n[[subprocessor.change]]\ndate = 2026-11-30\nnote = \"Moves to the US\"", warn: "Example X changes on 2026-11-30, 29 days"},
		{name: "change 30 days ahead", record: "added = 2020-01-01\n[[subprocessor.change]]\ndate = 2026-12-01\nnote = \"Moves to the US\""},
		{name: "notice_days 14: 13 days", record: "added = 2026-11-14", siteTOML: "[subprocessors]\nnotice_days = 14\n", warn: "your notice period is 14 days"},
		{name: "notice_days 14: 14 days", record: "added = 2026-11-15", siteTOML: "[subprocessors]\nnotice_days = 14\n"},
		{name: "notice_days 0 turns it off", record: "added = 2026-11-02", siteTOML: "[subprocessors]\nnotice_days = 0\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"content/subprocessors.toml": "[[subprocessor]]\nname = \"Example X\"\npurpose = \"Search\"\n" + tc.record + "\n"}
			if tc.siteTOML != "" {
				files["site.toml"] = "title = \"T\"\ncompany = \"C\"\n" + tc.siteTOML
			}
			s, ds := resolveSiteAt(t, files, asOf)
			if errs := errorsOf(ds); len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			ws := warningsOf(ds)
			switch {
			case tc.warn == "not told yet":
				// announced after the build: nothing published, nothing to warn of yet
				if len(ws) > 0 || len(s.Notices) > 0 || s.SubprocessorStatus(s.Subprocessors[0]) != "" {
					t.Errorf("an addition not yet announced: warnings %v, notices %v", ws, s.Notices)
				}
			case tc.warn == "":
				if len(ws) > 0 {
					t.Errorf("want no warning, got %v", ws)
				}
			case len(ws) != 1 || !strings.Contains(ws[0], tc.warn):
				t.Errorf("want one warning containing %q, got %v", tc.warn, ws)
			case !strings.Contains(ws[0], "content/subprocessors.toml:"):
				t.Errorf("the warning names no position: %s", ws[0])
			}
		})
	}
}

func TestSubprocessorStatusesAndNotices(t *testing.T) {
	files := map[string]string{"content/subprocessors.toml": `
[[subprocessor]]
name = "Old"
purpose = "Mail"
added = 2021-01-01
removed = 2026-10-15

[[subprocessor]]
name = "New"
purpose = "Mail"
added = 2026-10-15
announced = 2026-09-01

[[subprocessor]]
name = "Next"
purpose = "Search"
added = 2026-12-15
announced = 2026-11-01

[[subprocessor]]
name = "Secret"
purpose = "Not told yet"
added = 2027-03-01
announced = 2027-01-01

[[subprocessor]]
name = "Leaving"
purpose = "Chat"
added = 2022-01-01
removed = 2026-11-02

[[subprocessor.change]]
date = 2026-06-01
note = "Adds the US"
`}
	for _, tc := range []struct {
		asOf     model.Date
		current  []string
		upcoming []string
	}{
		{model.NewDate(2026, 11, 1), []string{"New", "Leaving"}, []string{"removed Leaving 2026-11-02", "added Next 2026-12-15"}},
		{model.NewDate(2026, 11, 2), []string{"New"}, []string{"added Next 2026-12-15"}},
		{model.NewDate(2026, 12, 15), []string{"New", "Next"}, nil},
		{model.NewDate(2026, 10, 14), []string{"Old", "Leaving"}, []string{"added New 2026-10-15", "removed Old 2026-10-15", "removed Leaving 2026-11-02"}},
	} {
		t.Run(tc.asOf.String(), func(t *testing.T) {
			s, ds := resolveSiteAt(t, map[string]string{"content/subprocessors.toml": files["content/subprocessors.toml"]}, tc.asOf)
			if errs := errorsOf(ds); len(errs) > 0 {
				t.Fatal(errs)
			}
			var current, upcoming []string
			for _, sp := range s.CurrentSubprocessors() {
				current = append(current, sp.Name)
			}
			for _, n := range s.UpcomingNotices() {
				upcoming = append(upcoming, fmt.Sprintf("%s %s %s", n.Kind, n.Subprocessor.Name, n.Date))
			}
			if !slices.Equal(current, tc.current) || !slices.Equal(upcoming, tc.upcoming) {
				t.Errorf("current %q, upcoming %q; want %q, %q", current, upcoming, tc.current, tc.upcoming)
			}
			for _, n := range s.Notices {
				if n.Subprocessor.Name == "Secret" {
					t.Errorf("a notice not yet announced is published: %v", n.Title())
				}
			}
			for _, n := range s.PastNotices() {
				if n.Date.After(tc.asOf) {
					t.Errorf("past notice %s is after the build date", n.Title())
				}
			}
		})
	}
	// In the feed's changes, a notice is dated the day customers heard of it.
	s, _ := resolveSiteAt(t, map[string]string{"content/subprocessors.toml": files["content/subprocessors.toml"]}, model.NewDate(2026, 11, 1))
	var got []string
	for _, c := range s.Changes {
		if c.Notice != nil {
			got = append(got, c.Date.String()+" "+c.Title)
		}
	}
	want := []string{
		"2026-11-01 Subprocessor added: Next, from 15 December 2026",
		"2026-11-01 Subprocessor removed: Leaving, from 2 November 2026",
		"2026-10-15 Subprocessor removed: Old, from 15 October 2026",
		"2026-09-01 Subprocessor added: New, from 15 October 2026",
		"2026-06-01 Subprocessor change: Leaving, from 1 June 2026",
		"2022-01-01 Subprocessor added: Leaving, from 1 January 2022",
		"2021-01-01 Subprocessor added: Old, from 1 January 2021",
	}
	if !slices.Equal(got, want) {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSubprocessorDateErrors(t *testing.T) {
	for _, tc := range []struct{ record, want string }{
		{"added = 2026-01-01\nremoved = 2025-01-01", "X is removed (2025-01-01) before it is added (2026-01-01)"},
		{"added = 2026-01-01\n[[subprocessor.change]]\ndate = 2025-06-01\nnote = \"n\"", "the change of X on 2025-06-01 is outside the time it processes data (from 2026-01-01 on)"},
		{"added = 2024-01-01\nremoved = 2025-01-01\n[[subprocessor.change]]\ndate = 2025-01-01\nnote = \"n\"", "outside the time it processes data (from 2024-01-01 until 2024-12-31)"},
		{"added = 2024-01-01\nsince = 2024-01-01", "since and added are one date under two names; keep added"},
		{"[[subprocessor.change]]\nnote = \"n\"", "missing date"},
		{"[[subprocessor.change]]\ndate = 2025-01-01", "missing note"},
	} {
		_, ds := resolveSite(t, map[string]string{"content/subprocessors.toml": "[[subprocessor]]\nname = \"X\"\npurpose = \"p\"\n" + tc.record + "\n"})
		if errs := errorsOf(ds); len(errs) != 1 || !strings.Contains(errs[0], tc.want) {
			t.Errorf("%q: errors %v, want one with %q", tc.record, errs, tc.want)
		}
	}
	// since, the older name, still reads as added.
	s, ds := resolveSite(t, map[string]string{"content/subprocessors.toml": "[[subprocessor]]\nname = \"X\"\npurpose = \"p\"\nsince = 2024-01-01\n"})
	if len(ds) > 0 || s.Subprocessors[0].Added != model.NewDate(2024, 1, 1) {
		t.Errorf("since: %v, added %v", ds, s.Subprocessors[0].Added)
	}
}

package resolve

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestREADMEStatusTable: the README's table of statuses names every status
// the code gives, for the records that have it, and no other; and its
// rules quote the limits the code applies (the boundary tests above hold
// the code to them).
func TestREADMEStatusTable(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	start := strings.Index(s, "**Status as of the build date D.**")
	if start < 0 {
		t.Fatal("the README has no status table")
	}
	table := s[start:]
	table = table[strings.Index(table, "| record |"):]
	table = table[:strings.Index(table, "\n\n")]
	tick := regexp.MustCompile("`([^`]+)`")
	documented := map[string][]string{}
	rules := map[string]string{}
	record := ""
	for _, line := range strings.Split(table, "\n")[2:] {
		cells := strings.Split(line, "|")
		if len(cells) < 4 {
			t.Fatalf("row %q", line)
		}
		if r := strings.TrimSpace(cells[1]); r != "" {
			record = map[string]string{"certification": "certification", "attestation": "report"}[r]
		}
		for _, m := range tick.FindAllStringSubmatch(cells[2], -1) {
			documented[record] = append(documented[record], m[1])
			rules[record+"/"+m[1]] = cells[3]
		}
	}
	coded := map[string][]string{}
	for _, r := range Legend("") {
		if !strings.Contains(r.Status, ",") { // a label (current, qualified opinion) is a status's mark
			coded[r.Record] = append(coded[r.Record], r.Status)
		}
	}
	for _, rec := range []string{"certification", "report"} {
		slices.Sort(documented[rec])
		slices.Sort(coded[rec])
		if !slices.Equal(documented[rec], coded[rec]) {
			t.Errorf("%s statuses: the README has %q, the code %q", rec, documented[rec], coded[rec])
		}
	}
	for key, want := range map[string][]string{
		"certification/expired":              {"31 October 2025", "IAF MD 26"},
		"certification/surveillance overdue": {"k × 12 months", "(k − 1) × 12 months", "one year only"},
		"certification/expiring":             {"90 days"},
		"report/current":                     {"12 months", "report_current_from", "qualified opinion"},
		"report/expiring":                    {"60 days"},
		"report/stale":                       {"bridge letter", "never the currency"},
	} {
		for _, w := range want {
			if !strings.Contains(rules[key], w) {
				t.Errorf("the README's rule for %s does not say %q: %s", key, w, rules[key])
			}
		}
	}
}

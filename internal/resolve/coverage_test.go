package resolve_test

import (
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/resolve"
)

// TestCoverage checks what counts and what is met: a requirement is met
// only when every control mapped to it is implemented; clause headings and
// justified exclusions are not counted; without a report, every SOC 2
// category is in scope.
func TestCoverage(t *testing.T) {
	all := annexA(t)
	others := strings.Join(all[2:], `", "`)
	control := func(id, status, iso, soc string) string {
		s := "[[control]]\nid = \"" + id + "\"\ntitle = \"" + id + "\"\nstatus = \"" + status + "\"\n"
		if iso != "" {
			s += "iso27001 = [" + iso + "]\n"
		}
		if soc != "" {
			s += "soc2 = [" + soc + "]\n"
		}
		return s
	}
	excludeSecond := "[annex_a.\"" + all[1] + "\"]\napplicable = false\njustification = \"No premises of our own: every office is a shared co-working space run by others.\"\n"
	tests := []struct {
		name     string
		controls string
		soa      string
		iso, soc resolve.Coverage
	}{
		{"every Annex A control implemented, no clause",
			control("A", "implemented", `"`+all[0]+`", "`+all[1]+`", "`+others+`"`, ""), "",
			resolve.Coverage{Met: 93, Total: 93 + 30}, resolve.Coverage{Total: 61}},
		{"a justified exclusion is not counted",
			control("A", "implemented", `"`+all[0]+`", "`+others+`"`, ""), excludeSecond,
			resolve.Coverage{Met: 92, Total: 92 + 30}, resolve.Coverage{Total: 61}},
		{"implemented and planned on one requirement: partial, not met",
			control("A", "implemented", `"`+all[0]+`", "`+all[1]+`", "`+others+`", "9.2.1"`, "") + control("B", "planned", `"`+all[0]+`"`, `"CC1.1"`), "",
			resolve.Coverage{Met: 93, Partial: 1, Total: 123}, resolve.Coverage{Planned: 1, Total: 61}},
		{"a heading is not counted; its sub-clauses are",
			control("A", "implemented", `"`+all[0]+`", "`+all[1]+`", "`+others+`", "9.2"`, "") + control("B", "partial", "", `"CC1.1", "CC1.2"`), "",
			resolve.Coverage{Met: 93, Total: 123}, resolve.Coverage{Partial: 2, Total: 61}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"content/controls/c.toml": tt.controls}
			if tt.soa != "" {
				files["content/soa.toml"] = tt.soa
			}
			s, ds := resolveSite(t, files)
			if errs := errorsOf(ds); len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			if got := s.Framework("iso27001").Coverage(); got != tt.iso {
				t.Errorf("ISO 27001: %+v, want %+v", got, tt.iso)
			}
			if got := s.Framework("soc2").Coverage(); got != tt.soc {
				t.Errorf("SOC 2: %+v, want %+v", got, tt.soc)
			}
		})
	}
	// Mapping a heading is said, with what to map instead.
	_, ds := resolveSite(t, map[string]string{"content/controls/c.toml": control("A", "implemented", `"`+strings.Join(all, `", "`)+`", "9.2"`, "")})
	if !has(ds, `iso27001: "9.2"; it is a heading, met through 9.2.1, 9.2.2, which coverage counts`) {
		t.Errorf("no warning for a heading mapped: %v", ds)
	}
}

func TestCoveragePercent(t *testing.T) {
	for _, tt := range []struct {
		c    resolve.Coverage
		want int
	}{
		{resolve.Coverage{}, 0},
		{resolve.Coverage{Met: 122, Total: 123}, 99}, // never rounded up to 100
		{resolve.Coverage{Met: 123, Total: 123}, 100},
		{resolve.Coverage{Met: 1, Total: 3}, 33},
	} {
		if got := tt.c.Percent(); got != tt.want {
			t.Errorf("%+v: %d%%, want %d%%", tt.c, got, tt.want)
		}
	}
}

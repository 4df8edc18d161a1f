package resolve_test

import (
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

// pairOf returns the relationship and rationale of a → b in s's
// ISO 27001 → SOC 2 crosswalk, or "" when there is no such pair.
func pairOf(s *resolve.Site, a, b string) (model.Relationship, string) {
	cw := s.Crosswalk(s.Framework("iso27001"), s.Framework("soc2"))
	for _, p := range cw.Pairs {
		if p.A.ID == a && p.B.ID == b {
			return p.Relationship, p.Rationale
		}
	}
	return "", ""
}

// A site's crosswalk adds pairs, overrides a built-in pair's relationship
// and removes one, written either way round.
func TestSiteCrosswalkMerges(t *testing.T) {
	s, ds := resolveSite(t, map[string]string{
		"content/crosswalks/ours.toml": `from = "soc2"
to = "iso27001"

[[pair]]
from = "CC8.1"
to = "A.8.32"
relationship = "superset"
rationale = "Ours."

[[pair]]
from = "CC6.1"
to = "A.5.15"
relationship = "none"

[[pair]]
from = "CC6.1"
to = "A.8.1"
relationship = "intersects"
rationale = "Endpoints."
`,
	})
	for _, d := range ds {
		if strings.Contains(d.Pos.File, "crosswalk") {
			t.Errorf("diagnostic: %s", d)
		}
	}
	if rel, why := pairOf(s, "A.8.32", "CC8.1"); rel != model.Subset || why != "Ours." {
		t.Errorf("override: A.8.32 → CC8.1 is %q %q, want subset (the site's superset read the other way) %q", rel, why, "Ours.")
	}
	if rel, _ := pairOf(s, "A.5.15", "CC6.1"); rel != "" {
		t.Errorf("removed pair A.5.15 → CC6.1 is still there as %q", rel)
	}
	if rel, why := pairOf(s, "A.8.1", "CC6.1"); rel != model.Intersects || why != "Endpoints." {
		t.Errorf("added pair A.8.1 → CC6.1 is %q %q", rel, why)
	}
	if rel, _ := pairOf(s, "A.8.2", "CC6.1"); rel != model.Intersects {
		t.Errorf("untouched built-in pair A.8.2 → CC6.1 is %q", rel)
	}
}

// Every mistake in a crosswalk is reported at its place, with a suggestion.
func TestCrosswalkErrors(t *testing.T) {
	_, ds := resolveSite(t, map[string]string{
		"content/crosswalks/bad.toml": `from = "iso27001"
to = "soc"

[[pair]]
from = "A.8.32"
to = "CC8.1"
relationship = "equal"
`,
		"content/crosswalks/worse.toml": `from = "iso27001"
to = "soc2"

[[pair]]
from = "A.8.99"
to = "CC8.1"
relationship = "intersects"

[[pair]]
from = "8.32"
to = "CC8.1"
relationship = "equals"

[[pair]]
from = "A.8.1"
to = "CC6.1"
relationship = "intersects"

[[pair]]
from = "A.8.1"
to = "CC6.1"
relationship = "subset"

[[pair]]
from = "A.8.2"
to = "CC6.10"
`,
	})
	var got []string
	for _, d := range ds {
		if strings.Contains(d.Pos.File, "crosswalk") {
			got = append(got, d.String())
		}
	}
	text := strings.Join(got, "\n")
	for _, want := range []string{
		`content/crosswalks/bad.toml:2:1: error: framework "soc" is not loaded`,
		`(did you mean "soc2"?)`,
		`content/crosswalks/worse.toml:10:1: error: crosswalk: "8.32" is not a requirement of ISO 27001 (Annex A controls are written with "A.": did you mean "A.8.32"?)`,
		`content/crosswalks/worse.toml:5:1: error: crosswalk: "A.8.99" is not a requirement of ISO 27001`,
		`content/crosswalks/worse.toml:12:1: error: [[pair]]: relationship = "equals" is not one of "equal", "subset", "superset", "intersects", "none" (did you mean "equal"?)`,
		`content/crosswalks/worse.toml:19:1: error: crosswalk: the pair A.8.1 → CC6.1 is already given at content/crosswalks/worse.toml:14:1; keep one`,
		`content/crosswalks/worse.toml:24:1: error: [[pair]]: missing relationship; add relationship = "intersects"`,
		`content/crosswalks/worse.toml:26:1: error: crosswalk: "CC6.10" is not a requirement of SOC 2`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in:\n%s", want, text)
		}
	}
}

// The crosswalk suggests a mapping where a control maps to one side of an
// equal or subset pair and not the other, and only then.
func TestSuggestions(t *testing.T) {
	s, _ := resolveSite(t, map[string]string{
		"content/controls/c.toml": `[[control]]
id = "CH-1"
title = "Change management"
status = "implemented"
iso27001 = ["A.8.32", "A.8.6"]
soc2 = ["A1.1"]

[[control]]
id = "AC-1"
title = "Access"
status = "implemented"
iso27001 = ["A.5.15"]
soc2 = ["CC6.1"]
`,
	})
	var got []string
	for _, d := range s.Suggestions() {
		got = append(got, d.String())
	}
	want := []string{
		`content/controls/c.toml:5:1: suggestion: CH-1 maps A.8.32 (Change management); the crosswalk relates it to SOC 2 CC8.1 (Authorizing, designing, testing, approving and implementing changes) as a part of it: add "CC8.1" to the control's soc2 list if it meets that too`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("suggestions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

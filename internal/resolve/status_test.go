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

func TestVacuousJustification(t *testing.T) {
	for j, want := range map[string]string{
		"N/A": "says nothing", "n/a.": "says nothing", "NA": "says nothing", "None.": "says nothing", "-": "says nothing",
		"—": "says nothing", "Not applicable": "says nothing", "not applicable.": "says nothing", "Out of scope": "says nothing",
		"TBD": "says nothing", "": "says nothing",
		"TODO: explain why development is not outsourced.":                        "is a placeholder",
		"We use no contractors (TBD by legal)":                                    "is a placeholder",
		"No company premises.":                                                    "is too short to say why",
		"Fully remote.":                                                           "is too short to say why",
		"We operate no premises: all staff work remotely.":                        "",
		"No development is outsourced; all software is written by our own staff.": "",
	} {
		if got := Vacuous(j); got != want {
			t.Errorf("Vacuous(%q) = %q, want %q", j, got, want)
		}
	}
}

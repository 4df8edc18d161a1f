package diag

import "testing"

func TestSuggest(t *testing.T) {
	for _, tc := range []struct {
		s    string
		cand []string
		want string
	}{
		{"cc6.1", []string{"CC6.1", "CC6.2"}, "CC6.1"},
		{"AC-10", []string{"AC-01", "AC-02"}, "AC-01"},
		{"A.5.38", []string{"A.5.37", "A.5.1"}, "A.5.37"},
		{"risk-assessment", []string{"risk", "legal", "best-practice"}, "risk"},
		{"best", []string{"risk", "best-practice"}, "best-practice"},
		{"tittle", []string{"title", "version"}, "title"},
		{"zzzz", []string{"title", "version"}, ""},
		{"A.5.38", []string{"A.5.18", "A.5.3", "A.5.30", "A.5.37"}, "A.5.37"},
		{"pass", []string{"passed", "scheduled", "failed"}, "passed"},
		{"sta", []string{"stage1", "stage2"}, ""},
		{"iso27k", []string{"iso27001", "soc2"}, "iso27001"},
		{"A.5.99", []string{"A.5.1", "A.5.2", "A.5.37"}, "A.5.37"},
		{"A.9", []string{"A.5.1", "A.5.2"}, ""},
		{"x", []string{"y"}, ""},
		{"", []string{"a"}, ""},
		{"ab", nil, ""},
	} {
		if got := Suggest(tc.s, tc.cand); got != tc.want {
			t.Errorf("Suggest(%q, %q) = %q, want %q", tc.s, tc.cand, got, tc.want)
		}
	}
}

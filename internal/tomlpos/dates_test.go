package tomlpos

import (
	"regexp"
	"testing"

	"github.com/trustdocs/trustdocs/internal/model"
)

// FuzzDateAdvice: any value on a line of TOML gets advice or none, never a
// panic, and every date the advice names is one TOML reads.
func FuzzDateAdvice(f *testing.F) {
	for _, s := range []string{"06/04/2026", "2026/6/4", "4 June 2026", "June 4th, 2026", "31/02/2026", "2026-02-30", "Sept 9 2026", "1/1/1", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, value string) {
		advice, ok := dateAdvice("a", value)
		if !ok {
			return
		}
		for _, m := range regexp.MustCompile(`a = (\S+)`).FindAllStringSubmatch(advice, -1) {
			if m[1] == "YYYY-MM-DD," {
				continue
			}
			if _, err := model.ParseDate(m[1]); err != nil {
				t.Errorf("%q: advice %q names %q: %v", value, advice, m[1], err)
			}
		}
	})
}

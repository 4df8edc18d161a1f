package markdown

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Real policy sets pass the limits: they refuse hostile shapes only. The
// comply template is in the repository; the shared fixtures (JupiterOne's
// templates too) where they are checked out beside it.
func TestFixturesWithinLimits(t *testing.T) {
	n := 0
	for _, root := range []string{"../comply/testdata/comply-soc2", "../scaffold/site", "../../content", "../../../shared/fixtures"} {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			n++
			if le := checkLimits(b); le != nil {
				t.Errorf("%s:%d: %s", p, le.Line, le.Msg)
			}
			return nil
		})
	}
	if n < 40 {
		t.Errorf("only %d Markdown files checked", n)
	}
	t.Logf("%d Markdown files within the limits", n)
}

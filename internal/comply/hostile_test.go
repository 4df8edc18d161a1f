package comply_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/comply"
)

// Issue 16, item 3: a document of a comply project that is a symbolic
// link out of the project is refused, and what it points to is not read.
func TestHostileSymlinkInProject(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/comply-soc2")); err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(secret, []byte("---\nname: Secret CANARY-OUTSIDE\n---\nCANARY-OUTSIDE\n"), 0o644)
	link := filepath.Join(dir, "policies", "zz-secret.md")
	if err := os.Symlink(secret, link); err != nil {
		t.Fatal(err)
	}
	res, err := comply.Import(dir, comply.Options{Company: "Acme", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	var refused bool
	for _, d := range res.Diags.Items() {
		refused = refused || (strings.HasPrefix(d.String(), "policies/zz-secret.md: error: symbolic link leads outside the comply project"))
	}
	if !refused {
		t.Errorf("the link was not refused: %v", res.Diags.Items())
	}
	for p, b := range res.Files {
		if strings.Contains(string(b), "CANARY-OUTSIDE") {
			t.Errorf("%s holds the linked file's text", p)
		}
	}
}

package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// Issue 16, item 7: --base-url is checked like site.toml's base_url.
func TestHostileBaseURLFlag(t *testing.T) {
	code, _, stderr := runCmd("build", "-s", badBase(t), "-o", filepath.Join(t.TempDir(), "out"), "--base-url", "javascript:alert(1)//")
	if code == 0 || !strings.Contains(stderr, `--base-url "javascript:alert(1)//" must start with https://`) {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
}

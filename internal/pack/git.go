package pack

import (
	"os"
	"os/exec"
	"path/filepath"
)

// IgnorePattern is the .gitignore pattern of the packs' default names
// (acme-trust-pack-nda-2026-11-01.zip), which the starter site ignores.
const IgnorePattern = "*-trust-pack*.zip"

// Unignored reports the git work tree that file is in when git would not
// ignore it, or "" when it is in none or git ignores it. A pack left in a
// site's repository unignored is one commit away from publishing what it
// holds (for an NDA pack, the restricted documents) on a public repository.
// Without git to ask, a file in a work tree counts as not ignored.
func Unignored(file string) (workTree string) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return ""
	}
	for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			workTree = dir
			break
		}
		if filepath.Dir(dir) == dir {
			return ""
		}
	}
	// Exit status 0: ignored; 1: not ignored; anything else, or no git:
	// unknown, which is taken as not ignored.
	cmd := exec.Command("git", "check-ignore", "--quiet", "--", abs)
	cmd.Dir = workTree
	if cmd.Run() == nil {
		return ""
	}
	return workTree
}

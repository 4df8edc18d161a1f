// Package confine reads the files of a folder without leaving it: the one
// way trustdocs opens what a site or an imported project holds. Every
// component of a path is resolved inside the folder (Go's os.Root, which
// on Linux walks the path with openat and O_NOFOLLOW), so a symbolic link
// anywhere on the way that leads outside is refused — also one swapped in
// after the folder was listed. Links that stay inside are followed. Files
// over a size limit are refused before they are read.
package confine

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// MaxTextFile is the largest text file trustdocs reads (site.toml, TOML,
// Markdown, templates, YAML): some hundred times a long policy, and small
// enough that a hostile file is read, parsed and checked in seconds.
const MaxTextFile = 4 << 20

// ErrOutside is ReadFile's error for a path whose symbolic links lead
// outside the folder: callers say which folder, in their words.
var ErrOutside = errors.New("symbolic link leads outside the folder")

// ReadFile reads the file abs, which must lie in the folder root, and at
// most MaxTextFile bytes of it. Its errors are sentences for a user.
func ReadFile(root, abs string) ([]byte, error) {
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, fmt.Errorf("%s is outside %s", abs, root)
	}
	f, err := os.OpenInRoot(root, rel)
	if err != nil {
		if strings.Contains(err.Error(), "escapes") {
			return nil, ErrOutside
		}
		return nil, fmt.Errorf("cannot read: %v", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot read: %v", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("not a plain file; trustdocs reads only files")
	}
	if fi.Size() > MaxTextFile {
		return nil, fmt.Errorf("the file is %.1f MiB, over the limit of %d MiB for a text file; split it", float64(fi.Size())/(1<<20), MaxTextFile>>20)
	}
	// Read at most one byte over the limit: a file that grows while it
	// is read is still refused.
	b, err := io.ReadAll(io.LimitReader(f, MaxTextFile+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read: %v", err)
	}
	if len(b) > MaxTextFile {
		return nil, fmt.Errorf("the file is over the limit of %d MiB for a text file; split it", MaxTextFile>>20)
	}
	return b, nil
}

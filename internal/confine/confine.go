// Package confine reads the files of a folder without leaving it: the one
// way trustdocs opens what a site or an imported project holds. Every
// component of a path is resolved inside the folder, so a symbolic link
// anywhere on the way that leads outside is refused — also one swapped in
// after the folder was listed. Links that stay inside are followed. Files
// over a size limit are refused before they are read.
//
// On Linux 5.6 and later a Dir holds the folder open and opens each file
// with one openat2 call (RESOLVE_BENEATH); elsewhere, and where a sandbox
// forbids openat2, it uses Go's os.Root, which walks the path with openat
// and O_NOFOLLOW.
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

// A Dir is a folder whose files are read without leaving it. It is safe
// for concurrent use.
type Dir struct {
	path string
	sys  sysDir // the fast way, where there is one
	root *os.Root
}

// Open opens the folder path.
func Open(path string) (*Dir, error) {
	d := &Dir{path: path}
	if !d.sys.open(path) {
		r, err := os.OpenRoot(path)
		if err != nil {
			return nil, err
		}
		d.root = r
	}
	return d, nil
}

// Close closes the folder.
func (d *Dir) Close() error {
	if d.root != nil {
		return d.root.Close()
	}
	return d.sys.close()
}

// ReadFile reads the file abs, which must lie in the folder, and at most
// MaxTextFile bytes of it. Its errors are sentences for a user.
func (d *Dir) ReadFile(abs string) ([]byte, error) {
	if !Within(abs, d.path) {
		return nil, fmt.Errorf("%s is outside %s", abs, d.path)
	}
	rel, _ := filepath.Rel(d.path, abs)
	if d.root == nil {
		if b, ok, err := d.sys.readFile(rel); ok {
			return b, err
		}
	}
	return d.readRoot(rel)
}

// readRoot reads through os.Root.
func (d *Dir) readRoot(rel string) ([]byte, error) {
	if d.root == nil {
		return nil, errors.New("cannot read: no way to open files here")
	}
	f, err := d.root.Open(rel)
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
	if err := checkFile(fi.Mode().IsRegular(), fi.Size()); err != nil {
		return nil, err
	}
	return readLimited(f, fi.Size())
}

// checkFile refuses what is not a plain file, or too big to read.
func checkFile(regular bool, size int64) error {
	if !regular {
		return errors.New("not a plain file; trustdocs reads only files")
	}
	if size > MaxTextFile {
		return fmt.Errorf("the file is %.1f MiB, over the limit of %d MiB for a text file; split it", float64(size)/(1<<20), MaxTextFile>>20)
	}
	return nil
}

// readLimited reads r, of about size bytes, refusing it if it has grown
// past the limit since it was measured.
func readLimited(r io.Reader, size int64) ([]byte, error) {
	buf := make([]byte, 0, size+1)
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if len(buf) > MaxTextFile {
			return nil, fmt.Errorf("the file is over the limit of %d MiB for a text file; split it", MaxTextFile>>20)
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, fmt.Errorf("cannot read: %v", err)
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
}

// Within reports whether path is dir or lies inside it, by their names
// alone: both absolute, or both relative to the same folder.
func Within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// ReadFile reads one file abs of the folder root: Open, ReadFile, Close.
func ReadFile(root, abs string) ([]byte, error) {
	d, err := Open(root)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %v", err)
	}
	defer d.Close()
	return d.ReadFile(abs)
}

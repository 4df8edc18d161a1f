//go:build !linux

package write

import (
	"os"
	"path/filepath"
)

// A root is the folder a build writes in. Here files are opened by path,
// with Begin's check of the kept output against links.
type root struct{ path string }

func openRoot(path string) (*root, error) { return &root{path: path}, nil }

func (r *root) Close() error { return nil }

func (r *root) remove(rel string) error {
	return os.Remove(filepath.Join(r.path, filepath.FromSlash(rel)))
}

func (r *root) mkdir(rel string) error {
	return os.Mkdir(filepath.Join(r.path, filepath.FromSlash(rel)), 0o755)
}

// outFile is an output file open for writing.
type outFile struct {
	*os.File
	was int64 // its length when opened: always new here
}

// rewrite opens the existing file at path to write it from its start.
// Here it always refuses, so that files are replaced, never written
// through: whether a file has other names is not known portably.
func (r *root) rewrite(string) (*outFile, error) { return nil, errNotOurs }

// create makes a new file at rel; it fails with fs.ErrExist if there is
// one.
func (r *root) create(rel string) (*outFile, error) {
	f, err := os.OpenFile(filepath.Join(r.path, filepath.FromSlash(rel)), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	return &outFile{File: f}, nil
}

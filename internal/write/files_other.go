//go:build !linux

package write

import "os"

// outFile is an output file open for writing.
type outFile struct{ *os.File }

// rewrite opens the existing file at path to write it from its start.
// Here it always refuses, so that files are replaced, never written
// through: whether a file has other names is not known portably.
func rewrite(string) (*outFile, error) { return nil, errNotOurs }

// create makes a new file at path; it fails with fs.ErrExist if there is
// one.
func create(path string) (*outFile, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	return &outFile{f}, nil
}

// Package pack zips a built site for a buyer's procurement team: every
// file of the site, and a MANIFEST.sha256 at the root that lets whoever
// receives it check what arrived, with sha256sum -c MANIFEST.sha256.
package pack

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/trustdocs/trustdocs/internal/confine"
)

// Manifest is the name of the checksum file at the root of a pack.
const Manifest = "MANIFEST.sha256"

// Result says what a pack holds.
type Result struct {
	Files int   // files of the site, not counting the manifest
	Bytes int64 // their total size
}

// Write zips the site's files (generated, and copied from the absolute
// paths in copies) to out. The zip is written beside out and renamed over
// it at the end, so that out is never half-written. Every entry is dated
// modified, so that the same site gives the same zip. Copied files are
// streamed, never held whole in memory, whatever their size.
//
// out must lie outside the folders the site is read from (keep), and an
// existing out must be a pack trustdocs wrote: Write replaces no other
// file. The manifest starts with the lines of header as comments (# …),
// which sha256sum -c passes over.
func Write(out string, keep []string, files map[string][]byte, copies map[string]string, modified time.Time, header []string) (Result, error) {
	c := NewCollector()
	for p, b := range files {
		if err := c.File(p, b); err != nil {
			return Result{}, err
		}
	}
	return c.Write(out, keep, copies, modified, header)
}

// Write is the package's Write of the files collected.
func (c *Collector) Write(out string, keep []string, copies map[string]string, modified time.Time, header []string) (Result, error) {
	if err := Check(out, keep); err != nil {
		return Result{}, err
	}
	files := c.files
	paths := make([]string, 0, len(files)+len(copies))
	for p := range files {
		paths = append(paths, p)
	}
	for p := range copies {
		if _, ok := files[p]; !ok {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	if slices.Contains(paths, Manifest) {
		return Result{}, fmt.Errorf("the site has a file named %s, which the pack needs for its checksums; rename it", Manifest)
	}

	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.tmp")
	if err != nil {
		return Result{}, err
	}
	defer os.Remove(tmp.Name()) // gone once renamed
	res, err := writeZip(tmp, paths, files, copies, modified, header)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Result{}, err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return Result{}, err
	}
	return res, os.Rename(tmp.Name(), out)
}

func writeZip(w io.Writer, paths []string, files map[string]*entry, copies map[string]string, modified time.Time, header []string) (Result, error) {
	var res Result
	zw := zip.NewWriter(w)
	var manifest bytes.Buffer
	for _, line := range header {
		// One line each: a line break in a name would start a line that
		// is not a comment.
		manifest.WriteString("# " + strings.Join(strings.Fields(line), " ") + "\n")
	}
	for _, p := range paths {
		var (
			sum string
			n   int64
			err error
		)
		if e, ok := files[p]; ok {
			sum, n, err = e.sum, e.size, e.put(zw, p, modified)
		} else {
			f, oerr := os.Open(copies[p])
			if oerr != nil {
				return res, fmt.Errorf("cannot read %s for %s: %w", copies[p], p, oerr)
			}
			sum, n, err = add(zw, p, f, modified)
			f.Close()
		}
		if err != nil {
			return res, fmt.Errorf("%s: %w", p, err)
		}
		fmt.Fprintf(&manifest, "%s  %s\n", sum, p)
		res.Files++
		res.Bytes += n
	}
	if _, _, err := add(zw, Manifest, &manifest, modified); err != nil {
		return res, err
	}
	return res, zw.Close()
}

// add streams src into the zip as name and returns its SHA-256 and size.
func add(zw *zip.Writer, name string, src io.Reader, modified time.Time) (string, int64, error) {
	f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified})
	if err != nil {
		return "", 0, err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), src)
	return hex.EncodeToString(h.Sum(nil)), n, err
}

// Check reports why out cannot be written as a pack, or nil: it is inside
// one of the folders keep (those the site is read from), or it exists and
// is not a pack (a zip holding a manifest) — trustdocs replaces its own
// packs and nothing else.
func Check(out string, keep []string) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	for _, dir := range keep {
		if inside(abs, dir) {
			return fmt.Errorf("%s is inside %s, which the site is read from; write the pack elsewhere, e.g. -o pack.zip in the site folder", out, dir)
		}
	}
	fi, err := os.Lstat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case fi.IsDir():
		return fmt.Errorf("%s is a folder; name the zip file to write, e.g. -o pack.zip", out)
	case !fi.Mode().IsRegular():
		return fmt.Errorf("%s exists and is not a plain file; trustdocs will not replace it", out)
	}
	zr, err := zip.OpenReader(abs)
	if err == nil {
		defer zr.Close()
		for _, f := range zr.File {
			if f.Name == Manifest {
				return nil
			}
		}
	}
	return fmt.Errorf("%s exists and is not a trust pack; trustdocs replaces only packs it wrote, so move it away or name another file", out)
}

// inside reports whether the absolute path p lies within the folder dir,
// symbolic links of either resolved.
func inside(p, dir string) bool {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	if d, err := filepath.EvalSymlinks(dir); err == nil {
		dir = d
	}
	if parent, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
		p = filepath.Join(parent, filepath.Base(p))
	}
	return confine.Within(p, dir)
}

// Verify checks a pack: every file the manifest lists is in it with that
// SHA-256, and it holds no file the manifest does not list. It is what
// sha256sum -c does after unzipping, for tests and for readers without it.
func Verify(zipFile string) error {
	zr, err := zip.OpenReader(zipFile)
	if err != nil {
		return err
	}
	defer zr.Close()
	sums := map[string]string{}
	for _, f := range zr.File {
		b, err := read(f)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		sums[f.Name] = hex.EncodeToString(sum[:])
	}
	m, err := zr.Open(Manifest)
	if err != nil {
		return errors.New("the pack has no " + Manifest)
	}
	defer m.Close()
	text, err := io.ReadAll(m)
	if err != nil {
		return err
	}
	listed := map[string]bool{Manifest: true}
	for i, line := range bytes.Split(bytes.TrimSuffix(text, []byte("\n")), []byte("\n")) {
		if bytes.HasPrefix(line, []byte("#")) {
			continue // a comment, as sha256sum -c reads it
		}
		sum, name, ok := bytes.Cut(line, []byte("  "))
		if !ok {
			return fmt.Errorf("%s:%d: not a line of sha256sum", Manifest, i+1)
		}
		if sums[string(name)] != string(sum) {
			return fmt.Errorf("%s:%d: %s does not match its checksum", Manifest, i+1, name)
		}
		listed[string(name)] = true
	}
	for name := range sums {
		if !listed[name] {
			return fmt.Errorf("%s is in the pack but not in %s", name, Manifest)
		}
	}
	return nil
}

func read(f *zip.File) ([]byte, error) {
	r, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

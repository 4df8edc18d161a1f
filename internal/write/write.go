// Package write puts a rendered site on disk without ever leaving a
// half-written output: it writes into a new folder beside the output and
// swaps it in at the end. It deletes only folders that carry its marker,
// and refuses an output folder that is or contains the site, or that holds
// files it did not write.
package write

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/trustdocs/trustdocs/internal/par"
)

// Marker is the file that marks a folder as trustdocs output; it lists
// every file trustdocs wrote there.
const Marker = ".trustdocs-output"

// Files is what to write: generated files and files to copy.
type Files struct {
	Generated map[string][]byte // slash path → content
	Copies    map[string]string // slash path → absolute source
}

// Write writes files to the folder out. site is the site folder, which out
// must not be nor contain.
func Write(out, site string, files Files) error {
	out, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if err := Check(out, site); err != nil {
		return err
	}
	parent, base := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	removeLeftovers(parent, base)
	tmp, err := os.MkdirTemp(parent, "."+base+".new-")
	if err != nil {
		return err
	}
	if err := writeAll(tmp, files); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := swap(tmp, out); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return nil
}

// Check reports why out cannot be used as the output folder, or nil.
func Check(out, site string) error {
	out, _ = filepath.Abs(out)
	site, _ = filepath.Abs(site)
	if within(site, out) {
		if out == site {
			return fmt.Errorf("output folder %s is the site folder; choose another with -o, such as %s", out, filepath.Join(site, "public"))
		}
		return fmt.Errorf("output folder %s contains the site folder %s; choose one inside or beside the site with -o", out, site)
	}
	fi, err := os.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("output %s exists and is not a folder; trustdocs will not replace it", out)
	}
	written, marked := readMarker(out)
	var stranger string
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == out || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		if rel == Marker || (marked && written[rel]) {
			return nil
		}
		stranger = rel
		return filepath.SkipAll
	})
	if stranger == "" {
		return nil
	}
	if !marked {
		return fmt.Errorf("output folder %s holds files trustdocs did not write (such as %s); trustdocs replaces its output as a whole, so move those files away or choose another folder with -o", out, stranger)
	}
	return fmt.Errorf("output folder %s holds %s, which trustdocs did not write; move it away (files to publish belong in the site's theme/ folder) or choose another folder with -o", out, stranger)
}

// within reports whether path is dir or lies inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func readMarker(dir string) (map[string]bool, bool) {
	b, err := os.ReadFile(filepath.Join(dir, Marker))
	if err != nil {
		return nil, false
	}
	files := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			files[line] = true
		}
	}
	return files, true
}

// removeLeftovers removes the temporary folders of builds that were killed
// before they could clean up. Only names trustdocs makes are touched.
func removeLeftovers(parent, base string) {
	for _, pattern := range []string{"." + base + ".new-*", "." + base + ".old-*"} {
		matches, _ := filepath.Glob(filepath.Join(parent, pattern))
		for _, m := range matches {
			os.RemoveAll(m)
		}
	}
}

func writeAll(dir string, files Files) error {
	paths := make([]string, 0, len(files.Generated)+len(files.Copies))
	for p := range files.Generated {
		paths = append(paths, p)
	}
	for p := range files.Copies {
		if _, dup := files.Generated[p]; !dup {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	// Create folders first, once each, so that writers need not.
	made := map[string]bool{}
	for _, p := range paths {
		if d := filepath.Dir(filepath.FromSlash(p)); d != "." && !made[d] {
			if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
				return err
			}
			made[d] = true
		}
	}
	errs := make([]error, len(paths))
	par.Do(len(paths), func(i int) {
		p := paths[i]
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if b, ok := files.Generated[p]; ok {
			errs[i] = os.WriteFile(dst, b, 0o644)
		} else {
			errs[i] = copyFile(dst, files.Copies[p])
		}
	})
	if err := errors.Join(errs...); err != nil {
		return err
	}
	var list bytes.Buffer
	list.WriteString("# Written by trustdocs. trustdocs replaces this folder on every build.\n")
	for _, p := range paths {
		list.WriteString(p)
		list.WriteByte('\n')
	}
	return os.WriteFile(filepath.Join(dir, Marker), list.Bytes(), 0o644)
}

func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// swap puts the finished folder tmp in place of out. Where the system can
// exchange two names atomically, out always exists, old or new; otherwise
// there is a moment between two renames when it does not.
func swap(tmp, out string) error {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, out)
	}
	if exchange(tmp, out) == nil {
		return os.RemoveAll(tmp) // tmp now holds the old output
	}
	old := strings.Replace(tmp, ".new-", ".old-", 1)
	if err := os.Rename(out, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Rename(old, out)
		return err
	}
	return os.RemoveAll(old)
}

package write

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// open opens the file at slash path p for writing from its start: the
// file of the recycled output where there is one, else a new one.
func (f *Folder) open(p string) (*outFile, error) {
	if !fs.ValidPath(p) || p == "." || p == Marker {
		return nil, fmt.Errorf("cannot write %q: not a file path inside the output", p)
	}
	f.mu.Lock()
	if f.written[p] {
		f.mu.Unlock()
		return nil, fmt.Errorf("%s written twice", p)
	}
	f.written[p] = true
	f.changed[p] = true
	reuse := f.old[p]
	delete(f.old, p)
	dirKnown := f.dirs[path.Dir(p)]
	isDir := f.dirs[p]
	f.mu.Unlock()
	w, err := f.openFile(p, reuse, dirKnown, isDir)
	if err != nil {
		// The marker of an aborted build must list what is there and
		// trustdocs wrote, no more.
		f.mu.Lock()
		delete(f.written, p)
		if reuse {
			f.old[p] = true
		}
		f.mu.Unlock()
	}
	return w, err
}

func (f *Folder) openFile(p string, reuse, dirKnown, isDir bool) (*outFile, error) {
	if reuse {
		if w, err := f.root.rewrite(p); err == nil {
			return w, nil
		}
		// Not a plain file: replace it rather than write through it.
		if err := f.root.remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	if isDir { // a folder of the previous output is now a file
		if err := f.removeTree(p); err != nil {
			return nil, err
		}
	}
	if !dirKnown {
		if err := f.mkdir(path.Dir(p)); err != nil {
			return nil, err
		}
	}
	w, err := f.root.create(p)
	if errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("%s holds %s, which trustdocs did not write; trustdocs keeps the previous output in that folder and reuses it, so move the file away", f.spare, p)
	}
	return w, err
}

// mkdir makes the folder d and its parents in tmp. Where the recycled
// output has a file in the way, that file goes.
func (f *Folder) mkdir(d string) error {
	var parts []string
	for q := d; q != "."; q = path.Dir(q) {
		parts = append(parts, q)
	}
	slices.Reverse(parts)
	for _, q := range parts {
		f.mu.Lock()
		known, oldFile := f.dirs[q], f.old[q]
		delete(f.old, q)
		f.mu.Unlock()
		if known {
			continue
		}
		if oldFile {
			if err := f.root.remove(q); err != nil {
				return err
			}
		}
		if err := f.root.mkdir(q); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
		f.mu.Lock()
		f.dirs[q] = true
		f.changed[q] = true
		f.mu.Unlock()
	}
	return nil
}

// removeTree removes the folder d of the recycled output: the files of
// the previous output in it, then its folders, which must then be empty.
func (f *Folder) removeTree(d string) error {
	f.mu.Lock()
	var files, dirs []string
	for q := range f.old {
		if strings.HasPrefix(q, d+"/") {
			files = append(files, q)
			delete(f.old, q)
			f.changed[q] = true
		}
	}
	for q := range f.dirs {
		if q == d || strings.HasPrefix(q, d+"/") {
			dirs = append(dirs, q)
			delete(f.dirs, q)
			f.changed[q] = true
		}
	}
	f.mu.Unlock()
	for _, q := range files {
		if err := f.root.remove(q); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	slices.Sort(dirs)
	for _, q := range slices.Backward(dirs) {
		if err := f.root.remove(q); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s holds files in %s that trustdocs did not write; move them away", f.spare, q)
		}
	}
	return nil
}

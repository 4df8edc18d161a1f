package write

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// gitignore keeps git from adding the kept previous output.
const gitignore = ".gitignore"

// A Folder is a new output being written. Its files may be written from
// many goroutines at once; Commit swaps it in, Abort gives it up. Until
// Commit, the output folder is untouched.
type Folder struct {
	out, tmp, spare string
	root            *root // tmp, held open: where files are opened

	mu      sync.Mutex
	dirs    map[string]bool // folders that exist in tmp ("." is tmp)
	old     map[string]bool // files of the recycled output not written yet
	oldDirs []string        // folders of the recycled output, parents first
	written map[string]bool
	closed  bool
}

// Begin starts a new output for the folder out. site is the site folder,
// which out must not be nor contain.
func Begin(out, site string) (*Folder, error) {
	out, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	if err := Check(out, site); err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeLeftovers(parent, base)
	f := &Folder{out: out, spare: filepath.Join(parent, "."+base+".previous"),
		dirs: map[string]bool{".": true}, old: map[string]bool{}, written: map[string]bool{}}
	f.tmp = filepath.Join(parent, fmt.Sprintf(".%s.new-%d-%d", base, os.Getpid(), time.Now().UnixNano()))
	recycled, err := f.recycle()
	if err != nil {
		return nil, err
	}
	if !recycled {
		if err := os.Mkdir(f.tmp, 0o755); err != nil {
			return nil, err
		}
		// Marked at once, so that if the build is killed the next one
		// knows the folder for its own and removes it.
		if err := f.writeMarker(nil); err != nil {
			os.Remove(f.tmp)
			return nil, err
		}
	}
	if f.root, err = openRoot(f.tmp); err != nil {
		removeOurs(f.tmp)
		return nil, err
	}
	return f, nil
}

// recycle takes the kept previous output, if there is one, as the folder
// to write in, and notes what it holds. It reads the list in the folder's
// marker rather than the folder itself, which on a big site costs as much
// as writing a tenth of it: a file that is not on the list is never
// deleted nor written over (new files are created exclusively), and the
// next build's check of the output finds it.
func (f *Folder) recycle() (bool, error) {
	fi, err := os.Lstat(f.spare)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	var files map[string]bool
	marked := false
	if fi.IsDir() {
		files, marked = readMarker(f.spare)
	}
	if !marked {
		return false, fmt.Errorf("%s is in the way: trustdocs keeps the previous output there, but did not write it; move it away", f.spare)
	}
	for p := range files {
		if !fs.ValidPath(p) || p == Marker {
			delete(files, p)
			continue
		}
		for d := path.Dir(p); d != "." && !f.dirs[d]; d = path.Dir(d) {
			f.dirs[d] = true
			f.oldDirs = append(f.oldDirs, d)
		}
	}
	slices.Sort(f.oldDirs) // parents first
	// Files are rewritten, created and removed by their paths in the
	// folder: a folder of it replaced by a symbolic link would lead all
	// of that elsewhere. trustdocs makes no links, so any is refused.
	for _, d := range f.oldDirs {
		if fi, err := os.Lstat(filepath.Join(f.spare, filepath.FromSlash(d))); err == nil && !fi.IsDir() {
			return false, fmt.Errorf("%s holds %s, which is not a folder trustdocs made (a symbolic link or a file); delete %s, which is always safe, and build again", f.spare, d, f.spare)
		}
	}
	if err := os.Rename(f.spare, f.tmp); err != nil {
		return false, err
	}
	os.Remove(filepath.Join(f.tmp, gitignore))
	f.old = files
	return true, nil
}

// File writes the file at slash path p.
func (f *Folder) File(p string, b []byte) error {
	w, err := f.open(p)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return finish(w, int64(len(b)), err)
}

// Stream writes the file at slash path p with what write writes.
func (f *Folder) Stream(p string, write func(io.Writer) error) error {
	w, err := f.open(p)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	n := &counter{w: bw}
	err = write(n)
	if err == nil {
		err = bw.Flush()
	}
	return finish(w, n.n, err)
}

// counter counts what is written through it.
type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// Copy writes the file at slash path p with the content of the file src.
func (f *Folder) Copy(p, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	w, err := f.open(p)
	if err != nil {
		return err
	}
	n, err := io.Copy(onlyWriter{w}, in)
	return finish(w, n, err)
}

// onlyWriter hides ReadFrom, so that io.Copy writes from the start of a
// file that may be longer than what is copied.
type onlyWriter struct{ io.Writer }

// errNotOurs is rewrite's refusal of a file that is not a plain file of
// the output.
var errNotOurs = errors.New("not a file trustdocs wrote")

// finish cuts the file w to the n bytes just written and closes it.
func finish(w *outFile, n int64, err error) error {
	if err == nil {
		err = w.Truncate(n)
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}

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
		}
	}
	for q := range f.dirs {
		if q == d || strings.HasPrefix(q, d+"/") {
			dirs = append(dirs, q)
			delete(f.dirs, q)
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

// Commit removes what the recycled output had and this one has not,
// writes the marker, and swaps the folder in for the output. The output
// it replaces is kept for the next build.
func (f *Folder) Commit() error {
	if err := f.close(); err != nil {
		return err
	}
	defer f.root.Close()
	for p := range f.old {
		if err := f.root.remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return f.fail(err)
		}
	}
	needed := map[string]bool{}
	for p := range f.written {
		for d := path.Dir(p); d != "." && !needed[d]; d = path.Dir(d) {
			needed[d] = true
		}
	}
	for _, d := range slices.Backward(f.oldDirs) { // children before parents
		if !needed[d] && f.dirs[d] {
			f.root.remove(d)
		}
	}
	if err := f.writeMarker(f.written); err != nil {
		return f.fail(err)
	}
	if err := f.swap(); err != nil {
		return f.fail(err)
	}
	return nil
}

// Abort gives the new output up; the output folder is as it was. What was
// written is kept as the previous output, for the next build to reuse.
func (f *Folder) Abort() {
	if f.close() != nil {
		return
	}
	f.root.Close()
	all := f.written
	for p := range f.old {
		all[p] = true
	}
	if f.writeMarker(all) != nil || f.park(f.tmp) != nil {
		removeOurs(f.tmp)
	}
}

func (f *Folder) close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return errors.New("output folder already committed or aborted")
	}
	f.closed = true
	return nil
}

// fail removes the folder after a failed commit.
func (f *Folder) fail(err error) error {
	removeOurs(f.tmp)
	return err
}

// writeMarker lists files in the folder's marker.
func (f *Folder) writeMarker(files map[string]bool) error {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	var b strings.Builder
	b.WriteString("# Written by trustdocs. trustdocs replaces this folder on every build.\n")
	for _, p := range paths {
		b.WriteString(p)
		b.WriteByte('\n')
	}
	return os.WriteFile(filepath.Join(f.tmp, Marker), []byte(b.String()), 0o644)
}

// swap puts the finished folder in place of the output. Where the system
// can exchange two names atomically, the output always exists, old or
// new; otherwise there is a moment between two renames when it does not.
func (f *Folder) swap() error {
	if _, err := os.Lstat(f.out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(f.tmp, f.out)
	}
	if exchange(f.tmp, f.out) == nil {
		if f.park(f.tmp) != nil { // f.tmp now holds the old output
			removeOurs(f.tmp)
		}
		return nil
	}
	old := strings.Replace(f.tmp, ".new-", ".old-", 1)
	if err := os.Rename(f.out, old); err != nil {
		return err
	}
	if err := os.Rename(f.tmp, f.out); err != nil {
		os.Rename(old, f.out)
		return err
	}
	if f.park(old) != nil {
		removeOurs(old)
	}
	return nil
}

// park keeps the folder dir, an output, for the next build to reuse.
func (f *Folder) park(dir string) error {
	if err := os.WriteFile(filepath.Join(dir, gitignore), []byte("# The output before last, kept by trustdocs to build the next one faster. Safe to delete.\n*\n"), 0o644); err != nil {
		return err
	}
	return os.Rename(dir, f.spare)
}

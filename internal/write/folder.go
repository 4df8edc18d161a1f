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
	changed map[string]bool // paths written, made or removed in tmp (not kept)
	clean   bool            // tmp holds nothing trustdocs did not write
	reused  bool            // tmp is the kept previous output, recycled
	closed  bool
}

// Known is what a caller knows of the output folders before Begin, from
// stamps of every file and folder in them that a build of its own
// recorded, and found the same: nothing came, went or changed since.
type Known struct {
	// Output says so of the output folder, which the recorded build
	// left holding only what it wrote (Folder.Clean): Begin does not
	// look through it for files trustdocs did not write.
	Output bool
	// Previous says so of the output kept from the build before, which
	// then held only what trustdocs wrote: Begin does not check its
	// folders for links again, and the new output is clean.
	Previous bool
}

// Previous is the folder where the output before last of the output
// folder out is kept, for the next build to rewrite.
func Previous(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".previous")
}

// Begin starts a new output for the folder out. site is the site folder,
// which out must not be nor contain.
func Begin(out, site string) (*Folder, error) { return BeginKnown(out, site, Known{}) }

// BeginKnown is Begin for a caller that knows what known says: on an
// output of tens of thousands of files and folders, it saves looking
// through all of them twice.
func BeginKnown(out, site string, known Known) (*Folder, error) {
	out, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	if err := check(out, site, known.Output); err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeLeftovers(parent, base)
	f := &Folder{out: out, spare: Previous(out),
		dirs: map[string]bool{".": true}, old: map[string]bool{}, written: map[string]bool{}, changed: map[string]bool{}}
	f.tmp = filepath.Join(parent, fmt.Sprintf(".%s.new-%d-%d", base, os.Getpid(), time.Now().UnixNano()))
	recycled, err := f.recycle(known.Previous) // sets f.clean
	if err != nil {
		return nil, err
	}
	f.reused = recycled
	if !recycled {
		f.clean = true
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
// next build's check of the output finds it. known says the caller knows
// the folder holds only what trustdocs wrote (Known.Previous); the folder
// is clean if so, and nothing is at its top that the list leaves out.
func (f *Folder) recycle(known bool) (bool, error) {
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
	if known && !onlyListed(f.spare, files) {
		known = false // a file at its top, which its stamps leave out
	}
	f.clean = known
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
	// of that elsewhere. trustdocs makes no links, so any is refused
	// (unless the caller knows the folders are as it made them).
	for _, d := range f.oldDirs {
		if known {
			break
		}
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

// Keep keeps the file at slash path p of the recycled output as it is,
// for a caller that knows it holds what this output's file would: it
// reports false, keeping nothing, when the recycled output has no such
// file or p was written already.
func (f *Folder) Keep(p string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.old[p] || f.written[p] {
		return false
	}
	delete(f.old, p)
	f.written[p] = true
	return true
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

// finish cuts the file w to the n bytes just written, if it was longer,
// and closes it. Most files of a rebuild are as long as before: a call
// saved on each (20,000 at 10,000 policies).
func finish(w *outFile, n int64, err error) error {
	if err == nil && w.was > n {
		err = w.Truncate(n)
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
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
		f.changed[p] = true
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
			f.changed[d] = true
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

// Recycled reports whether the folder is the kept previous output,
// rewritten.
func (f *Folder) Recycled() bool { return f.reused }

// Clean reports whether the folder holds only what trustdocs wrote: it
// was made new, or recycled from a previous output known to be so.
func (f *Folder) Clean() bool { return f.clean }

// Changed reports, once committed, whether the path p of the output was
// written, made or removed by this build, or is a folder above one that
// was (whose listing changed); the other paths are as they were in the
// recycled output.
func (f *Folder) Changed() func(p string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	set := make(map[string]bool, len(f.changed))
	for p := range f.changed {
		for q := p; q != "." && !set[q]; q = path.Dir(q) {
			set[q] = true
		}
	}
	return func(p string) bool { return set[p] }
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

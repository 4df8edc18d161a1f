package buildcache

import (
	"bufio"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/charlievieth/fastwalk"

	"github.com/trustdocs/trustdocs/internal/par"
)

// A Sum is a SHA-256 sum.
type Sum [sha256.Size]byte

// Stamps sums up files as the file system describes them, without reading
// them: the name, type, size, modification and change times and inode of
// every file and folder of the paths given (relative to root; a folder
// with everything in it), and which of the paths are missing. A file
// written, created, removed or renamed changes the sum: a folder's
// modification time changes when a name in it comes or goes.
type Stamps struct {
	Sum Sum
	// Newest is the latest modification time seen. A file changed again
	// within the file system's timestamp granularity of being stamped keeps
	// its stamp; a caller that stamped at time t and finds Newest close to
	// t cannot trust the stamps (git's "racily clean" files).
	Newest time.Time
	Files  int
	// Within sums up the same stamps but the root folder's own, which
	// changes when the folder is renamed: what StampListed gives for the
	// output kept from the build before last, which was the output.
	Within Sum
	lines  []string // each path's stamp, sorted (Stamp's)
}

// ByPath returns the stamp of each path Stamp stamped, by its slash
// path relative to the root.
func (s Stamps) ByPath() map[string]string {
	m := make(map[string]string, len(s.lines))
	for _, l := range s.lines {
		if rel, _, ok := strings.Cut(l, "\x00"); ok && !strings.HasPrefix(l, "missing\x00") {
			m[rel] = l
		}
	}
	return m
}

// Stamp stamps the paths under root. With skipDot, names starting with a
// dot are left out below root, as the site's loader leaves them out.
func Stamp(root string, paths []string, skipDot bool) (Stamps, error) {
	var (
		lines  []string
		newest time.Time
		found  []found
	)
	for _, p := range paths {
		abs := filepath.Join(root, p)
		fi, err := os.Stat(abs)
		if errors.Is(err, fs.ErrNotExist) {
			lines = append(lines, "missing\x00"+p)
			continue
		}
		if err != nil {
			return Stamps{}, err
		}
		lines = append(lines, stampLine(p, fi))
		newest = later(newest, fi.ModTime())
		if fi.IsDir() {
			f, err := walk(root, abs, skipDot)
			if err != nil {
				return Stamps{}, err
			}
			found = append(found, f...)
		}
	}
	// Stamped on every core, once listed: the walk lists a folder on one
	// worker, and a site keeps its policies in one folder of thousands.
	stamped := make([]string, len(found))
	mods := make([]time.Time, len(found))
	errs := make([]error, len(found))
	const chunk = 256
	par.Do((len(found)+chunk-1)/chunk, func(c int) {
		for i := c * chunk; i < min(len(found), (c+1)*chunk); i++ {
			// A link is stamped as what it leads to, whose edits are
			// what the build sees; a link to a folder is not followed
			// (nor is it by the loader).
			fi, err := os.Stat(found[i].path)
			if err != nil {
				fi, err = found[i].d.Info()
			}
			if err != nil {
				errs[i] = err
				continue
			}
			stamped[i], mods[i] = stampLine(found[i].rel, fi), fi.ModTime()
		}
	})
	if err := errors.Join(errs...); err != nil {
		return Stamps{}, err
	}
	for _, m := range mods {
		newest = later(newest, m)
	}
	lines = append(lines, stamped...)
	slices.Sort(lines)
	st := sum(lines, newest)
	st.lines = lines
	return st, nil
}

// found is a file or folder a walk found.
type found struct {
	path, rel string // rel: slash path relative to the root stamped
	d         fs.DirEntry
}

// walk lists what is in the folder abs, below root.
func walk(root, abs string, skipDot bool) ([]found, error) {
	var (
		mu      sync.Mutex
		out     []found
		walkErr error
	)
	conf := fastwalk.Config{NumWorkers: runtime.GOMAXPROCS(0)}
	err := fastwalk.Walk(&conf, abs, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			mu.Lock()
			walkErr = err
			mu.Unlock()
			return nil
		}
		if path == abs {
			return nil
		}
		if skipDot && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		mu.Lock()
		out = append(out, found{path, filepath.ToSlash(rel), d})
		mu.Unlock()
		return nil
	})
	return out, errors.Join(err, walkErr)
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func stampLine(rel string, fi fs.FileInfo) string {
	ctime, ino := sysStamp(fi)
	return line(rel, fi.Mode().Type(), fi.Size(), fi.ModTime().UnixNano(), ctime, ino)
}

// line is a path's stamp: its name, type (in octal), size (0 for a
// folder: its listing's, which its mtime covers), modification and
// change times and inode, separated by NULs. Made with appends, not
// fmt: a site's content is stamped at the start of every build.
func line(rel string, mode fs.FileMode, size, mtime, ctime int64, ino uint64) string {
	if mode == fs.ModeDir {
		size = 0
	}
	b := make([]byte, 0, len(rel)+64)
	b = append(append(b, rel...), 0)
	b = append(strconv.AppendUint(b, uint64(mode), 8), 0)
	b = append(strconv.AppendInt(b, size, 10), 0)
	b = append(strconv.AppendInt(b, mtime, 10), 0)
	b = append(strconv.AppendInt(b, ctime, 10), 0)
	b = strconv.AppendUint(b, ino, 10)
	return string(b)
}

// Program stamps the running program: a program built again, installed
// again or replaced has another stamp, and may make other pages.
func Program() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return "", err
	}
	return stampLine(exe, fi), nil
}

// Key sums up what a build depends on besides its input files' stamps:
// its options and program, each part given as a string.
func Key(parts ...string) Sum {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d:%s", len(p), p)
	}
	var s Sum
	h.Sum(s[:0])
	return s
}

// StampListed stamps the files listed (slash paths relative to root) and
// the folders that hold them, root included, without reading any folder:
// on an output of tens of thousands of folders, reading them all costs
// several times what stamping the files does. A file added to one of the
// folders changes the folder's stamp; a file removed, its own.
func StampListed(root string, files []string) Stamps {
	return Restamp(root, files, Stamps{}, nil)
}

// Restamp stamps what StampListed does, taking the stamp of each path
// from before (a StampListed of the same folder, or of the folder it was
// before a rename) unless changed reports it changed since, or before has
// none: after a build rewrote a few files of a folder of thousands, a
// few calls instead of one a file and folder. changed must report every
// path written, made or removed since before was taken, and the folders
// above each (whose listings changed); the root is stamped again always.
// Newest is that of the paths stamped again.
func Restamp(root string, files []string, before Stamps, changed func(string) bool) Stamps {
	all := listing(files)
	lines := make([]string, len(all)) // all[0] is "."
	newest := make([]time.Time, len(all))
	var known map[string]string
	if changed != nil {
		known = before.ByPath()
	}
	const chunk = 256
	par.Do((len(all)+chunk-1)/chunk, func(c int) {
		for i := c * chunk; i < min(len(all), (c+1)*chunk); i++ {
			if l, ok := known[all[i]]; ok && i > 0 && !changed(all[i]) {
				lines[i] = l // newest: of the paths stamped again
				continue
			}
			l, mod, err := lstamp(filepath.Join(root, filepath.FromSlash(all[i])), all[i])
			if err != nil {
				lines[i] = "missing\x00" + all[i]
				continue
			}
			lines[i], newest[i] = l, mod
		}
	})
	st := sum(lines, slices.MaxFunc(newest, time.Time.Compare))
	st.Within = sum(lines[1:], time.Time{}).Sum
	st.lines = lines
	return st
}

// listing returns ".", then the files and the folders above them, sorted,
// each once. The files come sorted (the output's marker lists them so);
// only the folders are sorted here, and merged with them: sorting the
// 40,000 paths of an output of 10,000 policies, which share long
// prefixes, took 25 ms a stamping.
func listing(files []string) []string {
	if !slices.IsSorted(files) {
		files = slices.Sorted(slices.Values(files))
	}
	seen := make(map[string]bool, len(files))
	var dirs []string
	for _, f := range files {
		for d := path.Dir(f); d != "." && !seen[d]; d = path.Dir(d) {
			seen[d] = true
			dirs = append(dirs, d)
		}
	}
	slices.Sort(dirs)
	all := make([]string, 1, 1+len(files)+len(dirs))
	all[0] = "."
	i, j := 0, 0
	for i < len(files) || j < len(dirs) {
		var next string
		if j == len(dirs) || i < len(files) && files[i] < dirs[j] {
			next, i = files[i], i+1
		} else {
			next, j = dirs[j], j+1
		}
		if next != all[len(all)-1] && next != "." {
			all = append(all, next)
		}
	}
	return all
}

// sum makes the Stamps of the lines, sorted.
func sum(lines []string, newest time.Time) Stamps {
	h := sha256.New()
	// Buffered: h.Write([]byte(l)) copied every line to the heap (the
	// hash is an interface), 80,000 lines a rebuild of 10,000 policies.
	w := bufio.NewWriterSize(h, 64<<10)
	for _, l := range lines {
		w.WriteString(l)
		w.WriteByte('\n')
	}
	w.Flush()
	s := Stamps{Newest: newest, Files: len(lines)}
	h.Sum(s.Sum[:0])
	return s
}

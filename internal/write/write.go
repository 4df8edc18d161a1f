// Package write puts a rendered site on disk without ever leaving a
// half-written output: it builds the new output in a folder beside the
// output folder and swaps the two at the end. It deletes only what carries
// its marker, and refuses an output folder that is or contains the site,
// or that holds files it did not write.
//
// Creating files is what costs most in a build: on ext4, allocating an
// inode costs ten to fifty times what rewriting an existing file does, and
// more the more files were just deleted. So the output before last is not
// deleted: it is kept beside the output as .<name>.previous (with a
// .gitignore, so that git never adds it) and the next build is made in it,
// rewriting the files that still exist in place, keeping their folders,
// and creating and deleting only what came and went. Deleting that folder
// is always safe; the next build then starts from nothing.
package write

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/charlievieth/fastwalk"

	"github.com/trustdocs/trustdocs/internal/confine"
)

// Marker is the file that marks a folder as trustdocs output; it lists
// every file trustdocs wrote there.
const Marker = ".trustdocs-output"

// check reports why out cannot be used as the output folder, or nil.
// With clean, the caller knows out holds only what trustdocs wrote.
func check(out, site string, clean bool) error {
	out, _ = filepath.Abs(out)
	site, _ = filepath.Abs(site)
	if confine.Within(site, out) {
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
	if clean && isMarked(out) {
		return nil
	}
	marked, stranger := strangers(out)
	switch {
	case stranger == "":
		return nil
	case !marked:
		return fmt.Errorf("output folder %s holds files trustdocs did not write (such as %s); trustdocs replaces its output as a whole, so move those files away or choose another folder with -o", out, stranger)
	}
	return fmt.Errorf("output folder %s holds %s, which trustdocs did not write; move it away (files to publish belong in the site's theme/ folder) or choose another folder with -o", out, stranger)
}

// strangers reports whether the folder dir has a marker, and names a file
// in it that the marker does not list, if there is one. The walk is
// fastwalk's: it reads folders with fewer system calls than the standard
// library, which matters on an output of tens of thousands of folders.
func strangers(dir string) (marked bool, stranger string) {
	written, marked := readMarker(dir)
	var (
		mu    sync.Mutex
		found = errors.New("found")
	)
	conf := fastwalk.Config{NumWorkers: runtime.GOMAXPROCS(0)}
	fastwalk.Walk(&conf, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == Marker || (marked && written[rel] && d.Type().IsRegular()) {
			return nil
		}
		mu.Lock()
		defer mu.Unlock()
		if stranger == "" || rel < stranger {
			stranger = rel
		}
		return found
	})
	return marked, stranger
}

// Listed returns the files the marker of the output folder dir lists,
// or false when it has none.
func Listed(dir string) ([]string, bool) {
	b, err := os.ReadFile(filepath.Join(dir, Marker))
	if err != nil {
		return nil, false
	}
	return markerPaths(b), true
}

func readMarker(dir string) (map[string]bool, bool) {
	files, ok := Listed(dir)
	if !ok {
		return nil, false
	}
	m := make(map[string]bool, len(files))
	for _, f := range files {
		m[f] = true
	}
	return m, true
}

// markerPaths returns the paths a marker lists, sorted, each once. The
// marker trustdocs writes is sorted: read in order, it needs no map nor
// sort (at 10,000 policies, 20,000 paths read twice a build).
func markerPaths(b []byte) []string {
	var paths []string
	sorted := true
	for line := range strings.Lines(string(b)) {
		line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if n := len(paths); n > 0 && paths[n-1] >= line {
			sorted = false
		}
		paths = append(paths, line)
	}
	if !sorted {
		slices.Sort(paths)
		paths = slices.Compact(paths)
	}
	return paths
}

// onlyListed reports whether every name at the top of the folder dir is a
// file the marker lists (files), a folder above one, the marker or the
// kept output's .gitignore.
func onlyListed(dir string, files map[string]bool) bool {
	top := map[string]bool{Marker: true, gitignore: true}
	for p := range files {
		name, _, _ := strings.Cut(p, "/")
		top[name] = true
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !top[e.Name()] {
			return false
		}
	}
	return true
}

// removeLeftovers removes the temporary folders of builds that were killed
// before they could clean up: folders with the names trustdocs gives them
// and its marker inside (it marks a new folder as soon as it makes it),
// or empty (killed between the two). A folder of that name that trustdocs
// did not make is left alone.
func removeLeftovers(parent, base string) {
	for _, pattern := range []string{"." + base + ".new-*", "." + base + ".old-*"} {
		matches, _ := filepath.Glob(filepath.Join(parent, pattern))
		for _, m := range matches {
			if fi, err := os.Lstat(m); err == nil && fi.IsDir() {
				if isMarked(m) {
					removeOurs(m)
				} else {
					os.Remove(m) // only if empty
				}
			}
		}
	}
}

// isMarked reports whether the folder dir holds trustdocs's marker as a
// plain file.
func isMarked(dir string) bool {
	fi, err := os.Lstat(filepath.Join(dir, Marker))
	return err == nil && fi.Mode().IsRegular()
}

// removeOurs removes a folder trustdocs made, its marker last: if the
// process is killed part-way, what is left is still known for its own.
func removeOurs(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != Marker {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
	os.Remove(filepath.Join(dir, Marker))
	os.Remove(dir)
}

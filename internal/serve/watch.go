package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// What a site is made of: the folders watched, with all their subfolders,
// and the files of the site folder itself.
var (
	watchedDirs  = []string{"content", "templates", "theme"}
	watchedFiles = []string{"site.toml"}
)

// Timing of the debounce: a burst of events (an editor's save is several)
// becomes one rebuild once the site has been quiet for quiet, or after
// most, whichever comes first.
const (
	quiet = 10 * time.Millisecond
	most  = 250 * time.Millisecond
)

// watcher reports batches of changed paths of a site. It watches folders,
// not files: editors save by writing a new file and renaming it over the
// old one, which would end a watch on the file itself.
type watcher struct {
	root        string
	fs          *fsnotify.Watcher
	out         chan []string
	errs        chan error
	quiet, most time.Duration
}

func newWatcher(root string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{root: root, fs: fw, out: make(chan []string), errs: make(chan error, 1), quiet: quiet, most: most}
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, err
	}
	// The folder above, so that a site folder deleted and made again (a
	// fresh clone, a checkout of another branch by some tools) is watched
	// again: a watch ends with its folder.
	if parent := filepath.Dir(root); parent != root {
		fw.Add(parent)
	}
	for _, d := range watchedDirs {
		w.addTree(filepath.Join(root, d), nil)
	}
	return w, nil
}

// addTree watches dir and every folder below it, and appends the files
// it finds to found: they may have been written before the watch began.
func (w *watcher) addTree(dir string, found *[]string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil
		case d.IsDir() && p != dir && ignoredName(d.Name()):
			return filepath.SkipDir
		case d.IsDir():
			w.fs.Add(p)
		case found != nil:
			*found = append(*found, p)
		}
		return nil
	})
}

// run sends batches of changed paths on w.out until ctx is done. A nil
// batch means that events were lost: everything must be checked.
func (w *watcher) run(ctx context.Context) {
	defer w.fs.Close()
	var batch []string
	lost := false
	wait := time.NewTimer(time.Hour)
	wait.Stop()
	var deadline <-chan time.Time // set by a batch's first event
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			select {
			case w.errs <- err:
			default:
			}
			if !errors.Is(err, fsnotify.ErrEventOverflow) {
				continue
			}
			lost = true // rebuild now, checking every file
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			paths, all := w.relevant(ev)
			for _, p := range paths {
				if !slices.Contains(batch, p) {
					batch = append(batch, p)
				}
			}
			lost = lost || all
			if len(batch) > 0 || all {
				wait.Reset(w.quiet) // every event restarts the quiet period
				if deadline == nil {
					deadline = time.After(w.most)
				}
			}
			continue
		case <-wait.C:
		case <-deadline:
		}
		wait.Stop()
		deadline = nil
		if lost {
			batch, lost = nil, false
		}
		select {
		case w.out <- batch:
		case <-ctx.Done():
			return
		}
		batch = nil
	}
}

// relevant returns the paths an event changed that belong to the site, and
// watches folders that appear. all is set when the site folder itself
// went or came: everything must be checked.
func (w *watcher) relevant(ev fsnotify.Event) (paths []string, all bool) {
	if ev.Op == fsnotify.Chmod { // permissions alone do not change the site
		return nil, false
	}
	if ev.Name == w.root {
		if ev.Has(fsnotify.Create) {
			w.fs.Add(w.root)
			for _, d := range watchedDirs {
				w.addTree(filepath.Join(w.root, d), nil)
			}
		}
		return nil, true
	}
	rel, err := filepath.Rel(w.root, ev.Name)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return nil, false
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	if len(parts) == 1 && !slices.Contains(watchedFiles, parts[0]) && !slices.Contains(watchedDirs, parts[0]) {
		return nil, false // a file of the site folder that is not the site's: README.md, public/
	}
	if slices.ContainsFunc(parts, ignoredName) {
		return nil, false
	}
	paths = []string{ev.Name}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			w.addTree(ev.Name, &paths)
		}
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.fs.Remove(ev.Name) // a folder that went away; an error for a file
	}
	return paths, false
}

// ignoredName reports names of files that are not the site's: editors'
// swap, backup and temporary files, and hidden files.
func ignoredName(name string) bool {
	switch {
	case strings.HasPrefix(name, "."), // .git, .DS_Store, vim's .x.swp, emacs' .#x
		strings.HasSuffix(name, "~"),                                 // backups
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"), // emacs auto-save
		name == "4913",                   // vim's probe of whether it may write
		strings.Contains(name, "___jb_"), // JetBrains' safe write
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".tmp"):
		return true
	}
	return false
}

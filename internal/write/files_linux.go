package write

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// A root is the folder a build writes in, held open: its files are opened
// relative to it with openat2, which refuses a symbolic link anywhere on
// the way (RESOLVE_NO_SYMLINKS) and any path that leads out of it
// (RESOLVE_BENEATH). A folder of a kept output swapped for a link while a
// build runs then stops the build instead of leading its writes
// elsewhere. Kernels before 5.6 (and sandboxes that forbid the call) have
// no openat2: there the path is opened with O_NOFOLLOW, which guards its
// last component, and Begin's check of the kept output the rest.
type root struct {
	fd   int
	path string
}

// noOpenat2 is set once openat2 is found missing.
var noOpenat2 atomic.Bool

func openRoot(path string) (*root, error) {
	fd, err := retry(func() (int, error) {
		return unix.Open(path, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	return &root{fd: fd, path: path}, nil
}

func (r *root) Close() error { return unix.Close(r.fd) }

// inParent calls do with a descriptor of the folder that holds rel,
// opened like any file of r, and the last component of rel.
func (r *root) inParent(rel string, do func(dirfd int, name string) error) error {
	dir, name := path.Split(rel)
	if dir == "" {
		return do(r.fd, name)
	}
	dfd, err := r.open(strings.TrimSuffix(dir, "/"), unix.O_RDONLY|unix.O_DIRECTORY, 0)
	if err != nil {
		return &fs.PathError{Op: "open", Path: filepath.Join(r.path, filepath.FromSlash(dir)), Err: err}
	}
	defer unix.Close(dfd)
	return do(dfd, name)
}

// remove removes the file or empty folder at rel, never through a link.
func (r *root) remove(rel string) error {
	return r.inParent(rel, func(dirfd int, name string) error {
		err := unix.Unlinkat(dirfd, name, 0)
		if err == unix.EISDIR {
			err = unix.Unlinkat(dirfd, name, unix.AT_REMOVEDIR)
		}
		if err != nil {
			return &fs.PathError{Op: "remove", Path: filepath.Join(r.path, filepath.FromSlash(rel)), Err: err}
		}
		return nil
	})
}

// mkdir makes the folder rel, never through a link.
func (r *root) mkdir(rel string) error {
	return r.inParent(rel, func(dirfd int, name string) error {
		if err := unix.Mkdirat(dirfd, name, 0o755); err != nil {
			return &fs.PathError{Op: "mkdir", Path: filepath.Join(r.path, filepath.FromSlash(rel)), Err: err}
		}
		return nil
	})
}

// open opens the file at rel, a slash path inside r.
func (r *root) open(rel string, flags int, perm uint32) (int, error) {
	flags |= unix.O_NOFOLLOW | unix.O_CLOEXEC
	if !noOpenat2.Load() {
		how := unix.OpenHow{Flags: uint64(flags), Mode: uint64(perm), Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS}
		fd, err := retry(func() (int, error) { return unix.Openat2(r.fd, rel, &how) })
		if err != unix.ENOSYS && err != unix.EPERM {
			return fd, err
		}
		noOpenat2.Store(true)
	}
	return retry(func() (int, error) { return unix.Open(filepath.Join(r.path, filepath.FromSlash(rel)), flags, perm) })
}

// outFile is an output file open for writing, held by its descriptor
// alone: an os.File would cost five more system calls a file (the poller
// tries, and refuses, regular files), which on a site of 10,000 policies
// is a hundred thousand calls.
type outFile struct {
	fd  int
	was int64 // its length when opened
}

// rewrite opens the existing file at rel to write it from its start. It
// refuses, with errNotOurs, anything but a regular file with no other
// name: writing through a link would change a file elsewhere.
func (r *root) rewrite(rel string) (*outFile, error) {
	fd, err := r.open(rel, unix.O_WRONLY, 0)
	if err != nil {
		return nil, errNotOurs
	}
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Nlink != 1 {
		unix.Close(fd)
		return nil, errNotOurs
	}
	return &outFile{fd, st.Size}, nil
}

// create makes a new file at rel; it fails with fs.ErrExist if there is
// one.
func (r *root) create(rel string) (*outFile, error) {
	fd, err := r.open(rel, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL, 0o644)
	if err != nil {
		switch {
		case errors.Is(err, unix.EEXIST):
			err = fs.ErrExist
		case errors.Is(err, unix.ELOOP), errors.Is(err, unix.EXDEV):
			err = errors.New("a folder on its way is a symbolic link, which trustdocs does not write through")
		}
		return nil, &fs.PathError{Op: "create", Path: filepath.Join(r.path, filepath.FromSlash(rel)), Err: err}
	}
	return &outFile{fd: fd}, nil
}

func (f *outFile) Write(b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m, err := unix.Write(f.fd, b[n:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return n, err
		}
		n += m
	}
	return n, nil
}

func (f *outFile) Truncate(n int64) error {
	_, err := retry(func() (int, error) { return 0, unix.Ftruncate(f.fd, n) })
	return err
}

func (f *outFile) Close() error { return unix.Close(f.fd) }

func retry(call func() (int, error)) (int, error) {
	for {
		n, err := call()
		if err != unix.EINTR {
			return n, err
		}
	}
}

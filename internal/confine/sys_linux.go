package confine

import (
	"errors"
	"io"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// noOpenat2 is set once openat2 is found missing (ENOSYS) or forbidden
// (EPERM, some container sandboxes).
var noOpenat2 atomic.Bool

// sysDir is the folder held open, for openat2.
type sysDir struct{ fd int }

func (s *sysDir) open(path string) bool {
	if noOpenat2.Load() {
		return false
	}
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return false
	}
	s.fd = fd
	return true
}

func (s *sysDir) close() error { return unix.Close(s.fd) }

// readFile reads rel with one openat2 call, or says (ok false) that the
// caller must use os.Root.
func (s *sysDir) readFile(rel string) (b []byte, ok bool, err error) {
	how := unix.OpenHow{Flags: unix.O_RDONLY | unix.O_CLOEXEC, Resolve: unix.RESOLVE_BENEATH}
	var fd int
	for {
		fd, err = unix.Openat2(s.fd, rel, &how)
		if err != unix.EINTR {
			break
		}
	}
	switch {
	case err == unix.ENOSYS || err == unix.EPERM:
		noOpenat2.Store(true)
		return nil, false, nil
	case err == unix.EXDEV:
		return nil, true, ErrOutside
	case err != nil:
		return nil, true, errors.New("cannot read: " + err.Error())
	}
	f := file{fd}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, true, errors.New("cannot read: " + err.Error())
	}
	if err := checkFile(st.Mode&unix.S_IFMT == unix.S_IFREG, st.Size); err != nil {
		return nil, true, err
	}
	b, err = readLimited(f, st.Size)
	return b, true, err
}

// file reads a descriptor without an os.File, whose poller would try and
// refuse a regular file at a cost of several system calls a file.
type file struct{ fd int }

func (f file) Read(p []byte) (int, error) {
	for {
		n, err := unix.Read(f.fd, p)
		switch {
		case err == unix.EINTR:
			continue
		case err != nil:
			return 0, err
		case n == 0 && len(p) > 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

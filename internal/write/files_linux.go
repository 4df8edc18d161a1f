package write

import (
	"errors"
	"io/fs"

	"golang.org/x/sys/unix"
)

// outFile is an output file open for writing, held by its descriptor
// alone: an os.File would cost five more system calls a file (the poller
// tries, and refuses, regular files), which on a site of 10,000 policies
// is a hundred thousand calls.
type outFile struct{ fd int }

// rewrite opens the existing file at path to write it from its start. It
// refuses, with errNotOurs, anything but a regular file with no other
// name: writing through a link would change a file elsewhere.
func rewrite(path string) (*outFile, error) {
	fd, err := retry(func() (int, error) {
		return unix.Open(path, unix.O_WRONLY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, errNotOurs
	}
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Nlink != 1 {
		unix.Close(fd)
		return nil, errNotOurs
	}
	return &outFile{fd}, nil
}

// create makes a new file at path; it fails with fs.ErrExist if there is
// one.
func create(path string) (*outFile, error) {
	fd, err := retry(func() (int, error) {
		return unix.Open(path, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0o644)
	})
	if err != nil {
		if errors.Is(err, unix.EEXIST) {
			err = fs.ErrExist
		}
		return nil, &fs.PathError{Op: "create", Path: path, Err: err}
	}
	return &outFile{fd}, nil
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

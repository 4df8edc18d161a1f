//go:build unix

package write

import (
	"io/fs"
	"syscall"
)

// oNoFollow keeps open from following a symbolic link at the last step.
const oNoFollow = syscall.O_NOFOLLOW

// shared reports whether the file has other names: rewriting it in place
// would change a file elsewhere.
func shared(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return !ok || st.Nlink > 1
}

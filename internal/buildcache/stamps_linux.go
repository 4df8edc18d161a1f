package buildcache

import (
	"io/fs"
	"syscall"
)

// sysStamp is a file's change time and inode: a file replaced by another
// (an editor's save by rename) or changed with its modification time put
// back (touch -d, tar, rsync -t) changes them.
func sysStamp(fi fs.FileInfo) (ctime int64, ino uint64) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return st.Ctim.Nano(), st.Ino
	}
	return 0, 0
}

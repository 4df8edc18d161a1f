//go:build !linux

package buildcache

import (
	"io/fs"
	"os"
	"time"
)

// sysStamp is left out where the file system's record is not known: the
// name, size and modification time remain.
func sysStamp(fs.FileInfo) (ctime int64, ino uint64) { return 0, 0 }

// lstamp stamps the path abs, named rel, as stampLine does.
func lstamp(abs, rel string) (string, time.Time, error) {
	fi, err := os.Lstat(abs)
	if err != nil {
		return "", time.Time{}, err
	}
	return stampLine(rel, fi), fi.ModTime(), nil
}

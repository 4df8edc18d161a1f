//go:build !unix

package write

import "io/fs"

const oNoFollow = 0

// shared is always true here: files are never rewritten in place.
func shared(fs.FileInfo) bool { return true }

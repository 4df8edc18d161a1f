package buildcache

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/trustdocs/trustdocs/internal/markdown"
)

// conversionsFormat names the layout of the conversions file; a file of
// another layout is ignored.
const conversionsFormat = "trustdocs conversions 1\n"

// Conversions is the converted Markdown the cache keeps (a render.Kept):
// what the recorded build converted, offered to this build, and what this
// build converts, written to a new file as it goes. The file is the
// format line and a stream of conversions; the record of the build that
// wrote it holds the checksum of the stream (Record.Conversions), so that
// a file cut short, altered or left by a build that failed is ignored.
// Its methods may be called from several goroutines at once; a nil
// *Conversions keeps nothing.
type Conversions struct {
	old   map[string]conversion // by file: the recorded build's, once read
	ready chan struct{}         // closed once old is read

	mu   sync.Mutex
	path string // the conversions file
	tmp  string // the file being written, renamed to path by Finish
	f    *os.File
	w    *bufio.Writer
	h    hash.Hash
	enc  *gob.Encoder
	err  error // the first write that failed: nothing is kept
	done bool
}

// A conversion is one document's converted body.
type conversion struct {
	File  string
	Body  Sum    // of the Markdown converted
	Links uint64 // the links key it was made against
	Res   markdown.Result
}

func (c *Cache) conversionsFile() string { return filepath.Join(c.dir, "conversions") }

// Conversions offers what the recorded build converted, when its
// checksum is sum (zero: offer none), and starts the file of this build's
// conversions. It returns nil when that file cannot be made: the build
// goes on without.
func (c *Cache) Conversions(sum Sum) *Conversions {
	if err := c.ensure(); err != nil {
		return nil
	}
	tmp := fmt.Sprintf("%s.%d.tmp", c.conversionsFile(), os.Getpid())
	f, err := os.Create(tmp)
	if err != nil {
		return nil
	}
	cv := &Conversions{path: c.conversionsFile(), tmp: tmp, f: f, w: bufio.NewWriterSize(f, 64<<10), h: sha256.New()}
	cv.w.WriteString(conversionsFormat)
	cv.enc = gob.NewEncoder(io.MultiWriter(cv.w, cv.h))
	// Read while the build reads the site: tens of megabytes on a big
	// site, wanted only once the site is read and resolved.
	cv.ready = make(chan struct{})
	go func() {
		defer close(cv.ready)
		if sum != (Sum{}) {
			cv.old = c.readConversions(sum)
		}
	}()
	return cv
}

// readConversions reads the conversions file, if its checksum is sum.
func (c *Cache) readConversions(sum Sum) map[string]conversion {
	b, err := os.ReadFile(c.conversionsFile())
	if err != nil {
		return nil
	}
	stream, ok := bytes.CutPrefix(b, []byte(conversionsFormat))
	if !ok || sumOf(stream) != sum {
		return nil
	}
	old := map[string]conversion{}
	dec := gob.NewDecoder(bytes.NewReader(stream))
	for {
		var cv conversion
		switch err := dec.Decode(&cv); {
		case errors.Is(err, io.EOF):
			return old
		case err != nil:
			return nil
		}
		old[cv.File] = cv
	}
}

// Converted returns what the recorded build converted of the body of
// SHA-256 sum in file, against the same links.
func (cv *Conversions) Converted(file string, sum [32]byte, links uint64) (markdown.Result, bool) {
	if cv == nil {
		return markdown.Result{}, false
	}
	<-cv.ready
	old, ok := cv.old[file]
	if !ok || old.Links != links || old.Body != sum {
		return markdown.Result{}, false
	}
	return old.Res, true
}

// Keep writes a conversion of this build to the file.
func (cv *Conversions) Keep(file string, sum [32]byte, links uint64, res markdown.Result) {
	if cv == nil {
		return
	}
	cv.mu.Lock()
	defer cv.mu.Unlock()
	if cv.err == nil && !cv.done {
		cv.err = cv.enc.Encode(conversion{File: file, Body: sum, Links: links, Res: res})
	}
}

// Finish puts the file of this build's conversions in place of the
// recorded build's, and returns the checksum the record must hold.
func (cv *Conversions) Finish() (Sum, error) {
	if cv == nil {
		return Sum{}, nil
	}
	<-cv.ready // the recorded build's file is read before this one replaces it
	cv.mu.Lock()
	defer cv.mu.Unlock()
	if cv.done {
		return Sum{}, errors.New("buildcache: conversions finished twice")
	}
	cv.done = true
	err := cv.err
	if err == nil {
		err = cv.w.Flush()
	}
	if cerr := cv.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(cv.tmp, cv.path)
	}
	if err != nil {
		os.Remove(cv.tmp)
		return Sum{}, err
	}
	var sum Sum
	copy(sum[:], cv.h.Sum(nil))
	return sum, nil
}

// Abort removes the file of this build's conversions, unless Finish put
// it in place.
func (cv *Conversions) Abort() {
	if cv == nil {
		return
	}
	<-cv.ready
	cv.mu.Lock()
	defer cv.mu.Unlock()
	if cv.done {
		return
	}
	cv.done = true
	cv.f.Close()
	os.Remove(cv.tmp)
}

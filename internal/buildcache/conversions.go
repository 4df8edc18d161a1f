package buildcache

import (
	"errors"
	"path/filepath"
	"sync"

	"github.com/trustdocs/trustdocs/internal/markdown"
)

// conversionsFormat names the layout of the conversions file; a file of
// another layout is ignored.
const conversionsFormat = "trustdocs conversions 4\n"

// Conversions is the converted Markdown the cache keeps (a render.Kept):
// what the recorded build converted, offered to this build, and what this
// build converts, for the next. The file is one of frames (see
// readFrames), each a chunk of conversions: those this build makes are
// encoded as they come, a chunk at a time; a chunk of the recorded
// build's that this build keeps whole is carried as it is. Its methods
// may be called from several goroutines at once; a nil *Conversions keeps
// nothing.
type Conversions struct {
	old    map[string]offeredConversion // by file: the recorded build's, once read
	frames []frame                      // the recorded build's chunks
	sizes  []int                        // how many conversions each holds
	ready  chan struct{}                // closed once old is read

	mu      sync.Mutex
	out     *frameWriter // the file of this build's
	carried []string     // files whose conversion is the recorded build's
	pending []conversion // this build's, not encoded yet
	err     error        // the first encoding that failed: nothing is kept
	done    bool
}

// A conversion is one document's converted body.
type conversion struct {
	File  string
	Body  Sum    // of the Markdown converted
	Links uint64 // the links key it was made against
	Res   markdown.Result
}

// offeredConversion is a conversion of the recorded build, and its chunk.
type offeredConversion struct {
	conversion
	chunk int
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
	out, err := newFrameWriter(c.conversionsFile(), conversionsFormat)
	if err != nil {
		return nil
	}
	cv := &Conversions{out: out, ready: make(chan struct{})}
	// Read while the build reads the site: tens of megabytes on a big
	// site, wanted only once the site is read and resolved.
	go func() {
		defer close(cv.ready)
		if sum != (Sum{}) {
			cv.read(c.conversionsFile(), sum)
		}
	}()
	return cv
}

// read reads the conversions file path, if its checksum is sum.
func (cv *Conversions) read(path string, sum Sum) {
	frames, ok := readFrames(path, conversionsFormat, sum)
	if !ok {
		return
	}
	chunks, ok := decodeChunksWith(frames, decodeConversions)
	if !ok {
		return
	}
	old := map[string]offeredConversion{}
	sizes := make([]int, len(chunks))
	for i, ch := range chunks {
		sizes[i] = len(ch)
		for _, c := range ch {
			old[c.File] = offeredConversion{c, i}
		}
	}
	cv.old, cv.frames, cv.sizes = old, frames, sizes
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

// Keep keeps a conversion of this build for the next.
func (cv *Conversions) Keep(file string, sum [32]byte, links uint64, res markdown.Result) {
	if cv == nil {
		return
	}
	<-cv.ready
	cv.mu.Lock()
	if cv.done || cv.err != nil {
		cv.mu.Unlock()
		return
	}
	if old, ok := cv.old[file]; ok && old.Links == links && old.Body == sum {
		cv.carried = append(cv.carried, file)
		cv.mu.Unlock()
		return
	}
	cv.pending = append(cv.pending, conversion{File: file, Body: sum, Links: links, Res: res})
	var batch []conversion
	if len(cv.pending) == chunkSize {
		batch, cv.pending = cv.pending, nil
	}
	cv.mu.Unlock()
	if batch == nil {
		return
	}
	body, err := encodeConversions(batch)
	fr := newFrame(body)
	cv.mu.Lock()
	if cv.err = errors.Join(cv.err, err); cv.err == nil && !cv.done {
		cv.out.write(fr)
	}
	cv.mu.Unlock()
}

// Finish writes the file of this build's conversions in place of the
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
	if cv.err != nil {
		cv.out.abort()
		return Sum{}, cv.err
	}
	items := make([]carried[conversion], 0, len(cv.carried)+len(cv.pending))
	for _, file := range cv.carried {
		items = append(items, carried[conversion]{cv.old[file].conversion, cv.old[file].chunk})
	}
	for _, c := range cv.pending {
		items = append(items, carried[conversion]{c, -1})
	}
	more, ok := encodeChunksWith(carryOut(items, cv.frames, cv.sizes, cv.out.write), encodeConversions)
	if !ok {
		cv.out.abort()
		return Sum{}, errors.New("buildcache: conversions could not be encoded")
	}
	for _, fr := range more {
		cv.out.write(fr)
	}
	return cv.out.finish()
}

// Abort lets go of this build's conversions, unless Finish wrote them.
func (cv *Conversions) Abort() {
	if cv == nil {
		return
	}
	<-cv.ready
	cv.mu.Lock()
	defer cv.mu.Unlock()
	if !cv.done {
		cv.done = true
		cv.out.abort()
	}
}

package buildcache

import (
	"errors"
	"path/filepath"
	"strings"
	"sync"

	"github.com/trustdocs/trustdocs/internal/load"
)

// partsFormat names the layout of the parts file; a file of another
// layout is ignored.
const partsFormat = "trustdocs parts 2\n"

// Parts is what the cache keeps of the site's content files as loaded (a
// load.Kept): what the recorded build's load read, offered to this
// build's where a file's stamp is still the one it had then, and what
// this build's load read, encoded in the background as soon as the load
// is done, and written by Finish. The file is one of frames (see
// readFrames): the first holds the head the parts were read against, each
// of the others a chunk of parts with their files' stamps.
//
// A part is offered only for the same program, options, site.toml,
// templates and theme (the record's Frame, checked by the caller), the
// same head (the load's stamps of site.toml and the frameworks, and the
// frameworks' stamps as the content's were taken) and the same stamp of
// its own file, taken before the file was read (Stamps): a file changed
// after it was stamped has another stamp the next time.
type Parts struct {
	stamps map[string]string // this build's stamps of content/, by site-relative path
	fw     string            // the frameworks' stamps among them

	ready   chan struct{} // closed once the recorded build's file is read
	oldHead string
	old     map[string]offeredPart // by file
	frames  []frame                // the recorded build's chunks
	sizes   []int                  // how many parts each holds

	mu     sync.Mutex
	chunks chan []frame // this build's frames, once encoded
	path   string
	done   bool
}

// offeredPart is a part the recorded build kept, and its chunk.
type offeredPart struct {
	keptPart
	chunk int
}

// keptPart is a part as a chunk holds it: with its file's stamp.
type keptPart struct {
	Stamp string
	Part  *load.Part
}

// partsHead is the first frame of the file.
type partsHead struct {
	Head       string // the load's
	Frameworks string // the stamps of content/frameworks/
}

func (c *Cache) partsFile() string { return filepath.Join(c.dir, "parts") }

// Parts offers what the recorded build's load read, when the checksum of
// the file is sum (zero: offer none); content are the stamps of content/
// this build took before reading it.
func (c *Cache) Parts(sum Sum, content Stamps) *Parts {
	if err := c.ensure(); err != nil {
		return nil
	}
	p := &Parts{stamps: content.ByPath(), ready: make(chan struct{}), path: c.partsFile()}
	var fw []string
	for _, l := range content.lines {
		if strings.HasPrefix(l, "content/frameworks/") || strings.HasPrefix(l, "missing\x00content/frameworks") {
			fw = append(fw, l)
		}
	}
	p.fw = strings.Join(fw, "\n")
	// Read while the build reads the site's head and walks content/.
	go func() {
		defer close(p.ready)
		if sum != (Sum{}) {
			p.read(sum)
		}
	}()
	return p
}

// read reads the parts file, if its checksum is sum.
func (p *Parts) read(sum Sum) {
	frames, ok := readFrames(p.path, partsFormat, sum)
	if !ok || len(frames) == 0 {
		return
	}
	heads, ok := decodeChunks[partsHead](frames[:1])
	if !ok || len(heads[0]) != 1 {
		return
	}
	h := heads[0][0]
	chunks, ok := decodeChunks[keptPart](frames[1:])
	if !ok {
		return
	}
	old := map[string]offeredPart{}
	sizes := make([]int, len(chunks))
	for i, ch := range chunks {
		sizes[i] = len(ch)
		for _, kp := range ch {
			if kp.Part == nil {
				return
			}
			old[kp.Part.File] = offeredPart{kp, i}
		}
	}
	p.oldHead, p.old, p.frames, p.sizes = headOf(h), old, frames[1:], sizes
}

func headOf(h partsHead) string { return h.Head + "\x00" + h.Frameworks }

// Kept returns the recorded build's part of the file rel, read against
// head, if the file's stamp is what it was then.
func (p *Parts) Kept(head, rel string) (*load.Part, bool) {
	if p == nil {
		return nil, false
	}
	<-p.ready
	o, ok := p.old[rel]
	if !ok || p.oldHead != headOf(partsHead{head, p.fw}) || p.stamps[rel] != o.Stamp {
		return nil, false
	}
	return o.Part, true
}

// Keep takes this build's parts, read against head, and encodes them in
// the background.
func (p *Parts) Keep(head string, parts []*load.Part) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.chunks != nil || p.done {
		return // kept once
	}
	p.chunks = make(chan []frame, 1)
	go func() { p.chunks <- p.encode(head, parts) }()
}

// encode makes the frames of the file: the head, the recorded build's
// chunks this build kept whole, and chunks of the other parts; nil when
// it cannot.
func (p *Parts) encode(head string, parts []*load.Part) []frame {
	<-p.ready
	hb, err := encodeChunk([]partsHead{{head, p.fw}})
	if err != nil {
		return nil
	}
	same := p.oldHead == headOf(partsHead{head, p.fw})
	items := make([]carried[keptPart], 0, len(parts))
	for _, kp := range parts {
		st, ok := p.stamps[kp.File]
		if !ok {
			continue // not stamped: a file that came after the stamps were taken
		}
		chunk := -1
		if o, ok := p.old[kp.File]; same && ok && o.Part == kp && o.Stamp == st {
			chunk = o.chunk
		}
		items = append(items, carried[keptPart]{keptPart{st, kp}, chunk})
	}
	frames := []frame{newFrame(hb)}
	rest := carryOut(items, p.frames, p.sizes, func(fr frame) { frames = append(frames, fr) })
	more, ok := encodeChunks(rest)
	if !ok {
		return nil
	}
	return append(frames, more...)
}

// Finish writes the file of this build's parts in place of the recorded
// build's, and returns the checksum the record must hold: zero when the
// load kept none.
func (p *Parts) Finish() (Sum, error) {
	if p == nil {
		return Sum{}, nil
	}
	<-p.ready // the recorded build's file is read before this one replaces it
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done {
		return Sum{}, errors.New("buildcache: parts finished twice")
	}
	p.done = true
	if p.chunks == nil {
		return Sum{}, nil
	}
	frames := <-p.chunks
	if frames == nil {
		return Sum{}, errors.New("buildcache: parts could not be encoded")
	}
	return writeFrames(p.path, partsFormat, frames)
}

// Abort lets go of this build's parts, unless Finish wrote them.
func (p *Parts) Abort() {
	if p == nil {
		return
	}
	<-p.ready
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.done && p.chunks != nil {
		<-p.chunks // the encoding is done before the build ends
	}
	p.done = true
}

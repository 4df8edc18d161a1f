package buildcache

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"hash"
	"io"
	"os"
	"slices"

	"github.com/trustdocs/trustdocs/internal/par"
)

// What the cache keeps of every file of a site (conversions, parts) is a
// file of frames: its format line, then frames, each a length, the
// SHA-256 of its bytes and the bytes. A frame holds a chunk of entries, a
// gob stream of its own: chunks are decoded on every core at once, each
// checked against its sum first, and a chunk of the recorded build's
// whose entries are all still the same is carried to the next build's
// file as it is, with its sum, so that a build after an edit of one file
// encodes and sums one chunk, not ten thousand entries (summing the
// whole file again, once read and once written, was 0.15 s of processor
// time of such a build at 10,000 policies). The record of the build that
// wrote the file holds the SHA-256 of the frames' sums, so that a file
// cut short, altered or left by a build that failed is ignored.

// chunkSize is how many entries a chunk holds.
const chunkSize = 256

// A frame is a chunk's bytes and their SHA-256.
type frame struct {
	sum  Sum
	body []byte
}

func newFrame(body []byte) frame { return frame{sha256.Sum256(body), body} }

// readFrames reads the frames of the file path, if its format line is
// format and the checksum of the frames' sums is sum. Each frame's bytes
// are checked against its own sum when it is decoded (decodeChunks).
// Nothing may change the frames' bytes: decoded strings are made of them
// (decodeConversions).
func readFrames(path, format string, sum Sum) ([]frame, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, false
	}
	rest, ok := bytes.CutPrefix(b, []byte(format))
	if !ok {
		return nil, false
	}
	h := sha256.New()
	var frames []frame
	for len(rest) > 0 {
		n, k := binary.Uvarint(rest)
		if k <= 0 || uint64(len(rest)-k) < n+sha256.Size {
			return nil, false
		}
		var fr frame
		copy(fr.sum[:], rest[k:])
		rest = rest[k+sha256.Size:]
		fr.body, rest = rest[:n], rest[n:]
		h.Write(fr.sum[:])
		frames = append(frames, fr)
	}
	if Sum(h.Sum(nil)) != sum {
		return nil, false
	}
	return frames, true
}

// writeFrames writes the file path (beside, then renamed into place) and
// returns the checksum the record must hold.
func writeFrames(path, format string, frames []frame) (Sum, error) {
	w, err := newFrameWriter(path, format)
	if err != nil {
		return Sum{}, err
	}
	for _, fr := range frames {
		w.write(fr)
	}
	return w.finish()
}

// A frameWriter writes a file of frames beside path, a frame at a time,
// and renames it into place once finished.
type frameWriter struct {
	path, tmp string
	f         *os.File
	w         *bufio.Writer
	h         hash.Hash // of the frames' sums
	err       error
}

func newFrameWriter(path, format string) (*frameWriter, error) {
	tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
	f, err := os.Create(tmp)
	if err != nil {
		return nil, err
	}
	fw := &frameWriter{path: path, tmp: tmp, f: f, w: bufio.NewWriterSize(f, 64<<10), h: sha256.New()}
	fw.w.WriteString(format)
	return fw, nil
}

// write writes a frame.
func (fw *frameWriter) write(fr frame) {
	if fw.err == nil {
		_, fw.err = fw.w.Write(binary.AppendUvarint(nil, uint64(len(fr.body))))
	}
	if fw.err == nil {
		_, fw.err = fw.w.Write(fr.sum[:])
	}
	if fw.err == nil {
		_, fw.err = fw.w.Write(fr.body)
	}
	fw.h.Write(fr.sum[:])
}

// finish puts the file in place and returns the checksum of its frames.
func (fw *frameWriter) finish() (Sum, error) {
	err := fw.err
	if err == nil {
		err = fw.w.Flush()
	}
	if cerr := fw.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(fw.tmp, fw.path)
	}
	if err != nil {
		os.Remove(fw.tmp)
		return Sum{}, err
	}
	var sum Sum
	copy(sum[:], fw.h.Sum(nil))
	return sum, nil
}

// abort removes the file being written.
func (fw *frameWriter) abort() {
	fw.f.Close()
	os.Remove(fw.tmp)
}

// decodeChunks decodes each frame as a chunk of entries, gob streams, if
// its bytes are those its sum was made of.
func decodeChunks[T any](frames []frame) ([][]T, bool) {
	return decodeChunksWith(frames, gobChunk[T])
}

// decodeChunksWith decodes each frame with decode, on every core, if its
// bytes are those its sum was made of.
func decodeChunksWith[T any](frames []frame, decode func(body []byte) ([]T, bool)) ([][]T, bool) {
	chunks := make([][]T, len(frames))
	failed := make([]bool, len(frames))
	par.Do(len(frames), func(i int) {
		if sha256.Sum256(frames[i].body) != frames[i].sum {
			failed[i] = true
			return
		}
		c, ok := decode(frames[i].body)
		chunks[i], failed[i] = c, !ok
	})
	return chunks, !slices.Contains(failed, true)
}

// gobChunk decodes a chunk encoded by encodeChunk.
func gobChunk[T any](body []byte) ([]T, bool) {
	var out []T
	dec := gob.NewDecoder(bytes.NewReader(body))
	for {
		var e T
		switch err := dec.Decode(&e); {
		case err == io.EOF:
			return out, true
		case err != nil:
			return nil, false
		}
		out = append(out, e)
	}
}

// encodeChunks encodes entries as chunks of gob, one frame each.
func encodeChunks[T any](entries []T) ([]frame, bool) {
	return encodeChunksWith(entries, encodeChunk[T])
}

// encodeChunksWith encodes entries as chunks with encode, one frame each,
// on every core.
func encodeChunksWith[T any](entries []T, encode func([]T) ([]byte, error)) ([]frame, bool) {
	frames := make([]frame, (len(entries)+chunkSize-1)/chunkSize)
	failed := make([]bool, len(frames))
	par.Do(len(frames), func(i int) {
		body, err := encode(entries[i*chunkSize : min(len(entries), (i+1)*chunkSize)])
		frames[i], failed[i] = newFrame(body), err != nil
	})
	return frames, !slices.Contains(failed, true)
}

// encodeChunk encodes one chunk: a message an entry, which gob encodes
// in a buffer it keeps, rather than one message as long as the chunk,
// which it would grow a copy at a time.
func encodeChunk[T any](entries []T) ([]byte, error) {
	var b bytes.Buffer
	enc := gob.NewEncoder(&b)
	for i := range entries {
		if err := enc.Encode(&entries[i]); err != nil {
			return nil, err
		}
	}
	return b.Bytes(), nil
}

// A carried entry is one of a build's file, and the chunk of the recorded
// build's file it is kept from unchanged (-1: none, it is this build's).
type carried[T any] struct {
	entry T
	chunk int
}

// carryOut writes with write each chunk of the recorded build's (raw, of
// sizes[i] entries each) whose every entry is among items unchanged, once,
// and returns the other entries, to encode again.
func carryOut[T any](items []carried[T], raw []frame, sizes []int, write func(frame)) []T {
	kept := map[int]int{}
	for _, it := range items {
		if it.chunk >= 0 {
			kept[it.chunk]++
		}
	}
	var rest []T
	done := map[int]bool{}
	for _, it := range items {
		switch {
		case it.chunk < 0 || kept[it.chunk] != sizes[it.chunk]:
			rest = append(rest, it.entry)
		case !done[it.chunk]:
			done[it.chunk] = true
			write(raw[it.chunk])
		}
	}
	return rest
}

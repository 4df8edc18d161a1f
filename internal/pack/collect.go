package pack

import (
	"archive/zip"
	"compress/flate"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash/crc32"
	"io"
	"sync"
	"time"

	"github.com/trustdocs/trustdocs/internal/deflate"
)

// A Collector keeps the files of a site as they are made, each deflated at
// once, on the goroutine that made it, with its checksums: a site of
// 20,000 pages is held in a seventh of its size, and compressed on every
// core. It is a render.Sink, safe for concurrent use.
type Collector struct {
	mu    sync.Mutex
	files map[string]*entry
}

// entry is one file, compressed as the zip holds it.
type entry struct {
	deflated []byte
	crc      uint32
	size     int64
	sum      string // SHA-256, hex
}

// NewCollector returns an empty Collector.
func NewCollector() *Collector { return &Collector{files: map[string]*entry{}} }

// deflaters compress the files as the zip's entries are.
var deflaters = deflate.NewPool(flate.DefaultCompression)

// File takes a whole file.
func (c *Collector) File(p string, b []byte) error {
	return c.Stream(p, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// Stream takes a file that write writes as it is made.
func (c *Collector) Stream(p string, write func(io.Writer) error) error {
	sum, crc := sha256.New(), crc32.NewIEEE()
	n := &counter{}
	deflated, err := deflaters.Deflate(func(w io.Writer) error { return write(io.MultiWriter(w, sum, crc, n)) })
	if err != nil {
		return err
	}
	e := &entry{deflated: deflated, crc: crc.Sum32(), size: n.n, sum: hex.EncodeToString(sum.Sum(nil))}
	c.mu.Lock()
	c.files[p] = e
	c.mu.Unlock()
	return nil
}

type counter struct{ n int64 }

func (c *counter) Write(b []byte) (int, error) {
	c.n += int64(len(b))
	return len(b), nil
}

// put writes the entry into the zip as name, compressed as it is, dated
// as zip.Writer.CreateHeader dates an entry (which CreateRaw leaves to the
// caller): MS-DOS date and time, and the extended timestamp in UTC.
func (e *entry) put(zw *zip.Writer, name string, modified time.Time) error {
	h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified,
		CRC32: e.crc, CompressedSize64: uint64(len(e.deflated)), UncompressedSize64: uint64(e.size)}
	h.ModifiedDate = uint16(modified.Day() + int(modified.Month())<<5 + (modified.Year()-1980)<<9)
	h.ModifiedTime = uint16(modified.Second()/2 + modified.Minute()<<5 + modified.Hour()<<11)
	var ext [9]byte
	binary.LittleEndian.PutUint16(ext[0:], 0x5455) // extended timestamp
	binary.LittleEndian.PutUint16(ext[2:], 5)
	ext[4] = 1 // the modification time only
	binary.LittleEndian.PutUint32(ext[5:], uint32(modified.Unix()))
	h.Extra = ext[:]
	w, err := zw.CreateRaw(h)
	if err != nil {
		return err
	}
	_, err = w.Write(e.deflated)
	return err
}

package load

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"runtime"

	"github.com/trustdocs/trustdocs/internal/confine"
	"github.com/trustdocs/trustdocs/internal/model"
)

// texts reads documents' Markdown again for a load that did not hold it
// (Cache.Once): a build converts each document once, long after loading
// it, and holding every one's text in between is, on a big site, the
// most the process ever holds (96 MB at 50,000 policies, a third of the
// peak). Reading a file again costs some 20 microseconds of processor
// time, which a small site's texts (at most holdFor documents: a few
// megabytes) are held to save: 20 ms at 1,000 policies, a few hundredths
// of its build. The site's folder is held open until the last document
// that may read it is let go.
type texts struct {
	dir  *confine.Dir
	hold bool // the Markdown is held, not read again
}

// holdFor is how many documents a site may have for their texts to be
// held (a variable for tests).
var holdFor = 2000

func newTexts(dir *confine.Dir) *texts {
	t := &texts{dir: dir}
	runtime.AddCleanup(t, func(dir *confine.Dir) { dir.Close() }, dir)
	return t
}

// errChanged is Read's error for a file that changed since it was loaded:
// what was checked and planned is not what would be converted.
var errChanged = errors.New("the file changed while the site was being built; build again")

// letGo makes d read its Markdown from the file abs when converted. src
// is the file's text as loaded, which d.Body is the end of. It returns
// where the Markdown starts in the file.
func (t *texts) letGo(d *model.Doc, abs string, src []byte) int {
	off := len(src) - len(d.Body)
	sum := sha256.Sum256(d.Body)
	if t.hold {
		body := d.Body
		d.Body = nil
		d.Text = &model.Text{Sum: sum, Read: func() ([]byte, error) { return body, nil }}
		return off
	}
	t.fromFile(d, abs, off, sum)
	return off
}

// fromFile makes d read its Markdown, of SHA-256 sum, from offset off of
// the file abs when converted.
func (t *texts) fromFile(d *model.Doc, abs string, off int, sum [32]byte) {
	d.Body = nil
	d.Text = &model.Text{Sum: sum, Read: func() ([]byte, error) {
		b, err := t.dir.ReadFile(abs)
		if err != nil {
			return nil, err
		}
		b = normalize(b)
		if off > len(b) || sha256.Sum256(b[off:]) != sum {
			return nil, errChanged
		}
		return b[off:], nil
	}}
}

// normalize drops a byte-order mark and turns CRLF line ends into LF.
func normalize(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if bytes.Contains(b, []byte("\r\n")) {
		b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	}
	return b
}

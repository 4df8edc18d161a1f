// Package buildcache keeps, beside a build's output, what the next build
// of the same site needs to know to skip what has not changed since.
//
// The cache is the folder .<name>.cache beside the output folder <name>,
// next to the output kept from the build before (.<name>.previous): never
// inside the output, so never published, and with a .gitignore, so that
// git never adds it. It is disposable: deleting it is always safe (the
// next build does everything again), and a cache that cannot be read, was
// written by another version of trustdocs, or whose checksum does not
// match what it holds is ignored, as if there were none.
//
// What it records is a [Record]: the [Stamps] of every file the build read
// (taken before it read them) and of every file it wrote, and what the
// build reported. A build whose inputs, options and program have the same
// stamps as the record's, and whose output folder is as the recorded build
// left it, would write the same bytes: it has nothing to do. A build after
// edits of content/ reads the site, and keeps from the output every file
// that the edits cannot change: the record says what the content's files
// were (load.Fingerprint), what the files were made from besides
// (render.Basis), and which build last made each file. Beside the record,
// the cache keeps every document's converted Markdown ([Conversions]), so
// that such a build converts only the bodies that changed, and what the
// load read of every content file ([Parts]), so that it reads and parses
// only the files whose stamps changed. Both are files of chunks (see
// readFrames), carried from build to build as they are when nothing in
// them changed.
package buildcache

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/load"
	"github.com/trustdocs/trustdocs/internal/render"
)

// format names the layout of the cache file; a file of another layout is
// ignored.
const format = "trustdocs build cache 5\n"

// A Record is what one successful build left for the next.
type Record struct {
	// Key sums up the build's inputs: the stamps of the files it read,
	// its options and the program that made it.
	Key Sum
	// Output sums up the stamps of the output folder's files as the
	// build left them; Within, those of the folder's contents alone
	// (Stamps.Within), which a rename of the folder leaves as they were.
	Output, Within Sum
	// Clean says the output held only what trustdocs wrote (write.Folder.Clean).
	Clean bool
	// AsOf is the date the statuses were computed for; Today says it was
	// today's date, not one given, so that it is stale tomorrow.
	AsOf  string
	Today bool
	// GitHead is the commit whose history gave the policies' dates, with
	// [build] git_dates on; "" when off.
	GitDates bool
	GitHead  string
	// What the build reported.
	Pages, Files, Drafts, DraftAnswers int
	Diags                              []diag.Diagnostic
	HiddenErrors, HiddenWarnings       int

	// What a build after edits needs to make only the files they change.
	// Frame sums up what Key does but the content's files: the options,
	// the program, site.toml, templates/ and theme/. Load is what the
	// content's files were, Basis what the files were made from besides.
	Frame Sum
	Load  load.Fingerprint
	Basis render.Basis
	// Build numbers the builds that left a record, from 1; Made is, for
	// each file of the output, the number of the build that last made it
	// (a file kept or copied from the output before is what it was).
	Build uint64
	Made  map[string]uint64
	// Previous is the output kept from the build before (write.Previous):
	// the output of build PreviousBuild, whose files had the stamps
	// Previous (Stamps.Within). Zero when not known.
	Previous      Sum
	PreviousBuild uint64
	// Conversions is the checksum of the conversions the build kept
	// (see Conversions); zero when it kept none.
	Conversions Sum
	// Parts is the checksum of what the build's load read of the
	// content's files (see Parts); zero when it kept none.
	Parts Sum
}

// A Cache is the cache folder of one output folder.
type Cache struct {
	dir string
}

// For returns the cache of the output folder out.
func For(out string) (*Cache, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	return &Cache{dir: filepath.Join(filepath.Dir(abs), "."+filepath.Base(abs)+".cache")}, nil
}

// Dir is the cache's folder.
func (c *Cache) Dir() string { return c.dir }

func (c *Cache) file() string { return filepath.Join(c.dir, "build") }

// Read returns the record, or false when there is none that can be
// trusted: missing, of another format, cut short or altered.
func (c *Cache) Read() (*Record, bool) {
	b, err := os.ReadFile(c.file())
	if err != nil {
		return nil, false
	}
	rest, ok := bytes.CutPrefix(b, []byte(format))
	if !ok || len(rest) < sha256.Size {
		return nil, false
	}
	sum, payload := rest[:sha256.Size], rest[sha256.Size:]
	if got := sumOf(payload); !bytes.Equal(got[:], sum) {
		return nil, false
	}
	r, err := decodeRecord(payload)
	if err != nil {
		return nil, false
	}
	return r, true
}

// Write replaces the record with r. The file is written beside and
// renamed into place, so that a build killed meanwhile leaves the old
// record or the new one, never half of one (and a half one would fail its
// checksum anyway).
func (c *Cache) Write(r *Record) error {
	payload, err := encodeRecord(r)
	if err != nil {
		return err
	}
	if err := c.ensure(); err != nil {
		return err
	}
	sum := sumOf(payload)
	var b bytes.Buffer
	b.WriteString(format)
	b.Write(sum[:])
	b.Write(payload)
	tmp := fmt.Sprintf("%s.%d.tmp", c.file(), os.Getpid())
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, c.file()); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// ensure makes the cache's folder, with a .gitignore, so that git never
// adds what it holds.
func (c *Cache) ensure() error {
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	ignore := filepath.Join(c.dir, ".gitignore")
	if _, err := os.Stat(ignore); err != nil {
		return os.WriteFile(ignore, []byte("# What trustdocs build keeps to build the next time faster. Safe to delete.\n*\n"), 0o644)
	}
	return nil
}

// Used reports whether a build of the output used the cache before: its
// folder is there, with or without a record.
func (c *Cache) Used() bool {
	_, err := os.Stat(c.dir)
	return err == nil
}

// Forget removes the record, so that the next build does everything: for
// when the output changed and the record no longer describes it.
func (c *Cache) Forget() error {
	err := os.Remove(c.file())
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// SetDiags records what the build reported in l.
func (r *Record) SetDiags(l *diag.List) {
	r.Diags = l.Items()
	r.HiddenErrors, r.HiddenWarnings = l.Hidden()
}

// AddDiags adds to l what the recorded build reported.
func (r *Record) AddDiags(l *diag.List) {
	l.Add(r.Diags...)
	if r.HiddenErrors+r.HiddenWarnings > 0 {
		l.Add(diag.Counted(r.HiddenErrors, r.HiddenWarnings))
	}
}

func sumOf(b []byte) Sum { return sha256.Sum256(b) }

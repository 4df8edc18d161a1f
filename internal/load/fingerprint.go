package load

import (
	"crypto/sha256"
	"path/filepath"
	"slices"

	"github.com/trustdocs/trustdocs/internal/model"
)

// A Fingerprint is what a load found, as plain data: a build keeps it
// for the next build, which tells from it what changed in between
// without the Cache that found it (package buildcache).
type Fingerprint struct {
	// Head names site.toml and the frameworks as they were stamped: any
	// change to them may change every file of the output.
	Head string
	// Files are the content files read, by site-relative slash path.
	Files map[string]FileSum
}

// A FileSum is what one content file was.
type FileSum struct {
	Sum    [sha256.Size]byte // of the file's bytes
	Front  uint64            // of a document's front matter
	Doc    bool              // a document; else a TOML file
	Policy bool
	Errors bool // it gave errors
}

// sum is what the part was.
func (p *part) sum() *FileSum {
	if p == nil {
		return nil
	}
	if p.shed != nil {
		return p.shed
	}
	return &FileSum{Sum: p.content, Front: p.front, Doc: p.doc != nil && p.kind != nil,
		Policy: p.kind != nil && p.kind.kind == model.PolicyDoc, Errors: hasErrors(p.diags)}
}

// Fingerprint returns what the cache's latest load found; the zero
// Fingerprint when it has loaded nothing.
func (c *Cache) Fingerprint() Fingerprint {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.head == nil {
		return Fingerprint{}
	}
	f := Fingerprint{Head: c.head.key, Files: make(map[string]FileSum, len(c.parts))}
	for abs, p := range c.parts {
		rel, _ := filepath.Rel(c.root, abs)
		f.Files[filepath.ToSlash(rel)] = *p.sum()
	}
	return f
}

// Since says what changed between the load that found prev and the one
// that found f, as Cache.Since does; a file whose bytes are the same is
// not changed.
func (f Fingerprint) Since(prev Fingerprint) Delta {
	d := Delta{All: f.Head == "" || prev.Head != f.Head || len(prev.Files) != len(f.Files)}
	d.PoliciesOnly = !d.All
	for rel, now := range f.Files {
		old, ok := prev.Files[rel]
		switch {
		case !ok:
			d.All, d.PoliciesOnly = true, false
			d.note(rel, nil, &now)
		case old != now:
			d.note(rel, &old, &now)
		}
	}
	slices.Sort(d.Files)
	slices.Sort(d.Fronts)
	return d
}

// note adds to d a file read again; old is what it was before, or nil.
func (d *Delta) note(file string, old, now *FileSum) {
	d.Files = append(d.Files, file)
	switch {
	case old == nil || !old.Doc || !now.Doc:
		d.PoliciesOnly = false
	case old.Front != now.Front:
		d.Fronts = append(d.Fronts, file)
		if !now.Policy || old.Errors || now.Errors {
			d.PoliciesOnly = false
		}
	}
}

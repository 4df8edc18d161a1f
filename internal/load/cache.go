package load

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/trustdocs/trustdocs/internal/confine"
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/par"
)

// A Cache keeps what each file of a site gave when it was last read, keyed
// by path, size and modification time, so that loading the site again
// re-reads only the files that changed. serve keeps one for its lifetime;
// a build uses a new one. A Cache is safe for use by one load at a time.
type Cache struct {
	// Once says the cache serves one load, for one build: it keeps
	// nothing for a next, and the documents it returns hold no Markdown
	// but read it again when converted (model.Doc.Text).
	Once bool

	mu    sync.Mutex
	root  string
	head  *head
	walk  *walk
	parts map[string]*part // content files, by absolute path
	git   *gitDates        // with [build] git_dates: the last log read
	pre   chan builtins    // the built-in catalogs, being parsed (Prefetch)

	// Kept, when set, offers what an earlier process read of the files,
	// and keeps what this one reads (see Kept). Only a load that lets
	// documents' Markdown go (Once) uses it.
	Kept Kept
}

// Delta says what a load found changed since the cache's previous load.
type Delta struct {
	// All is set on the first load, and when site.toml, a framework or
	// the set of content files changed: everything may differ.
	All bool
	// Files are the site-relative paths of the content files read again.
	Files []string
	// PoliciesOnly is set when every file read again is a document, and
	// every one whose front matter changed is a policy read without errors
	// before and after; Fronts lists those.
	PoliciesOnly bool
	Fronts       []string
}

// stamp is what tells a changed file from an unchanged one.
type stamp struct {
	size int64
	mod  time.Time
}

func stampOf(fi fs.FileInfo) stamp { return stamp{fi.Size(), fi.ModTime()} }

// head is what every content file is read against: site.toml and the
// frameworks, built-in and the site's own.
type head struct {
	key        string // stamps of site.toml and content/frameworks/*.toml
	config     model.Config
	frameworks []*model.Framework
	crosswalks []*model.Crosswalk // the built-in ones
	incomplete bool
	diags      []diag.Diagnostic
	unread     []string
}

// walk is what a walk of content/ found.
type walk struct {
	files   []contentFile
	known   map[string]bool              // absolute paths of files
	assets  map[string]string            // site-relative path → absolute path
	bundles map[string]map[string]string // bundle folder → its files but index.md
	diags   []diag.Diagnostic
	unread  []string
}

// contentFile is a file of content/ that trustdocs reads.
type contentFile struct {
	abs   string
	stamp stamp
	doc   *docFile   // a Markdown document, or
	read  tomlReader // a TOML record file
}

// part is what one content file gave.
type part struct {
	stamp   stamp
	kind    *docFile // what kind of document, for documents
	front   uint64   // hash of a document's front matter
	content [sha256.Size]byte
	doc     *model.Doc
	records *model.Site // what a TOML file added
	diags   []diag.Diagnostic
	unread  []string
	shed    *FileSum // once shed let doc and records go: what sum says
	bodyOff int      // where a document's Markdown starts, when let go (texts)
	kept    *Part    // what Kept gave, when the part is that
}

// Load reads the site in root, re-reading only what changed since the
// cache's previous load. changed lists absolute paths that a watcher saw
// change; nil means unknown, and every file's size and modification time
// is checked instead.
func (c *Cache) Load(root string, changed []string, diags *diag.List) (*model.Site, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		return nil, errors.New(root + " is not a folder; run trustdocs in a site folder or name one with -s DIR")
	}
	if abs != c.root {
		c.root, c.head, c.walk, c.parts = abs, nil, nil, map[string]*part{}
	}
	l := newLoader(abs, diags)
	if l.dir, err = confine.Open(abs); err != nil {
		return nil, err
	}
	if c.Once {
		l.texts = newTexts(l.dir) // which closes it
		defer c.shed()
	} else {
		defer l.dir.Close()
	}
	unchanged, err := c.loadHead(l, changed)
	if err != nil {
		return nil, err
	}
	git := c.readGit(l) // meanwhile: git runs while the files are read
	if !unchanged {
		c.parts = map[string]*part{}
	}
	if !c.reuseWalk(changed) {
		c.walk = l.walkContent(!c.Once)
	}
	l.diags.Add(c.walk.diags...)
	for _, u := range c.walk.unread {
		l.site.Unread[u] = true
	}
	l.site.Assets = c.walk.assets
	if l.texts != nil {
		docs := 0
		for _, f := range c.walk.files {
			if f.doc != nil {
				docs++
			}
		}
		l.texts.hold = docs <= holdFor
	}
	c.loadParts(l, changed)
	c.gitDates(l, git)
	if err := l.overrides(); err != nil {
		return nil, err
	}
	return l.site, nil
}

// A Mark is what a cache held after one load, to compare later loads with.
type Mark struct {
	head  *head
	parts map[string]*part
	git   *gitDates
}

// Mark returns what the cache holds now.
func (c *Cache) Mark() Mark {
	c.mu.Lock()
	defer c.mu.Unlock()
	return Mark{c.head, maps.Clone(c.parts), c.git}
}

// Since says what changed between mark and the cache's latest load.
func (c *Cache) Since(mark Mark) Delta {
	c.mu.Lock()
	defer c.mu.Unlock()
	d := Delta{All: mark.parts == nil || mark.head != c.head || len(mark.parts) != len(c.parts) || mark.git != c.git}
	d.PoliciesOnly = !d.All
	for abs, now := range c.parts {
		old, ok := mark.parts[abs]
		if !ok {
			d.All, d.PoliciesOnly = true, false
		}
		if old != now {
			rel, _ := filepath.Rel(c.root, abs)
			d.note(filepath.ToSlash(rel), old.sum(), now.sum())
		}
	}
	slices.Sort(d.Files)
	slices.Sort(d.Fronts)
	return d
}

// shed lets go of the documents and records the cache holds, once a load
// for one build is done: on a big site, tens of megabytes of document
// fields. What each file was (Fingerprint) stays; a later Load reads
// every file again.
func (c *Cache) shed() {
	for _, p := range c.parts {
		// What the load returned is copies (merge): the cache's own
		// documents, some 500 bytes each, are not needed either.
		p.shed = p.sum()
		p.doc, p.records = nil, nil
		p.stamp = stamp{size: -1}
	}
}

// loadHead puts site.toml and the frameworks into l, from the cache when
// none of them changed; it reports whether they were unchanged.
func (c *Cache) loadHead(l *loader, changed []string) (bool, error) {
	key := headKey(l.root)
	unchanged := c.head != nil && c.head.key == key && !namesHead(l.root, changed)
	if !unchanged {
		hl := newLoader(l.root, &diag.List{})
		hl.dir = l.dir
		if err := hl.config(); err != nil {
			c.head = nil
			return false, err
		}
		b := c.builtins()
		hl.diags.Add(b.diags...)
		for _, u := range b.unread {
			hl.site.Unread[u] = true
		}
		hl.site.Frameworks = b.frameworks
		hl.frameworks()
		hl.site.Crosswalks = b.crosswalks
		c.head = &head{key: key, config: hl.site.Config, frameworks: hl.site.Frameworks, crosswalks: hl.site.Crosswalks,
			incomplete: hl.frameworksIncomplete, diags: hl.diags.Export(), unread: keys(hl.site.Unread)}
	}
	h := c.head
	l.site.Config = h.config
	l.site.Frameworks = h.frameworks
	l.site.Crosswalks = slices.Clone(h.crosswalks)
	l.frameworksIncomplete = h.incomplete
	l.diags.Add(h.diags...)
	for _, u := range h.unread {
		l.site.Unread[u] = true
	}
	return unchanged, nil
}

// headKey is the stamps of site.toml and the site's frameworks.
func headKey(root string) string {
	var b strings.Builder
	for _, abs := range append([]string{filepath.Join(root, "site.toml")}, frameworkFiles(root)...) {
		if fi, err := os.Stat(abs); err == nil {
			fmt.Fprintf(&b, "%s %d %d\n", abs, fi.Size(), fi.ModTime().UnixNano())
		}
	}
	return b.String()
}

// namesHead reports whether changed names site.toml or a framework file.
func namesHead(root string, changed []string) bool {
	for _, p := range changed {
		if p == filepath.Join(root, "site.toml") || filepath.Dir(p) == filepath.Join(root, "content", "frameworks") {
			return true
		}
	}
	return false
}

// reuseWalk reports whether the previous walk of content/ still holds:
// every changed file under content/ is one it found, and is still a file.
func (c *Cache) reuseWalk(changed []string) bool {
	if c.walk == nil || changed == nil {
		return false
	}
	content := filepath.Join(c.root, "content") + string(filepath.Separator)
	for _, p := range changed {
		if !strings.HasPrefix(p, content) {
			continue
		}
		if !c.walk.known[p] {
			return false
		}
		fi, err := os.Lstat(p)
		if err != nil || !fi.Mode().IsRegular() {
			return false
		}
		for i := range c.walk.files {
			if c.walk.files[i].abs == p {
				c.walk.files[i].stamp = stampOf(fi)
			}
		}
	}
	return true
}

// loadParts reads the content files that changed, takes the others from
// the cache, and adds them all to l's site in the order of the walk.
func (c *Cache) loadParts(l *loader, changed []string) {
	files := c.walk.files
	named := map[string]bool{}
	for _, p := range changed {
		named[p] = true
	}
	parts := make([]*part, len(files))
	fresh := make([]bool, len(files))
	for i, f := range files {
		if p := c.parts[f.abs]; p != nil && p.stamp == f.stamp && !named[f.abs] {
			parts[i] = p
		} else {
			fresh[i] = true
		}
	}
	kept := c.Kept
	if !c.Once {
		kept = nil
	}
	par.Do(len(files), func(i int) {
		if !fresh[i] {
			return
		}
		if kept != nil {
			if kp, ok := kept.Kept(c.head.key, l.rel(files[i].abs)); ok {
				parts[i] = l.keptPart(files[i], kp)
				return
			}
		}
		parts[i] = l.readPart(files[i])
	})
	if kept != nil {
		keep := make([]*Part, 0, len(files))
		for i, f := range files {
			if kp := parts[i].keepable(l.rel(f.abs)); kp != nil {
				keep = append(keep, kp)
			}
		}
		kept.Keep(c.head.key, keep)
	}
	for i, f := range files {
		if fresh[i] {
			c.parts[f.abs] = parts[i]
		}
	}
	if len(c.parts) > len(files) { // forget files that are gone
		keep := make(map[string]bool, len(files))
		for _, f := range files {
			keep[f.abs] = true
		}
		for abs := range c.parts {
			if !keep[abs] {
				delete(c.parts, abs)
			}
		}
	}
	for i, f := range files {
		l.merge(f, parts[i], c.walk.bundles)
	}
}

// readPart reads one content file.
func (l *loader) readPart(f contentFile) *part {
	s := l.sub()
	p := &part{stamp: f.stamp, kind: f.doc}
	src, ok := s.read(f.abs)
	if ok {
		p.content = sha256.Sum256(src)
		s.todos(s.rel(f.abs), src)
		if f.doc != nil {
			p.doc = s.parseDoc(s.rel(f.abs), src, *f.doc)
			p.front = frontHash(src)
			if l.texts != nil && p.doc != nil {
				p.bodyOff = l.texts.letGo(p.doc, f.abs, src)
			}
		} else {
			f.read(s, s.rel(f.abs), src)
			p.records = s.site
		}
	}
	p.diags = s.diags.Export()
	p.unread = keys(s.site.Unread)
	return p
}

// frontHash hashes the front matter of a document's text.
func frontHash(src []byte) uint64 {
	h := fnv.New64a()
	if fm, err := splitFrontMatter(src); err == nil {
		h.Write(src[:len(src)-len(fm.Body)])
	} else {
		h.Write(src)
	}
	return h.Sum64()
}

// merge adds what a content file gave to l's site. Documents are copied,
// so that one load's site never shares a document with another's.
func (l *loader) merge(f contentFile, p *part, bundles map[string]map[string]string) {
	l.diags.Add(p.diags...)
	for _, u := range p.unread {
		l.site.Unread[u] = true
	}
	if p.doc != nil {
		d := *p.doc
		if f.doc.bundle != "" {
			d.Attachments = bundles[filepath.Dir(f.abs)]
		}
		switch d.Kind {
		case model.IntroDoc:
			l.site.Intro = &d
		case model.PolicyDoc:
			l.site.Policies = append(l.site.Policies, &d)
		case model.SectionDoc:
			l.site.Sections = append(l.site.Sections, &d)
		case model.PageDoc:
			l.site.Pages = append(l.site.Pages, &d)
		}
	}
	if r := p.records; r != nil {
		l.site.Controls = append(l.site.Controls, r.Controls...)
		l.site.SoA = append(l.site.SoA, r.SoA...)
		if r.SoADoc != nil {
			l.site.SoADoc = r.SoADoc
		}
		l.site.Certifications = append(l.site.Certifications, r.Certifications...)
		l.site.Attestations = append(l.site.Attestations, r.Attestations...)
		l.site.Subprocessors = append(l.site.Subprocessors, r.Subprocessors...)
		l.site.Crosswalks = append(l.site.Crosswalks, r.Crosswalks...)
		l.site.Answers = append(l.site.Answers, r.Answers...)
	}
}

func hasErrors(ds []diag.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == diag.Error {
			return true
		}
	}
	return false
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

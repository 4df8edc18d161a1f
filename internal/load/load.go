// Package load reads a site's folder into a model.Site. It checks
// everything that can be checked one file at a time (syntax, types, keys,
// enums, slugs) and reports every problem with its position; ids that point
// between files are checked later, by resolve.
package load

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/trustdocs/trustdocs/internal/confine"
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/tomlpos"
)

// Load reads the site in root. Problems go to diags; the returned site holds
// whatever could be read, so that callers can go on and report more.
func Load(root string, diags *diag.List) (*model.Site, error) {
	return new(Cache).Load(root, nil, diags)
}

func newLoader(root string, diags *diag.List) *loader {
	return &loader{root: root, diags: diags, site: &model.Site{
		Root:      root,
		Assets:    map[string]string{},
		Templates: map[string][]byte{},
		Theme:     map[string]string{},
		Unread:    map[string]bool{},
	}}
}

type loader struct {
	root  string
	dir   *confine.Dir // root, held open for the length of a load; nil: opened for each file
	texts *texts       // for a load that lets documents' Markdown go (Cache.Once)
	diags *diag.List
	site  *model.Site
	mu    sync.Mutex // guards site.Unread

	// frameworksIncomplete is set when a framework file could not be
	// read: a control's unknown key may be that framework's id.
	frameworksIncomplete bool
}

// sub returns a loader that reads one content file into a site and a
// diagnostics list of its own, against l's frameworks.
func (l *loader) sub() *loader {
	s := newLoader(l.root, &diag.List{})
	s.dir = l.dir
	s.site.Config = l.site.Config
	s.site.Frameworks = l.site.Frameworks
	s.frameworksIncomplete = l.frameworksIncomplete
	return s
}

// unread records that file could not be read at all.
func (l *loader) unread(file string) {
	l.mu.Lock()
	l.site.Unread[file] = true
	l.mu.Unlock()
}

// rel returns a site-relative, slash-separated path for messages.
func (l *loader) rel(abs string) string {
	r, err := filepath.Rel(l.root, abs)
	if err != nil {
		return abs
	}
	return filepath.ToSlash(r)
}

// errLinkOutside is the one message for a symbolic link that leads out
// of the site, wherever it is met.
var errLinkOutside = errors.New("symbolic link leads outside the site; trustdocs refuses it: copy the file into the site instead")

// read returns a file's text with a byte-order mark and CRLF line endings
// removed, or reports why it cannot be used.
func (l *loader) read(abs string) ([]byte, bool) {
	file := l.rel(abs)
	var b []byte
	var err error
	if l.dir != nil {
		b, err = l.dir.ReadFile(abs)
	} else {
		b, err = confine.ReadFile(l.root, abs)
	}
	if errors.Is(err, confine.ErrOutside) {
		err = errLinkOutside
	}
	if err != nil {
		l.diags.Errorf(diag.Pos{File: file}, "%v", err)
		l.unread(file)
		return nil, false
	}
	return l.clean(file, b)
}

func (l *loader) clean(file string, b []byte) ([]byte, bool) {
	b = normalize(b)
	if !utf8.Valid(b) {
		bad := firstInvalid(b)
		line := 1 + bytes.Count(b[:bad], []byte("\n"))
		col := 1 + utf8.RuneCount(b[bytes.LastIndexByte(b[:bad], '\n')+1:bad])
		l.diags.Errorf(diag.Pos{File: file, Line: line, Col: col}, "the file is not UTF-8 text (byte 0x%02X here); save it as UTF-8", b[bad])
		l.unread(file)
		return nil, false
	}
	return b, true
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// parseTOML decodes src and returns its top-level table; with a syntax
// error it reports it and marks the file unread.
func (l *loader) parseTOML(file string, src []byte, lineOffset int, name string) *tomlpos.Table {
	t := tomlpos.Parse(file, src, lineOffset, name, l.diags)
	if t == nil {
		l.unread(file)
	}
	return t
}

// DefaultNoticeDays is the notice customers get of a subprocessor change
// when site.toml does not say: the 30 days most data processing agreements
// give (see resolve's subprocessor notices for the rule it serves).
const DefaultNoticeDays = 30

// config reads site.toml, which must exist: it is what makes a folder a site.
func (l *loader) config() error {
	abs := filepath.Join(l.root, "site.toml")
	if _, err := os.Stat(abs); err != nil {
		return errors.New("no site.toml in " + l.root + "; run trustdocs in a site folder, name one with -s DIR, or create one with trustdocs new DIR")
	}
	if src, ok := l.read(abs); ok {
		l.siteConfig("site.toml", src)
		l.todos("site.toml", src)
	}
	return nil
}

// siteConfig reads the text of site.toml.
func (l *loader) siteConfig(file string, src []byte) {
	t := l.parseTOML(file, src, 0, "")
	if t == nil {
		return
	}
	c := &l.site.Config
	c.Origin = t.Origin()
	c.Title = t.Str("title", true, `the site's title, e.g. title = "Acme Trust Center"`)
	c.Company = t.Str("company", true, `the company's name, e.g. company = "Acme, Inc."`)
	c.BaseURL = t.Str("base_url", false, "")
	if msg := BaseURLProblem(c.BaseURL); c.BaseURL != "" && msg != "" {
		t.Errorf(t.At("base_url"), "base_url %q %s, e.g. base_url = \"https://trust.example.com/\"", c.BaseURL, msg)
		c.BaseURL = ""
	}
	c.Contact = t.Str("contact", false, "")
	c.RequestAccess = t.Str("request_access", false, "")
	if target, msg := RequestTarget(c.RequestAccess, c.Contact); msg != "" {
		t.Errorf(t.At("request_access"), "request_access %q %s, e.g. request_access = \"mailto:security@acme.example?subject=NDA%%20request\" (the request page composes an e-mail) or \"https://forms.acme.example/nda\" (its form posts there)", c.RequestAccess, msg)
		c.RequestAccess = ""
	} else {
		c.Requests = target
	}
	c.Language = t.Str("language", false, "")
	if c.Language == "" {
		c.Language = "en"
	}
	if b := t.Sub("build", "[build]"); b != nil {
		c.AsOf = b.Date("as_of", false)
		c.BrokenLinks = b.Enum("broken_links", []string{"error", "warning"}, "error")
		c.GitDates, _ = b.Bool("git_dates")
		b.Done()
	}
	if m := t.Sub("markdown", "[markdown]"); m != nil {
		c.UnsafeHTML, _ = m.Bool("unsafe_html")
		m.Done()
	}
	if st := t.Sub("status", "[status]"); st != nil {
		c.ReportCurrentFrom = st.Enum("report_current_from", model.ReportCurrentFroms, model.FromPeriodEnd)
		st.Done()
	}
	c.NoticeDays = DefaultNoticeDays
	if sp := t.Sub("subprocessors", "[subprocessors]"); sp != nil {
		if n, ok := sp.Int("notice_days"); ok {
			if n < 0 {
				sp.Errorf(sp.At("notice_days"), "notice_days is %d; give the days of notice your contracts promise, e.g. notice_days = 30 (0 turns the check off)", n)
				n = DefaultNoticeDays
			}
			c.NoticeDays = n
		}
		sp.Done()
	}
	if b := t.Sub("brand", "[brand]"); b != nil {
		c.Brand = brand(b)
		b.Done()
	}
	if s := t.Sub("security_txt", "[security_txt]"); s != nil {
		c.SecurityTxt = securityTxt(s, c)
		s.Done()
	}
	t.Done()
}

// frameworks loads the site's own catalogs, after the built-in ones
// (builtins.go).
func (l *loader) frameworks() {
	for _, abs := range frameworkFiles(l.root) {
		if src, ok := l.read(abs); ok {
			if f := l.framework(l.rel(abs), src); f != nil {
				l.site.Frameworks = append(l.site.Frameworks, f)
			}
		}
	}
	l.frameworksIncomplete = l.site.Incomplete("content/frameworks/")
}

// frameworkFiles are the site's own framework catalogs, sorted.
func frameworkFiles(root string) []string {
	files, _ := filepath.Glob(filepath.Join(root, "content", "frameworks", "*.toml"))
	slices.Sort(files)
	return files
}

// walkContent finds the files of content/ and what each one is. Files
// that are not content records (a certificate, an image) become assets,
// or attachments of the policy bundle they are in.
// With stamps, it notes each file's size and modification time, which a
// Cache kept for later loads compares; a load for one build has none to
// compare with, and saves a call a file (10,000 at 10,000 policies).
func (l *loader) walkContent(stamps bool) *walk {
	w := &walk{known: map[string]bool{}, assets: map[string]string{}, bundles: map[string]map[string]string{}}
	diags := &diag.List{}
	defer func() { w.diags = diags.Export() }()
	dir := filepath.Join(l.root, "content")
	if _, err := os.Stat(dir); err != nil {
		diags.Errorf(diag.Pos{File: "content"}, "no content folder; create content/ with policies/, controls/ and soa.toml, or start from trustdocs new")
		w.unread = []string{"content"}
		return w
	}
	policies := filepath.Join(dir, "policies")
	filepath.WalkDir(dir, func(abs string, d fs.DirEntry, err error) error {
		if err != nil {
			diags.Errorf(diag.Pos{File: l.rel(abs)}, "cannot read: %v", err)
			return nil
		}
		rel := l.rel(abs)
		name := d.Name()
		if strings.HasPrefix(name, ".") && abs != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := filepath.EvalSymlinks(abs)
			if err != nil || !l.inside(target) {
				diags.Errorf(diag.Pos{File: rel}, "%v", errLinkOutside)
				return nil
			}
			if fi, err := os.Stat(target); err == nil && fi.IsDir() {
				diags.Warnf(diag.Pos{File: rel}, "symbolic link to a folder is not followed")
				return nil
			}
		}
		bundle := w.bundleOf(abs, policies)
		if d.IsDir() {
			if bundle == "" && strings.HasPrefix(abs, policies+string(filepath.Separator)) {
				w.policyFolder(abs, rel, diags)
			}
			return nil
		}
		f := contentFile{abs: abs}
		if stamps {
			if fi, err := d.Info(); err == nil {
				f.stamp = stampOf(fi)
			}
		}
		w.known[abs] = true
		parts := strings.Split(strings.TrimPrefix(rel, "content/"), "/")
		kind := kindOf(parts)
		switch {
		case bundle != "" && abs != filepath.Join(bundle, "index.md"):
			name, _ := filepath.Rel(bundle, abs)
			w.bundles[bundle][filepath.ToSlash(name)] = abs
			return nil
		case kind == nil:
			if why := stray(parts); why != "" {
				diags.Warnf(diag.Pos{File: rel}, "%s", why)
			} else {
				w.assets[rel] = abs
			}
			return nil
		case kind.head:
			return nil
		case kind.read != nil:
			f.read = kind.read
		default:
			f.doc = &docFile{abs: abs, kind: kind.doc}
			if kind.folder == "policies" {
				f.doc.section, f.doc.bundle = section(parts, kind)
			}
		}
		w.files = append(w.files, f)
		return nil
	})
	return w
}

// bundleOf returns the policy bundle folder that abs is in or is, or "".
// Folders are walked before what they hold, so the bundle is known.
func (w *walk) bundleOf(abs, policies string) string {
	if len(w.bundles) == 0 {
		return ""
	}
	for dir := abs; len(dir) > len(policies); dir = filepath.Dir(dir) {
		if _, ok := w.bundles[dir]; ok {
			return dir
		}
	}
	return ""
}

// policyFolder notes a folder of content/policies/: a bundle when it
// holds index.md, else a section, whose name becomes part of addresses.
func (w *walk) policyFolder(abs, rel string, diags *diag.List) {
	if fi, err := os.Lstat(filepath.Join(abs, "index.md")); err == nil && fi.Mode().IsRegular() {
		w.bundles[abs] = map[string]string{}
		return
	}
	if name := filepath.Base(abs); !slugRE.MatchString(name) {
		diags.Errorf(diag.Pos{File: rel}, "folder name %q is not a valid section name: it becomes the section's address, so use only lower-case letters, digits and hyphens; rename the folder %s",
			name, strings.TrimSuffix(suggestSlug(name), ".md"))
	}
}

// inside reports whether abs lies within the site folder.
func (l *loader) inside(abs string) bool {
	root, err := filepath.EvalSymlinks(l.root)
	if err != nil {
		root = l.root
	}
	rel, err := filepath.Rel(root, abs)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// overrides reads templates/*.html and theme/** of the site.
func (l *loader) overrides() error {
	tdir := filepath.Join(l.root, "templates")
	files, _ := filepath.Glob(filepath.Join(tdir, "*.html"))
	for _, abs := range files {
		if b, ok := l.read(abs); ok {
			l.site.Templates[filepath.Base(abs)] = b
		}
	}
	thdir := filepath.Join(l.root, "theme")
	if _, err := os.Stat(thdir); err != nil {
		return nil
	}
	return filepath.WalkDir(thdir, func(abs string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if target, err := filepath.EvalSymlinks(abs); err != nil || !l.inside(target) {
				l.diags.Errorf(diag.Pos{File: l.rel(abs)}, "%v", errLinkOutside)
				return nil
			}
		}
		rel, _ := filepath.Rel(thdir, abs)
		l.site.Theme[filepath.ToSlash(rel)] = abs
		return nil
	})
}

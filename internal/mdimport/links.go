package mdimport

import (
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/trustdocs/trustdocs/internal/model"
)

// Links and images are written as paths from one file to another, in the
// folder imported; in the new site the files have other paths. Each
// relative (or site-absolute) destination is looked up as the generators
// do — the file, the file with .md, page.html for page.md, a folder for
// its index, a bare name for the document of that name (Hugo's ref) — and
// written again from the new place of the document to the new place of
// its target. Files that are not documents are copied.

var (
	// inlineRE is [text](dest "title") and ![alt](dest).
	inlineRE = regexp.MustCompile(`(!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*)(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)((?:\s+(?:"[^"]*"|'[^']*'))?\s*\))`)
	// refDefRE is a reference definition: [id]: dest
	refDefRE = regexp.MustCompile(`^( {0,3}\[[^\]]+\]:\s*)(<[^>]*>|\S+)(.*)$`)
	schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)
	// admonitionRE are MkDocs's !!! note and Docusaurus's :::note.
	admonitionRE = regexp.MustCompile(`^\s*(!!!|\?\?\?\+?|:::)\s*\w`)
)

// links rewrites the links of a body's lines; at[i] is the line of the
// file that line i came from.
func (d *doc) links(im *importer, lines []string, at []int) []string {
	fence := ""
	admonition := false
	for i, l := range lines {
		src := at[min(i, len(at)-1)]
		t := strings.TrimSpace(l)
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
			continue
		}
		if !admonition && admonitionRE.MatchString(l) {
			admonition = true
			d.warnf(src, 1, "admonition %q kept as text: trustdocs's Markdown has none; write it as a blockquote (> **Note:** …)", t)
		}
		if m := refDefRE.FindStringSubmatchIndex(l); m != nil && !strings.HasPrefix(strings.TrimSpace(l), "[^") { // [^1]: is a footnote
			dest := l[m[4]:m[5]]
			lines[i] = l[:m[4]] + d.rewrite(im, dest, src, m[4]+1) + l[m[5]:]
			continue
		}
		lines[i] = d.inline(im, l, src)
	}
	return lines
}

// inline rewrites the inline links of a line, outside code spans.
func (d *doc) inline(im *importer, l string, line int) string {
	parts := strings.Split(l, "`")
	col := 1
	for j := range parts {
		if j%2 == 0 || j == len(parts)-1 && len(parts)%2 == 0 {
			start := col
			parts[j] = inlineRE.ReplaceAllStringFunc(parts[j], func(link string) string {
				m := inlineRE.FindStringSubmatch(link)
				return m[1] + d.rewrite(im, m[2], line, start+strings.Index(parts[j], link)+len(m[1])) + m[3]
			})
		}
		col += len(parts[j]) + 1
	}
	return strings.Join(parts, "`")
}

// rewrite returns a link's destination as the new site needs it.
func (d *doc) rewrite(im *importer, dest string, line, col int) string {
	raw := strings.TrimSuffix(strings.TrimPrefix(dest, "<"), ">")
	if raw == "" || strings.HasPrefix(raw, "#") || strings.HasPrefix(raw, "//") || schemeRE.MatchString(raw) || tagRE.MatchString(raw) {
		return dest // a template tag in it is reported as one
	}
	p, frag, hasFrag := strings.Cut(raw, "#")
	p, _, _ = strings.Cut(p, "?")
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	suffix := ""
	if hasFrag {
		suffix = "#" + frag
	}
	if t := im.findDoc(d, p); t != nil {
		return relPath(d.out, t.out) + suffix
	}
	if site, ok := im.copyFile(d, p); ok {
		return relPath(d.out, site) + suffix
	}
	if left := im.leftOut(d, p); left != "" {
		d.warnf(line, col, "link to %q: %s is not imported (not a policy); kept as written, and the build warns until it leads somewhere", dest, left)
		return dest
	}
	d.warnf(line, col, "link to %q: no such file in the folder imported; kept as written, and the build warns until it is fixed", dest)
	return dest
}

// candidates are the files a link's path may mean, relative to the folder
// imported.
func (im *importer) candidates(d *doc, p string) []string {
	var bases []string
	if strings.HasPrefix(p, "/") {
		q := strings.TrimPrefix(p, "/")
		bases = append(bases, path.Join(im.root, q), q)
		if rest, ok := strings.CutPrefix(q, "docs/"); ok { // Docusaurus: /docs/page
			bases = append(bases, path.Join(im.root, rest))
		}
	} else {
		bases = append(bases, path.Join(d.dir, p))
	}
	var out []string
	for _, b := range bases {
		b = path.Clean(b)
		out = append(out, b)
		stem := strings.TrimSuffix(b, path.Ext(b))
		if ext := path.Ext(b); ext == ".html" || ext == ".htm" {
			out = append(out, stem+".md", stem+".md.tmpl", stem+"/index.md", stem+"/README.md")
		}
		for _, ext := range []string{".md", ".md.tmpl", ".markdown", ".mdx"} {
			out = append(out, b+ext)
		}
		for _, index := range []string{"index.md", "README.md", "_index.md", "index.md.tmpl"} {
			out = append(out, b+"/"+index)
		}
	}
	return out
}

// findDoc returns the imported document a link's path means, or nil.
func (im *importer) findDoc(d *doc, p string) *doc {
	for _, c := range im.candidates(d, p) {
		if t := im.byRel[c]; t != nil && t.out != "" {
			return t
		}
	}
	if !strings.Contains(strings.Trim(p, "/"), "/") { // Hugo's ref "page": by name, when only one has it
		name := strings.TrimSuffix(path.Base(p), path.Ext(p))
		var found *doc
		for _, t := range im.docs {
			if t.base == name && t.out != "" {
				if found != nil {
					return nil
				}
				found = t
			}
		}
		return found
	}
	return nil
}

// leftOut names the file a link leads to that the import did not take.
func (im *importer) leftOut(d *doc, p string) string {
	for _, c := range im.candidates(d, p) {
		if fi, err := os.Stat(filepath.Join(im.dir, filepath.FromSlash(c))); err == nil && !fi.IsDir() && !strings.HasPrefix(c, "..") {
			return c
		}
	}
	return ""
}

// copyFile copies a linked file that is not a document into the site,
// beside where the documents of its folder now are, and returns its path
// in the site.
func (im *importer) copyFile(d *doc, p string) (string, bool) {
	var rel string
	if strings.HasPrefix(p, "/") {
		rel = path.Clean(path.Join(im.root, strings.TrimPrefix(p, "/")))
	} else {
		rel = path.Clean(path.Join(d.dir, p))
	}
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return "", false // outside the folder imported
	}
	if _, isDoc := markdownName(path.Base(rel)); isDoc {
		return "", false
	}
	abs := filepath.Join(im.dir, filepath.FromSlash(rel))
	if fi, err := os.Lstat(abs); err != nil || !fi.Mode().IsRegular() {
		return "", false
	}
	im.mu.Lock()
	defer im.mu.Unlock()
	if site, ok := im.copied[rel]; ok {
		return site, true
	}
	site := im.sitePathOf(rel)
	for base, i := site, 2; im.files[site] != nil; i++ { // copies are in files as soon as made
		ext := path.Ext(base)
		site = strings.TrimSuffix(base, ext) + "-" + strconv.Itoa(i) + ext
	}
	b, err := os.ReadFile(abs)
	if err != nil {
		return "", false
	}
	im.copied[rel] = site
	im.files[site] = b
	im.res.Copied++
	return site, true
}

// sitePathOf is where a file of the folder imported goes: under its
// folder's section, or under content/files/ when it is outside the
// documents' folder; names become slugs, keeping the extension.
func (im *importer) sitePathOf(rel string) string {
	dir, name := path.Dir(rel), path.Base(rel)
	ext := strings.ToLower(path.Ext(name))
	stem := model.Slug(strings.TrimSuffix(name, path.Ext(name)))
	if stem == "" {
		stem = "file"
	}
	name = stem + ext
	var parts []string
	for d := dir; d != "." && d != im.root && d != "/"; d = path.Dir(d) {
		if f := im.folders[d]; f != nil && f.out != "" {
			parts = append([]string{f.out}, parts...)
			return path.Join("content/policies", path.Join(parts...), name)
		}
		seg := model.Slug(path.Base(d))
		if seg == "" {
			seg = "files"
		}
		parts = append([]string{seg}, parts...)
	}
	if im.root != "" && !strings.HasPrefix(dir+"/", im.root+"/") {
		return path.Join("content/files", path.Join(parts...), name)
	}
	return path.Join("content/policies", path.Join(parts...), name)
}

// relPath is the relative link from the file at from to the file at to,
// both paths in the site.
func relPath(from, to string) string {
	f := strings.Split(path.Dir(from), "/")
	t := strings.Split(to, "/")
	i := 0
	for i < len(f) && i < len(t)-1 && f[i] == t[i] {
		i++
	}
	return strings.Repeat("../", len(f)-i) + strings.Join(t[i:], "/")
}

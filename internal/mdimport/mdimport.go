// Package mdimport turns a folder of Markdown policies — a GitHub
// repository, or the source of a Jekyll, Hugo, MkDocs, Docusaurus or
// GitBook site — into the content of a new trustdocs site.
//
// What it does, file by file:
//
//   - Where the documents are: MkDocs's docs_dir (mkdocs.yml), Hugo's
//     content/, Docusaurus's docs/, else the folder itself. Folders whose
//     names start with . or _ (.git, _layouts, _site), node_modules, and
//     a generator's output folder are not read.
//   - Which files: Markdown (.md, .markdown, .mdx …, and the same ending in
//     .tmpl, a template of Markdown). README, CONTRIBUTING, LICENSE,
//     CHANGELOG, CODE_OF_CONDUCT and GitBook's SUMMARY are not policies;
//     a licence is copied beside site.toml, since it covers the text. A
//     README, index or _index in a folder below the top is that folder's
//     section page; the top's index is the home page's introduction.
//   - Every other document becomes a policy, in the section its folder
//     becomes (content/policies/<folder>/…). Numbered names (01-intro.md,
//     02-people/) give the order and lose the number; names become slugs,
//     unique across the site.
//   - Titles and order: front matter, else the navigation (mkdocs.yml nav,
//     SUMMARY.md, Docusaurus _category_.json), else the first heading
//     (which then leaves the body: the page shows the title), else the
//     file's name.
//   - Front matter, YAML or TOML, is mapped key by key (title, owner,
//     version, approved, date…); what has no trustdocs key is kept as a
//     comment. A document without an approval date is imported as a
//     draft: trustdocs does not make up the day a policy was approved.
//   - Links and images with relative (or site-absolute) paths are
//     rewritten to where their targets now are, and the files they name
//     are copied; Hugo's ref/relref and Jekyll's link tags become paths.
//   - Template syntax no build runs here (Jekyll/Liquid {% %}, Hugo
//     shortcodes, Mustache and Go {{ }}) is kept as text, unless a
//     variable given with Options.Vars fills it.
//
// Everything not converted is reported at the file, line and column of the
// source. The site it makes has broken_links = "warning", so it builds
// while the reported links are fixed. Import writes nothing: Result.Files
// is the new site, by path.
package mdimport

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/par"
	"github.com/trustdocs/trustdocs/internal/scaffold"
)

// Options are the choices of an import.
type Options struct {
	Company        string               // the organization's name for site.toml; "" leaves a TODO
	Classification model.Classification // of every imported policy; default restricted
	Vars           map[string]string    // values for template placeholders: {{companyShortName}}
	Today          model.Date           // the day of the import
	Version        string               // the trustdocs version the workflow installs
}

// Result is an imported folder: the new site's files and what the import
// reported, at lines of the folder's files.
type Result struct {
	Files    map[string][]byte // by site-relative path
	Diags    *diag.List
	Policies int
	Sections int
	Copied   int      // images and other files linked from documents
	Drafts   int      // policies without an approval date
	Left     []string // files that are not policies: README, LICENSE …
	Kind     string   // what the folder was read as: "MkDocs", "Hugo" …
	// Comply is the folder of the first document written for
	// strongdm/comply (satisfies, majorRevisions), which import comply
	// reads in full; "" when there is none.
	Comply string
}

// Import reads the folder dir.
func Import(dir string, opts Options) (*Result, error) {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", dir)
	}
	if opts.Classification == "" {
		opts.Classification = model.Restricted
	}
	if opts.Today.IsZero() {
		opts.Today = model.DateOf(time.Now().UTC())
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	im := &importer{dir: abs, opts: opts, diags: &diag.List{}, files: map[string][]byte{},
		res: &Result{}, byRel: map[string]*doc{}, nav: map[string]navEntry{}, folders: map[string]*folder{}, copied: map[string]string{},
		slugs: map[string]string{}}
	im.findRoot()
	if err := im.walk(); err != nil {
		return nil, err
	}
	if len(im.docs) == 0 {
		return nil, fmt.Errorf("%s holds no Markdown documents (.md) to import", dir)
	}
	im.place()
	par.Do(len(im.docs), func(i int) { im.docs[i].convert(im) })
	for _, d := range im.docs {
		im.diags.Add(d.diags.Export()...)
		im.files[d.out] = d.text
		if d.comply && im.res.Comply == "" {
			im.res.Comply = d.dir
		}
	}
	if err := im.site(); err != nil {
		return nil, err
	}
	im.res.Files, im.res.Diags = im.files, im.diags
	return im.res, nil
}

type importer struct {
	dir   string // the folder imported, absolute
	root  string // where its documents are: dir or a folder of it, relative ("" for dir)
	skip  []string
	opts  Options
	diags *diag.List
	files map[string][]byte
	res   *Result

	docs    []*doc
	byRel   map[string]*doc     // by path relative to dir
	nav     map[string]navEntry // titles and order from a navigation file, by path relative to dir
	folders map[string]*folder  // by path relative to dir
	slugs   map[string]string   // policy slug → source path, and top-level section names
	copied  map[string]string   // source path of a linked file → its site path
	mu      sync.Mutex          // guards copied, files
}

// folder is a folder of documents and the section it becomes.
type folder struct {
	rel    string // relative to dir
	out    string // the section's path below content/policies/ ("" at the root)
	title  string // from _category_.json, nav, or the folder's own name
	weight int
	index  *doc // its README, index or _index, or nil
	holds  bool // a policy is in it or in a folder inside it
}

// findRoot finds where a generator keeps the documents.
func (im *importer) findRoot() {
	has := func(names ...string) string {
		for _, n := range names {
			if _, err := os.Stat(filepath.Join(im.dir, n)); err == nil {
				return n
			}
		}
		return ""
	}
	switch {
	case has("mkdocs.yml", "mkdocs.yaml") != "":
		im.res.Kind = "MkDocs"
		im.root = im.mkdocs(has("mkdocs.yml", "mkdocs.yaml"))
		im.skip = []string{"site"}
	case has("hugo.toml", "hugo.yaml", "config.toml") != "" && has("content") != "":
		im.res.Kind, im.root = "Hugo", "content"
	case has("docusaurus.config.js", "docusaurus.config.ts") != "" && has("docs") != "":
		im.res.Kind, im.root, im.skip = "Docusaurus", "docs", []string{"build"}
	case has("_config.yml") != "":
		im.res.Kind = "Jekyll"
	}
	if has("SUMMARY.md") != "" && im.root == "" {
		im.res.Kind = "GitBook"
		im.summary("SUMMARY.md")
	}
	if im.res.Kind == "" {
		im.res.Kind = "Markdown"
	}
}

// notPolicies are the usual files of a repository that are about it, not
// policies of the organization.
var notPolicies = []string{"readme", "contributing", "license", "licence", "changelog", "code_of_conduct", "code-of-conduct", "summary", "copying", "notice", "authors"}

// walk finds the documents under the root.
func (im *importer) walk() error {
	start := filepath.Join(im.dir, filepath.FromSlash(im.root))
	if _, err := os.Stat(start); err != nil {
		return fmt.Errorf("%s: %v", im.rel(start), err)
	}
	return filepath.WalkDir(start, func(abs string, e os.DirEntry, err error) error {
		if err != nil {
			im.diags.Warnf(diag.Pos{File: im.rel(abs)}, "cannot read: %v; left out", err)
			return nil
		}
		name := e.Name()
		rel := im.rel(abs)
		if e.IsDir() {
			if abs != start && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "node_modules" || slices.Contains(im.skip, name) && filepath.Dir(abs) == start) {
				return filepath.SkipDir
			}
			im.folders[rel] = &folder{rel: rel}
			return nil
		}
		if e.Type()&os.ModeSymlink != 0 || !e.Type().IsRegular() {
			return nil // a link may lead out of the folder: documents are read, not followed
		}
		base, ok := markdownName(name)
		if !ok {
			return nil
		}
		lower := strings.ToLower(base)
		switch {
		case strings.HasPrefix(base, "_") && lower != "_index":
			return nil // Jekyll's partials, drafts folders
		case slices.Contains(notPolicies, lower) && (filepath.Dir(abs) == start || lower != "readme"):
			if !isLicence(name) { // a licence is listed when site copies it
				im.res.Left = append(im.res.Left, rel)
			}
			return nil
		}
		d := &doc{rel: rel, abs: abs, base: base, dir: path.Dir(rel), diags: &diag.List{}}
		d.index = lower == "index" || lower == "_index" || lower == "readme"
		im.docs = append(im.docs, d)
		im.byRel[rel] = d
		return nil
	})
}

// markdownName returns the name of a Markdown file without its endings.
func markdownName(name string) (string, bool) {
	n := strings.TrimSuffix(name, ".tmpl")
	ext := filepath.Ext(n)
	switch strings.ToLower(ext) {
	case ".md", ".markdown", ".mdown", ".mkd", ".mdx":
		return strings.TrimSuffix(n, ext), true
	}
	return "", false
}

func isLicence(name string) bool {
	l := strings.ToLower(name)
	return strings.HasPrefix(l, "license") || strings.HasPrefix(l, "licence") || strings.HasPrefix(l, "copying")
}

func (im *importer) rel(abs string) string {
	r, err := filepath.Rel(im.dir, abs)
	if err != nil {
		return abs
	}
	return filepath.ToSlash(r)
}

// site adds what a trustdocs site has around the documents: site.toml
// (broken links warn: the import reports them, and the site builds
// while they are fixed), .gitignore, the GitHub Pages workflow, and a
// contact page; and the licence the documents came with.
func (im *importer) site() error {
	shell, err := scaffold.Shell(scaffold.Options{Company: im.opts.Company, Today: im.opts.Today, Version: im.opts.Version})
	if err != nil {
		return err
	}
	for p, b := range shell {
		if p == "content/_index.md" && im.files[p] != nil {
			continue // the folder's own index
		}
		im.files[p] = b
	}
	im.files["site.toml"] = []byte(strings.Replace(string(im.files["site.toml"]), "# [build]\n",
		"[build]\n# Imported: links that lead nowhere warn instead of failing the build.\n# Once `trustdocs check` reports none, remove this line.\nbroken_links = \"warning\"\n", 1))
	// LICENSE, Licence, COPYING at the top of the folder or of its documents.
	var licences []string
	for _, dir := range []string{im.dir, filepath.Join(im.dir, filepath.FromSlash(im.root))} {
		found, _ := filepath.Glob(filepath.Join(dir, "[LlCc][IiOo][CcPp][EeYy]*"))
		licences = append(licences, found...)
	}
	for _, abs := range licences {
		name := filepath.Base(abs)
		if _, copied := im.files[name]; copied || !isLicence(name) {
			continue
		}
		if fi, err := os.Lstat(abs); err != nil || !fi.Mode().IsRegular() {
			continue
		}
		if src, err := os.ReadFile(abs); err == nil {
			im.files[name] = src
			im.res.Left = append(im.res.Left, im.rel(abs)+" (copied beside site.toml)")
		}
	}
	slices.Sort(im.res.Left)
	return nil
}

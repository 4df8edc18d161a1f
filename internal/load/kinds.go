package load

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/trustdocs/trustdocs/internal/model"
)

// A contentKind is one kind of file of content/: where such files live,
// and how they are read. contentKinds is the whole list: a new kind of
// record is a line there and its reader.
type contentKind struct {
	folder string        // the folder of content/ its files are in, and/or
	name   string        // the name of its one file
	ext    string        // with folder: the extension of its files
	nested bool          // with folder: in the folder or any folder below it
	bundle bool          // with folder: <folder>/…/<slug>/index.md, with attachments beside
	doc    model.DocKind // a Markdown document, or
	read   tomlReader    // a TOML file of records, or
	head   bool          // one read first, with site.toml: what every other file is read against
}

// Policies may be grouped in folders of content/policies/ (sections, with
// an _index.md of their own); a folder holding index.md is a bundle, whose
// other files are its attachments (the walk tells those apart first).
var contentKinds = []contentKind{
	{name: "_index.md", doc: model.IntroDoc},
	{folder: "policies", name: "_index.md", nested: true, doc: model.SectionDoc},
	{folder: "policies", name: "index.md", nested: true, bundle: true, doc: model.PolicyDoc},
	{folder: "policies", ext: ".md", nested: true, doc: model.PolicyDoc},
	{folder: "pages", ext: ".md", doc: model.PageDoc},
	{folder: "controls", ext: ".toml", read: (*loader).controls},
	{name: "soa.toml", read: (*loader).soa},
	{folder: "certifications", ext: ".toml", read: (*loader).certifications},
	{name: "subprocessors.toml", read: (*loader).subprocessors},
	{folder: "crosswalks", ext: ".toml", read: (*loader).crosswalks},
	{folder: "answers", ext: ".toml", read: (*loader).answers},
	{folder: "frameworks", ext: ".toml", head: true},
}

// holds reports whether a file at parts, its path below content/, is in
// k's folder (directly, or below it for a nested kind).
func (k *contentKind) holds(parts []string) bool {
	switch dirs := len(parts) - 1; {
	case k.folder == "":
		return dirs == 0
	case dirs == 0 || parts[0] != k.folder:
		return false
	case k.bundle:
		return dirs >= 2 // policies/<slug>/index.md, at least
	default:
		return dirs == 1 || k.nested
	}
}

// kindOf returns the kind of the file at parts, its path below content/,
// or nil for a file that is none.
func kindOf(parts []string) *contentKind {
	name := parts[len(parts)-1]
	for i := range contentKinds {
		k := &contentKinds[i]
		if !k.holds(parts) {
			continue
		}
		if k.name != "" && name == k.name || k.name == "" && strings.HasSuffix(name, k.ext) {
			return k
		}
	}
	return nil
}

// section is the folder below content/policies/ that a document at parts
// is in ("" at the top), and the slug a bundle takes from its folder.
func section(parts []string, k *contentKind) (sect, bundle string) {
	dirs := parts[1 : len(parts)-1]
	if k.bundle {
		bundle, dirs = dirs[len(dirs)-1], dirs[:len(dirs)-1]
	}
	return strings.Join(dirs, "/"), bundle
}

// stray says why a file of content/ that is of no kind is not read, or ""
// for a file to publish as it is (an attachment, a certificate).
func stray(parts []string) string {
	name := parts[len(parts)-1]
	base := strings.TrimSuffix(name, filepath.Ext(name))
	for _, k := range contentKinds {
		if k.name != "" || k.bundle || !k.holds(parts) {
			continue
		}
		switch {
		case k.ext == ".md" && isMarkdownName(name):
			return fmt.Sprintf("trustdocs reads Markdown from files ending in .md, so this file is ignored; rename it to %s.md", base)
		case k.ext == ".toml" && isDataName(name):
			return fmt.Sprintf("content/%s/ is read from .toml files only, so this file is ignored; write it in TOML as %s.toml", k.folder, base)
		}
	}
	if strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".toml") {
		return "not part of the site: policies go in content/policies/, free pages in content/pages/, controls in content/controls/*.toml"
	}
	return ""
}

// isMarkdownName reports names of Markdown files that trustdocs does not
// read: other extensions for Markdown, and .md in other cases.
func isMarkdownName(name string) bool {
	switch ext := filepath.Ext(name); strings.ToLower(ext) {
	case ".markdown", ".mdown", ".mkd", ".mdx", ".txt":
		return true
	case ".md":
		return ext != ".md"
	}
	return false
}

// isDataName reports names of data files in a format other than TOML.
func isDataName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml", ".json", ".tml":
		return true
	case ".toml":
		return filepath.Ext(name) != ".toml"
	}
	return false
}

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
	folder string        // the folder of content/ its files are in, or
	name   string        // the one file of content/ it is
	ext    string        // with folder: the extension of its files
	bundle bool          // with folder: <folder>/<slug>/index.md, with attachments beside
	doc    model.DocKind // a Markdown document, or
	read   tomlReader    // a TOML file of records, or
	head   bool          // one read first, with site.toml: what every other file is read against
}

var contentKinds = []contentKind{
	{name: "_index.md", doc: model.IntroDoc},
	{folder: "policies", ext: ".md", doc: model.PolicyDoc},
	{folder: "policies", bundle: true, doc: model.PolicyDoc},
	{folder: "pages", ext: ".md", doc: model.PageDoc},
	{folder: "controls", ext: ".toml", read: (*loader).controls},
	{name: "soa.toml", read: (*loader).soa},
	{folder: "certifications", ext: ".toml", read: (*loader).certifications},
	{name: "subprocessors.toml", read: (*loader).subprocessors},
	{folder: "crosswalks", ext: ".toml", read: (*loader).crosswalks},
	{folder: "frameworks", ext: ".toml", head: true},
}

// kindOf returns the kind of the file at parts, its path below content/,
// or nil for a file that is none.
func kindOf(parts []string) *contentKind {
	name := parts[len(parts)-1]
	for i := range contentKinds {
		k := &contentKinds[i]
		switch {
		case k.name != "":
			if len(parts) == 1 && name == k.name {
				return k
			}
		case k.bundle:
			if len(parts) == 3 && parts[0] == k.folder && name == "index.md" {
				return k
			}
		case len(parts) == 2 && parts[0] == k.folder && strings.HasSuffix(name, k.ext):
			return k
		}
	}
	return nil
}

// stray says why a file of content/ that is of no kind is not read, or ""
// for a file to publish as it is (an attachment, a certificate).
func stray(parts []string) string {
	name := parts[len(parts)-1]
	base := strings.TrimSuffix(name, filepath.Ext(name))
	for _, k := range contentKinds {
		if k.folder == "" || k.bundle || len(parts) != 2 || parts[0] != k.folder {
			continue
		}
		switch {
		case k.ext == ".md" && isMarkdownName(name):
			return fmt.Sprintf("trustdocs reads Markdown from files ending in .md, so this file is ignored; rename it to %s.md", base)
		case k.ext == ".toml" && isDataName(name):
			return fmt.Sprintf("content/%s/ is read from .toml files only, so this file is ignored; write it in TOML as %s.toml", k.folder, base)
		}
	}
	// Markdown or TOML deeper in policies/ is a bundle's attachment.
	if (strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".toml")) && !(parts[0] == "policies" && len(parts) > 2) {
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

package mdimport

import (
	"cmp"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/trustdocs/trustdocs/internal/diag"
)

// A navigation file — mkdocs.yml's nav, GitBook's SUMMARY.md, a
// Docusaurus _category_.json — says what the reader sees documents and
// folders called, and in what order. navEntry is that, for one path
// (relative to the folder imported).
type navEntry struct {
	title  string
	weight int // 1 for the first in the navigation
}

// mkdocs reads mkdocs.yml: where the documents are (docs_dir) and the
// titles and order nav gives them. It returns the documents' folder.
func (im *importer) mkdocs(name string) string {
	docs := "docs"
	b, err := os.ReadFile(filepath.Join(im.dir, name))
	if err != nil {
		return docs
	}
	var cfg struct {
		DocsDir string    `yaml:"docs_dir"`
		Nav     yaml.Node `yaml:"nav"`
	}
	if err := yaml.Unmarshal(b, &cfg); err != nil {
		// mkdocs.yml often holds !!python tags that only MkDocs reads.
		im.diags.Warnf(diag.Pos{File: name}, "does not parse as YAML (%v), so its nav does not give titles and order; documents are ordered by name", err)
	}
	if cfg.DocsDir != "" {
		docs = path.Clean(filepath.ToSlash(cfg.DocsDir))
	}
	n := 0
	var walk func(node *yaml.Node, folder string)
	walk = func(node *yaml.Node, folder string) {
		for _, item := range node.Content {
			switch item.Kind {
			case yaml.ScalarNode: // - page.md
				n++
				im.nav[path.Join(docs, item.Value)] = navEntry{weight: n}
			case yaml.MappingNode: // - Title: page.md, or - Section: [...]
				for i := 0; i+1 < len(item.Content); i += 2 {
					title, v := item.Content[i].Value, item.Content[i+1]
					n++
					switch v.Kind {
					case yaml.ScalarNode:
						if !strings.Contains(v.Value, "://") {
							im.nav[path.Join(docs, v.Value)] = navEntry{title, n}
						}
					case yaml.SequenceNode:
						if dir := commonFolder(v, docs); dir != "" {
							im.nav[dir] = navEntry{title, n}
						}
						walk(v, folder)
					}
				}
			}
		}
	}
	if cfg.Nav.Kind == yaml.SequenceNode {
		walk(&cfg.Nav, docs)
	}
	return docs
}

// commonFolder is the folder that all the pages of a nav section are in,
// when they are all in one: that folder is the section.
func commonFolder(seq *yaml.Node, docs string) string {
	dir := ""
	for _, item := range seq.Content {
		var p string
		switch {
		case item.Kind == yaml.ScalarNode:
			p = item.Value
		case item.Kind == yaml.MappingNode && len(item.Content) == 2 && item.Content[1].Kind == yaml.ScalarNode:
			p = item.Content[1].Value
		default:
			continue
		}
		d := path.Dir(path.Join(docs, p))
		if dir == "" {
			dir = d
		} else if d != dir {
			return ""
		}
	}
	if dir == docs {
		return ""
	}
	return dir
}

// summaryRE is an entry of GitBook's SUMMARY.md: * [Title](path.md)
var summaryRE = regexp.MustCompile(`^\s*[*+-]\s+\[([^\]]+)\]\(([^)\s]+)\)`)

// summary reads GitBook's SUMMARY.md, whose list is the table of contents.
func (im *importer) summary(name string) {
	b, err := os.ReadFile(filepath.Join(im.dir, name))
	if err != nil {
		return
	}
	n := 0
	for _, line := range strings.Split(string(b), "\n") {
		if m := summaryRE.FindStringSubmatch(line); m != nil && !strings.Contains(m[2], "://") {
			n++
			p, _, _ := strings.Cut(m[2], "#")
			im.nav[path.Clean(p)] = navEntry{strings.TrimSpace(m[1]), n}
		}
	}
}

// category reads a Docusaurus folder's _category_.json (or .yml): the
// section's label and position.
func (im *importer) category(f *folder) {
	for _, name := range []string{"_category_.json", "_category_.yml", "_category_.yaml"} {
		b, err := os.ReadFile(filepath.Join(im.dir, filepath.FromSlash(f.rel), name))
		if err != nil {
			continue
		}
		var c struct {
			Label    string  `json:"label" yaml:"label"`
			Position float64 `json:"position" yaml:"position"`
		}
		if strings.HasSuffix(name, ".json") {
			err = json.Unmarshal(b, &c)
		} else {
			err = yaml.Unmarshal(b, &c)
		}
		if err != nil {
			im.diags.Warnf(diag.Pos{File: path.Join(f.rel, name)}, "does not parse (%v); the folder's name is its title", err)
			return
		}
		f.title = cmp.Or(c.Label, f.title)
		if c.Position > 0 {
			f.weight = int(c.Position)
		}
		return
	}
}

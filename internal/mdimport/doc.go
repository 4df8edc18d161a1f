package mdimport

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/tomlpos"
)

// doc is one Markdown file of the folder imported.
type doc struct {
	rel, abs string  // path relative to the folder imported, and absolute
	dir      string  // rel's folder
	base     string  // the file's name without its endings
	index    bool    // README, index or _index: its folder's page
	section  *folder // the folder it is in
	slug     string  // a policy's slug
	out      string  // its path in the new site
	weight   int     // from its name or the navigation
	navTitle string
	comply   bool // its front matter is strongdm/comply's

	diags *diag.List // its own, so that documents convert in parallel
	text  []byte     // the converted file
}

func (d *doc) warnf(line, col int, format string, args ...any) {
	d.diags.Warnf(diag.Pos{File: d.rel, Line: line, Col: col}, format, args...)
}

// convert reads the document and writes it as trustdocs reads it.
func (d *doc) convert(im *importer) {
	src, err := os.ReadFile(d.abs)
	if err != nil {
		d.diags.Errorf(diag.Pos{File: d.rel}, "cannot read: %v", err)
		return
	}
	d.convertText(im, src)
}

// convertText converts the text of the document.
func (d *doc) convertText(im *importer, src []byte) {
	src = bytes.ReplaceAll(bytes.TrimPrefix(src, []byte("\ufeff")), []byte("\r\n"), []byte("\n"))
	if !utf8.Valid(src) {
		d.warnf(1, 0, "the file is not UTF-8 text: bytes that are not were replaced with \uFFFD; save the original as UTF-8 and import again")
		src = bytes.ToValidUTF8(src, []byte("\uFFFD"))
	}
	frontSrc, yamlFront, frontLine, body, bodyLine := splitFront(src)
	f := d.front(frontSrc, yamlFront, frontLine)
	text, lines := d.templates(im, string(body), bodyLine)
	out := d.links(im, strings.Split(text, "\n"), lines)
	title := cmp.Or(f.title, d.navTitle)
	if heading, rest := firstHeading(out); heading != "" && (title == "" || strings.EqualFold(heading, title)) {
		title, out = heading, rest // the page shows the title: not twice
	}
	if title == "" {
		_, name := numbered(d.base)
		title = model.FolderTitle(model.Slug(name))
		if d.index && d.section != nil {
			title = d.section.title
		}
		if title == "" {
			title = d.base
		}
	}
	f.title = title
	body = []byte(strings.TrimLeft(strings.Join(out, "\n"), "\n"))
	switch {
	case d.index && d.section != nil && d.section.out == "":
		d.text = []byte("+++\ntitle = " + tomlpos.Quote(title) + "\n+++\n\n" + string(body))
	case d.index:
		d.text = sectionFront(title, f.summary, cmp.Or(f.weight, d.section.weight), string(body))
	default:
		d.text = d.policy(im, f, body)
	}
}

// splitFront separates front matter from the body: YAML between --- lines,
// TOML between +++ lines, or YAML keys from the first line up to a line
// --- (as comply and pandoc's metadata blocks write it).
func splitFront(src []byte) (front []byte, isYAML bool, frontLine int, body []byte, bodyLine int) {
	lines := bytes.SplitAfter(src, []byte("\n"))
	trim := func(i int) string { return strings.TrimRight(string(lines[i]), " \t\r\n") }
	if len(lines) == 0 {
		return nil, false, 0, src, 1
	}
	first := trim(0)
	if first == "---" || first == "+++" {
		for i := 1; i < len(lines); i++ {
			if trim(i) == first {
				return bytes.Join(lines[1:i], nil), first == "---", 2, bytes.Join(lines[i+1:], nil), i + 2
			}
		}
		return nil, false, 0, src, 1
	}
	if keyLineRE.MatchString(first) {
		for i := 1; i < len(lines) && i < 200; i++ {
			switch t := trim(i); {
			case t == "---":
				return bytes.Join(lines[:i], nil), true, 1, bytes.Join(lines[i+1:], nil), i + 2
			case t == "" || !keyLineRE.MatchString(t) && !strings.HasPrefix(t, " ") && !strings.HasPrefix(t, "\t") && !strings.HasPrefix(t, "- "):
				return nil, false, 0, src, 1 // not YAML keys: text, and --- a rule
			}
		}
	}
	return nil, false, 0, src, 1
}

var keyLineRE = regexp.MustCompile(`^[A-Za-z_][\w-]*\s*:(\s|$)`)

// firstHeading takes the document's first line, when it is a heading of
// the first level, out of the body and returns its text.
func firstHeading(lines []string) (string, []string) {
	for i, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case t == "":
			continue
		case strings.HasPrefix(t, "# "):
			return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(t[2:]), "#")), lines[i+1:]
		case i+1 < len(lines) && setextRE.MatchString(lines[i+1]):
			return t, lines[i+2:]
		}
		return "", lines
	}
	return "", lines
}

var setextRE = regexp.MustCompile(`^ {0,3}=+\s*$`)

// parseFront reads front matter into a table with the positions of its
// keys; a syntax error is returned as a warning's text.
func parseFront(file string, src []byte, isYAML bool, line int) (*tomlpos.Table, []diag.Diagnostic) {
	scratch := &diag.List{}
	var t *tomlpos.Table
	if isYAML {
		t = tomlpos.ParseYAML(file, src, line-1, "front matter", scratch)
	} else {
		t = tomlpos.Parse(file, src, line-1, "front matter", scratch)
	}
	return t, scratch.Export()
}

// describeValue writes a front-matter value for a comment: text as it
// is, lists and tables as JSON.
func describeValue(v any) string {
	var s string
	switch v.(type) {
	case []any, map[string]any:
		b, _ := json.Marshal(v)
		s = string(b)
	default:
		s = strings.ReplaceAll(fmt.Sprint(v), "\n", " ")
	}
	if len(s) > 120 {
		s = s[:117] + "…"
	}
	return s
}

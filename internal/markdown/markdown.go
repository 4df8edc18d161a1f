// Package markdown converts policy and page bodies to HTML with goldmark:
// GFM tables, strikethrough, autolinks and task lists, footnotes, and
// heading IDs. Raw HTML is dropped unless the site opts in, and goldmark
// already drops dangerous link schemes (javascript:, vbscript:, data: other
// than images) in that mode.
//
// One pass over the parsed document also demotes headings so that a body's
// "# Purpose" never competes with the page's own <h1>, collects the table
// of contents, rewrites links to other content files, and notes raw HTML so
// that it can be reported.
package markdown

import (
	"bufio"
	"bytes"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// Converter converts Markdown; it is safe for concurrent use.
type Converter struct {
	md     goldmark.Markdown
	unsafe bool
}

// New returns a Converter. unsafeHTML keeps raw HTML in the output.
func New(unsafeHTML bool) *Converter {
	opts := []renderer.Option{}
	if unsafeHTML {
		opts = append(opts, html.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.Strikethrough,
			extension.Linkify,
			extension.TaskList,
			extension.Footnote,
			extension.DefinitionList,
		),
		// Headings take ids as GitHub makes them, or their own: ## Travel {#travel}.
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
		goldmark.WithRendererOptions(opts...),
	)
	return &Converter{md: md, unsafe: unsafeHTML}
}

// Heading is an entry of a table of contents.
type Heading struct {
	Level int // 2 or 3, after demotion
	ID    string
	Text  string
}

// Place is a position in the Markdown source: 1-based line and column
// (in bytes).
type Place struct{ Line, Col int }

// Raw is a piece of raw HTML: where it starts and its first tag.
type Raw struct {
	Place
	Tag string // such as <div class="note">, cut at 40 bytes
}

func raw(src []byte, idx lineIndexT, off int) Raw {
	tag := src[off:]
	if i := bytes.IndexAny(tag, ">\n"); i >= 0 {
		tag = tag[:i+1]
	}
	tag = bytes.TrimSpace(tag)
	if len(tag) > 40 {
		tag = append(bytes.ToValidUTF8(tag[:40], nil), "…"...)
	}
	return Raw{idx.place(off), string(tag)}
}

// Link is a link or image destination as written, and where it is.
type Link struct {
	Dest  string
	Line  int // relative to the start of the Markdown source, 1-based
	Col   int // 1-based, in bytes; 0 when unknown
	Image bool
}

// Result is a converted document.
type Result struct {
	HTML    template.HTML
	TOC     []Heading
	IDs     []string // the id of every heading, for checking links to anchors
	Links   []Link
	RawHTML []Raw // raw HTML (dropped unless unsafe)
}

// Rewrite maps a link destination written in Markdown to the one to emit.
// It may return dest unchanged.
type Rewrite func(dest string) string

// Convert converts src. rewrite may be nil. A document past one of the
// limits (see MaxNesting) is not converted: the error is a *LimitError.
func (c *Converter) Convert(src []byte, rewrite Rewrite) (Result, error) {
	var res Result
	if le := checkLimits(src); le != nil {
		return res, le
	}
	doc := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext(parser.WithIDs(newGitHubIDs()))))
	lines := lineIndex(src)
	minLevel := 7
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			minLevel = min(minLevel, h.Level)
		}
		return ast.WalkContinue, nil
	})
	shift := 0
	if minLevel == 1 {
		shift = 1
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			n.Level = min(6, n.Level+shift)
			// {#id .class} are kept; other attributes ({style=…},
			// {data-x=…}) are not: the CSP would refuse a style, and
			// the page's look is the theme's.
			if slices.ContainsFunc(n.Attributes(), notIDOrClass) {
				kept := slices.DeleteFunc(slices.Clone(n.Attributes()), notIDOrClass)
				n.RemoveAttributes()
				for _, a := range kept {
					n.SetAttribute(a.Name, a.Value)
				}
			}
			if v, ok := n.AttributeString("id"); ok {
				id := string(v.([]byte))
				res.IDs = append(res.IDs, id)
				if n.Level <= 3 {
					res.TOC = append(res.TOC, Heading{Level: n.Level, ID: id, Text: plainText(n, src)})
				}
			}
		case *ast.Link:
			res.Links = append(res.Links, lines.link(src, n, string(n.Destination), false))
			if rewrite != nil {
				n.Destination = []byte(rewrite(string(n.Destination)))
			}
		case *ast.Image:
			res.Links = append(res.Links, lines.link(src, n, string(n.Destination), true))
			if rewrite != nil {
				n.Destination = []byte(rewrite(string(n.Destination)))
			}
		case *ast.HTMLBlock:
			if n.Lines().Len() > 0 {
				res.RawHTML = append(res.RawHTML, raw(src, lines, n.Lines().At(0).Start))
			}
		case *ast.RawHTML:
			// A closing tag goes with its opening one, which is reported.
			if n.Segments.Len() > 0 && !bytes.HasPrefix(src[n.Segments.At(0).Start:], []byte("</")) {
				res.RawHTML = append(res.RawHTML, raw(src, lines, n.Segments.At(0).Start))
			}
		case *east.TableCell:
			if n.Alignment != east.AlignNone {
				n.SetAttributeString("class", []byte("align-"+n.Alignment.String()))
			}
		}
		return ast.WalkContinue, nil
	})
	// The headings are kept as long as the page: at their length, not
	// the capacity append left (on 50,000 documents, tens of megabytes).
	if cap(res.TOC) > len(res.TOC) {
		res.TOC = slices.Clone(res.TOC)
	}
	// A strings.Builder, whose String is its buffer: a bytes.Buffer's
	// would be copied (at 50,000 policies, 110 MB more to collect).
	var buf strings.Builder
	buf.Grow(len(src) * 3 / 2)
	// goldmark wraps a writer without buffering in a new bufio.Writer.
	w := writers.Get().(*bufio.Writer)
	w.Reset(&buf)
	err := c.md.Renderer().Render(w, src, doc) // which flushes w
	w.Reset(nil)
	writers.Put(w)
	if err != nil {
		return res, err
	}
	// The renderer escaped everything from the source (and dropped raw
	// HTML unless the site opted in), so its output is safe to embed.
	res.HTML = template.HTML(buf.String())
	return res, nil
}

// notIDOrClass reports whether a is an attribute a heading may not keep.
func notIDOrClass(a ast.Attribute) bool { return string(a.Name) != "id" && string(a.Name) != "class" }

// Contents lists the headings as links, for a page's table of contents:
//
//	<ol><li class="toc-2"><a href="#scope">Scope</a></li>…</ol>
//
// Made in Go because in a template it is three actions a heading, and
// html/template spends a microsecond on each. Heading ids are made of ASCII
// letters, digits, - and _ (goldmark's automatic ids), so only the text
// needs escaping.
func Contents(toc []Heading) template.HTML {
	if len(toc) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("<ol>")
	for _, h := range toc {
		b.WriteString(`<li class="toc-`)
		b.WriteString(strconv.Itoa(h.Level))
		b.WriteString(`"><a href="#`)
		b.WriteString(template.HTMLEscapeString(h.ID))
		b.WriteString(`">`)
		b.WriteString(template.HTMLEscapeString(h.Text))
		b.WriteString("</a></li>")
	}
	b.WriteString("</ol>")
	return template.HTML(b.String())
}

var writers = sync.Pool{New: func() any { return bufio.NewWriter(nil) }}

// plainText returns the text of a node and its children.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for k := t.FirstChild(); k != nil; k = k.NextSibling() {
				if tx, ok := k.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	// A copy at its length: the builder's buffer is up to twice that.
	return strings.Clone(strings.TrimSpace(b.String()))
}

// link locates a link or image: at its "[" (or "![") when its text has a
// position, else at the start of its block.
func (idx lineIndexT) link(src []byte, n ast.Node, dest string, image bool) Link {
	l := Link{Dest: dest, Image: image}
	off := -1
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off < 0 {
		l.Line = idx.of(blockStart(n))
		return l
	}
	// The text starts after the bracket, or after emphasis inside it.
	for i := off - 1; i >= 0 && src[i] != '\n'; i-- {
		if src[i] == '[' {
			off = i
			if image && i > 0 && src[i-1] == '!' {
				off = i - 1
			}
			break
		}
	}
	l.Line = idx.of(off)
	l.Col = off - idx[l.Line-1] + 1
	return l
}

// blockStart returns the offset of the first line of the block holding n.
func blockStart(n ast.Node) int {
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

type lineIndexT []int

// lineIndex returns the offsets at which lines start.
func lineIndex(src []byte) lineIndexT {
	idx := lineIndexT{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

// place returns the line and column of offset.
func (idx lineIndexT) place(off int) Place {
	line := idx.of(off)
	return Place{line, off - idx[line-1] + 1}
}

// of returns the 1-based line holding offset.
func (idx lineIndexT) of(off int) int {
	lo, hi := 0, len(idx)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if idx[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1
}

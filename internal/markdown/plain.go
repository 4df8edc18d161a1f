package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// PlainText is Markdown as plain text, for a spreadsheet cell or a form
// field that takes no markup (a questionnaire's answer column): blocks
// separated by a blank line, list items marked "- " or "1. ", a link's
// address after its text when it is not the text itself, emphasis and
// code marks dropped. Raw HTML is left out, as Convert leaves it out.
func (c *Converter) PlainText(src []byte) string {
	doc := c.md.Parser().Parse(text.NewReader(src))
	var b strings.Builder
	plainBlocks(&b, doc, src, "")
	return strings.TrimSpace(b.String())
}

// plainBlocks writes the blocks under n, each line starting with indent.
func plainBlocks(b *strings.Builder, n ast.Node, src []byte, indent string) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.List:
			i := t.Start
			for item := t.FirstChild(); item != nil; item = item.NextSibling() {
				mark := "- "
				if t.IsOrdered() {
					mark = strconv.Itoa(i) + ". "
					i++
				}
				var ib strings.Builder
				plainBlocks(&ib, item, src, "")
				lines := strings.Split(strings.TrimSpace(ib.String()), "\n")
				for k, l := range lines {
					if l == "" && t.IsTight {
						continue // a tight list's blocks follow each other
					}
					pre := indent + strings.Repeat(" ", len(mark))
					if k == 0 {
						pre = indent + mark
					}
					b.WriteString(strings.TrimRight(pre+l, " ") + "\n")
				}
			}
			b.WriteString("\n")
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := c.Lines()
			for k := 0; k < lines.Len(); k++ {
				seg := lines.At(k)
				b.WriteString(indent + strings.TrimRight(string(seg.Value(src)), "\n") + "\n")
			}
			b.WriteString("\n")
		case *ast.HTMLBlock, *ast.ThematicBreak:
		case *ast.Blockquote, *ast.Document:
			plainBlocks(b, c, src, indent)
		case *east.Table:
			for row := c.FirstChild(); row != nil; row = row.NextSibling() {
				var cells []string
				for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
					cells = append(cells, plainInline(cell, src))
				}
				b.WriteString(indent + strings.Join(cells, " | ") + "\n")
			}
			b.WriteString("\n")
		default:
			if c.Type() == ast.TypeBlock && c.FirstChild() != nil && c.FirstChild().Type() == ast.TypeBlock {
				plainBlocks(b, c, src, indent)
				continue
			}
			for _, l := range strings.Split(plainInline(c, src), "\n") {
				b.WriteString(indent + l + "\n")
			}
			b.WriteString("\n")
		}
	}
}

// plainInline is the text of an inline run: a paragraph, a heading, a
// table cell.
func plainInline(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		switch t := c.(type) {
		case *ast.Text:
			if entering {
				b.Write(t.Segment.Value(src))
				switch {
				case t.HardLineBreak():
					b.WriteByte('\n')
				case t.SoftLineBreak():
					b.WriteByte(' ')
				}
			}
		case *ast.String:
			if entering {
				b.Write(t.Value)
			}
		case *ast.CodeSpan:
			if entering {
				b.WriteString(plainText(t, src))
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			if !entering {
				if dest := string(t.Destination); dest != "" && dest != plainText(t, src) && !strings.HasPrefix(dest, "#") {
					b.WriteString(" (" + dest + ")")
				}
			}
		case *ast.AutoLink:
			if entering {
				b.Write(t.URL(src))
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

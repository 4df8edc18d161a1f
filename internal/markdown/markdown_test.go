package markdown

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestLinksArePlaced(t *testing.T) {
	src := "# Title\n\nSee the [access policy](access.md#mfa) and\n**also** ![net](../files/n.png) or [*em* text](x.md).\n\n[](empty.md)\n"
	res, err := New(false).Convert([]byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []Link{
		{Dest: "access.md#mfa", Line: 3, Col: 9},
		{Dest: "../files/n.png", Line: 4, Col: 10, Image: true},
		{Dest: "x.md", Line: 4, Col: 36},
		{Dest: "empty.md", Line: 6, Col: 0},
	}
	if !slices.Equal(res.Links, want) {
		t.Errorf("links:\n got %+v\nwant %+v", res.Links, want)
	}
}

func TestHeadingsAreDemotedAndListed(t *testing.T) {
	src := "# Purpose\n\n## Scope of work\n\n### Deep\n\n#### Deeper\n"
	res, _ := New(false).Convert([]byte(src), nil)
	html := string(res.HTML)
	for _, want := range []string{`<h2 id="purpose">`, `<h3 id="scope-of-work">`, `<h4 id="deep">`, `<h5 id="deeper">`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
	if got, want := res.IDs, []string{"purpose", "scope-of-work", "deep", "deeper"}; !slices.Equal(got, want) {
		t.Errorf("IDs = %q, want %q", got, want)
	}
	if len(res.TOC) != 2 || res.TOC[0].ID != "purpose" || res.TOC[1].Text != "Scope of work" {
		t.Errorf("TOC = %+v", res.TOC)
	}
}

func TestRawHTMLIsDroppedAndReported(t *testing.T) {
	src := "Intro\n\n<div onclick=\"x()\">block</div>\n\nInline <b>bold</b> and [x](javascript:alert(1)).\n"
	res, _ := New(false).Convert([]byte(src), nil)
	if got := string(res.HTML); strings.Contains(got, "<div") || strings.Contains(got, "<b>") || strings.Contains(got, "javascript:") {
		t.Errorf("unsafe output:\n%s", got)
	}
	want := []Raw{{Place{3, 1}, `<div onclick="x()">`}, {Place{5, 8}, "<b>"}}
	if !slices.Equal(res.RawHTML, want) {
		t.Errorf("RawHTML = %v, want %v", res.RawHTML, want)
	}
	res, _ = New(true).Convert([]byte(src), nil)
	if !strings.Contains(string(res.HTML), "<b>bold</b>") {
		t.Errorf("unsafe_html kept nothing:\n%s", res.HTML)
	}
}

func TestRewrite(t *testing.T) {
	res, _ := New(false).Convert([]byte("[a](a.md) ![i](i.png) <https://example.com>"), func(dest string) string { return "/" + dest })
	for _, want := range []string{`href="/a.md"`, `src="/i.png"`, `href="https://example.com"`} {
		if !strings.Contains(string(res.HTML), want) {
			t.Errorf("missing %s in %s", want, res.HTML)
		}
	}
}

func TestTableAlignmentIsAClass(t *testing.T) {
	res, _ := New(false).Convert([]byte("| a | b |\n|:--|--:|\n| 1 | 2 |\n"), nil)
	if !strings.Contains(string(res.HTML), `class="align-left"`) || strings.Contains(string(res.HTML), "style=") {
		t.Errorf("alignment: %s", res.HTML)
	}
}

var dangerous = regexp.MustCompile(`(?i)<script|<iframe|<[^>]*\son[a-z]+\s*=|(href|src)="\s*(javascript|vbscript):`)

// FuzzConvert holds Markdown conversion to its promises for any input: no
// panic, no active content without unsafe_html, positions inside the text.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"# T\n\n[a](b.md#c)\n",
		"<script>alert(1)</script>\n",
		"[x](javascript:alert(1)) [y](JaVaScRiPt:x) ![z](data:text/html,<b>)",
		"| a |\n|---|\n| <img src=x onerror=alert(1)> |\n",
		"[^1]\n\n[^1]: note <i>x</i>\n",
		"- [ ] task\n- [x] done\n",
		"```\n<script>\n```\n",
		"<a href=\"javascript:x\">a</a>",
		"[a]: javascript:x\n\n[link][a]\n",
	} {
		f.Add([]byte(s))
	}
	c := New(false)
	f.Fuzz(func(t *testing.T, src []byte) {
		res, err := c.Convert(src, nil)
		if err != nil {
			return
		}
		if m := dangerous.FindString(string(res.HTML)); m != "" {
			t.Fatalf("active content %q in output:\n%s", m, res.HTML)
		}
		lines := 1 + bytes.Count(src, []byte("\n"))
		for _, l := range res.Links {
			if l.Line < 1 || l.Line > lines || l.Col < 0 {
				t.Fatalf("link %+v outside the %d lines", l, lines)
			}
		}
		for _, h := range res.RawHTML {
			if h.Line < 1 || h.Line > lines || h.Col < 1 {
				t.Fatalf("raw HTML %+v outside the %d lines", h, lines)
			}
		}
	})
}

func TestContentsAreEscaped(t *testing.T) {
	src := "## Keys & 1 < 2 \"quoted\"\n\n## `code` it's\n"
	res, _ := New(false).Convert([]byte(src), nil)
	want := `<ol><li class="toc-2"><a href="#keys--1--2-quoted">Keys &amp; 1 &lt; 2 &#34;quoted&#34;</a></li>` +
		`<li class="toc-2"><a href="#code-its">code it&#39;s</a></li></ol>`
	if got := Contents(res.TOC); string(got) != want {
		t.Errorf("Contents =\n%s\nwant\n%s", got, want)
	}
}

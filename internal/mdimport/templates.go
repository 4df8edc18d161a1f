package mdimport

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Repositories of policies are often templates: Jekyll's Liquid ({% %}),
// Hugo's shortcodes ({{< >}}, {{% %}}), Mustache ({{companyName}},
// {{#hipaa}}…{{/hipaa}}) and Go's text/template ({{.Name}}). trustdocs
// runs none of them: a placeholder that Options.Vars names is filled in
// (a section named by a variable is kept or dropped by its value), and
// everything else is kept as text and reported, once a file for each
// name, at its first place.

// tagRE finds template tags of every kind. Hugo's ref and relref, and
// Jekyll's link, are read by the links that hold them.
var tagRE = regexp.MustCompile(`\{%-?.*?-?%\}|\{\{[<%].*?[>%]\}\}|\{\{\{?[^{}\n]*\}?\}\}`)

// mustacheRE reads a Mustache or Go tag: its sigil and its name.
var mustacheRE = regexp.MustCompile(`^\{\{\{?\s*([#^/&!>]?)\s*\.?([A-Za-z_][\w.-]*)?\s*\}?\}\}$`)

// linkTagRE are the tags that name a document: they become its path.
var linkTagRE = regexp.MustCompile(`\{%-?\s*link\s+(\S+?)\s*-?%\}|\{\{<\s*(?:rel)?ref\s+"?([^">\s]+)"?\s*>\}\}|\{\{\s*site\.baseurl\s*\}\}`)

type tagUse struct {
	line, col, n int
	what, fix    string
}

// templates fills in and reports the template tags of a body, whose first
// line is line bodyLine of the file. It returns the text and, for each of
// its lines, the line of the file it came from.
func (d *doc) templates(im *importer, body string, bodyLine int) (string, []int) {
	body = linkTagRE.ReplaceAllStringFunc(body, func(tag string) string {
		m := linkTagRE.FindStringSubmatch(tag)
		switch {
		case m[1] != "":
			return "/" + strings.TrimPrefix(m[1], "/")
		case m[2] != "":
			return m[2]
		}
		return "" // {{ site.baseurl }}
	})
	var out strings.Builder
	lines := []int{bodyLine}
	line, lineStart := bodyLine, 0
	emit := func(s string) {
		out.WriteString(s)
		for range strings.Count(s, "\n") {
			line++
			lines = append(lines, line)
		}
	}
	var skip int // the depth of sections being left out
	var open []string
	uses := map[string]*tagUse{}
	report := func(key, what, fix string, at int) {
		if u := uses[key]; u != nil {
			u.n++
			return
		}
		uses[key] = &tagUse{line, at - lineStart + 1, 1, what, fix}
	}
	prev := 0
	for _, loc := range tagRE.FindAllStringIndex(body, -1) {
		between := body[prev:loc[0]]
		if skip == 0 {
			emit(between)
		} else {
			line += strings.Count(between, "\n")
		}
		if i := strings.LastIndexByte(body[:loc[0]], '\n'); i >= 0 {
			lineStart = i + 1
		}
		tag := body[loc[0]:loc[1]]
		prev = loc[1]
		m := mustacheRE.FindStringSubmatch(tag)
		value, known := "", false
		if m != nil && m[2] != "" {
			value, known = im.opts.Vars[m[2]]
		}
		switch {
		case m != nil && (m[1] == "#" || m[1] == "^") && known:
			keep := truthy(value) == (m[1] == "#")
			open = append(open, m[2])
			if skip > 0 || !keep {
				skip++
			}
			continue
		case m != nil && m[1] == "/" && len(open) > 0 && open[len(open)-1] == m[2]:
			open = open[:len(open)-1]
			if skip > 0 {
				skip--
			}
			continue
		case skip > 0:
			continue
		case m != nil && known && (m[1] == "" || m[1] == "&"):
			emit(value)
			continue
		}
		emit(tag)
		switch {
		case strings.HasPrefix(tag, "{%"):
			report(tag, "Jekyll (Liquid) tag "+tag, "write what it makes in Markdown", loc[0])
		case strings.HasPrefix(tag, "{{<") || strings.HasPrefix(tag, "{{%"):
			report(tag, "Hugo shortcode "+tag, "write what it makes in Markdown", loc[0])
		case m != nil && m[2] != "" && (m[1] == "" || m[1] == "&"):
			report(m[2], "placeholder "+tag, fmt.Sprintf("import again with --var %s=VALUE to fill it in", m[2]), loc[0])
		case m != nil && m[2] != "" && (m[1] == "#" || m[1] == "^" || m[1] == "/"):
			report("#"+m[2], fmt.Sprintf("template section {{#%s}}…{{/%s}}", m[2], m[2]),
				fmt.Sprintf("import again with --var %s=true to keep its text, or =false to drop it", m[2]), loc[0])
		default:
			report(tag, "template tag "+tag, "write what it makes in Markdown", loc[0])
		}
	}
	if skip == 0 {
		emit(body[prev:])
	}
	keys := make([]string, 0, len(uses))
	for k := range uses {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		return uses[a].line*10000 + uses[a].col - uses[b].line*10000 - uses[b].col
	})
	for _, k := range keys {
		u := uses[k]
		more := ""
		if u.n > 1 {
			more = fmt.Sprintf(" (%d times in this file)", u.n)
		}
		d.warnf(u.line, u.col, "%s kept as text%s: trustdocs runs no template; %s", u.what, more, u.fix)
	}
	return out.String(), lines
}

// truthy reads a variable given for a template section.
func truthy(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "false", "0", "no", "off":
		return false
	}
	return true
}

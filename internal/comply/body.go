package comply

import (
	"regexp"
	"strings"

	"github.com/trustdocs/trustdocs/internal/diag"
)

// placeholderRE finds comply's Go template actions, such as {{.Name}}.
var placeholderRE = regexp.MustCompile(`\{\{\s*([^{}]*?)\s*\}\}`)

// fancyItemRE finds pandoc's lettered and roman list items ("a. …",
// "    i. …"), which comply's documents use and CommonMark does not know:
// indented by four spaces, CommonMark reads them as code.
var fancyItemRE = regexp.MustCompile(`^([ \t]*)(?:[a-z]|[ivx]+)[.)][ \t]+(.*)$`)

// convertBody turns a comply document's body into trustdocs Markdown:
// {{.Name}} becomes the company's name, pandoc lists become CommonMark
// ones, and a first heading that repeats the title is dropped (the page
// shows the title). Other template actions are reported and kept.
func convertBody(file string, body string, firstLine int, title, company string, diags *diag.List) string {
	lines := strings.Split(body, "\n")
	var out []string
	inFence, inList, dropped := false, false, false
	for i, line := range lines {
		n := firstLine + i
		line = placeholderRE.ReplaceAllStringFunc(line, func(m string) string {
			inner := placeholderRE.FindStringSubmatch(m)[1]
			if inner == ".Name" {
				return company
			}
			diags.Warnf(diag.Pos{File: file, Line: n}, "template action %s is not a comply placeholder trustdocs knows; it is kept as text: replace it by hand", m)
			return m
		})
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			inFence, inList = !inFence, false
			out = append(out, line)
			continue
		}
		if inFence {
			out = append(out, line)
			continue
		}
		if !dropped && trimmed != "" {
			dropped = true
			if h, ok := strings.CutPrefix(trimmed, "# "); ok && strings.EqualFold(strings.TrimSpace(h), title) {
				continue
			}
		}
		switch m := fancyItemRE.FindStringSubmatch(line); {
		case m != nil:
			out = append(out, strings.Repeat(" ", 3*level(m[1]))+"1. "+m[2])
			inList = true
		case trimmed == "":
			out = append(out, "")
		case inList && line != trimmed:
			// A paragraph inside an item: indented as the item's text is.
			out = append(out, strings.Repeat(" ", 3*level(leading(line)))+trimmed)
		default:
			if len(out) > 0 && out[len(out)-1] == "" && line == trimmed {
				inList = false // a paragraph at the margin ends the list
			}
			out = append(out, line)
		}
	}
	return strings.TrimLeft(strings.Join(out, "\n"), "\n")
}

// level is the nesting of an item indented by indent: pandoc nests by four
// columns (a tab is four).
func level(indent string) int {
	w := 0
	for _, r := range indent {
		if r == '\t' {
			w += 4
		} else {
			w++
		}
	}
	return w / 4
}

func leading(s string) string { return s[:len(s)-len(strings.TrimLeft(s, " \t"))] }

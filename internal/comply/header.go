package comply

import (
	"bytes"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/tomlpos"
)

// header is what a comply document's YAML header says, each value with
// the line it is on (in the document).
type header struct {
	Name, Acronym, ID, Cron value
	Satisfies               []standardRefs
	Revisions               []revision
}

type value struct {
	Text      string
	Line, Col int
}

type standardRefs struct {
	Standard value
	IDs      []value
}

type revision struct {
	Date    model.Date
	Comment string
	Line    int
}

// split cuts a comply document into its YAML header and its Markdown body.
// comply's header has no opening delimiter: its keys start on line 1 and
// end at the first line that is exactly "---" (an opening "---" line, which
// some hand-edited files have, is skipped too). offset is the line number
// of the header's first line, less one.
func split(src []byte) (head, body []byte, offset, bodyLine int, ok bool) {
	if rest, found := bytes.CutPrefix(src, []byte("---\n")); found {
		if head, body, _, bodyLine, ok := splitAtEnd(rest); ok {
			return head, body, 1, bodyLine + 1, true
		}
	}
	head, body, _, bodyLine, ok = splitAtEnd(src)
	return head, body, 0, bodyLine, ok
}

// splitAtEnd cuts src at its first line that is exactly "---".
func splitAtEnd(src []byte) (head, body []byte, offset, bodyLine int, ok bool) {
	for i, line := 0, 0; i <= len(src); line++ {
		j := bytes.IndexByte(src[i:], '\n')
		end := len(src)
		if j >= 0 {
			end = i + j
		}
		if string(src[i:end]) == "---" {
			return src[:i], src[min(end+1, len(src)):], 0, line + 2, true
		}
		if j < 0 {
			break
		}
		i = end + 1
	}
	return nil, src, 0, 1, false
}

// yamlLineRE finds the line in go-yaml's messages ("yaml: line 5: …").
// parseHeader reads a header; problems are reported at their lines in file.
func parseHeader(file string, head []byte, offset int, diags *diag.List) (h header, ok bool) {
	var root yaml.Node
	if err := yaml.Unmarshal(head, &root); err != nil {
		p, msg := tomlpos.YAMLError(file, offset, err)
		diags.Errorf(p, "the YAML header does not parse: %s; fix the indentation or quoting here (the header ends at the first line that is exactly ---)", msg)
		return h, false
	}
	if len(root.Content) == 0 {
		return h, true // an empty header
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		diags.Errorf(diag.Pos{File: file, Line: offset + m.Line}, "the YAML header is not a list of keys (name: …, acronym: …)")
		return h, false
	}
	at := func(n *yaml.Node) int { return offset + n.Line }
	scalar := func(k, v *yaml.Node) value {
		if v.Kind != yaml.ScalarNode {
			diags.Errorf(diag.Pos{File: file, Line: at(v), Col: v.Column}, "%s must be text", k.Value)
			return value{}
		}
		return value{Text: strings.TrimSpace(v.Value), Line: at(v), Col: v.Column}
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		switch k.Value {
		case "name":
			h.Name = scalar(k, v)
		case "acronym":
			h.Acronym = scalar(k, v)
		case "id":
			h.ID = scalar(k, v)
		case "cron":
			h.Cron = scalar(k, v)
		case "satisfies":
			h.Satisfies = satisfies(file, v, at, diags)
		case "majorRevisions":
			h.Revisions = revisions(file, v, at, diags)
		default:
			diags.Warnf(diag.Pos{File: file, Line: at(k), Col: k.Column}, "comply key %q has no place in trustdocs and is not imported", k.Value)
		}
	}
	return h, true
}

// satisfies reads satisfies: {STANDARD: [ids]}.
func satisfies(file string, v *yaml.Node, at func(*yaml.Node) int, diags *diag.List) []standardRefs {
	if v.Kind != yaml.MappingNode {
		if v.Tag != "!!null" {
			diags.Errorf(diag.Pos{File: file, Line: at(v), Col: v.Column}, "satisfies must map a standard to its ids, e.g.\n  satisfies:\n    TSC:\n      - CC6.1")
		}
		return nil
	}
	var out []standardRefs
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, ids := v.Content[i], v.Content[i+1]
		s := standardRefs{Standard: value{Text: k.Value, Line: at(k), Col: k.Column}}
		switch ids.Kind {
		case yaml.SequenceNode:
			for _, id := range ids.Content {
				if id.Kind == yaml.ScalarNode {
					s.IDs = append(s.IDs, value{Text: strings.TrimSpace(id.Value), Line: at(id), Col: id.Column})
				} else {
					diags.Errorf(diag.Pos{File: file, Line: at(id), Col: id.Column}, "satisfies.%s must list ids, one a line", k.Value)
				}
			}
		case yaml.ScalarNode:
			if ids.Tag != "!!null" {
				s.IDs = append(s.IDs, value{Text: strings.TrimSpace(ids.Value), Line: at(ids), Col: ids.Column})
			}
		default:
			diags.Errorf(diag.Pos{File: file, Line: at(ids), Col: ids.Column}, "satisfies.%s must list ids, one a line", k.Value)
		}
		out = append(out, s)
	}
	return out
}

// revisions reads majorRevisions: [{date: "Jun 1 2018", comment: …}].
func revisions(file string, v *yaml.Node, at func(*yaml.Node) int, diags *diag.List) []revision {
	if v.Kind != yaml.SequenceNode {
		diags.Errorf(diag.Pos{File: file, Line: at(v), Col: v.Column}, "majorRevisions must be a list of {date, comment}")
		return nil
	}
	var out []revision
	for _, r := range v.Content {
		if r.Kind != yaml.MappingNode {
			diags.Errorf(diag.Pos{File: file, Line: at(r), Col: r.Column}, "a major revision must have date: and comment:")
			continue
		}
		rev := revision{Line: at(r)}
		var dateText string
		for i := 0; i+1 < len(r.Content); i += 2 {
			k, val := r.Content[i], r.Content[i+1]
			switch k.Value {
			case "date":
				dateText = strings.TrimSpace(val.Value)
				rev.Line = at(val)
			case "comment":
				rev.Comment = strings.TrimSpace(val.Value)
			default:
				diags.Warnf(diag.Pos{File: file, Line: at(k), Col: k.Column}, "majorRevisions key %q is not imported", k.Value)
			}
		}
		d, ok := parseDate(dateText)
		if !ok {
			diags.Warnf(diag.Pos{File: file, Line: rev.Line}, "major revision date %q is not a date trustdocs reads (such as \"Jun 1 2018\" or 2018-06-01); the revision %q is not imported", dateText, rev.Comment)
			continue
		}
		rev.Date = d
		out = append(out, rev)
	}
	return out
}

// dateLayouts are the ways comply projects write dates: its own template
// writes "Jun 1 2018".
var dateLayouts = []string{"Jan 2 2006", "January 2 2006", "Jan 2, 2006", "January 2, 2006", "2 Jan 2006", "2 January 2006", "2006-01-02", "2006/01/02"}

func parseDate(s string) (model.Date, bool) {
	s = strings.Join(strings.Fields(s), " ")
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return model.DateOf(t), true
		}
	}
	return model.Date{}, false
}

package tomlpos

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/trustdocs/trustdocs/internal/diag"
)

// ParseYAML decodes YAML front matter (what Jekyll, Hugo, MkDocs and most
// Markdown repositories write between --- lines) that starts lineOffset
// lines into file, and returns its top-level table: the same readers, the
// same keys and the same messages as TOML, each at its key's line and
// column. A syntax error is reported at its line, and ParseYAML returns
// nil. YAML aliases are refused: front matter has no need of them, and
// expanding them is how a small file becomes a huge value.
func ParseYAML(file string, src []byte, lineOffset int, name string, diags *diag.List) *Table {
	// go-yaml counts a lone carriage return as a line break; lines here
	// count newlines, as editors and the rest of trustdocs do.
	last := lineOffset + 1 + bytes.Count(src, []byte("\n"))
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		p, msg := YAMLError(file, lineOffset, err)
		p.Line = min(p.Line, last)
		diags.Errorf(p, "YAML syntax: %s", msg)
		return nil
	}
	c := &fromYAML{file: file, offset: lineOffset, last: last, pos: positions{}, diags: diags}
	m := map[string]any{}
	if len(root.Content) > 0 {
		top := root.Content[0]
		if top.Kind != yaml.MappingNode {
			diags.Errorf(c.at(top), "front matter must be key: value lines, not %s", yamlKind(top))
			return nil
		}
		v, ok := c.value(top, "")
		if !ok {
			return nil
		}
		m = v.(map[string]any)
	}
	return &Table{name: name, file: file, m: m, pos: c.pos, diags: diags, yaml: true}
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// YAMLError splits go-yaml's error into where it is (its line, plus
// offset, in file) and what it says.
func YAMLError(file string, offset int, err error) (diag.Pos, string) {
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return diag.Pos{File: file, Line: offset + n}, m[2]
	}
	return diag.Pos{File: file, Line: offset + 1}, strings.TrimPrefix(msg, "yaml: ")
}

// fromYAML turns YAML nodes into the values BurntSushi/toml decodes to
// (string, int64, float64, bool, time.Time, []any, map[string]any), and
// records each key's and element's place.
type fromYAML struct {
	file   string
	offset int
	last   int // the last line of the front matter in file
	pos    positions
	diags  *diag.List
}

func (c *fromYAML) at(n *yaml.Node) diag.Pos {
	if line := c.offset + n.Line; line <= c.last {
		return diag.Pos{File: c.file, Line: line, Col: n.Column}
	}
	return diag.Pos{File: c.file, Line: c.last}
}

// value converts n, found at path; ok is false after an error.
func (c *fromYAML) value(n *yaml.Node, path string) (any, bool) {
	switch n.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				c.diags.Errorf(c.at(k), "a key must be a plain word, not %s", yamlKind(k))
				return nil, false
			}
			p := join(path, k.Value)
			if _, twice := m[k.Value]; twice {
				c.diags.Errorf(c.at(k), "key %q is given twice in the same table (first at line %d); each key may appear once: remove or rename one", k.Value, c.pos[p].Line)
				return nil, false
			}
			c.pos[p] = c.at(k)
			x, ok := c.value(v, p)
			if !ok {
				return nil, false
			}
			m[k.Value] = x
		}
		return m, true
	case yaml.SequenceNode:
		out := make([]any, len(n.Content))
		for i, e := range n.Content {
			p := join(path, strconv.Itoa(i))
			c.pos[p] = c.at(e)
			x, ok := c.value(e, p)
			if !ok {
				return nil, false
			}
			out[i] = x
		}
		return out, true
	case yaml.AliasNode:
		c.diags.Errorf(c.at(n), "YAML aliases (*%s) are not read in front matter; write the value out", n.Value)
		return nil, false
	}
	return c.scalar(n)
}

// scalar converts a scalar by its resolved tag, as YAML 1.2 reads it.
func (c *fromYAML) scalar(n *yaml.Node) (any, bool) {
	var err error
	var v any
	switch n.ShortTag() {
	case "!!int":
		var i int64
		err = n.Decode(&i)
		v = i
	case "!!float":
		var f float64
		err = n.Decode(&f)
		v = f
	case "!!bool":
		var b bool
		err = n.Decode(&b)
		v = b
	case "!!timestamp":
		var t time.Time
		err = n.Decode(&t)
		v = t
	case "!!null":
		return "", true // key: with nothing after it reads as empty
	default:
		return n.Value, true
	}
	if err != nil {
		c.diags.Errorf(c.at(n), "cannot read %q: %v", n.Value, err)
		return nil, false
	}
	return v, true
}

func yamlKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a table"
	}
	return "a single value"
}

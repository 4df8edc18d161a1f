// Package tomlpos reads TOML as people write it by hand, and says where
// each problem is. Parse decodes a file (or a document's front matter) with
// BurntSushi/toml and finds the line and column of every key and array
// element, which the decoder does not give; a syntax error is reported at
// its place with advice for the usual slips (YAML's key: value, a date
// written 06/04/2026, a string left open).
//
// A Table is read key by key into typed values: Str, Enum, Bool, Int,
// Date, Instant, Strs, Sub, Tables. Each read names its key, so that a
// wrong type, a bad value or a missing required key is reported at the
// key, and reading goes on: one pass finds every problem. Done reports the
// keys nobody read, with "did you mean" among those that were, and a key
// written below a [table] header that belongs above it. Strings are one
// line of text unless their key is prose (description, note, …).
//
// ParseYAML gives the same Table for YAML front matter (--- lines), so that
// a policy pasted from Jekyll or Hugo is read with the same readers and
// the same messages.
//
// The package knows no trustdocs record: load says what each file holds.
package tomlpos

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

// A Table is one decoded TOML table, read into typed values. Every read
// names its key; a wrong type, a bad enum value or a missing required key
// is reported at the key's position and reading goes on, so one pass finds
// every problem. Done reports the keys nobody read.
type Table struct {
	parent *Table // the table this one is in, or nil
	name   string // how messages name the table: "[[control]]", "front matter"
	path   string // key path of the table in its document
	file   string
	m      map[string]any
	pos    positions
	diags  *diag.List
	yaml   bool            // read from YAML, where a quoted date is usual
	known  []string        // the keys readers asked for, in order: did-you-mean's candidates
	asked  map[string]bool // the same, to look up: a table may have 100,000 keys

	absent  [][2]string     // required keys not written: key, hint
	claimed map[string]bool // absent keys that a table inside was found to hold
}

func (t *Table) At(key string) diag.Pos {
	if p, ok := t.pos[join(t.path, key)]; ok {
		return p
	}
	return t.Here()
}

// here is the position of the table itself.
func (t *Table) Here() diag.Pos {
	if p, ok := t.pos[t.path]; ok {
		return p
	}
	return diag.Pos{File: t.file, Line: 1}
}

// origin returns the table's Origin with the positions of all its keys.
func (t *Table) Origin() model.Origin {
	o := model.Origin{Pos: t.Here(), Fields: make([]model.Field, 0, len(t.m))}
	for k := range t.m {
		p := t.At(k)
		o.Fields = append(o.Fields, model.Field{Key: k, Line: int32(p.Line), Col: int32(p.Col)})
	}
	return o
}

func (t *Table) Get(key string) (any, bool) {
	if !t.asked[key] {
		if t.asked == nil {
			t.asked = map[string]bool{}
		}
		t.asked[key] = true
		t.known = append(t.known, key)
	}
	v, ok := t.m[key]
	return v, ok
}

// errorf and warnf report a problem in the table, naming it first unless
// it is a whole TOML file, which the position already names.
func (t *Table) Errorf(p diag.Pos, format string, args ...any) {
	t.diags.Errorf(p, "%s%s", t.prefix(), fmt.Sprintf(format, args...))
}

func (t *Table) Warnf(p diag.Pos, format string, args ...any) {
	t.diags.Warnf(p, "%s%s", t.prefix(), fmt.Sprintf(format, args...))
}

func (t *Table) prefix() string {
	if t.name == "" {
		return ""
	}
	return t.name + ": "
}

func (t *Table) WrongType(key, want string, v any) {
	t.Errorf(t.At(key), "%s must be %s, not %s", key, want, describe(v))
}

// missing reports a required key that is absent, when done: a key that
// was only written in the wrong place is reported there instead.
func (t *Table) Missing(key, hint string) {
	t.absent = append(t.absent, [2]string{key, hint})
}

// str reads a string; required reports its absence with the hint.
func (t *Table) Str(key string, required bool, hint string) string {
	v, ok := t.Get(key)
	if !ok {
		if required {
			t.Missing(key, hint)
		}
		return ""
	}
	s, isStr := v.(string)
	if !isStr {
		switch v.(type) {
		case int64, float64, bool:
			// version = 1.0: keep the text the author meant.
			s = strings.TrimPrefix(describe(v), "the number ")
			t.Errorf(t.At(key), "%s must be a string in quotes; write %s = %q", key, key, s)
			return s
		}
		t.WrongType(key, "a string in quotes", v)
		return ""
	}
	s = t.OneLine(key, t.At(key), strings.TrimSpace(s))
	if s == "" && required {
		t.Errorf(t.At(key), "%s is empty; set it to %s", key, hint)
	}
	return s
}

// enum reads a string that must be one of allowed; def is used when absent.
func (t *Table) Enum(key string, allowed []string, def string) string {
	if _, ok := t.m[key]; !ok {
		t.Get(key)
		return def
	}
	s := t.Str(key, false, "")
	if s == "" && def != "" {
		return def
	}
	if s != "" && !slices.Contains(allowed, s) {
		t.Errorf(t.At(key), "%s = %q is not one of %s%s", key, s, QuoteList(allowed), diag.DidYouMean(s, allowed))
		return def
	}
	return s
}

func (t *Table) Bool(key string) (value, present bool) {
	v, ok := t.Get(key)
	if !ok {
		return false, false
	}
	b, isBool := v.(bool)
	if !isBool {
		t.WrongType(key, "true or false (without quotes)", v)
		return false, false
	}
	return b, true
}

func (t *Table) Int(key string) (int, bool) {
	v, ok := t.Get(key)
	if !ok {
		return 0, false
	}
	n, isInt := v.(int64)
	if !isInt {
		t.WrongType(key, "a whole number", v)
		return 0, false
	}
	return int(n), true
}

// date reads a TOML local date (2026-03-01). A quoted date is accepted with
// a warning, since it is an easy slip from YAML or JSON habits.
func (t *Table) Date(key string, required bool) model.Date {
	v, ok := t.Get(key)
	if !ok {
		if required {
			t.Missing(key, key+" = YYYY-MM-DD (a TOML date, no quotes)")
		}
		return model.Date{}
	}
	switch v := v.(type) {
	case time.Time:
		if v.Hour() != 0 || v.Minute() != 0 || v.Second() != 0 || v.Nanosecond() != 0 {
			t.Errorf(t.At(key), "%s must be a date without a time of day, such as %s", key, v.Format(time.DateOnly))
			return model.Date{}
		}
		return model.DateOf(v)
	case string:
		d, err := model.ParseDate(strings.TrimSpace(v))
		if err != nil {
			if advice, isDate := dateAdvice(key, v); isDate {
				t.Errorf(t.At(key), "%s: %s", key, advice)
			} else {
				t.Errorf(t.At(key), "%s: %v; write a TOML date such as %s = 2026-03-01", key, err, key)
			}
			return model.Date{}
		}
		if !t.yaml {
			t.Warnf(t.At(key), "%s is a quoted string; write it as a TOML date without quotes: %s = %s", key, key, d)
		}
		return d
	}
	t.WrongType(key, "a date such as 2026-03-01", v)
	return model.Date{}
}

// strs reads an array of strings; a single string is reported, since
// controls = "AC-01" is a common slip for controls = ["AC-01"].
func (t *Table) Strs(key string) []model.Ref {
	v, ok := t.Get(key)
	if !ok {
		return nil
	}
	if s, isStr := v.(string); isStr {
		t.Errorf(t.At(key), "%s must be a list; write %s = [%q]", key, key, s)
		// Read it as that list all the same, so that nothing else is
		// reported as missing because of this one mistake.
		return []model.Ref{{ID: strings.TrimSpace(s), Pos: t.At(key)}}
	}
	arr, isArr := v.([]any)
	if !isArr {
		t.WrongType(key, `a list of strings such as ["a", "b"]`, v)
		return nil
	}
	refs := make([]model.Ref, 0, len(arr))
	for i, e := range arr {
		p := t.At(key)
		if ep, ok := t.pos[join(t.path, key+"."+strconv.Itoa(i))]; ok {
			p = ep
		}
		s, isStr := e.(string)
		if !isStr {
			t.Errorf(p, "%s must hold only strings; element %d is %s", key, i+1, describe(e))
			continue
		}
		refs = append(refs, model.Ref{ID: t.OneLine(key, p, strings.TrimSpace(s)), Pos: p})
	}
	return refs
}

// plain reads an array of strings without positions.
func (t *Table) Plain(key string) []string {
	refs := t.Strs(key)
	if len(refs) == 0 {
		return nil // as when not written: one empty list, whatever was written
	}
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.ID
	}
	return out
}

// sub returns the nested table at key, or nil.
func (t *Table) Sub(key, name string) *Table {
	v, ok := t.Get(key)
	if !ok {
		return nil
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		t.WrongType(key, "a table", v)
		return nil
	}
	return &Table{parent: t, name: name, path: join(t.path, key), file: t.file, m: m, pos: t.pos, diags: t.diags, yaml: t.yaml}
}

// tables returns the array of tables at key ([[key]] or key = [{…}, …]).
func (t *Table) Tables(key, name string) []*Table {
	v, ok := t.Get(key)
	if !ok {
		return nil
	}
	var ms []map[string]any
	switch v := v.(type) {
	case []map[string]any:
		ms = v
	case []any:
		for _, e := range v {
			m, isMap := e.(map[string]any)
			if !isMap {
				t.WrongType(key, "a list of tables ([["+key+"]])", v)
				return nil
			}
			ms = append(ms, m)
		}
	case map[string]any:
		t.Errorf(t.At(key), "%s must be written [[%s]] (an array of tables), not [%s]", key, join(t.path, key), join(t.path, key))
		return nil
	default:
		t.WrongType(key, "a list of tables ([["+key+"]])", v)
		return nil
	}
	out := make([]*Table, len(ms))
	for i, m := range ms {
		out[i] = &Table{parent: t, name: name, path: join(t.path, key+"."+strconv.Itoa(i)), file: t.file, m: m, pos: t.pos, diags: t.diags, yaml: t.yaml}
	}
	return out
}

// done reports every key of the table that no reader asked for.
func (t *Table) Done() {
	var unknown []string
	for k := range t.m {
		if !t.asked[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		hint := DidYouMeanKey(k, t.known)
		if t.parent != nil && !t.yaml && !strings.HasPrefix(hint, " (") { // in YAML, indentation says whose a key is
			// Every key after a [table] header belongs to that table, so
			// a key of the enclosing table written below it lands here.
			switch s := diag.Suggest(k, t.parent.known); {
			case s == k:
				t.Errorf(t.At(k), "%s is written below %s, so it belongs to %s; move it above the first %s", k, t.name, t.name, t.name)
				t.parent.claim(k)
				continue
			case s != "":
				hint = fmt.Sprintf("; keys below %s belong to it: did you mean the key %q of the enclosing table? Move it above %s", t.name, s, t.name)
			}
		}
		t.Errorf(t.At(k), "unknown key %q%s", k, hint)
	}
	for _, a := range t.absent {
		if !t.claimed[a[0]] {
			t.Errorf(t.Here(), "missing %s; add %s", a[0], a[1])
		}
	}
	t.absent = nil
}

// claim records that a table inside t holds t's key k.
func (t *Table) claim(k string) {
	if t.claimed == nil {
		t.claimed = map[string]bool{}
	}
	t.claimed[k] = true
}

// DidYouMeanKey is the end of a message about the unknown key k: a
// suggestion among known, or the list of them.
func DidYouMeanKey(k string, known []string) string {
	if s := diag.DidYouMean(k, known); s != "" {
		return s
	}
	return "; known keys are " + QuoteList(known)
}

// QuoteList quotes each of xs, separated by commas.
func QuoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = strconv.Quote(x)
	}
	return strings.Join(q, ", ")
}

// describe names the TOML type of a decoded value, for messages.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("the string %q", v)
	case int64:
		return fmt.Sprintf("the number %d", v)
	case float64:
		s := strconv.FormatFloat(v, 'f', -1, 64)
		if !strings.ContainsAny(s, ".eEnN") { // as written: 1.0, not 1
			s += ".0"
		}
		return "the number " + s
	case bool:
		return fmt.Sprintf("%t", v)
	case time.Time:
		return "a date"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

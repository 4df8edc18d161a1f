package load

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

// table reads one decoded TOML table into typed values. Every read names
// its key; a wrong type, a bad enum value or a missing required key is
// reported at the key's position and reading goes on, so one pass finds
// every problem. done reports the keys nobody read.
type table struct {
	parent *table // the table this one is in, or nil
	name   string // how messages name the table: "[[control]]", "front matter"
	path   string // key path of the table in its document
	file   string
	m      map[string]any
	pos    positions
	diags  *diag.List
	known  []string        // the keys readers asked for, in order: did-you-mean's candidates
	asked  map[string]bool // the same, to look up: a table may have 100,000 keys

	absent  [][2]string     // required keys not written: key, hint
	claimed map[string]bool // absent keys that a table inside was found to hold
}

func (t *table) at(key string) diag.Pos {
	if p, ok := t.pos[join(t.path, key)]; ok {
		return p
	}
	return t.here()
}

// here is the position of the table itself.
func (t *table) here() diag.Pos {
	if p, ok := t.pos[t.path]; ok {
		return p
	}
	return diag.Pos{File: t.file, Line: 1}
}

// origin returns the table's Origin with the positions of all its keys.
func (t *table) origin() model.Origin {
	o := model.Origin{Pos: t.here(), Fields: make([]model.Field, 0, len(t.m))}
	for k := range t.m {
		p := t.at(k)
		o.Fields = append(o.Fields, model.Field{Key: k, Line: int32(p.Line), Col: int32(p.Col)})
	}
	return o
}

func (t *table) get(key string) (any, bool) {
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
func (t *table) errorf(p diag.Pos, format string, args ...any) {
	t.diags.Errorf(p, "%s%s", t.prefix(), fmt.Sprintf(format, args...))
}

func (t *table) warnf(p diag.Pos, format string, args ...any) {
	t.diags.Warnf(p, "%s%s", t.prefix(), fmt.Sprintf(format, args...))
}

func (t *table) prefix() string {
	if t.name == "" {
		return ""
	}
	return t.name + ": "
}

func (t *table) wrongType(key, want string, v any) {
	t.errorf(t.at(key), "%s must be %s, not %s", key, want, describe(v))
}

// missing reports a required key that is absent, when done: a key that
// was only written in the wrong place is reported there instead.
func (t *table) missing(key, hint string) {
	t.absent = append(t.absent, [2]string{key, hint})
}

// str reads a string; required reports its absence with the hint.
func (t *table) str(key string, required bool, hint string) string {
	v, ok := t.get(key)
	if !ok {
		if required {
			t.missing(key, hint)
		}
		return ""
	}
	s, isStr := v.(string)
	if !isStr {
		switch v.(type) {
		case int64, float64, bool:
			// version = 1.0: keep the text the author meant.
			s = strings.TrimPrefix(describe(v), "the number ")
			t.errorf(t.at(key), "%s must be a string in quotes; write %s = %q", key, key, s)
			return s
		}
		t.wrongType(key, "a string in quotes", v)
		return ""
	}
	s = t.oneLine(key, t.at(key), strings.TrimSpace(s))
	if s == "" && required {
		t.errorf(t.at(key), "%s is empty; set it to %s", key, hint)
	}
	return s
}

// enum reads a string that must be one of allowed; def is used when absent.
func (t *table) enum(key string, allowed []string, def string) string {
	if _, ok := t.m[key]; !ok {
		t.get(key)
		return def
	}
	s := t.str(key, false, "")
	if s == "" && def != "" {
		return def
	}
	if s != "" && !slices.Contains(allowed, s) {
		t.errorf(t.at(key), "%s = %q is not one of %s%s", key, s, quoteList(allowed), diag.DidYouMean(s, allowed))
		return def
	}
	return s
}

func (t *table) boolean(key string) (value, present bool) {
	v, ok := t.get(key)
	if !ok {
		return false, false
	}
	b, isBool := v.(bool)
	if !isBool {
		t.wrongType(key, "true or false (without quotes)", v)
		return false, false
	}
	return b, true
}

func (t *table) integer(key string) (int, bool) {
	v, ok := t.get(key)
	if !ok {
		return 0, false
	}
	n, isInt := v.(int64)
	if !isInt {
		t.wrongType(key, "a whole number", v)
		return 0, false
	}
	return int(n), true
}

// date reads a TOML local date (2026-03-01). A quoted date is accepted with
// a warning, since it is an easy slip from YAML or JSON habits.
func (t *table) date(key string, required bool) model.Date {
	v, ok := t.get(key)
	if !ok {
		if required {
			t.missing(key, key+" = YYYY-MM-DD (a TOML date, no quotes)")
		}
		return model.Date{}
	}
	switch v := v.(type) {
	case time.Time:
		if v.Hour() != 0 || v.Minute() != 0 || v.Second() != 0 || v.Nanosecond() != 0 {
			t.errorf(t.at(key), "%s must be a date without a time of day, such as %s", key, v.Format(time.DateOnly))
			return model.Date{}
		}
		return model.DateOf(v)
	case string:
		d, err := model.ParseDate(strings.TrimSpace(v))
		if err != nil {
			if advice, isDate := dateAdvice(key, v); isDate {
				t.errorf(t.at(key), "%s: %s", key, advice)
			} else {
				t.errorf(t.at(key), "%s: %v; write a TOML date such as %s = 2026-03-01", key, err, key)
			}
			return model.Date{}
		}
		t.warnf(t.at(key), "%s is a quoted string; write it as a TOML date without quotes: %s = %s", key, key, d)
		return d
	}
	t.wrongType(key, "a date such as 2026-03-01", v)
	return model.Date{}
}

// strs reads an array of strings; a single string is reported, since
// controls = "AC-01" is a common slip for controls = ["AC-01"].
func (t *table) strs(key string) []model.Ref {
	v, ok := t.get(key)
	if !ok {
		return nil
	}
	if s, isStr := v.(string); isStr {
		t.errorf(t.at(key), "%s must be a list; write %s = [%q]", key, key, s)
		// Read it as that list all the same, so that nothing else is
		// reported as missing because of this one mistake.
		return []model.Ref{{ID: strings.TrimSpace(s), Pos: t.at(key)}}
	}
	arr, isArr := v.([]any)
	if !isArr {
		t.wrongType(key, `a list of strings such as ["a", "b"]`, v)
		return nil
	}
	refs := make([]model.Ref, 0, len(arr))
	for i, e := range arr {
		p := t.at(key)
		if ep, ok := t.pos[join(t.path, key+"."+strconv.Itoa(i))]; ok {
			p = ep
		}
		s, isStr := e.(string)
		if !isStr {
			t.errorf(p, "%s must hold only strings; element %d is %s", key, i+1, describe(e))
			continue
		}
		refs = append(refs, model.Ref{ID: t.oneLine(key, p, strings.TrimSpace(s)), Pos: p})
	}
	return refs
}

// plain reads an array of strings without positions.
func (t *table) plain(key string) []string {
	refs := t.strs(key)
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.ID
	}
	return out
}

// sub returns the nested table at key, or nil.
func (t *table) sub(key, name string) *table {
	v, ok := t.get(key)
	if !ok {
		return nil
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		t.wrongType(key, "a table", v)
		return nil
	}
	return &table{parent: t, name: name, path: join(t.path, key), file: t.file, m: m, pos: t.pos, diags: t.diags}
}

// tables returns the array of tables at key ([[key]] or key = [{…}, …]).
func (t *table) tables(key, name string) []*table {
	v, ok := t.get(key)
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
				t.wrongType(key, "a list of tables ([["+key+"]])", v)
				return nil
			}
			ms = append(ms, m)
		}
	case map[string]any:
		t.errorf(t.at(key), "%s must be written [[%s]] (an array of tables), not [%s]", key, join(t.path, key), join(t.path, key))
		return nil
	default:
		t.wrongType(key, "a list of tables ([["+key+"]])", v)
		return nil
	}
	out := make([]*table, len(ms))
	for i, m := range ms {
		out[i] = &table{parent: t, name: name, path: join(t.path, key+"."+strconv.Itoa(i)), file: t.file, m: m, pos: t.pos, diags: t.diags}
	}
	return out
}

// done reports every key of the table that no reader asked for.
func (t *table) done() {
	var unknown []string
	for k := range t.m {
		if !t.asked[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		hint := didYouMeanKey(k, t.known)
		if t.parent != nil && !strings.HasPrefix(hint, " (") {
			// Every key after a [table] header belongs to that table, so
			// a key of the enclosing table written below it lands here.
			switch s := diag.Suggest(k, t.parent.known); {
			case s == k:
				t.errorf(t.at(k), "%s is written below %s, so it belongs to %s; move it above the first %s", k, t.name, t.name, t.name)
				t.parent.claim(k)
				continue
			case s != "":
				hint = fmt.Sprintf("; keys below %s belong to it: did you mean the key %q of the enclosing table? Move it above %s", t.name, s, t.name)
			}
		}
		t.errorf(t.at(k), "unknown key %q%s", k, hint)
	}
	for _, a := range t.absent {
		if !t.claimed[a[0]] {
			t.errorf(t.here(), "missing %s; add %s", a[0], a[1])
		}
	}
	t.absent = nil
}

// claim records that a table inside t holds t's key k.
func (t *table) claim(k string) {
	if t.claimed == nil {
		t.claimed = map[string]bool{}
	}
	t.claimed[k] = true
}

func didYouMeanKey(k string, known []string) string {
	if s := diag.DidYouMean(k, known); s != "" {
		return s
	}
	return "; known keys are " + quoteList(known)
}

func quoteList(xs []string) string {
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

package tomlpos

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

// Instant reads a TOML date or date-time as a moment in UTC: a date is its
// midnight, a local date-time is read as UTC. required reports its
// absence with the hint.
func (t *Table) Instant(key string, required bool, hint string) time.Time {
	v, ok := t.Get(key)
	if !ok {
		if required {
			t.Missing(key, hint)
		}
		return time.Time{}
	}
	tm, isTime := v.(time.Time)
	if !isTime {
		t.WrongType(key, "a TOML date or date-time without quotes, such as 2027-11-01 or 2027-11-01T00:00:00Z", v)
		return time.Time{}
	}
	if strings.Contains(tm.Location().String(), "local") { // BurntSushi's local date and date-time
		return time.Date(tm.Year(), tm.Month(), tm.Day(), tm.Hour(), tm.Minute(), tm.Second(), 0, time.UTC)
	}
	return tm.UTC().Truncate(time.Second)
}

// StrsOrStr reads a list of strings, or one string as a list of one.
func (t *Table) StrsOrStr(key string) []model.Ref {
	if s, ok := t.m[key].(string); ok {
		t.Get(key)
		return []model.Ref{{ID: strings.TrimSpace(s), Pos: t.At(key)}}
	}
	return t.Strs(key)
}

// Has reports whether the table holds key, without counting it as read.
func (t *Table) Has(key string) bool {
	_, ok := t.m[key]
	return ok
}

// Keys returns the table's keys in the order they are written.
func (t *Table) Keys() []string {
	type keyAt struct {
		key string
		at  diag.Pos
	}
	keys := make([]keyAt, 0, len(t.m))
	for k := range t.m {
		keys = append(keys, keyAt{k, t.At(k)})
	}
	slices.SortFunc(keys, func(a, b keyAt) int {
		return cmp.Or(a.at.Line-b.at.Line, a.at.Col-b.at.Col, strings.Compare(a.key, b.key))
	})
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.key
	}
	return out
}

// Quote writes s as a TOML basic string, for files trustdocs writes.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

package tomlpos

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/trustdocs/trustdocs/internal/model"
)

// People write dates as their spreadsheet or country does: 06/04/2026,
// 2026/06/04, 4 June 2026. TOML reads only 2026-06-04, and its parser's
// complaint about the others ("Invalid integer "06"") says nothing useful.
// dateAdvice recognises them and names the TOML date they mean.

var (
	dmyRE   = regexp.MustCompile(`^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$`)
	ymdRE   = regexp.MustCompile(`^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})$`)
	dMonRE  = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]+)\.?,? (\d{4})$`)
	monDRE  = regexp.MustCompile(`^([A-Za-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$`)
	isoRE   = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	anyDate = regexp.MustCompile(`^\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}$|^\d{1,2}(st|nd|rd|th)? [A-Za-z]+|^[A-Za-z]+\.? \d{1,2}`)
)

// dateAdvice says how to write value, a date in another layout, as the
// TOML date key = YYYY-MM-DD; ok is false when value does not look like a
// date at all.
func dateAdvice(key, value string) (advice string, ok bool) {
	v := strings.Trim(strings.TrimSpace(value), `"'`)
	if isoRE.MatchString(v) {
		return "", false // TOML's own layout: its own message says what is wrong
	}
	var dates []model.Date
	if m := dmyRE.FindStringSubmatch(v); m != nil {
		a, b, y := atoi(m[1]), atoi(m[2]), atoi(m[3])
		dates = append(dates, day(y, b, a), day(y, a, b)) // day/month, then month/day
		if strings.Contains(v, "/") {
			dates[0], dates[1] = dates[1], dates[0] // slashes are the US's month/day first
		}
	} else if m := ymdRE.FindStringSubmatch(v); m != nil {
		dates = append(dates, day(atoi(m[1]), atoi(m[2]), atoi(m[3])))
	} else if m := dMonRE.FindStringSubmatch(v); m != nil {
		dates = append(dates, day(atoi(m[3]), month(m[2]), atoi(m[1])))
	} else if m := monDRE.FindStringSubmatch(v); m != nil {
		dates = append(dates, day(atoi(m[3]), month(m[1]), atoi(m[2])))
	}
	var valid []model.Date
	for _, d := range dates {
		if !d.IsZero() && (len(valid) == 0 || valid[0] != d) {
			valid = append(valid, d)
		}
	}
	form := "(a TOML date: YYYY-MM-DD, no quotes)"
	switch len(valid) {
	case 1:
		return fmt.Sprintf("%s is not a date TOML reads; write %s = %s %s", v, key, valid[0], form), true
	case 2:
		return fmt.Sprintf("%s is not a date TOML reads, and could be %s or %s; write %s = %s or %s = %s %s",
			v, valid[0].Long(), valid[1].Long(), key, valid[0], key, valid[1], form), true
	}
	if anyDate.MatchString(v) {
		return fmt.Sprintf("%s is not a date TOML reads, nor a day of the calendar; write %s = YYYY-MM-DD, e.g. %s = 2026-06-04 (no quotes)", v, key, key), true
	}
	return "", false
}

// day is the date y-m-d, or the zero Date when there is no such day.
func day(y, m, d int) model.Date {
	if m < 1 || m > 12 || d < 1 {
		return model.Date{}
	}
	t := model.NewDate(y, time.Month(m), d)
	if t.Day() != d {
		return model.Date{}
	}
	return t
}

// month reads an English month's name or its first three letters.
func month(s string) int {
	s = strings.ToLower(s)
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		if s == name || len(s) >= 3 && strings.HasPrefix(name, s) {
			return int(m)
		}
	}
	return 0
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// lineValue splits a line of TOML as key = value, without a comment after
// the value.
func lineValue(line string) (key, value string, ok bool) {
	key, value, ok = strings.Cut(line, "=")
	if !ok {
		return "", "", false
	}
	if i := strings.Index(value, " #"); i >= 0 && !strings.ContainsAny(value[:i], `"'`) {
		value = value[:i]
	}
	return strings.TrimSpace(key), strings.TrimSpace(value), true
}

// LooseDate reads a date in one of the layouts people write by hand:
// 2026-06-04 (also with a time after it), 2026/06/04, 4 June 2026,
// Jun 4 2026, June 4, 2026. A layout that could be day or month first
// (04/06/2026) is refused, as is a day the calendar does not have.
func LooseDate(s string) (model.Date, bool) {
	v := strings.Trim(strings.TrimSpace(s), `"'`)
	if len(v) > 10 && isoRE.MatchString(v[:10]) && (v[10] == 'T' || v[10] == ' ') {
		v = v[:10]
	}
	var d model.Date
	if m := ymdRE.FindStringSubmatch(v); m != nil {
		d = day(atoi(m[1]), atoi(m[2]), atoi(m[3]))
	} else if m := dMonRE.FindStringSubmatch(v); m != nil {
		d = day(atoi(m[3]), month(m[2]), atoi(m[1]))
	} else if m := monDRE.FindStringSubmatch(v); m != nil {
		d = day(atoi(m[3]), month(m[1]), atoi(m[2]))
	}
	return d, !d.IsZero()
}

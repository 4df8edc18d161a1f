package model

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date with no time of day and no zone: the unit in which
// policies are approved and certificates expire. The zero Date means "not
// set". Dates compare with ==, Before and After.
type Date struct {
	y int
	m time.Month
	d int
}

// NewDate returns the date y-m-d, normalizing out-of-range days the way
// time.Date does.
func NewDate(y int, m time.Month, d int) Date {
	return dateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

func dateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date { return dateOf(t) }

// ParseDate parses YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		var pe *time.ParseError
		if errors.As(err, &pe) && strings.Contains(pe.Message, "out of range") {
			return Date{}, fmt.Errorf("%q is not a day of the calendar", s)
		}
		return Date{}, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	return dateOf(t), nil
}

func (d Date) IsZero() bool { return d == Date{} }

func (d Date) t() time.Time { return time.Date(d.y, d.m, d.d, 0, 0, 0, 0, time.UTC) }

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time { return d.t() }

// String formats d as YYYY-MM-DD, or "" when unset.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.y, d.m, d.d)
}

// Long formats d for people: "1 March 2026".
func (d Date) Long() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d %s %d", d.d, d.m, d.y)
}

func (d Date) Year() int { return d.y }

// Day is the day of the month.
func (d Date) Day() int { return d.d }

// Month is the month of the year, January being 1.
func (d Date) Month() time.Month { return d.m }

func (d Date) Before(o Date) bool { return d.t().Before(o.t()) }
func (d Date) After(o Date) bool  { return d.t().After(o.t()) }

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return NewDate(d.y, d.m, d.d+n) }

// AddMonths returns d moved by n calendar months. A day that does not exist
// in the target month becomes that month's last day (31 January + 1 month is
// 28 or 29 February), which is how certificate anniversaries are counted.
func (d Date) AddMonths(n int) Date {
	first := NewDate(d.y, d.m+time.Month(n), 1)
	last := NewDate(first.y, first.m+1, 0).d
	return Date{first.y, first.m, min(d.d, last)}
}

// DaysUntil returns the number of days from d to o (negative if o is earlier).
func (d Date) DaysUntil(o Date) int {
	return int(o.t().Sub(d.t()).Hours() / 24)
}

// Less orders dates; the zero Date sorts first.
func (d Date) Compare(o Date) int { return d.t().Compare(o.t()) }

var periodRE = regexp.MustCompile(`^(\d+)\s*(months?|years?)$`)

// ParsePeriod reads a review period, "12 months" or "2 years", as a
// number of months.
func ParsePeriod(s string) (int, bool) {
	m := periodRE.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return 0, false
	}
	n, _ := strconv.Atoi(m[1])
	if strings.HasPrefix(m[2], "year") {
		n *= 12
	}
	return n, n > 0
}

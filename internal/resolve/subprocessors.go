package resolve

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

// Subprocessor notices.
//
// The rule they serve: under GDPR Art. 28(2) a processor working under a
// general written authorisation must inform the controller of any
// intended addition or replacement of other processors, giving the
// controller the opportunity to object. How far ahead is set by contract:
// the EU Standard Contractual Clauses (Commission Implementing Decision
// (EU) 2021/914, Clause 9(a), Option 2) leave the period to be specified,
// and most data processing agreements give 30 days (site.toml
// [subprocessors] notice_days). So an addition and a change are notices
// due that many days ahead; a removal takes nothing from customers and
// needs none.

// NoticeKind is what a subprocessor notice announces.
type NoticeKind string

const (
	SubprocessorAdded   NoticeKind = "added"
	SubprocessorRemoved NoticeKind = "removed"
	SubprocessorChanged NoticeKind = "changed"
)

// Notice is one dated event of a subprocessor that customers are told of.
type Notice struct {
	Subprocessor *model.Subprocessor
	Kind         NoticeKind
	Date         model.Date // the day it takes effect
	Announced    model.Date // the day customers were told; zero when not recorded
	Note         string     // for a change: what changes
	at           diag.Pos   // where Date is written
}

// Upcoming reports whether the notice takes effect after asOf.
func (n Notice) Upcoming(asOf model.Date) bool { return n.Date.After(asOf) }

// Published is the day the notice reached customers as far as the site
// knows: the day recorded as announced, else the day it took effect,
// else (for an upcoming one told of by this build) asOf.
func (n Notice) Published(asOf model.Date) model.Date {
	switch {
	case !n.Announced.IsZero():
		return n.Announced
	case n.Upcoming(asOf):
		return asOf
	}
	return n.Date
}

// Title names the notice without tense, so that it reads true before and
// after the day: "Subprocessor added: Example Search, from 15 December 2026".
func (n Notice) Title() string {
	what := map[NoticeKind]string{SubprocessorAdded: "Subprocessor added", SubprocessorRemoved: "Subprocessor removed",
		SubprocessorChanged: "Subprocessor change"}[n.Kind]
	return fmt.Sprintf("%s: %s, from %s", what, n.Subprocessor.Name, n.Date.Long())
}

// Summary says what the notice means in a sentence.
func (n Notice) Summary() string {
	switch n.Kind {
	case SubprocessorChanged:
		return n.Note
	case SubprocessorRemoved:
		return "No longer processes customer data; it was used for: " + n.Subprocessor.Purpose + "."
	}
	s := n.Subprocessor.Purpose
	if n.Subprocessor.Location != "" {
		s += "; location: " + n.Subprocessor.Location
	}
	return s + "."
}

// Key identifies the notice for as long as it exists: its feed entry's
// id and its anchor on the subprocessors page.
func (n Notice) Key() string {
	return "sp-" + model.Slug(n.Subprocessor.Name) + "-" + string(n.Kind) + "-" + n.Date.String()
}

// NoticeDays is the notice customers had, in days, or -1 when the day
// they were told is not recorded.
func (n Notice) NoticeDays() int {
	if n.Announced.IsZero() {
		return -1
	}
	return n.Announced.DaysUntil(n.Date)
}

// subprocessors checks each subprocessor's dates, collects the notices
// customers have been told of as of the build date (newest first) and
// warns of an upcoming one told of too late.
func (r *resolver) subprocessors() {
	var out []Notice
	for _, sp := range r.s.Subprocessors {
		if !sp.Removed.IsZero() && !sp.Added.IsZero() && sp.Removed.Before(sp.Added) {
			r.diags.Errorf(sp.At("removed"), "%s is removed (%s) before it is added (%s); check the dates", sp.Name, sp.Removed, sp.Added)
			continue
		}
		var ns []Notice
		if !sp.Added.IsZero() {
			ns = append(ns, Notice{Subprocessor: sp, Kind: SubprocessorAdded, Date: sp.Added, Announced: sp.Announced,
				at: sp.AtFirst("added", "since")})
		}
		if !sp.Removed.IsZero() {
			ns = append(ns, Notice{Subprocessor: sp, Kind: SubprocessorRemoved, Date: sp.Removed, at: sp.At("removed")})
		}
		for _, c := range sp.Changes {
			if c.Date.IsZero() {
				continue
			}
			if outside(c.Date, sp) {
				r.diags.Errorf(c.At("date"), "the change of %s on %s is outside the time it processes data (%s); date it between added and removed, or add a new [[subprocessor]] for a later engagement",
					sp.Name, c.Date, span(sp))
				continue
			}
			ns = append(ns, Notice{Subprocessor: sp, Kind: SubprocessorChanged, Date: c.Date, Announced: c.Announced,
				Note: c.Note, at: c.At("date")})
		}
		for _, n := range ns {
			if n.Announced.After(r.s.AsOf) {
				continue // not told yet: nothing to publish
			}
			r.checkNotice(n)
			out = append(out, n)
		}
	}
	slices.SortStableFunc(out, func(a, b Notice) int {
		return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.Subprocessor.Name, b.Subprocessor.Name), cmp.Compare(a.Kind, b.Kind))
	})
	r.s.Notices = out
}

// checkNotice warns of an upcoming addition or change that customers hear
// of fewer than notice_days ahead (see the rule above). Only upcoming
// ones: a notice given short in the past cannot be given again.
func (r *resolver) checkNotice(n Notice) {
	days := r.s.Config.NoticeDays
	if n.Kind == SubprocessorRemoved || days <= 0 || !n.Upcoming(r.s.AsOf) {
		return
	}
	from, told := n.Announced, fmt.Sprintf("announced = %s", n.Announced)
	if from.IsZero() {
		from, told = r.s.AsOf, fmt.Sprintf("this build, as of %s, is the first to say so", r.s.AsOf)
	}
	have := from.DaysUntil(n.Date)
	if have >= days {
		return
	}
	what := map[NoticeKind]string{SubprocessorAdded: "is added", SubprocessorChanged: "changes"}[n.Kind]
	fix := fmt.Sprintf("move the date to %s or later", from.AddDays(days))
	if n.Announced.IsZero() {
		fix += ", or record the day customers were told with announced = YYYY-MM-DD"
	}
	r.diags.Warnf(n.at, "%s %s on %s, %s after customers are told (%s); your notice period is %s (site.toml [subprocessors] notice_days), which GDPR Art. 28(2) asks for so that customers can object before it happens: %s",
		n.Subprocessor.Name, what, n.Date, dayCount(have), told, dayCount(days), fix)
}

// outside reports whether d falls outside the days sp processes data.
func outside(d model.Date, sp *model.Subprocessor) bool {
	return (!sp.Added.IsZero() && d.Before(sp.Added)) || (!sp.Removed.IsZero() && !d.Before(sp.Removed))
}

func span(sp *model.Subprocessor) string {
	from, to := "from the start", "on"
	if !sp.Added.IsZero() {
		from = "from " + sp.Added.String()
	}
	if !sp.Removed.IsZero() {
		to = "until " + sp.Removed.AddDays(-1).String()
	}
	return from + " " + to
}

// Where a subprocessor stands on the build date.
const (
	SubprocessorCurrent  = "current"  // added by then (or undated) and not removed
	SubprocessorUpcoming = "upcoming" // its addition is announced, not yet in effect
	SubprocessorFormer   = "removed"  // removed by then
)

// SubprocessorStatus is where sp stands on the build date, or "" while
// its addition is not yet announced: nothing of it is published then.
func (s *Site) SubprocessorStatus(sp *model.Subprocessor) string {
	switch {
	case !sp.Removed.IsZero() && !sp.Removed.After(s.AsOf):
		return SubprocessorFormer
	case !sp.Added.After(s.AsOf):
		return SubprocessorCurrent
	case !sp.Announced.After(s.AsOf):
		return SubprocessorUpcoming
	}
	return ""
}

// CurrentSubprocessors are those processing customer data on the build date.
func (s *Site) CurrentSubprocessors() []*model.Subprocessor {
	var out []*model.Subprocessor
	for _, sp := range s.Subprocessors {
		if s.SubprocessorStatus(sp) == SubprocessorCurrent {
			out = append(out, sp)
		}
	}
	return out
}

// UpcomingNotices are the notices not yet in effect, soonest first.
func (s *Site) UpcomingNotices() []Notice {
	var out []Notice
	for _, n := range s.Notices {
		if n.Upcoming(s.AsOf) {
			out = append(out, n)
		}
	}
	slices.SortStableFunc(out, func(a, b Notice) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Subprocessor.Name, b.Subprocessor.Name), cmp.Compare(a.Kind, b.Kind))
	})
	return out
}

// PastNotices are the notices in effect, newest first.
func (s *Site) PastNotices() []Notice {
	return slices.DeleteFunc(slices.Clone(s.Notices), func(n Notice) bool { return n.Upcoming(s.AsOf) })
}

func dayCount(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

// Package diag holds the diagnostics every stage reports: a position in a
// content file, a severity and a message that says what is wrong and how to
// fix it. Stages collect them in a List instead of stopping at the first one,
// so that one run shows the user every problem.
package diag

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"sync"
)

// Pos is a place in a site's file: the path relative to the site folder
// (slash-separated), a 1-based line and, where known, a 1-based column.
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.File == "":
		return "site"
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity says whether a problem stops the build.
type Severity int

const (
	Warning Severity = iota
	Error
	// Suggestion is advice check --suggest prints apart from the problems:
	// it never fails a build nor counts as a warning.
	Suggestion
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Suggestion:
		return "suggestion"
	}
	return "warning"
}

// A Diagnostic is one problem.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Message  string
	// hidden, on the marker Export adds, counts the errors and warnings
	// a List did not keep; Add turns it back into counts.
	hidden [2]int
}

func (d Diagnostic) String() string {
	return fmt.Sprintf("%s: %s: %s", d.Pos, d.Severity, d.Message)
}

// MaxPerFile is how many distinct diagnostics a List keeps for one file;
// the rest are counted, not kept. A hostile or broken file (a million
// unknown keys) then costs neither memory nor a million lines of output,
// and the first hundred say what is wrong.
const MaxPerFile = 100

// List collects diagnostics; it is safe for concurrent use. Exact repeats
// are kept once.
type List struct {
	mu      sync.Mutex
	items   []Diagnostic
	seen    map[Diagnostic]bool
	perFile map[string]int
	hidden  [2]int              // errors, warnings over MaxPerFile, not kept
	hashes  map[uint64]struct{} // of those, so that a repeat counts once
}

// Errorf records an error at p.
func (l *List) Errorf(p Pos, format string, args ...any) {
	l.Add(Diagnostic{Pos: p, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at p.
func (l *List) Warnf(p Pos, format string, args ...any) {
	l.Add(Diagnostic{Pos: p, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// Add records diagnostics made elsewhere, such as those a cache kept.
func (l *List) Add(ds ...Diagnostic) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.seen == nil {
		l.seen, l.perFile = map[Diagnostic]bool{}, map[string]int{}
	}
	for _, d := range ds {
		switch {
		case d.hidden != [2]int{}:
			l.hidden[0] += d.hidden[0]
			l.hidden[1] += d.hidden[1]
		case l.seen[d]:
		case l.perFile[d.Pos.File] >= MaxPerFile:
			if l.hashes == nil {
				l.hashes = map[uint64]struct{}{}
			}
			h := d.hash()
			if _, repeat := l.hashes[h]; repeat {
				continue
			}
			l.hashes[h] = struct{}{}
			if d.Severity == Error {
				l.hidden[0]++
			} else {
				l.hidden[1]++
			}
		default:
			l.seen[d] = true
			l.perFile[d.Pos.File]++
			l.items = append(l.items, d)
		}
	}
}

// Export returns Items and, when some were not kept, a marker that
// carries their count: for a cache to keep and Add to another List later.
func (l *List) Export() []Diagnostic {
	items := l.Items()
	if he, hw := l.Hidden(); he+hw > 0 {
		// An Error when errors were hidden, so that a cache that asks
		// whether there were errors is told.
		items = append(items, Counted(he, hw))
	}
	return items
}

// Counted is the marker Export adds for diagnostics counted but not kept:
// for a cache that keeps Items and Hidden apart to give them back to Add.
// Both counts zero make a plain empty warning: leave it out.
func Counted(errors, warnings int) Diagnostic {
	sev := Warning
	if errors > 0 {
		sev = Error
	}
	return Diagnostic{Severity: sev, hidden: [2]int{errors, warnings}}
}

// hash identifies d among the diagnostics not kept.
func (d Diagnostic) hash() uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s\x00%d\x00%d\x00%d\x00%s", d.Pos.File, d.Pos.Line, d.Pos.Col, d.Severity, d.Message)
	return h.Sum64()
}

// Hidden returns the errors and warnings counted but not kept, past
// MaxPerFile in their file.
func (l *List) Hidden() (errors, warnings int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.hidden[0], l.hidden[1]
}

// Items returns the diagnostics sorted by file, line, column, then message,
// with exact repeats removed, so that output is stable run to run.
func (l *List) Items() []Diagnostic {
	l.mu.Lock()
	items := slices.Clone(l.items)
	l.mu.Unlock()
	slices.SortFunc(items, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(b.Severity, a.Severity),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.Compact(items)
}

// Count returns the number of errors and warnings: those Items lists, and
// those past MaxPerFile that were counted, not kept.
func (l *List) Count() (errors, warnings int) {
	errors, warnings = l.Hidden()
	for _, d := range l.Items() {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// HasErrors reports whether any error was recorded.
func (l *List) HasErrors() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.hidden[0] > 0 {
		return true
	}
	for _, d := range l.items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Err returns nil when there are no errors, and otherwise an error whose
// text lists every diagnostic, one per line.
func (l *List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return &ListError{Items: l.Items()}
}

// ListError is the error a failed stage returns; it carries every problem.
type ListError struct{ Items []Diagnostic }

func (e *ListError) Error() string {
	var b strings.Builder
	for i, d := range e.Items {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// Package diag holds the diagnostics every stage reports: a position in a
// content file, a severity and a message that says what is wrong and how to
// fix it. Stages collect them in a List instead of stopping at the first one,
// so that one run shows the user every problem.
package diag

import (
	"cmp"
	"fmt"
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
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// A Diagnostic is one problem.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Message  string
}

func (d Diagnostic) String() string {
	return fmt.Sprintf("%s: %s: %s", d.Pos, d.Severity, d.Message)
}

// List collects diagnostics; it is safe for concurrent use.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Errorf records an error at p.
func (l *List) Errorf(p Pos, format string, args ...any) {
	l.add(Diagnostic{p, Error, fmt.Sprintf(format, args...)})
}

// Warnf records a warning at p.
func (l *List) Warnf(p Pos, format string, args ...any) {
	l.add(Diagnostic{p, Warning, fmt.Sprintf(format, args...)})
}

// Add records diagnostics made elsewhere, such as those a cache kept.
func (l *List) Add(ds ...Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, ds...)
	l.mu.Unlock()
}

func (l *List) add(d Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
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

// Count returns the number of errors and warnings, as Items lists them.
func (l *List) Count() (errors, warnings int) {
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

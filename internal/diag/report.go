package diag

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"path/filepath"
)

// Report is what trustdocs check prints with --format json. Its fields are
// a stable interface for CI; the README documents them. New fields may be
// added; existing ones keep their names and meaning while Schema stays
// "trustdocs-check/1".
type Report struct {
	Schema      string       `json:"schema"`
	Site        string       `json:"site"`  // the site folder, as given
	AsOf        string       `json:"as_of"` // statuses were computed as of this date
	Errors      int          `json:"errors"`
	Warnings    int          `json:"warnings"`
	Diagnostics []Diagnostic `json:"diagnostics"` // sorted like the text output
	// NotShown counts the errors and warnings of files that had more than
	// MaxPerFile: counted in Errors and Warnings, not listed.
	NotShown int `json:"not_shown,omitempty"`
	// Suggestions, with check --suggest: advice that is neither an error
	// nor a warning (a mapping the crosswalk suggests), sorted by place.
	Suggestions []Diagnostic `json:"suggestions,omitempty"`
}

// MaxPrinted is how many diagnostics the text report prints; it then says
// how many more there are.
const MaxPrinted = 300

// ReportSchema names the current version of Report.
const ReportSchema = "trustdocs-check/1"

// NewReport summarizes l.
func NewReport(site, asOf string, l *List) Report {
	items := l.Items()
	r := Report{Schema: ReportSchema, Site: site, AsOf: asOf, Diagnostics: items}
	if r.Diagnostics == nil {
		r.Diagnostics = []Diagnostic{}
	}
	for _, d := range items {
		if d.Severity == Error {
			r.Errors++
		} else {
			r.Warnings++
		}
	}
	he, hw := l.Hidden()
	r.Errors, r.Warnings, r.NotShown = r.Errors+he, r.Warnings+hw, he+hw
	return r
}

// WriteText prints the report the way go vet does: one line per problem,
// then a count. Paths are shown as seen from the current folder, so that
// terminals and editors can open them: dir is the site folder as given
// ("" or "." for the current one).
func (r Report) WriteText(w io.Writer, dir string) error {
	if err := writeLines(w, r.Diagnostics, dir, r.NotShown); err != nil {
		return err
	}
	if err := writeLines(w, r.Suggestions, dir, 0); err != nil {
		return err
	}
	counts := fmt.Sprintf("%s, %s", Plural(r.Errors, "error"), Plural(r.Warnings, "warning"))
	if len(r.Suggestions) > 0 {
		counts += ", " + Plural(len(r.Suggestions), "suggestion")
	}
	_, err := fmt.Fprintln(w, counts)
	return err
}

// WriteLines prints one line per diagnostic, with file paths under dir:
// at most MaxPrinted, then how many more there are.
func WriteLines(w io.Writer, items []Diagnostic, dir string) error {
	return writeLines(w, items, dir, 0)
}

// Write prints l's diagnostics like WriteLines, counting those it did
// not keep among the ones not shown.
func (l *List) Write(w io.Writer, dir string) error {
	he, hw := l.Hidden()
	return writeLines(w, l.Items(), dir, he+hw)
}

func writeLines(w io.Writer, items []Diagnostic, dir string, hidden int) error {
	shown := items[:min(len(items), MaxPrinted)]
	for _, d := range shown {
		if dir != "" && dir != "." && d.Pos.File != "" {
			d.Pos.File = path.Join(filepath.ToSlash(dir), d.Pos.File)
		}
		if _, err := fmt.Fprintln(w, d); err != nil {
			return err
		}
	}
	if more := len(items) - len(shown) + hidden; more > 0 {
		_, err := fmt.Fprintf(w, "… and %d more not shown (at most %d are printed, %d a file); fix these and run check again\n", more, MaxPrinted, MaxPerFile)
		return err
	}
	return nil
}

// WriteJSON prints the report as indented JSON.
func (r Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // messages quote HTML tags: keep <div> readable
	return enc.Encode(r)
}

// MarshalJSON writes a diagnostic as
// {"file", "line", "column", "severity", "message"}; line and column are 0
// when unknown, and file is "" for the site as a whole.
func (d Diagnostic) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(struct {
		File     string `json:"file"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
	}{d.Pos.File, d.Pos.Line, d.Pos.Col, d.Severity.String(), d.Message})
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), err
}

// Plural writes a count and a noun: "1 error", "2 errors".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

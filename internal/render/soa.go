package render

import (
	"bytes"
	"io"
	"strings"

	"github.com/trustdocs/trustdocs/internal/csvsafe"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

// soaRows returns the SoA rows of framework f, in catalog order.
func soaRows(s *resolve.Site, f *resolve.Framework) []*resolve.SoARow {
	var rows []*resolve.SoARow
	for _, row := range s.SoA {
		if row.Framework == f {
			rows = append(rows, row)
		}
	}
	return rows
}

// soaSummary counts decisions and statuses, overall and per theme.
type soaSummary struct {
	Rows   []*resolve.SoARow
	All    soaCount
	Themes []soaCount
}

type soaCount struct {
	Theme                                                      *resolve.Group
	Total, Applicable, Excluded, Implemented, Partial, Planned int
}

func (c *soaCount) add(row *resolve.SoARow) {
	c.Total++
	if !row.Applicable {
		c.Excluded++
		return
	}
	c.Applicable++
	switch row.Status {
	case model.Implemented:
		c.Implemented++
	case model.Partial:
		c.Partial++
	default:
		c.Planned++
	}
}

func summarizeSoA(rows []*resolve.SoARow) soaSummary {
	sum := soaSummary{Rows: rows}
	for _, row := range rows {
		sum.All.add(row)
		if n := len(sum.Themes); n == 0 || sum.Themes[n-1].Theme != row.Theme {
			sum.Themes = append(sum.Themes, soaCount{Theme: row.Theme})
		}
		sum.Themes[len(sum.Themes)-1].add(row)
	}
	return sum
}

type soaData struct {
	F   *resolve.Framework
	Sum soaSummary
	Doc *model.SoADoc // document control, or nil without soa.toml
}

// soaPolicies are the policies of a row this audience may see listed.
func (r *renderer) soaPolicies(row *resolve.SoARow) []*resolve.Policy {
	return r.site.ListedPolicies(row.Policies())
}

func (r *renderer) soaPage(f *resolve.Framework, sum soaSummary) {
	dir := "frameworks/" + f.ID + "/soa/"
	r.add(&Page{Template: "soa.html", Path: dir + "index.html", Title: "Statement of Applicability", Section: "frameworks",
		Description: "Every " + f.Title() + " Annex A control: whether it applies, why, and how far it is implemented.",
		Data:        soaData{F: f, Sum: sum, Doc: r.s.SoADoc}}, onSite())
	r.file(dir+"soa.csv", onSite(), func() ([]byte, error) { return r.soaCSV(f, sum.Rows), nil })
	r.file(dir+"soa.json", onSite(), nil).stream = func(w io.Writer) error { return r.writeSoAJSON(w, f, sum.Rows) }
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

// soaHeader is the header row of soa.csv.
var soaHeader = []string{"Control", "Title", "Theme", "Applicable", "Reasons for inclusion", "Justification for exclusion",
	"Implementation status", "Implementing controls", "Policies", "Note"}

// soaCSV writes the SoA as RFC 4180 CSV with CRLF line endings and a
// byte-order mark, which spreadsheet software needs to read UTF-8. Like
// the SoA an auditor reads, it opens with its document control: one row
// each for the standard, version, approval, approver and date of the
// statuses, then an empty row, then the table with its header row. Every
// row has the table's number of fields, as RFC 4180 asks.
func (r *renderer) soaCSV(f *resolve.Framework, rows []*resolve.SoARow) []byte {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csvsafe.NewWriter(&buf)
	line := func(fields ...string) {
		w.Write(append(fields, make([]string, len(soaHeader)-len(fields))...))
	}
	line("Statement of Applicability", r.s.Config.Company)
	line("Standard", f.Name)
	doc := r.s.SoADoc
	if doc == nil {
		doc = &model.SoADoc{}
	}
	line("Version", doc.Version)
	line("Approved", doc.Approved.String())
	line("Approved by", doc.ApprovedBy)
	line("Statuses as of", r.s.AsOf.String())
	line()
	w.Write(soaHeader)
	for _, row := range rows {
		var reasons, controls, policies []string
		for _, re := range row.Reasons {
			reasons = append(reasons, reasonName(re))
		}
		for _, c := range row.Controls {
			controls = append(controls, c.ID+" "+c.Title)
		}
		for _, p := range r.soaPolicies(row) {
			policies = append(policies, p.Title)
		}
		status := string(row.Status)
		if !row.Applicable {
			status = "not applicable"
		}
		w.Write([]string{row.ID, soaTitle(row), themeName(row.Theme), yesNo(row.Applicable), strings.Join(reasons, "; "),
			row.Justification, status, strings.Join(controls, "; "), strings.Join(policies, "; "), row.Note})
	}
	w.Flush()
	return buf.Bytes()
}

// soaTitle is the Annex A table's wording, which auditors expect in a SoA.
func soaTitle(row *resolve.SoARow) string {
	if row.TitleLong != "" {
		return row.TitleLong
	}
	return row.Title
}

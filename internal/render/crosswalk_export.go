package render

import (
	"bytes"

	"github.com/trustdocs/trustdocs/internal/csvsafe"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

const crosswalkSchema = "https://trustdocs.dev/schema/crosswalk/v1"

type crosswalkJSONDoc struct {
	Schema string              `json:"$schema"`
	From   crosswalkJSONSide   `json:"from"`
	To     crosswalkJSONSide   `json:"to"`
	AsOf   string              `json:"as_of"`
	Pairs  []crosswalkJSONPair `json:"pairs"`
}

type crosswalkJSONSide struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type crosswalkJSONPair struct {
	From         string `json:"from"`
	FromTitle    string `json:"from_title"`
	To           string `json:"to"`
	ToTitle      string `json:"to_title"`
	Relationship string `json:"relationship"`
	Rationale    string `json:"rationale,omitempty"`
	Source       string `json:"source"`
	FromCoverage string `json:"from_coverage"`
	ToCoverage   string `json:"to_coverage"`
}

// coverageOf is our coverage of a requirement in the exports: its status,
// or "none" when no control maps to it.
func coverageOf(q *resolve.Requirement) string {
	if q.Status == "" {
		return "none"
	}
	return string(q.Status)
}

func sourceOf(p *resolve.Pair) string {
	if p.BuiltIn {
		return "built-in"
	}
	return "site"
}

// crosswalkJSON is crosswalk.json: every pair, A to B, with our coverage.
func (r *renderer) crosswalkJSON(v *crosswalkView) []byte {
	doc := crosswalkJSONDoc{Schema: crosswalkSchema, From: crosswalkJSONSide{v.A.ID, v.A.Name},
		To: crosswalkJSONSide{v.B.ID, v.B.Name}, AsOf: r.s.AsOf.String(), Pairs: []crosswalkJSONPair{}}
	for _, p := range v.cw.Pairs {
		doc.Pairs = append(doc.Pairs, crosswalkJSONPair{From: p.A.ID, FromTitle: p.A.Title, To: p.B.ID, ToTitle: p.B.Title,
			Relationship: string(p.Relationship), Rationale: p.Rationale, Source: sourceOf(p),
			FromCoverage: coverageOf(p.A), ToCoverage: coverageOf(p.B)})
	}
	return marshal(doc)
}

// crosswalkCSV is crosswalk.csv: a row per pair, for a spreadsheet or a
// questionnaire.
func (r *renderer) crosswalkCSV(v *crosswalkView) []byte {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csvsafe.NewWriter(&buf)
	a, b := v.A.Title(), v.B.Title()
	w.Write([]string{"Framework A", "Requirement A", "Title A", "Framework B", "Requirement B", "Title B",
		"Relationship (A to B)", "Rationale", "Source", "Our coverage of A", "Our coverage of B"})
	for _, p := range v.cw.Pairs {
		w.Write([]string{a, p.A.ID, p.A.Title, b, p.B.ID, p.B.Title, string(p.Relationship), p.Rationale,
			sourceOf(p), coverageOf(p.A), coverageOf(p.B)})
	}
	w.Flush()
	return buf.Bytes()
}

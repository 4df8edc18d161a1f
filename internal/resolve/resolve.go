// Package resolve turns a loaded model.Site into the linked graph pages are
// rendered from: ids become pointers both ways (policy ↔ control ↔
// requirement), the Statement of Applicability is decided for every Annex A
// control, and every status is computed as of one date. Every broken
// reference and SoA rule is reported with its position.
package resolve

import (
	"strings"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

// Site is a resolved site.
type Site struct {
	*model.Site
	AsOf model.Date

	Policies       []*Policy    // sorted by weight, then title
	Sections       []*Section   // folders of policies, as a table of contents
	Pages          []*model.Doc // sorted by title
	Controls       []*Control   // sorted by id
	Frameworks     []*Framework
	Certifications []*Certification
	Attestations   []*Attestation
	SoA            []*SoARow    // every Annex A control, in catalog order
	Changes        []Change     // newest first
	Crosswalks     []*Crosswalk // one for each two frameworks related
	Answers        []*Answer    // the answer library, by category (AnswerGroups)
	Notices        []Notice     // subprocessor notices customers have been told of, newest first
	// Drafts are the draft policies and pages LeaveOutDrafts took out:
	// checked like the others, published by no page.
	Drafts       []*model.Doc
	DraftAnswers int // draft answers LeaveOutDrafts took out

	policies   map[string]*Policy
	sections   map[string]*Section
	controls   map[string]*Control
	frameworks map[string]*Framework
	narrowed   model.Audience // set by Narrow
}

// Change is one dated event for the home page and the feed.
type Change struct {
	Date           model.Date
	Title          string
	Summary        string
	Policy         *Policy // set for policy revisions
	Notice         *Notice // set for subprocessor notices
	Classification model.Classification
}

// Resolve links and checks m as of the date asOf.
func Resolve(m *model.Site, asOf model.Date, diags *diag.List) *Site {
	s := &Site{Site: m, AsOf: asOf,
		policies: map[string]*Policy{}, controls: map[string]*Control{}, frameworks: map[string]*Framework{}}
	r := &resolver{s: s, diags: diags}
	r.frameworks()
	r.controls()
	r.policies()
	r.pages()
	r.answers()
	r.mappings()
	r.certifications()
	r.attestations()
	r.pursued()
	r.crosswalks()
	r.soa()
	r.scope()
	r.subprocessors()
	r.changes()
	r.warnings()
	r.securityTxt()
	return s
}

type resolver struct {
	s     *Site
	diags *diag.List
}

// asset checks that a file named by a record exists under content/.
func (r *resolver) asset(path string, at diag.Pos, what string) {
	if path == "" {
		return
	}
	if _, ok := r.s.Assets["content/"+strings.TrimPrefix(path, "/")]; !ok {
		r.diags.Errorf(at, "%s file %q does not exist; paths are relative to content/, e.g. \"files/report.pdf\" for content/files/report.pdf", what, path)
	}
}

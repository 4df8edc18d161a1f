// Package model is the typed form of a site's content, as loaded from its
// files and before anything is resolved. Every record remembers where it was
// written, so that later stages can report problems at the right line.
package model

import (
	"strings"
	"time"

	"github.com/trustdocs/trustdocs/internal/diag"
)

// Origin is where a record was written: its file and line, and the
// positions of its fields.
type Origin struct {
	Pos    diag.Pos
	Fields []Field // the keys written, in Pos.File
}

// Field is where a key of a record is written. Records keep a list rather
// than a map: on a site of 10,000 policies and controls, the positions of
// their fields are some 150,000, and a map entry costs four times more.
type Field struct {
	Key       string
	Line, Col int32
}

// At returns the position of a field, or of the record when the field was
// not written.
func (o Origin) At(key string) diag.Pos {
	return o.AtFirst(key)
}

// AtFirst returns the position of the first of keys that is written, or
// the record's own.
func (o Origin) AtFirst(keys ...string) diag.Pos {
	for _, k := range keys {
		for _, f := range o.Fields {
			if f.Key == k {
				return diag.Pos{File: o.Pos.File, Line: int(f.Line), Col: int(f.Col)}
			}
		}
	}
	return o.Pos
}

// Classification says who may see a document.
type Classification string

const (
	Public     Classification = "public"     // in every build
	Restricted Classification = "restricted" // shared under NDA
	Internal   Classification = "internal"   // validated, never published
)

var Classifications = []string{string(Public), string(Restricted), string(Internal)}

// Audience is who a build is for.
type Audience string

const (
	AudiencePublic Audience = "public"
	AudienceNDA    Audience = "nda"
)

// Renders reports whether a document of classification c is rendered in
// full for audience a.
func (a Audience) Renders(c Classification) bool {
	return c == Public || (c == Restricted && a == AudienceNDA)
}

// Lists reports whether a document of classification c is at least listed
// (title and summary) for audience a.
func (a Audience) Lists(c Classification) bool { return c != Internal }

// Ref is an id written in content, with where it was written.
type Ref struct {
	ID  string
	Pos diag.Pos
}

// Site is everything a site's folder holds.
type Site struct {
	Root   string // absolute path of the site folder
	Config Config

	Intro          *Doc // content/_index.md, or nil
	Policies       []*Doc
	Sections       []*Doc // content/policies/**/_index.md
	Pages          []*Doc
	Controls       []*Control
	SoA            []*SoAEntry
	SoADoc         *SoADoc // soa.toml's document control, or nil without soa.toml
	Certifications []*Certification
	Attestations   []*Attestation
	Frameworks     []*Framework // built-ins first, then the site's own
	Subprocessors  []*Subprocessor
	Answers        []*Answer    // content/answers/*.toml, files by name, answers as written
	Crosswalks     []*Crosswalk // built-ins first, then the site's own

	// Files under content/ that are not content records (certificate PDFs,
	// images): path relative to the site folder → absolute path.
	Assets map[string]string
	// Templates overrides: file name → source.
	Templates map[string][]byte
	// Theme overlay: path relative to theme/ → absolute path.
	Theme map[string]string

	// Unread holds the files that could not be read at all (their errors
	// are reported). Checks that need what such a file may define are
	// skipped, so that one broken file does not bury its own error under
	// a hundred consequences.
	Unread map[string]bool
}

// Incomplete reports whether a file under the folder prefix (such as
// "content/controls/") could not be read.
func (s *Site) Incomplete(prefix string) bool {
	for f := range s.Unread {
		// A file under the folder, or a folder above it (content/ itself).
		if strings.HasPrefix(f, prefix) || strings.HasPrefix(prefix, f+"/") {
			return true
		}
	}
	return false
}

// Config is site.toml.
type Config struct {
	Origin
	Title         string
	Company       string
	BaseURL       string
	Contact       string
	RequestAccess string // as written: a mailto: or https:// address
	// Requests is where the request-access page sends a request: read
	// from request_access, else an e-mail to contact.
	Requests RequestTarget
	Language string
	AsOf     Date // [build] as_of
	// GitDates: each policy shows its last change from git log, and a
	// policy without approved is reviewed from it ([build] git_dates).
	GitDates    bool
	BrokenLinks string // [build] broken_links: "error" (the default) or "warning"
	UnsafeHTML  bool   // [markdown] unsafe_html
	// ReportCurrentFrom is what a report's 12 months of currency count
	// from ([status] report_current_from): FromPeriodEnd or FromIssued.
	ReportCurrentFrom string
	// NoticeDays is how many days ahead customers are told of a new
	// subprocessor or a change to one ([subprocessors] notice_days); 0
	// turns the check off.
	NoticeDays  int
	Brand       Brand
	SecurityTxt *SecurityTxt // [security_txt], or nil: no security.txt
}

// RequestTarget is where a reader's request for documents under NDA
// goes: an e-mail composed in the browser (Email, with the Subject and CC
// of request_access's mailto:), or a form posted to Form.
type RequestTarget struct {
	Email, Subject, CC string
	Form               string // an https:// address (http:// on loopback) the form posts to
}

// Set reports whether requests have somewhere to go.
func (t RequestTarget) Set() bool { return t.Email != "" || t.Form != "" }

// Brand is site.toml's [brand]: the look a site gets without a template.
type Brand struct {
	Origin
	Logo       string // output path of the logo, a file of the theme (e.g. "assets/acme.png"); "" for the built-in
	Favicon    string // likewise for the favicon
	Accent     string // "#rrggbb" for the light scheme, or ""
	AccentDark string // "#rrggbb" for the dark scheme, or "" to derive it from Accent
}

// SecurityTxt is site.toml's [security_txt], published as
// /.well-known/security.txt (RFC 9116).
type SecurityTxt struct {
	Origin
	Contact            []string  // URIs: mailto:, https: or tel:
	Expires            time.Time // UTC
	PreferredLanguages []string
	Canonical          string // "" derives it from base_url
	Policy             string // a URI, or a site path such as "pages/disclosure"
	Encryption         string
	Acknowledgments    string
	Hiring             string
}

// DocKind tells policies, free pages and the home introduction apart.
type DocKind int

const (
	PolicyDoc DocKind = iota
	PageDoc
	IntroDoc
	// SectionDoc is a folder of policies' _index.md: the section's title,
	// summary, order and introduction.
	SectionDoc
)

// Doc is a Markdown document with TOML front matter: a policy, a free page
// or the home page's introduction.
type Doc struct {
	Origin
	Kind DocKind
	Slug string
	// Section is the folder of content/policies/ that a policy is in
	// ("hr", "hr/onboarding"; "" at the top), or a SectionDoc's own folder.
	Section string
	// Weight orders policies and sections (Hugo's key): lower first, and
	// those without one (0) after, by title.
	Weight         int
	Title          string
	Version        string
	Owner          string
	ApprovedBy     string
	Approved       Date
	Effective      Date
	ReviewMonths   int  // from review_every; 0 when next_review is given
	NextReview     Date // given, or derived by resolve
	Classification Classification
	// Draft documents are not approved yet: serve shows them, build and
	// pack leave them out unless told to publish drafts.
	Draft     bool
	Controls  []Ref
	Summary   string
	Revisions []Revision

	// LastChange and LastCommit are the file's last commit, with
	// [build] git_dates on; zero when git has none.
	LastChange Date
	LastCommit string

	Body     []byte // Markdown after the front matter; nil when Text is set
	BodyLine int    // line of the file where Body starts
	// Text, for a document whose Markdown a build did not hold from
	// loading it to converting it (load.Cache.Once), reads it again.
	Text *Text
	// Attachments of a bundle: name relative to the bundle → absolute path.
	Attachments map[string]string
}

// Text is a document's Markdown left on disk: its SHA-256, and what reads
// it again. Read fails if the file no longer holds what was loaded.
type Text struct {
	Sum  [32]byte
	Read func() ([]byte, error)
}

// Revision is one entry of a policy's revision history.
type Revision struct {
	Origin
	Version string
	Date    Date
	Note    string
}

// ControlStatus is how far a control is implemented.
type ControlStatus string

const (
	Implemented ControlStatus = "implemented"
	Partial     ControlStatus = "partial"
	Planned     ControlStatus = "planned"
)

var ControlStatuses = []string{string(Implemented), string(Partial), string(Planned)}

// Control is one [[control]] table.
type Control struct {
	Origin
	ID          string
	Title       string
	Description string // Markdown
	Owner       string
	Status      ControlStatus
	Evidence    []string
	Mappings    []Mapping // in the order written
}

// Mapping is a control's list of requirement ids in one framework.
type Mapping struct {
	Framework Ref
	Refs      []Ref
}

// SoA reasons for including an Annex A control.
var SoAReasons = []string{"risk", "legal", "contract", "business", "best-practice"}

// SoADoc is the document control of the Statement of Applicability, the
// top of soa.toml: ISO/IEC 27001 7.5.3 makes it controlled documented
// information, and certificates cite its version.
type SoADoc struct {
	Origin
	Version        string
	Approved       Date
	ApprovedBy     string
	DefaultReasons []string // why an applicable control is included when its entry does not say
	Revisions      []Revision
}

// Versions lists the versions the SoA has had: its revisions' and its own.
func (d *SoADoc) Versions() []string {
	var out []string
	for _, r := range d.Revisions {
		out = append(out, r.Version)
	}
	if d.Version != "" {
		out = append(out, d.Version)
	}
	return out
}

// SoAEntry is one [annex_a."A.x.y"] table of soa.toml.
type SoAEntry struct {
	Origin
	ID            string
	Applicable    *bool // nil when not written
	Unreadable    bool  // applicable is written but is not true or false
	Reasons       []string
	Note          string
	Justification string
}

// Audit is one audit of a certification.
type Audit struct {
	Origin
	Kind   string // stage1 | stage2 | surveillance | recertification
	Date   Date
	Result string // passed | scheduled | failed
	Note   string
}

var AuditKinds = []string{"stage1", "stage2", "surveillance", "recertification"}
var AuditResults = []string{"passed", "scheduled", "failed"}

// Certification is a management-system certificate (ISO 27001 and the like).
type Certification struct {
	Origin
	Framework         Ref
	Standard          string
	CertificationBody string
	AccreditationBody string
	CertificateNumber string
	Scope             string
	Edition           string // "2013" or "2022" for ISO/IEC 27001 when written; else read from Standard
	Issued            Date
	// CycleStart is the certification decision that started the current
	// three-year cycle; zero means Issued. A certificate reissued within a
	// cycle (a scope change, the move to a new edition) keeps the cycle's
	// surveillance schedule and expiry.
	CycleStart     Date
	Expires        Date   // as written; resolve derives it when zero
	Status         string // override: suspended | withdrawn
	SoAVersion     string // the version of the Statement of Applicability the certificate references
	Certificate    string // file under content/
	Classification Classification
	Audits         []Audit
}

// Attestation is an attestation report (SOC 2 and the like).
type Attestation struct {
	Origin
	Framework      Ref
	Type           string // I | II
	Auditor        string
	Categories     []Ref
	PeriodStart    Date
	PeriodEnd      Date
	PointInTime    Date
	Issued         Date
	Report         string // file under content/
	Classification Classification
	Opinion        string
	Bridge         *BridgeLetter
}

// BridgeLetter is management's letter covering the gap after a report.
type BridgeLetter struct {
	Origin
	Issued         Date
	CoversThrough  Date
	File           string
	Classification Classification // of the file; default: the report's
}

// What a report's 12 months of currency count from: the end of the period
// it covers (Type I: its as-of date), the market's convention, or the day
// it was issued.
const (
	FromPeriodEnd = "period_end"
	FromIssued    = "issued"
)

var ReportCurrentFroms = []string{FromPeriodEnd, FromIssued}

// CoverageEnd is the last day the report itself covers.
func (a *Attestation) CoverageEnd() Date {
	if a.Type == "I" {
		return a.PointInTime
	}
	return a.PeriodEnd
}

// Subprocessor is one [[subprocessor]]: a third party that processes
// customer data, with the dates customers are told of.
type Subprocessor struct {
	Origin
	Name     string
	Purpose  string
	Location string
	Website  string
	Data     []string
	Added    Date // the day it began (or begins) processing: added, or its older name since
	// Announced is the day customers were told of the addition; zero when
	// not recorded.
	Announced Date
	Removed   Date // the day it stopped (or stops) processing; zero while it processes
	Changes   []SubprocessorChange
}

// Since is Added, under the name templates written before added used.
func (s *Subprocessor) Since() Date { return s.Added }

// SubprocessorChange is one [[subprocessor.change]]: a dated change to
// what a subprocessor does, such as a new location or kind of data.
type SubprocessorChange struct {
	Origin
	Date      Date   // the day it takes effect
	Note      string // what changes, in a sentence
	Announced Date   // the day customers were told; zero when not recorded
}

// Answer is one [[answer]] of content/answers/*.toml: a question buyers
// ask in security questionnaires, answered once, in the company's words,
// with the controls and policies that back the answer.
type Answer struct {
	Origin
	ID        string   // id, or derived from the question: the answer's anchor and its key in exports
	Question  string   // the question as the library asks it
	Phrasings []string // other ways buyers ask it, matched by trustdocs answer
	Answer    string   // Markdown
	Category  string
	Controls  []Ref
	Policies  []Ref
	// Classification says who may read the answer: a restricted answer is
	// listed, by its question, to the public, like a restricted policy.
	Classification Classification
	// Draft answers are not checked against what the company does yet
	// (the starter's are all drafts): published only with drafts.
	Draft bool
}

// Has reports whether the record's key was written.
func (o Origin) Has(key string) bool {
	for _, f := range o.Fields {
		if f.Key == key {
			return true
		}
	}
	return false
}

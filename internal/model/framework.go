package model

// Framework is a catalog of requirements that controls map to: a built-in
// (ISO 27001, SOC 2) or one of the site's content/frameworks/*.toml.
type Framework struct {
	Origin
	ID           string
	Name         string // "ISO/IEC 27001:2022"
	ShortName    string // "ISO 27001"
	Description  string
	BuiltIn      bool
	Profile      Profile
	Categories   []Category
	Groups       []Group
	Requirements []*Requirement
}

// Profile holds the facts the comparison page sets side by side.
type Profile struct {
	Kind        string // "Management-system standard", "Attestation framework"
	Publisher   string
	AuditedBy   string
	Produces    string
	Stages      string
	Validity    string
	Renewal     string
	Recognition string
	Effort      string
	Prescribes  string // what the framework lays down: controls, criteria, a management system
	Evidence    string // what the audit examines
	Basis       string // the properties of information it protects
	// ValidityMonths is how long a certificate is valid (ISO: 36); used to
	// derive a certification's expiry when it is not written.
	ValidityMonths int
	// Surveillance is set when certificates need yearly surveillance audits.
	Surveillance bool
	// Attestation is set for frameworks whose audits produce an attestation
	// report (SOC 2), recorded as [[attestation]], not a certificate.
	Attestation bool
}

// Category is a scope category a report can include (SOC 2's Security,
// Availability …). Required categories are always in scope.
type Category struct {
	ID       string
	Title    string
	Required bool
}

// Group is a set of requirements shown together: a clause family, an Annex
// A theme, a SOC 2 series. SoA marks the groups whose requirements need a
// Statement of Applicability decision (ISO 27001's Annex A themes).
type Group struct {
	ID          string
	Title       string
	Description string
	SoA         bool
}

// Requirement is one clause, control or criterion.
type Requirement struct {
	Origin
	ID        string
	Title     string
	TitleLong string // the wording of a longer official table, if it differs
	Group     string
	Parent    string // for nested clauses: 6.1.3 → 6.1
	Category  string
	New       bool // new in this edition
}

// Requirement returns the requirement with the given id, or nil.
func (f *Framework) Requirement(id string) *Requirement {
	for _, r := range f.Requirements {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// Group returns the group with the given id, or nil.
func (f *Framework) Group(id string) *Group {
	for i := range f.Groups {
		if f.Groups[i].ID == id {
			return &f.Groups[i]
		}
	}
	return nil
}

// Title returns the short name if there is one, else the name.
func (f *Framework) Title() string {
	if f.ShortName != "" {
		return f.ShortName
	}
	return f.Name
}

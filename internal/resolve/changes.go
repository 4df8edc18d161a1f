package resolve

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/trustdocs/trustdocs/internal/model"
)

// changes collects dated events up to the build date: policy revisions,
// passed audits, issued reports and subprocessor notices. Events after the build date have not
// happened yet and are left out.
func (r *resolver) changes() {
	var out []Change
	add := func(c Change) {
		if !c.Date.IsZero() && !c.Date.After(r.s.AsOf) {
			out = append(out, c)
		}
	}
	for _, p := range r.s.Policies {
		for _, rev := range p.Revisions {
			add(Change{Date: rev.Date, Title: fmt.Sprintf("%s %s", p.Title, rev.Version),
				Summary: rev.Note, Policy: p, Classification: p.Classification})
		}
	}
	for _, c := range r.s.Certifications {
		name := c.Title()
		for _, a := range c.Audits {
			if a.Result != "passed" {
				continue
			}
			add(Change{Date: a.Date, Title: fmt.Sprintf("%s: %s audit passed", name, AuditKindName(a.Kind)),
				Summary: c.CertificationBody, Classification: listed(c.Classification)})
		}
		add(Change{Date: c.Issued, Title: fmt.Sprintf("%s certificate issued", name),
			Summary: c.CertificationBody, Classification: listed(c.Classification)})
	}
	for _, a := range r.s.Attestations {
		if a.Framework == nil {
			continue
		}
		add(Change{Date: a.Issued, Title: fmt.Sprintf("%s Type %s report issued", a.Framework.Title(), a.Type),
			Summary: a.Auditor, Classification: listed(a.Classification)})
		if b := a.Bridge; b != nil {
			add(Change{Date: b.Issued, Title: fmt.Sprintf("%s bridge letter issued", a.Framework.Title()),
				Summary: "Covers through " + b.CoversThrough.Long(), Classification: listed(a.Classification)})
		}
	}
	for _, n := range r.s.Notices {
		// Dated the day customers heard of it: what a feed reader wants.
		add(Change{Date: n.Published(r.s.AsOf), Title: n.Title(), Summary: n.Summary(), Notice: &n,
			Classification: model.Public})
	}
	slices.SortStableFunc(out, func(a, b Change) int {
		return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.Title, b.Title))
	})
	r.s.Changes = out
}

// listed is the classification of an event of a certification or report:
// that it happened is as public as the record's listing (a restricted
// report is listed, only its file is withheld), and never public for an
// internal one.
func listed(c model.Classification) model.Classification {
	if c == model.Internal {
		return model.Internal
	}
	return model.Public
}

// AuditKindName spells an audit kind for people.
func AuditKindName(kind string) string {
	switch kind {
	case "stage1":
		return "Stage 1"
	case "stage2":
		return "Stage 2"
	case "surveillance":
		return "Surveillance"
	case "recertification":
		return "Recertification"
	}
	return kind
}

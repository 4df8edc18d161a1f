package render

import (
	"slices"
	"strings"

	"github.com/trustdocs/trustdocs/internal/resolve"
)

// visibleCerts and visibleReports drop internal records.
func (r *renderer) visibleCerts() []*resolve.Certification {
	var out []*resolve.Certification
	for _, c := range r.s.Certifications {
		if c.Framework != nil && r.site.Lists(c.Classification) {
			out = append(out, c)
		}
	}
	return out
}

func (r *renderer) visibleReports() []*resolve.Attestation {
	var out []*resolve.Attestation
	for _, a := range r.s.Attestations {
		if a.Framework != nil && r.site.Lists(a.Classification) {
			out = append(out, a)
		}
	}
	return out
}

// liveReports are the visible reports no newer one has superseded: those
// a buyer relies on. Superseded ones are history.
func (r *renderer) liveReports() []*resolve.Attestation {
	return slices.DeleteFunc(r.visibleReports(), func(a *resolve.Attestation) bool { return a.SupersededBy != nil })
}

type certificationsData struct {
	Certs   []*resolve.Certification
	Reports []*resolve.Attestation // those in force or in progress
	History []*resolve.Attestation // superseded reports, newest first
	Site    *resolve.Site
	Legend  []resolve.StatusRule
}

func (r *renderer) certificationsPage() {
	d := certificationsData{Certs: r.visibleCerts(), Reports: r.liveReports(), Site: r.s, Legend: resolve.Legend(r.s.Config.ReportCurrentFrom)}
	for _, a := range r.visibleReports() {
		if a.SupersededBy != nil {
			d.History = append(d.History, a)
		}
	}
	slices.SortStableFunc(d.History, func(a, b *resolve.Attestation) int { return b.CoverageEnd().Compare(a.CoverageEnd()) })
	r.add(&Page{Template: "certifications.html", Path: "certifications/index.html", Title: "Certifications and reports",
		Section: "certifications", Description: "Our certifications and attestation reports, with their status.", Data: d}, onSite())
	for _, c := range d.Certs {
		if c.Certificate != "" && r.site.Renders(c.Classification) {
			r.copyAsset(c.Certificate)
		}
	}
	for _, a := range r.visibleReports() {
		if a.Report != "" && r.site.Renders(a.Classification) {
			r.copyAsset(a.Report)
		}
		if a.Bridge != nil && a.Bridge.File != "" && r.site.Renders(a.Bridge.Classification) {
			r.copyAsset(a.Bridge.File)
		}
	}
}

// copyAsset copies a file named in content (a certificate, a report) to the
// same path under files/ of the output.
func (r *renderer) copyAsset(rel string) {
	rel = strings.TrimPrefix(rel, "/")
	if abs, ok := r.s.Assets["content/"+rel]; ok {
		r.mu.Lock()
		r.copies[assetURL(rel)] = abs
		r.mu.Unlock()
	}
}

// assetURL is where a content file is published.
func assetURL(rel string) string {
	rel = strings.TrimPrefix(rel, "/")
	if strings.HasPrefix(rel, "files/") {
		return rel
	}
	return "files/" + rel
}

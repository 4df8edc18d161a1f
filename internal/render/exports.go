package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"

	"github.com/trustdocs/trustdocs/internal/resolve"
)

// Schema versions of the JSON exports. Bump on any incompatible change.
const (
	soaSchema   = "https://trustdocs.dev/schema/soa/v1"
	trustSchema = "https://trustdocs.dev/schema/trust/v2"
)

func marshal(v any) []byte {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		panic(err) // only our own types are marshalled; they always encode
	}
	return append(b, '\n')
}

type soaJSONDoc struct {
	Schema     string        `json:"$schema"`
	Framework  string        `json:"framework"`
	Standard   string        `json:"standard"`
	AsOf       string        `json:"as_of"`
	Version    string        `json:"version,omitempty"`
	Approved   string        `json:"approved,omitempty"`
	ApprovedBy string        `json:"approved_by,omitempty"`
	Revisions  []jsonRev     `json:"revisions,omitempty"`
	Controls   []soaJSONItem `json:"controls"`
}

type jsonRev struct {
	Version string `json:"version"`
	Date    string `json:"date"`
	Note    string `json:"note,omitempty"`
}

type soaJSONItem struct {
	ID            string     `json:"id"`
	Title         string     `json:"title"`
	TitleLong     string     `json:"title_long,omitempty"`
	Theme         string     `json:"theme"`
	Applicable    bool       `json:"applicable"`
	Reasons       []string   `json:"reasons"`
	Justification string     `json:"justification,omitempty"`
	Note          string     `json:"note,omitempty"`
	Status        string     `json:"status,omitempty"`
	Controls      []string   `json:"controls"`
	Policies      []jsonLink `json:"policies"`
}

type jsonLink struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
}

// writeSoAJSON writes soa.json, the Statement of Applicability of f.
func (r *renderer) writeSoAJSON(w io.Writer, f *resolve.Framework, rows []*resolve.SoARow) error {
	doc := soaJSONDoc{Schema: soaSchema, Framework: f.ID, Standard: f.Name, AsOf: r.s.AsOf.String(), Controls: []soaJSONItem{}}
	if d := r.s.SoADoc; d != nil {
		doc.Version, doc.Approved, doc.ApprovedBy = d.Version, d.Approved.String(), d.ApprovedBy
		for _, rev := range d.Revisions {
			doc.Revisions = append(doc.Revisions, jsonRev{rev.Version, rev.Date.String(), rev.Note})
		}
	}
	return writeJSON(w, doc, jsonArray{key: "controls", n: len(rows), elem: func(i int) any { return r.soaItem(rows[i]) }})
}

func (r *renderer) soaItem(row *resolve.SoARow) soaJSONItem {
	it := soaJSONItem{ID: row.ID, Title: row.Title, TitleLong: row.TitleLong, Theme: row.Theme.ID,
		Applicable: row.Applicable, Reasons: append([]string{}, row.Reasons...), Justification: row.Justification,
		Note: row.Note, Status: string(row.Status), Controls: []string{}, Policies: []jsonLink{}}
	for _, c := range row.Controls {
		it.Controls = append(it.Controls, c.ID)
	}
	for _, p := range r.soaPolicies(row) {
		it.Policies = append(it.Policies, jsonLink{p.Slug, p.Title})
	}
	return it
}

type trustJSONDoc struct {
	Schema         string          `json:"$schema"`
	Site           trustSite       `json:"site"`
	Certifications []trustCert     `json:"certifications"`
	Attestations   []trustReport   `json:"attestations"`
	Policies       []trustPolicy   `json:"policies"`
	Controls       []trustControl  `json:"controls"`
	Frameworks     []trustCoverage `json:"frameworks"`
}

type trustSite struct {
	Title   string `json:"title"`
	Company string `json:"company"`
	URL     string `json:"url,omitempty"`
	Contact string `json:"contact,omitempty"`
	// RequestAccess is the request page: where to ask for what this
	// audience may not read.
	RequestAccess string `json:"request_access,omitempty"`
	AsOf          string `json:"as_of"`
	Audience      string `json:"audience"`
}

type trustCert struct {
	Framework         string `json:"framework"`
	Standard          string `json:"standard,omitempty"`
	Status            string `json:"status"`
	Why               string `json:"why"`
	Edition           string `json:"edition,omitempty"`
	CycleStart        string `json:"cycle_start,omitempty"`
	CertificationBody string `json:"certification_body,omitempty"`
	AccreditationBody string `json:"accreditation_body,omitempty"`
	CertificateNumber string `json:"certificate_number,omitempty"`
	SoAVersion        string `json:"soa_version,omitempty"`
	Scope             string `json:"scope,omitempty"`
	Issued            string `json:"issued,omitempty"`
	Expires           string `json:"expires,omitempty"`
}

type trustReport struct {
	Framework    string   `json:"framework"`
	Type         string   `json:"type"`
	Status       string   `json:"status"`
	Why          string   `json:"why"`
	Opinion      string   `json:"opinion,omitempty"`
	Auditor      string   `json:"auditor,omitempty"`
	Categories   []string `json:"categories"`
	PeriodStart  string   `json:"period_start,omitempty"`
	PeriodEnd    string   `json:"period_end,omitempty"`
	PointInTime  string   `json:"point_in_time,omitempty"`
	Issued       string   `json:"issued,omitempty"`
	CurrentFrom  string   `json:"current_from,omitempty"`
	CurrentUntil string   `json:"current_until,omitempty"`
	Covered      string   `json:"covered_through,omitempty"`
	BridgeUntil  string   `json:"bridge_letter_covers_through,omitempty"`
}

type trustPolicy struct {
	Slug           string   `json:"slug"`
	Title          string   `json:"title"`
	Summary        string   `json:"summary,omitempty"`
	Classification string   `json:"classification"`
	URL            string   `json:"url,omitempty"`
	Version        string   `json:"version,omitempty"`
	Owner          string   `json:"owner,omitempty"`
	Approved       string   `json:"approved,omitempty"`
	NextReview     string   `json:"next_review,omitempty"`
	Review         string   `json:"review_status,omitempty"`
	Controls       []string `json:"controls,omitempty"`
}

type trustControl struct {
	ID       string              `json:"id"`
	Title    string              `json:"title"`
	Status   string              `json:"status"`
	Owner    string              `json:"owner,omitempty"`
	Mappings map[string][]string `json:"mappings"`
}

type trustCoverage struct {
	ID       string        `json:"id"`
	Name     string        `json:"name"`
	Coverage trustCounting `json:"coverage"`
	SoA      string        `json:"soa,omitempty"`
}

type trustCounting struct {
	Met         int `json:"met"`
	Partial     int `json:"partial"`
	Planned     int `json:"planned"`
	Unaddressed int `json:"unaddressed"`
	Total       int `json:"total"`
}

// writeTrustJSON writes trust.json, the machine-readable summary of what
// this audience may see.
func (r *renderer) writeTrustJSON(w io.Writer) error {
	c := r.s.Config
	doc := trustJSONDoc{Schema: trustSchema,
		Site: trustSite{Title: c.Title, Company: c.Company, URL: r.site.BaseURL, Contact: c.Contact,
			AsOf: r.s.AsOf.String(), Audience: string(r.site.Audience)},
		Certifications: []trustCert{}, Attestations: []trustReport{}, Policies: []trustPolicy{},
		Controls: []trustControl{}, Frameworks: []trustCoverage{}}
	if r.site.RequestPage != "" {
		doc.Site.RequestAccess = r.siteLink(r.site.RequestPage)
	}
	for _, ce := range r.visibleCerts() {
		tc := trustCert{Framework: ce.Framework.ID, Standard: ce.Standard,
			Status: ce.Status, Why: ce.Why, Edition: ce.Edition, CertificationBody: ce.CertificationBody, AccreditationBody: ce.AccreditationBody,
			CertificateNumber: ce.CertificateNumber, SoAVersion: ce.SoAVersion, Scope: ce.Scope, Issued: ce.Issued.String(), Expires: ce.Expires.String()}
		if ce.Start != ce.Issued {
			tc.CycleStart = ce.Start.String()
		}
		doc.Certifications = append(doc.Certifications, tc)
	}
	for _, a := range r.visibleReports() {
		rep := trustReport{Framework: a.Framework.ID, Type: a.Type, Status: a.Status, Why: a.Why, Opinion: a.Opinion, Auditor: a.Auditor,
			Categories: reportCategories(a), PeriodStart: a.PeriodStart.String(), PeriodEnd: a.PeriodEnd.String(),
			PointInTime: a.PointInTime.String(), Issued: a.Issued.String(), CurrentFrom: a.CurrentFrom.String(),
			CurrentUntil: a.CurrentUntil.String(), Covered: a.CoveredThrough.String()}
		if a.Bridge != nil {
			rep.BridgeUntil = a.Bridge.CoversThrough.String()
		}
		doc.Attestations = append(doc.Attestations, rep)
	}
	for _, fs := range r.pursued() {
		c := fs.Cov
		cov := trustCoverage{ID: fs.F.ID, Name: fs.F.Name,
			Coverage: trustCounting{Met: c.Met, Partial: c.Partial, Planned: c.Planned, Unaddressed: c.Unaddressed(), Total: c.Total}}
		if fs.SoA != nil {
			cov.SoA = "frameworks/" + fs.F.ID + "/soa/soa.json"
		}
		doc.Frameworks = append(doc.Frameworks, cov)
	}
	listed := r.site.ListedPolicies(r.s.Policies)
	return writeJSON(w, doc,
		jsonArray{key: "policies", n: len(listed), elem: func(i int) any { return r.trustPolicy(listed[i]) }},
		jsonArray{key: "controls", n: len(r.s.Controls), elem: func(i int) any { return trustControlOf(r.s.Controls[i]) }})
}

func (r *renderer) trustPolicy(p *resolve.Policy) trustPolicy {
	tp := trustPolicy{Slug: p.Slug, Title: p.Title, Summary: p.Summary, Classification: string(p.Classification)}
	if r.site.Renders(p.Classification) {
		tp.URL = policyURL(p.Slug)
		tp.Version, tp.Owner, tp.Approved = p.Version, p.Owner, p.Approved.String()
		tp.NextReview, tp.Review = p.NextReview.String(), p.Review
		for _, ctl := range p.Controls {
			tp.Controls = append(tp.Controls, ctl.ID)
		}
	}
	return tp
}

func trustControlOf(ctl *resolve.Control) trustControl {
	tc := trustControl{ID: ctl.ID, Title: ctl.Title, Status: string(ctl.Status), Owner: ctl.Owner, Mappings: map[string][]string{}}
	for _, m := range ctl.Mappings {
		for _, q := range m.Requirements {
			tc.Mappings[m.Framework.ID] = append(tc.Mappings[m.Framework.ID], q.ID)
		}
	}
	return tc
}

// reportCategories are a report's categories with the required ones first.
func reportCategories(a *resolve.Attestation) []string {
	var out []string
	for _, c := range a.Framework.Categories {
		in := c.Required
		for _, ref := range a.Categories {
			in = in || ref.ID == c.ID
		}
		if in {
			out = append(out, c.ID)
		}
	}
	return out
}

// exports plans the files other than pages.
func (r *renderer) exports() {
	r.file("trust.json", onSite(), nil).stream = r.writeTrustJSON
	robots := "User-agent: *\nAllow: /\n"
	if r.site.BaseURL != "" {
		robots += "Sitemap: " + r.site.BaseURL + "sitemap.xml\n"
		r.file("sitemap.xml", onSite(), func() ([]byte, error) { return r.sitemap(), nil })
	}
	r.file("robots.txt", onSettings(), func() ([]byte, error) { return []byte(robots), nil })
	r.file("feed.xml", onSite(), r.feed)
}

// pageLocation is the public address of a page: its folder for index.html.
func (r *renderer) pageLocation(p string) string {
	return r.site.BaseURL + strings.TrimSuffix(p, "index.html")
}

func (r *renderer) sitemap() []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range r.pageQueue {
		if p.Path == "404.html" {
			continue
		}
		b.WriteString("  <url><loc>")
		xml.EscapeText(&b, []byte(r.pageLocation(p.Path)))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

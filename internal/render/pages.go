package render

import (
	"html/template"
	"slices"
	"strings"
	"unicode"

	"github.com/trustdocs/trustdocs/internal/markdown"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

// pages queues every page of the site.
func (r *renderer) pages() {
	r.home()
	r.noticePage()
	r.book()
	r.policyPages()
	r.controlPages()
	r.frameworkPages()
	r.certificationsPage()
	r.summaryPage()
	r.answersPage()
	r.subprocessorsPage()
	r.requestAccessPage()
	for _, d := range r.s.Pages {
		if r.site.Renders(d.Classification) {
			r.add(&Page{Template: "page.html", Path: pageURL(d), Title: d.Title, Section: "page-" + d.Slug,
				Description: d.Summary, Data: docData{Doc: d, body: r.body(d)}}, onSite(d))
		}
	}
	r.add(&Page{Template: "404.html", Path: "404.html", Title: "Page not found"}, onSite())
}

// visibleChanges are the dated events this audience may see.
func (r *renderer) visibleChanges() []resolve.Change {
	var out []resolve.Change
	for _, c := range r.s.Changes {
		if r.site.Renders(c.Classification) {
			out = append(out, c)
		}
	}
	return out
}

type statusCounts struct {
	Implemented, Partial, Planned, Total int
}

func countStatuses(cs []*resolve.Control) statusCounts {
	var n statusCounts
	for _, c := range cs {
		switch c.Status {
		case model.Implemented:
			n.Implemented++
		case model.Partial:
			n.Partial++
		case model.Planned:
			n.Planned++
		}
	}
	n.Total = len(cs)
	return n
}

type frameworkSummary struct {
	F   *resolve.Framework
	Cov resolve.Coverage
	SoA *soaSummary // for frameworks with a Statement of Applicability
}

// Basis says what the coverage of the framework counts.
func (fs frameworkSummary) Basis() string {
	switch {
	case fs.SoA != nil:
		return "clauses (sub-clauses, not headings) and the Annex A controls the Statement of Applicability finds applicable"
	case len(fs.F.Categories) > 0:
		return "the criteria of the categories in scope"
	}
	return "every requirement"
}

// pursued are the summaries of the frameworks the site claims: the only
// ones with pages of their own. The comparison explains all of them.
func (r *renderer) pursued() []frameworkSummary {
	var out []frameworkSummary
	for _, fs := range r.summaries {
		if fs.F.Pursued {
			out = append(out, fs)
		}
	}
	return out
}

func (r *renderer) frameworkSummaries() []frameworkSummary {
	var out []frameworkSummary
	for _, f := range r.s.Frameworks {
		fs := frameworkSummary{F: f, Cov: f.Coverage()}
		if rows := soaRows(r.s, f); len(rows) > 0 {
			sum := summarizeSoA(rows)
			fs.SoA = &sum
		}
		out = append(out, fs)
	}
	return out
}

type homeData struct {
	Intro      template.HTML
	Certs      []*resolve.Certification
	Reports    []*resolve.Attestation
	Frameworks []frameworkSummary
	Policies   []*resolve.Policy
	Changes    []resolve.Change
	Controls   statusCounts
	intro      body
}

// withBody reads the text of content/_index.md, if the site has one.
func (d homeData) withBody(from *bodies) (any, error) {
	res, err := d.intro.read(from)
	d.Intro = res.HTML
	return d, err
}

func (r *renderer) home() {
	d := homeData{
		Certs:      r.visibleCerts(),
		Reports:    r.liveReports(),
		Frameworks: r.pursued(),
		Policies:   r.site.ListedPolicies(r.s.Policies),
		Controls:   countStatuses(r.s.Controls),
	}
	var bodies []*model.Doc
	if r.s.Intro != nil {
		d.intro = r.body(r.s.Intro)
		bodies = append(bodies, r.s.Intro)
	}
	d.Changes = r.visibleChanges()
	if len(d.Changes) > 8 {
		d.Changes = d.Changes[:8]
	}
	r.add(&Page{Template: "home.html", Path: r.site.Home, Title: r.s.Config.Title, Section: "home",
		Description: sentence("Security, compliance and trust information for " + r.s.Config.Company), Data: d}, onSite(bodies...))
}

type libraryData struct {
	Policies []*resolve.Policy
	Groups   []policyGroup
	Owners   []string
}

type policyData struct {
	P        *resolve.Policy
	Trail    []*resolve.Section // the sections it is in, outermost first
	Body     template.HTML
	TOC      []markdown.Heading
	Controls []*resolve.Control
	body     body
}

// withBody reads the policy's text and headings.
func (d policyData) withBody(from *bodies) (any, error) {
	res, err := d.body.read(from)
	d.Body, d.TOC = res.HTML, res.TOC
	return d, err
}

// Contents is the TOC as an ordered list of links. A method, so that it is
// made when the page is, not kept for every page until then.
func (d policyData) Contents() template.HTML { return markdown.Contents(d.TOC) }

// owners are the owners of the policies, sorted, each once.
func owners(ps []*resolve.Policy) []string {
	var out []string
	for _, p := range ps {
		if p.Owner != "" && !slices.Contains(out, p.Owner) {
			out = append(out, p.Owner)
		}
	}
	slices.Sort(out)
	return out
}

type docData struct {
	Doc  *model.Doc
	Body template.HTML
	body body
}

func (d docData) withBody(from *bodies) (any, error) {
	res, err := d.body.read(from)
	d.Body = res.HTML
	return d, err
}

func (r *renderer) policyPages() {
	listed := r.site.ListedPolicies(r.s.Policies)
	owners := owners(listed)
	groups := r.groups(listed)
	r.add(&Page{Template: "policies.html", Path: "policies/index.html", Title: "Policies", Section: "policies",
		Description: "The security and privacy policies that govern how we operate.",
		Data:        libraryData{Policies: listed, Groups: groups, Owners: owners}}, onSite())
	r.sectionPages(groups)
	for _, p := range listed {
		if !r.site.Renders(p.Classification) {
			continue
		}
		d := policyData{P: p, body: r.body(p.Doc), Controls: p.Controls}
		if sec := r.s.Section(p.Section); sec != nil {
			d.Trail = sec.Trail()
		}
		r.add(&Page{Template: "policy.html", Path: policyURL(p.Slug), Title: p.Title, Section: "policies",
			Description: p.Summary, Data: d}, onRecords([]*resolve.Policy{p}, p.Controls, p.Doc))
		for name, abs := range p.Attachments {
			r.copies["policies/"+p.Slug+"/"+name] = abs
		}
	}
}

type controlsData struct {
	Controls   []*resolve.Control
	Frameworks []*resolve.Framework
	Counts     statusCounts
}

type controlData struct {
	C        *resolve.Control
	Policies []*resolve.Policy
	r        *renderer
}

// Description is the control's description, converted from Markdown when
// the page is made: on all cores then, and not kept for every control.
func (d controlData) Description() template.HTML { return d.r.inline(d.C.Description) }

// controlSlugs checks that no two control ids share a page address.
func (r *renderer) controlSlugs() {
	seen := map[string]*resolve.Control{}
	for _, c := range r.s.Controls {
		slug := idSlug(c.ID)
		if prev := seen[slug]; prev != nil {
			r.diags.Errorf(c.At("id"), "control ids %q and %q would share the page controls/%s/; make them differ by more than case or punctuation", prev.ID, c.ID, slug)
		}
		if slug == "" {
			r.diags.Errorf(c.At("id"), "control id %q has no letters or digits", c.ID)
		}
		seen[slug] = c
	}
}

func (r *renderer) controlPages() {
	r.add(&Page{Template: "controls.html", Path: "controls/index.html", Title: "Controls", Section: "controls",
		Description: "Our security controls, their status and how they map to ISO 27001 and SOC 2.",
		Data:        controlsData{Controls: r.s.Controls, Frameworks: r.s.Pursued(), Counts: countStatuses(r.s.Controls)}}, onSite())
	for _, c := range r.s.Controls {
		r.add(&Page{Template: "control.html", Path: controlURL(c), Title: c.ID + " " + c.Title, Section: "controls",
			Description: c.Title,
			Data:        controlData{C: c, Policies: r.site.ListedPolicies(c.Policies), r: r}}, onRecords(c.Policies, []*resolve.Control{c}))
	}
}

// inline converts a short Markdown text (a control description).
func (r *renderer) inline(src string) template.HTML {
	if src == "" {
		return ""
	}
	if plainText(src) {
		return template.HTML("<p>" + src + "</p>\n")
	}
	return r.cache.inlineHTML(src, func() template.HTML {
		res, err := r.md.Convert([]byte(src), nil)
		if err != nil {
			return template.HTML(template.HTMLEscapeString(src))
		}
		return res.HTML
	})
}

// plainText reports whether a short text is one paragraph that Markdown
// would leave as it is: one line of letters, digits, spaces and a few
// marks that mean nothing to Markdown (nor to Linkify, nor to HTML), which
// starts with a letter. Most descriptions are; converting them with
// goldmark costs ten times more.
func plainText(s string) bool {
	if s == "" || strings.TrimSpace(s) != s || strings.Contains(s, "  ") {
		return false
	}
	for i, c := range s {
		switch {
		case unicode.IsLetter(c):
		case i == 0:
			return false
		case c == ' ' || c == ',' || c == ';' || c == '.' || c == '(' || c == ')' || c == '\'' || c == '?' || c == '%' || c == '’':
		case '0' <= c && c <= '9':
		default:
			return false
		}
	}
	// Linkify reads "www." as the start of a link.
	return !strings.Contains(strings.ToLower(s), "www.")
}

type frameworksData struct {
	Frameworks []frameworkSummary
	Pairs      []comparePair
}

type frameworkData struct {
	F       frameworkSummary
	Groups  []*resolve.Group
	HasSoA  bool
	Gaps    []*resolve.Requirement // what counts and is not met
	Reports []*resolve.Attestation
}

func (r *renderer) frameworkPages() {
	sums := r.pursued()
	pairs := r.comparePairs()
	r.add(&Page{Template: "frameworks.html", Path: "frameworks/index.html", Title: "Frameworks", Section: "frameworks",
		Description: "The frameworks our controls are mapped to, and how much of each they cover.",
		Data:        frameworksData{Frameworks: sums, Pairs: pairs}}, onSite())
	for _, fs := range sums {
		f := fs.F
		d := frameworkData{F: fs, Groups: f.Groups, HasSoA: fs.SoA != nil, Reports: r.liveReports()}
		d.Reports = slices.DeleteFunc(d.Reports, func(a *resolve.Attestation) bool { return a.Framework != f })
		d.Gaps = f.Gaps()
		r.add(&Page{Template: "framework.html", Path: frameworkURL(f), Title: f.Name, Section: "frameworks",
			Description: f.Description, Data: d}, onSite())
		if fs.SoA != nil {
			r.soaPage(f, *fs.SoA)
		}
	}
	r.comparePages(pairs)
}

type summaryData struct {
	Frameworks    []frameworkSummary
	Certs         []*resolve.Certification
	Reports       []*resolve.Attestation
	SoAs          []soaData
	Policies      []*resolve.Policy
	Subprocessors []*model.Subprocessor
}

// summaryPage is the one page a procurement reviewer prints: status of
// every certification and report, the SoA by theme, the policies with
// their versions and reviews, the subprocessors and whom to ask.
func (r *renderer) summaryPage() {
	d := summaryData{Frameworks: r.pursued(), Certs: r.visibleCerts(), Reports: r.liveReports(),
		Policies: r.site.ListedPolicies(r.s.Policies), Subprocessors: r.s.CurrentSubprocessors()}
	for _, fs := range r.pursued() {
		if fs.SoA != nil {
			d.SoAs = append(d.SoAs, soaData{F: fs.F, Sum: *fs.SoA})
		}
	}
	r.add(&Page{Template: "summary.html", Path: "summary/index.html", Title: "Security summary", Section: "summary",
		Description: "A one-page summary for procurement: certifications, reports, the Statement of Applicability, policies, subprocessors.", Data: d}, onSite())
}

package render

import (
	"net/url"
	"strings"

	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

// The request-access page: the documents this build lists but may not
// show, each with a checkbox, and the reader's name, company, work e-mail
// and reason. With request_access a mailto: (or only a contact address),
// site.js composes the e-mail from them (the form alone, without script,
// sends the fields as the e-mail's text); with an https:// address, the
// form posts there. No third-party script either way, and it works opened
// from disk. A link to a withheld document leads here with the document
// ticked (the fragment names its checkbox).
const requestPage = "request-access/index.html"

// requestable is a document a reader may ask for.
type requestable struct {
	Key     string // its checkbox's id; links name it as the fragment
	Title   string // what the request names
	Summary string
}

type requestGroup struct {
	Title string
	Docs  []requestable
}

type requestData struct {
	Groups []requestGroup
	Target model.RequestTarget
	Action string // the form's action: the form address, or a mailto: for a browser without script
	Count  int
}

// requestGroups are the documents this build lists but withholds, by
// kind: reports and certificates (what buyers ask for most), policies,
// pages, answers. The site need not be narrowed yet: internal records
// are never listed, so never requested.
func requestGroups(s *resolve.Site, a model.Audience) []requestGroup {
	var reports, policies, pages, answers []requestable
	for _, at := range s.Attestations {
		switch {
		case at.Issued.IsZero() || !a.Lists(at.Classification):
		case !a.Renders(at.Classification):
			reports = append(reports, requestable{Key: requestKey(at), Title: reportTitle(at, a)})
		case withheldBridge(at, a):
			reports = append(reports, requestable{Key: requestKey(at.Bridge),
				Title: at.Framework.Title() + " bridge letter, covering through " + at.Bridge.CoversThrough.Long()})
		}
	}
	for _, c := range s.Certifications {
		if c.Certificate != "" && a.Lists(c.Classification) && !a.Renders(c.Classification) {
			reports = append(reports, requestable{Key: requestKey(c), Title: c.Title() + " certificate"})
		}
	}
	for _, p := range s.Policies {
		if a.Lists(p.Classification) && !a.Renders(p.Classification) {
			policies = append(policies, requestable{Key: requestKey(p), Title: p.Title, Summary: p.Summary})
		}
	}
	for _, d := range s.Pages {
		if a.Lists(d.Classification) && !a.Renders(d.Classification) {
			pages = append(pages, requestable{Key: requestKey(d), Title: d.Title, Summary: d.Summary})
		}
	}
	for _, an := range s.Answers {
		if a.Lists(an.Classification) && !a.Renders(an.Classification) {
			answers = append(answers, requestable{Key: requestKey(an), Title: an.Question})
		}
	}
	var out []requestGroup
	for _, g := range []requestGroup{{"Reports and certificates", reports}, {"Policies", policies},
		{"Pages", pages}, {"Answers to security questions", answers}} {
		if len(g.Docs) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// requestKey is the checkbox id of a document on the request page.
func requestKey(item any) string {
	switch v := item.(type) {
	case *resolve.Policy:
		return "policy-" + v.Slug
	case *model.Doc:
		return "page-" + v.Slug
	case *resolve.Attestation:
		return "report-" + v.Framework.ID + "-" + strings.ToLower(v.Type) + "-" + v.CoverageEnd().String()
	case *resolve.Certification:
		return "certificate-" + v.Framework.ID + "-" + v.Issued.String()
	case *model.BridgeLetter:
		return "bridge-" + v.Issued.String() + "-" + v.CoversThrough.String()
	case *resolve.Answer:
		return "answer-" + v.ID
	case answerData:
		return requestKey(v.Answer)
	}
	return ""
}

func reportTitle(a *resolve.Attestation, aud model.Audience) string {
	t := a.Framework.Title() + " Type " + a.Type + " report"
	if a.Type == "I" {
		t += ", as of " + a.PointInTime.Long()
	} else {
		t += ", " + a.PeriodStart.Long() + " – " + a.PeriodEnd.Long()
	}
	if withheldBridge(a, aud) {
		t += ", with its bridge letter"
	}
	return t
}

// withheldBridge reports whether a's bridge letter is listed and not
// shown to aud, so that it is asked for.
func withheldBridge(a *resolve.Attestation, aud model.Audience) bool {
	b := a.Bridge
	return b != nil && b.File != "" && aud.Lists(b.Classification) && !aud.Renders(b.Classification)
}

func (r *renderer) requestAccessPage() {
	if r.site.RequestPage == "" {
		return
	}
	t := r.s.Config.Requests
	d := requestData{Groups: r.site.requests, Target: t, Action: t.Form}
	if t.Form == "" {
		d.Action = mailto(t.Email, t.Subject, t.CC)
	}
	for _, g := range d.Groups {
		d.Count += len(g.Docs)
	}
	r.add(&Page{Template: "request-access.html", Path: requestPage, Title: "Request access", Section: "request-access",
		Description: "Ask for the documents " + r.s.Config.Company + " shares under a non-disclosure agreement.",
		FormAction:  formAction(t), Data: d}, onSite())
}

// mailto is a mailto: URL as RFC 6068 writes it: spaces as %20, not +.
func mailto(to, subject, cc string) string {
	var q []string
	if subject != "" {
		q = append(q, "subject="+mailtoEscape(subject))
	}
	if cc != "" {
		q = append(q, "cc="+mailtoEscape(cc))
	}
	u := "mailto:" + strings.ReplaceAll(url.PathEscape(to), "%40", "@")
	if len(q) > 0 {
		u += "?" + strings.Join(q, "&")
	}
	return u
}

func mailtoEscape(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }

// formAction is what the page's Content-Security-Policy lets its form
// send to: the form's origin, or mailto: for the e-mail a browser without
// script composes. Every other page allows no form submission at all.
func formAction(t model.RequestTarget) string {
	if t.Form == "" {
		return "mailto:"
	}
	u, err := url.Parse(t.Form)
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// RequestLink is the link to ask for a document this build withholds: the
// request page with the document ticked, or "" without one.
func (p *Page) RequestLink(item any) string {
	if p.Site.RequestPage == "" {
		return ""
	}
	key := requestKey(item)
	if key == "" {
		return p.Rel(p.Site.RequestPage)
	}
	return p.Rel(p.Site.RequestPage) + "#" + key
}

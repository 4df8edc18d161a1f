package render

import (
	"html/template"
	"path"
	"strings"

	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

// Policies kept in folders of content/policies/ are grouped by folder:
// the library lists them section by section, and each section has a page
// at its folder's address (policies/hr/) with its introduction, from the
// folder's _index.md. Files beside a policy that is not a bundle (an
// image, a PDF in its folder) are published under the page of each
// policy that links to them, and only when that policy is.

// policyGroup is a section and the policies listed in it.
type policyGroup struct {
	Section  *resolve.Section // nil for the policies at the top
	Policies []*resolve.Policy
}

// sectionURL is where a section's page is written.
func sectionURL(sec *resolve.Section) string { return "policies/" + sec.Path + "/index.html" }

// groups sorts listed policies into their sections, in table-of-contents
// order. A section is kept when it or a section inside it lists a policy.
func (r *renderer) groups(listed []*resolve.Policy) []policyGroup {
	by := map[string][]*resolve.Policy{}
	for _, p := range listed {
		by[p.Doc.Section] = append(by[p.Doc.Section], p)
	}
	listing := map[*resolve.Section]bool{} // sections listing a policy, and those they are in
	for p := range by {
		for sec := r.s.Section(p); sec != nil && !listing[sec]; sec = sec.Parent {
			listing[sec] = true
		}
	}
	var out []policyGroup
	if top := by[""]; len(top) > 0 {
		out = append(out, policyGroup{Policies: top})
	}
	for _, sec := range r.s.Sections {
		if listing[sec] {
			out = append(out, policyGroup{Section: sec, Policies: by[sec.Path]})
		}
	}
	return out
}

type sectionData struct {
	S      *resolve.Section
	Body   template.HTML
	Groups []policyGroup // the section's own policies first, then those of the sections inside it
	Owners []string
	body   body
}

// withBody reads the text of the section's _index.md, if it has one.
func (d sectionData) withBody(from *bodies) (any, error) {
	res, err := d.body.read(from)
	d.Body = res.HTML
	return d, err
}

// sectionPages makes a page for each section that lists a policy.
func (r *renderer) sectionPages(groups []policyGroup) {
	for i, g := range groups {
		if g.Section == nil {
			continue
		}
		d := sectionData{S: g.Section}
		var listed []*resolve.Policy
		for _, inner := range groups[i:] {
			if inner.Section == g.Section || strings.HasPrefix(inner.Section.Path, g.Section.Path+"/") {
				d.Groups = append(d.Groups, inner)
				listed = append(listed, inner.Policies...)
			}
		}
		d.Owners = owners(listed)
		var bodies []*model.Doc
		desc := "Policies: " + g.Section.Title
		if doc := g.Section.Doc; doc != nil {
			d.body = r.body(doc)
			bodies = append(bodies, doc)
			if doc.Summary != "" {
				desc = doc.Summary
			}
		}
		r.add(&Page{Template: "section.html", Path: sectionURL(g.Section), Title: g.Section.Title, Section: "policies",
			Description: desc, Data: d}, onSite(bodies...))
	}
}

// sectionDocs are the _index.md of the sections that have a page.
func (r *renderer) sectionDocs() []*model.Doc {
	var out []*model.Doc
	for _, sec := range r.s.Sections {
		if sec.Doc != nil {
			out = append(out, sec.Doc)
		}
	}
	return out
}

// besidePolicy returns the name under policy d's page of a file that d
// links to in content/policies/ beside it (or in a folder near it), when
// the file is not a document or a bundle's attachment: ./diagram.png is
// "diagram.png", ../shared/logo.png is "_/shared/logo.png".
func (r *renderer) besidePolicy(d *model.Doc, target string) (string, bool) {
	if d.Kind != model.PolicyDoc || !strings.HasPrefix(target, "content/policies/") {
		return "", false
	}
	if _, ok := r.s.Assets[target]; !ok {
		return "", false
	}
	if name, ok := strings.CutPrefix(target, path.Dir(d.Pos.File)+"/"); ok {
		return name, true
	}
	return "_/" + strings.TrimPrefix(target, "content/policies/"), true
}

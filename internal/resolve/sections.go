package resolve

import (
	"cmp"
	"path"
	"slices"
	"strings"

	"github.com/trustdocs/trustdocs/internal/model"
)

// Section is a folder of content/policies/ that policies are grouped in
// (content/policies/hr/, content/policies/hr/onboarding/). The library
// lists policies by section, and each section has a page of its own.
type Section struct {
	Path   string     // below content/policies/: "hr", "hr/onboarding"
	Doc    *model.Doc // the folder's _index.md, or nil
	Title  string     // from _index.md, else made from the folder name
	Parent *Section   // nil for a top-level section
}

// ID is the section's id in the library's page: "section-hr-onboarding".
func (sec *Section) ID() string { return "section-" + strings.ReplaceAll(sec.Path, "/", "-") }

// Trail is the section and the sections it is in, outermost first.
func (sec *Section) Trail() []*Section {
	var out []*Section
	for s := sec; s != nil; s = s.Parent {
		out = append(out, s)
	}
	slices.Reverse(out)
	return out
}

// Section returns the section at path, or nil.
func (s *Site) Section(path string) *Section { return s.sections[path] }

// sections makes the sections that hold policies (directly or in a folder
// below), with their parents, in the order of a table of contents: each
// section before the ones inside it, siblings by weight, then title.
func (r *resolver) sections() {
	r.s.sections = map[string]*Section{}
	docs := map[string]*model.Doc{}
	for _, d := range r.s.Site.Sections {
		docs[d.Section] = d
	}
	var add func(p string) *Section
	add = func(p string) *Section {
		if sec := r.s.sections[p]; sec != nil {
			return sec
		}
		sec := &Section{Path: p, Doc: docs[p], Title: model.FolderTitle(path.Base(p))}
		if sec.Doc != nil && sec.Doc.Title != "" {
			sec.Title = sec.Doc.Title
		}
		if parent := path.Dir(p); parent != "." {
			sec.Parent = add(parent)
		}
		r.s.sections[p] = sec
		r.s.Sections = append(r.s.Sections, sec)
		return sec
	}
	for _, p := range r.s.Policies {
		if p.Doc.Section != "" {
			add(p.Doc.Section)
		}
	}
	for _, d := range r.s.Site.Sections {
		if r.s.sections[d.Section] == nil && d.Section != "" {
			r.diags.Warnf(d.Pos, "section %s has no policies, so it is not published; add policies beside this file or remove it", d.Section)
		}
	}
	for _, sec := range r.s.Sections {
		top, _, _ := strings.Cut(sec.Path, "/")
		if p := r.s.policies[top]; p != nil && sec.Parent == nil {
			at := p.Pos
			if sec.Doc != nil {
				at = sec.Doc.Pos
			}
			r.diags.Errorf(at, "section folder content/policies/%s/ and policy %s would both be published at policies/%s/; rename the folder or the policy", sec.Path, p.Pos.File, top)
		}
	}
	slices.SortFunc(r.s.Sections, func(a, b *Section) int {
		ta, tb := a.Trail(), b.Trail()
		for i := 0; i < len(ta) && i < len(tb); i++ {
			if ta[i] != tb[i] {
				return cmp.Or(byWeight(ta[i].weight(), tb[i].weight()),
					cmp.Compare(strings.ToLower(ta[i].Title), strings.ToLower(tb[i].Title)), cmp.Compare(ta[i].Path, tb[i].Path))
			}
		}
		return cmp.Compare(len(ta), len(tb))
	})
}

func (sec *Section) weight() int {
	if sec.Doc == nil {
		return 0
	}
	return sec.Doc.Weight
}

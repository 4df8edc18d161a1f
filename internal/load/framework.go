package load

import (
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

// framework reads a framework catalog: a built-in one or one of the site's
// content/frameworks/*.toml, which share one format.
func (l *loader) framework(file string, src []byte) *model.Framework {
	src, ok := l.clean(file, src)
	if !ok {
		return nil
	}
	t := l.parseTOML(file, src, 0, "")
	if t == nil {
		return nil
	}
	f := &model.Framework{Origin: t.origin()}
	f.ID = t.str("id", true, `an id that controls use as a key, e.g. id = "nis2"`)
	if f.ID != "" && !slugRE.MatchString(f.ID) {
		l.diags.Errorf(t.at("id"), "framework id %q must use only lower-case letters, digits and hyphens", f.ID)
	}
	f.Name = t.str("name", true, `the framework's full name, e.g. name = "Cyber Essentials"`)
	f.ShortName = t.str("short_name", false, "")
	f.Description = t.str("description", false, "")
	if p := t.sub("profile", "[profile]"); p != nil {
		f.Profile = model.Profile{
			Kind:        p.str("kind", false, ""),
			Publisher:   p.str("publisher", false, ""),
			AuditedBy:   p.str("audited_by", false, ""),
			Produces:    p.str("produces", false, ""),
			Stages:      p.str("stages", false, ""),
			Validity:    p.str("validity", false, ""),
			Renewal:     p.str("renewal", false, ""),
			Recognition: p.str("recognition", false, ""),
			Effort:      p.str("effort", false, ""),
		}
		f.Profile.ValidityMonths, _ = p.integer("validity_months")
		f.Profile.Surveillance, _ = p.boolean("surveillance")
		f.Profile.Attestation, _ = p.boolean("attestation")
		p.done()
	}
	for _, c := range t.tables("category", "[[category]]") {
		cat := model.Category{ID: c.str("id", true, `id = "security"`), Title: c.str("title", true, `title = "Security"`)}
		cat.Required, _ = c.boolean("required")
		c.done()
		f.Categories = append(f.Categories, cat)
	}
	groups := map[string]bool{}
	for _, g := range t.tables("group", "[[group]]") {
		gr := model.Group{ID: g.str("id", true, `id = "A.5"`), Title: g.str("title", true, `title = "Organizational controls"`)}
		gr.Description = g.str("description", false, "")
		gr.SoA, _ = g.boolean("soa")
		g.done()
		if groups[gr.ID] {
			l.diags.Errorf(g.at("id"), "[[group]]: id %q is used twice", gr.ID)
		}
		groups[gr.ID] = true
		f.Groups = append(f.Groups, gr)
	}
	seen := map[string]diag.Pos{}
	for _, r := range t.tables("requirement", "[[requirement]]") {
		req := &model.Requirement{Origin: r.origin()}
		req.ID = r.str("id", true, `id = "A.5.1"`)
		req.Title = r.str("title", true, `a short title`)
		req.TitleLong = r.str("title_long", false, "")
		req.Group = r.str("group", len(f.Groups) > 0, `the id of a [[group]]`)
		req.Parent = r.str("parent", false, "")
		req.Category = r.str("category", false, "")
		req.New, _ = r.boolean("new")
		r.done()
		if prev, dup := seen[req.ID]; dup {
			l.diags.Errorf(r.at("id"), "[[requirement]]: id %q is already used at line %d", req.ID, prev.Line)
			continue
		}
		seen[req.ID] = r.at("id")
		if req.Group != "" && !groups[req.Group] {
			l.diags.Errorf(r.at("group"), "[[requirement]]: group %q is not a [[group]] of this framework", req.Group)
		}
		f.Requirements = append(f.Requirements, req)
	}
	for _, req := range f.Requirements {
		if req.Parent != "" {
			if _, ok := seen[req.Parent]; !ok {
				l.diags.Errorf(req.At("parent"), "[[requirement]]: parent %q is not a requirement of this framework", req.Parent)
			}
		}
		if req.Category != "" && !hasCategory(f, req.Category) {
			l.diags.Errorf(req.At("category"), "[[requirement]]: category %q is not a [[category]] of this framework", req.Category)
		}
	}
	t.done()
	for _, other := range l.site.Frameworks {
		if other.ID == f.ID {
			l.diags.Errorf(t.at("id"), "framework id %q is already taken by %s", f.ID, other.Pos.File)
			return nil
		}
	}
	return f
}

func hasCategory(f *model.Framework, id string) bool {
	for _, c := range f.Categories {
		if c.ID == id {
			return true
		}
	}
	return false
}

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
	f := &model.Framework{Origin: t.Origin()}
	f.ID = t.Str("id", true, `an id that controls use as a key, e.g. id = "nis2"`)
	if f.ID != "" && !slugRE.MatchString(f.ID) {
		l.diags.Errorf(t.At("id"), "framework id %q must use only lower-case letters, digits and hyphens", f.ID)
	}
	f.Name = t.Str("name", true, `the framework's full name, e.g. name = "Cyber Essentials"`)
	f.ShortName = t.Str("short_name", false, "")
	f.Description = t.Str("description", false, "")
	if p := t.Sub("profile", "[profile]"); p != nil {
		f.Profile = model.Profile{
			Kind:        p.Str("kind", false, ""),
			Publisher:   p.Str("publisher", false, ""),
			AuditedBy:   p.Str("audited_by", false, ""),
			Produces:    p.Str("produces", false, ""),
			Stages:      p.Str("stages", false, ""),
			Validity:    p.Str("validity", false, ""),
			Renewal:     p.Str("renewal", false, ""),
			Recognition: p.Str("recognition", false, ""),
			Effort:      p.Str("effort", false, ""),
			Prescribes:  p.Str("prescribes", false, ""),
			Evidence:    p.Str("evidence", false, ""),
			Basis:       p.Str("basis", false, ""),
		}
		f.Profile.ValidityMonths, _ = p.Int("validity_months")
		f.Profile.Surveillance, _ = p.Bool("surveillance")
		f.Profile.Attestation, _ = p.Bool("attestation")
		p.Done()
	}
	for _, c := range t.Tables("category", "[[category]]") {
		cat := model.Category{ID: c.Str("id", true, `id = "security"`), Title: c.Str("title", true, `title = "Security"`)}
		cat.Required, _ = c.Bool("required")
		c.Done()
		f.Categories = append(f.Categories, cat)
	}
	groups := map[string]bool{}
	for _, g := range t.Tables("group", "[[group]]") {
		gr := model.Group{ID: g.Str("id", true, `id = "A.5"`), Title: g.Str("title", true, `title = "Organizational controls"`)}
		gr.Description = g.Str("description", false, "")
		gr.SoA, _ = g.Bool("soa")
		g.Done()
		if groups[gr.ID] {
			l.diags.Errorf(g.At("id"), "[[group]]: id %q is used twice", gr.ID)
		}
		groups[gr.ID] = true
		f.Groups = append(f.Groups, gr)
	}
	seen := map[string]diag.Pos{}
	for _, r := range t.Tables("requirement", "[[requirement]]") {
		req := &model.Requirement{Origin: r.Origin()}
		req.ID = r.Str("id", true, `id = "A.5.1"`)
		req.Title = r.Str("title", true, `a short title`)
		req.TitleLong = r.Str("title_long", false, "")
		req.Group = r.Str("group", len(f.Groups) > 0, `the id of a [[group]]`)
		req.Parent = r.Str("parent", false, "")
		req.Category = r.Str("category", false, "")
		req.New, _ = r.Bool("new")
		r.Done()
		if prev, dup := seen[req.ID]; dup {
			l.diags.Errorf(r.At("id"), "[[requirement]]: id %q is already used at line %d", req.ID, prev.Line)
			continue
		}
		seen[req.ID] = r.At("id")
		if req.Group != "" && !groups[req.Group] {
			l.diags.Errorf(r.At("group"), "[[requirement]]: group %q is not a [[group]] of this framework", req.Group)
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
	t.Done()
	for _, other := range l.site.Frameworks {
		if other.ID == f.ID {
			l.diags.Errorf(t.At("id"), "framework id %q is already taken by %s", f.ID, other.Pos.File)
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

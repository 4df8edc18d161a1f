package load

import (
	"github.com/trustdocs/trustdocs/internal/catalog"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/tomlpos"
)

// builtinCrosswalks reads the crosswalks trustdocs ships: read with the
// built-in frameworks, ahead of the site's own.
func (l *loader) builtinCrosswalks() {
	for _, name := range catalog.Crosswalks() {
		src, _ := catalog.CrosswalkFile(name)
		if src, ok := l.clean("builtin:crosswalks/"+name, src); ok {
			if cw := l.readCrosswalk("builtin:crosswalks/"+name, src); cw != nil {
				cw.BuiltIn = true
				l.site.Crosswalks = append(l.site.Crosswalks, cw)
			}
		}
	}
}

// crosswalks reads one of the site's content/crosswalks/*.toml.
func (l *loader) crosswalks(file string, src []byte) {
	if cw := l.readCrosswalk(file, src); cw != nil {
		l.site.Crosswalks = append(l.site.Crosswalks, cw)
	}
}

// readCrosswalk reads a crosswalk file: from and to name two frameworks,
// and each [[pair]] relates a requirement of one to a requirement of the
// other. Whether the ids exist is for resolve to say.
func (l *loader) readCrosswalk(file string, src []byte) *model.Crosswalk {
	t := l.parseTOML(file, src, 0, "")
	if t == nil {
		return nil
	}
	cw := &model.Crosswalk{Origin: t.Origin()}
	cw.From = ref(t, "from", `the id of the first framework, e.g. from = "iso27001"`)
	cw.To = ref(t, "to", `the id of the second framework, e.g. to = "soc2"`)
	for _, p := range t.Tables("pair", "[[pair]]") {
		pair := &model.Pair{Origin: p.Origin()}
		pair.From = ref(p, "from", `a requirement of the first framework, e.g. from = "A.8.32"`)
		pair.To = ref(p, "to", `a requirement of the second framework, e.g. to = "CC8.1"`)
		pair.Relationship = model.Relationship(p.Enum("relationship", model.Relationships, ""))
		if !p.Has("relationship") {
			p.Missing("relationship", `relationship = "intersects" (or "equal", "subset", "superset", "none")`)
		}
		pair.Rationale = p.Str("rationale", false, "")
		p.Done()
		cw.Pairs = append(cw.Pairs, pair)
	}
	t.Done()
	return cw
}

// ref reads a required id at key, with its position.
func ref(t *tomlpos.Table, key, hint string) model.Ref {
	return model.Ref{ID: t.Str(key, true, hint), Pos: t.At(key)}
}

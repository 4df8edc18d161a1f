package mdimport

import (
	"cmp"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/tomlpos"
)

// numberRE is the number a file or folder name is ordered by: 01-intro,
// 2_people, 10. Scope.
var numberRE = regexp.MustCompile(`^(\d{1,4})[-_. ]+`)

// numbered splits a name into its ordering number (0 when none) and the
// rest.
func numbered(name string) (int, string) {
	m := numberRE.FindStringSubmatch(name)
	if m == nil || len(m[0]) == len(name) {
		return 0, name
	}
	n, _ := strconv.Atoi(m[1])
	return n, name[len(m[0]):]
}

// place decides where every document and folder goes in the new site:
// folders become sections, documents policies with unique slugs, index
// files their folder's page.
func (im *importer) place() {
	rels := make([]string, 0, len(im.folders))
	for rel := range im.folders {
		rels = append(rels, rel)
	}
	slices.Sort(rels) // parents before children
	outs := map[string]bool{}
	for _, rel := range rels {
		f := im.folders[rel]
		if rel == im.root || rel == "." && im.root == "" {
			continue
		}
		n, name := numbered(path.Base(rel))
		f.weight = n
		slug := model.Slug(name)
		if slug == "" {
			slug = "section"
		}
		// A name written for people ("People Ops") is the title; one
		// written as a path ("people-ops", "policies") is made one.
		f.title = strings.TrimSpace(name)
		if f.title == strings.ToLower(f.title) && !strings.Contains(f.title, " ") {
			f.title = model.FolderTitle(slug)
		}
		if e, ok := im.nav[rel]; ok {
			f.title, f.weight = cmp.Or(e.title, f.title), cmp.Or(e.weight, f.weight)
		}
		im.category(f)
		parent := im.folders[path.Dir(rel)]
		out := slug
		if parent != nil && parent.out != "" {
			out = parent.out + "/" + slug
		}
		for i := 2; outs[out]; i++ {
			out = strings.TrimSuffix(out, "-"+strconv.Itoa(i-1)) + "-" + strconv.Itoa(i)
		}
		f.out, outs[out] = out, true
		if !strings.Contains(out, "/") {
			im.slugs[out] = rel + "/"
		}
	}
	for _, d := range im.docs {
		f := im.folders[d.dir]
		if d.index && f != nil && f.index == nil {
			f.index = d
			if f.out == "" {
				d.out = "content/_index.md"
			} else {
				d.out = "content/policies/" + f.out + "/_index.md"
			}
			d.section = f
			continue
		}
		if d.index { // a second index in one folder: README.md beside index.md
			d.index = false
		}
		n, name := numbered(d.base)
		d.weight = n
		if e, ok := im.nav[d.rel]; ok {
			d.navTitle, d.weight = e.title, cmp.Or(e.weight, d.weight)
		}
		slug := model.Slug(name)
		if slug == "" {
			slug = "policy"
		}
		if _, taken := im.slugs[slug]; taken && f != nil && f.out != "" {
			// the same name in another folder: access.md in policies/ and procedures/
			slug = model.Slug(path.Base(f.out) + "-" + slug)
		}
		for base, i := slug, 2; im.slugs[slug] != ""; i++ {
			slug = fmt.Sprintf("%s-%d", base, i)
		}
		im.slugs[slug] = d.rel
		d.slug = slug
		d.section = f
		if f != nil && f.out != "" {
			d.out = "content/policies/" + f.out + "/" + slug + ".md"
		} else {
			d.out = "content/policies/" + slug + ".md"
		}
		im.res.Policies++
		for dir := d.dir; im.folders[dir] != nil; dir = path.Dir(dir) { // its folder and those it is in
			im.folders[dir].holds = true
			if dir == "." {
				break
			}
		}
	}
	for _, f := range im.folders {
		if f.out != "" && f.index == nil && f.holds {
			im.res.Sections++
			if f.weight != 0 || f.title != model.FolderTitle(path.Base(f.out)) {
				// The folder's own name and place, which its slug loses.
				im.files["content/policies/"+f.out+"/_index.md"] = sectionFront(f.title, "", f.weight, "")
			}
		} else if f.index != nil && f.out != "" {
			im.res.Sections++
		}
	}
}

// sectionFront is a section's _index.md.
func sectionFront(title, summary string, weight int, body string) []byte {
	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %s\n", tomlpos.Quote(title))
	if summary != "" {
		fmt.Fprintf(&b, "summary = %s\n", tomlpos.Quote(summary))
	}
	if weight != 0 {
		fmt.Fprintf(&b, "weight = %d\n", weight)
	}
	b.WriteString("+++\n")
	if body != "" {
		b.WriteString("\n" + body)
	}
	return []byte(b.String())
}

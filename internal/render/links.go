package render

import (
	"path"
	"strings"

	"github.com/trustdocs/trustdocs/internal/model"
)

// docOutputPath is where a document's page is written.
func docOutputPath(d *model.Doc) string {
	switch d.Kind {
	case model.PolicyDoc:
		return policyURL(d.Slug)
	case model.PageDoc:
		return pageURL(d)
	}
	return "index.html"
}

// contentTarget reads a Markdown link destination written in file. When it
// names another Markdown file of the site (relative, ending in .md), it
// returns that file's site-relative path.
func contentTarget(file, dest string) (string, bool) {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "//") {
		return "", false
	}
	if i := strings.IndexAny(dest, ":/"); i >= 0 && dest[i] == ':' {
		return "", false // has a scheme: https:, mailto: …
	}
	p, _, _ := strings.Cut(dest, "#")
	p, _, _ = strings.Cut(p, "?")
	if !strings.HasSuffix(p, ".md") {
		return "", false
	}
	return path.Clean(path.Join(path.Dir(file), p)), true
}

// outputFor returns the output path a content file's link should point to
// in this build, or "" when the site has no such document. A document this
// audience may not read links to its entry in the library instead.
func (r *renderer) outputFor(target string) string {
	rest, ok := strings.CutPrefix(target, "content/")
	if !ok {
		return ""
	}
	if rest == "_index.md" {
		return "index.html"
	}
	if slug, ok := strings.CutPrefix(rest, "policies/"); ok {
		slug = strings.TrimSuffix(strings.TrimSuffix(slug, ".md"), "/index")
		p := r.s.Policy(slug)
		switch {
		case p == nil:
			return ""
		case r.site.Renders(p.Classification):
			return policyURL(slug)
		}
		return "policies/index.html"
	}
	if slug, ok := strings.CutPrefix(rest, "pages/"); ok {
		slug = strings.TrimSuffix(slug, ".md")
		for _, d := range r.s.Pages {
			if d.Slug == slug {
				if r.site.Renders(d.Classification) {
					return pageURL(d)
				}
				return "index.html"
			}
		}
	}
	return ""
}

// rewriteLink points links between content files at their pages.
func (r *renderer) rewriteLink(d *model.Doc, from, dest string) string {
	target, ok := contentTarget(d.Pos.File, dest)
	if !ok {
		return dest
	}
	to := r.outputFor(target)
	if to == "" {
		return dest
	}
	if _, frag, ok := strings.Cut(dest, "#"); ok && !strings.Contains(to, "#") && to != "policies/index.html" {
		to += "#" + frag
	}
	return relPath(from, to)
}

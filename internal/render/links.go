package render

import (
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/markdown"
	"github.com/trustdocs/trustdocs/internal/model"
)

// Authors link between content files as they see them in their editor:
// [Access Control](access-control.md#passwords), ![diagram](../files/net.png),
// [letter](retest-letter.pdf) in a bundle. This file maps those links to the
// pages and files of the output, and reports the ones that lead nowhere.

// docOutputPath is where a document's page is written.
func (r *renderer) docOutputPath(d *model.Doc) string {
	if p, ok := r.docOut[d]; ok {
		return p
	}
	return r.docPath(d)
}

// docPath works out docOutputPath; convertDocs notes every document's in
// docOut, as every link checked and rewritten asks for its target's.
func (r *renderer) docPath(d *model.Doc) string {
	switch d.Kind {
	case model.PolicyDoc:
		return policyURL(d.Slug)
	case model.PageDoc:
		return pageURL(d)
	case model.SectionDoc:
		return "policies/" + d.Section + "/index.html"
	}
	return r.site.Home
}

// contentTarget reads a link destination written in file. When it is a
// relative path (no scheme, not site-absolute), it returns the site-relative
// path of the file it names and the fragment; "#frag" names file itself.
func contentTarget(file, dest string) (target, frag string, ok bool) {
	if dest == "" || strings.HasPrefix(dest, "/") {
		return "", "", false
	}
	if i := strings.IndexAny(dest, ":/?#"); i >= 0 && dest[i] == ':' {
		return "", "", false // has a scheme: https:, mailto: …
	}
	p, frag, _ := strings.Cut(dest, "#")
	p, _, _ = strings.Cut(p, "?")
	if u, err := url.PathUnescape(frag); err == nil {
		frag = u // #%E6%97%85 names the heading 旅
	}
	if p == "" {
		return file, frag, frag != ""
	}
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	return path.Clean(path.Join(path.Dir(file), p)), frag, true
}

// A linkTarget is what contentTarget reads of a link: serve keeps it with
// the conversion, so that a rebuild checks every document's links without
// parsing each of them again.
type linkTarget struct {
	target, frag string
	ok           bool
}

// linkTargets reads the destinations of links written in file.
func linkTargets(file string, links []markdown.Link) []linkTarget {
	out := make([]linkTarget, len(links))
	for i, l := range links {
		out[i].target, out[i].frag, out[i].ok = contentTarget(file, l.Dest)
	}
	return out
}

// outputFor returns the output path that a link in from to the site file
// target should lead to in this build, or "" when the site has no such
// file. A document or file this audience may not read leads to the page
// that lists it instead.
func (r *renderer) outputFor(from *model.Doc, target string) string {
	rest, ok := strings.CutPrefix(target, "content/")
	if !ok {
		return ""
	}
	if d := r.docByFile[target]; d != nil {
		switch {
		case r.leftOut(d) && d.Kind == model.PolicyDoc:
			return "policies/index.html"
		case r.leftOut(d):
			return r.site.Home
		case r.site.Renders(d.Classification):
			return r.docOutputPath(d)
		case d.Kind == model.PolicyDoc:
			return "policies/index.html"
		}
		return r.site.Home
	}
	if d, name := r.bundleOf(target); d != nil {
		switch p := r.linking.policies[d.Slug]; {
		case p != nil && p.Pos.File == d.Pos.File && r.site.Renders(p.Classification):
			return "policies/" + d.Slug + "/" + name
		case p != nil && p.Pos.File == d.Pos.File, r.leftOut(d):
			return "policies/index.html" // a draft's attachment is published with it
		}
	}
	if name, ok := r.besidePolicy(from, target); ok {
		if r.site.Renders(from.Classification) && !r.leftOut(from) {
			return "policies/" + from.Slug + "/" + name
		}
		return "policies/index.html"
	}
	if _, ok := r.s.Assets[target]; ok {
		if r.withheld[rest] {
			return "certifications/index.html"
		}
		return assetURL(rest)
	}
	return ""
}

// bundleOf returns the policy bundle whose attachment target is, and the
// attachment's name in it, or nil.
func (r *renderer) bundleOf(target string) (*model.Doc, string) {
	for i := len("content/policies/"); i < len(target); i++ {
		if target[i] != '/' {
			continue
		}
		if d := r.docByFile[target[:i]+"/index.md"]; d != nil && d.Kind == model.PolicyDoc {
			if name := target[i+1:]; d.Attachments[name] != "" {
				return d, name
			}
			return nil, ""
		}
	}
	return nil, ""
}

// rewriteLink points a link written in d at its page or file in the output.
func (r *renderer) rewriteLink(d *model.Doc, from, dest string) string {
	target, frag, ok := contentTarget(d.Pos.File, dest)
	if !ok || strings.HasPrefix(dest, "#") {
		return dest
	}
	to := r.outputFor(d, target)
	if to == "" {
		return dest
	}
	if frag != "" && r.docByFile[target] != nil && strings.HasSuffix(to, r.docOutputPath(r.docByFile[target])) {
		to += "#" + frag
	}
	return relFrom(from, to)
}

// checkLinks reports d's links to documents, headings and files that do not
// exist, and publishes the files that d links to when d itself is published.
// targets are where res.Links lead (linkTargets); idsOf gives the
// heading ids of a document converted.
func (r *renderer) checkLinks(d *model.Doc, res markdown.Result, targets []linkTarget, idsOf func(*model.Doc) ([]string, bool)) {
	for i, l := range res.Links {
		target, frag, ok := targets[i].target, targets[i].frag, targets[i].ok
		if !ok {
			continue
		}
		at := diag.Pos{File: d.Pos.File, Line: d.BodyLine + l.Line - 1, Col: l.Col}
		if target == d.Pos.File {
			if frag != "" && !slices.Contains(res.IDs, frag) && !r.templateID(frag) {
				r.brokenLink(at, "link to %q: this document has no heading with id %q%s; heading ids are the heading's words in lower case, joined by hyphens",
					l.Dest, frag, diag.DidYouMean(frag, res.IDs))
			}
			continue
		}
		to := r.outputFor(d, target)
		if to == "" {
			if !r.s.Site.Unread[target] { // else its own error says why
				r.reportMissing(at, d, l, target)
			}
			continue
		}
		if td := r.docByFile[target]; td != nil && r.leftOut(td) && !r.leftOut(d) {
			r.diags.Warnf(at, "link to %q: %s is a draft, which this build leaves out, so the link leads to the %s; publish it (remove draft = true) or build with --drafts",
				l.Dest, target, map[bool]string{true: "policy library", false: "home page"}[td.Kind == model.PolicyDoc])
		}
		if td := r.docByFile[target]; td != nil && frag != "" {
			if ids, converted := idsOf(td); converted && !slices.Contains(ids, frag) && !r.templateID(frag) {
				r.brokenLink(at, "link to %q: %s has no heading with id %q%s", l.Dest, target, frag, diag.DidYouMean(frag, ids))
			}
		}
		// A file the link reaches is published with the document. It is
		// copied by the path it has in content/ (content/files/x.pdf and
		// content/x.pdf are both published under files/).
		switch _, isAsset := r.s.Assets[target]; {
		case !isAsset || !r.site.Renders(d.Classification):
		case strings.HasPrefix(to, "files/"), strings.HasPrefix(to, "policies/"+d.Slug+"/"):
			r.mu.Lock()
			r.linkCopies = append(r.linkCopies, linkCopy{from: d.Pos.File, to: to, abs: r.s.Assets[target]})
			r.mu.Unlock()
		}
	}
}

// leftOut reports whether d is a draft that this build leaves out.
func (r *renderer) leftOut(d *model.Doc) bool {
	return d.Draft && slices.Contains(r.s.Drafts, d)
}

// templateID reports whether the page templates give an element this id,
// such as the "h-revisions" heading of a policy page.
func (r *renderer) templateID(id string) bool {
	return r.tmpl != nil && r.tmpl.ids[id]
}

// reportMissing explains a link to a file the site does not have, with the
// closest existing path as the link would be written.
func (r *renderer) reportMissing(at diag.Pos, d *model.Doc, l markdown.Link, target string) {
	what := "file"
	var candidates []string
	if strings.HasSuffix(target, ".md") {
		what = "policy or page"
		for file := range r.docByFile {
			candidates = append(candidates, relFrom(d.Pos.File, file))
		}
	} else {
		for file := range r.s.Assets {
			candidates = append(candidates, relFrom(d.Pos.File, file))
		}
		for _, p := range r.linking.policies {
			for name := range p.Attachments {
				candidates = append(candidates, relFrom(d.Pos.File, path.Join(path.Dir(p.Pos.File), name)))
			}
		}
	}
	slices.Sort(candidates)
	written, _, _ := strings.Cut(l.Dest, "#")
	hint := diag.DidYouMean(written, candidates)
	for _, c := range candidates { // moved to another folder: the same name elsewhere
		if path.Base(c) == path.Base(written) && c != written {
			hint = diag.DidYouMean(c, []string{c})
			break
		}
	}
	if strings.HasPrefix(target, "..") || !strings.HasPrefix(target, "content/") {
		r.diags.Errorf(at, "link to %q leads outside content/; link only to files in content/%s", l.Dest, hint)
		return
	}
	fix := "fix the path (it is relative to this file)"
	if what == "file" {
		fix = "add the file (in content/files/, or beside index.md in a policy bundle) or fix the path"
	}
	r.brokenLink(at, "link to %q: there is no %s %s; %s%s", l.Dest, what, target, fix, hint)
}

// brokenLink reports a link to a document, heading or file that does not
// exist: an error, unless site.toml's [build] broken_links = "warning"
// (while migrating a handbook). A link that leads outside content/ is
// always an error.
func (r *renderer) brokenLink(at diag.Pos, format string, args ...any) {
	if r.s.Config.BrokenLinks == "warning" {
		r.diags.Warnf(at, format, args...)
		return
	}
	r.diags.Errorf(at, format, args...)
}

// relFrom returns the shortest relative link from file to target; both
// are slash-separated paths from the same root.
func relFrom(file, target string) string {
	var from []string
	if dir := path.Dir(file); dir != "." {
		from = strings.Split(dir, "/")
	}
	to := strings.Split(target, "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
}

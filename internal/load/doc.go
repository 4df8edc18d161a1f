package load

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/tomlpos"
)

type docFile struct {
	abs     string
	kind    model.DocKind
	bundle  string // bundle folder name, for policies/…/<slug>/index.md
	section string // folder below content/policies/, for policies and sections
}

// frontMatter is the result of splitting a Markdown file.
type frontMatter struct {
	Front     []byte // between the delimiter lines; nil when there is none
	FrontLine int    // line of the file where Front starts
	YAML      bool   // --- lines (YAML, as Jekyll, Hugo and MkDocs write) rather than +++ (TOML)
	Body      []byte
	BodyLine  int // line of the file where Body starts
}

// splitFrontMatter separates front matter — TOML between +++ lines, or
// YAML between --- lines — from the Markdown body. It reports front
// matter that is never closed.
func splitFrontMatter(src []byte) (frontMatter, error) {
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	delim := string(bytes.TrimRight(first, " \t\r"))
	switch delim {
	case "+++", "---":
	default:
		return frontMatter{Body: src, BodyLine: 1}, nil
	}
	line := 2
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		if end < 0 {
			end = len(rest) - off
		}
		if string(bytes.TrimRight(rest[off:off+end], " \t\r")) == delim {
			body := rest[min(len(rest), off+end+1):]
			return frontMatter{Front: rest[:off], FrontLine: 2, YAML: delim == "---", Body: body, BodyLine: line + 1}, nil
		}
		off += end + 1
		line++
	}
	return frontMatter{}, frontMatterError{1, fmt.Sprintf("front matter opened with %s on line 1 is never closed; add a line %s after the last front-matter key", delim, delim)}
}

type frontMatterError struct {
	line int
	msg  string
}

func (e frontMatterError) Error() string { return e.msg }

var slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// parseDoc reads a document's text; file is its site-relative path.
func (l *loader) parseDoc(file string, src []byte, f docFile) *model.Doc {
	kind := f.kind
	d := &model.Doc{Kind: kind, Section: f.section, Origin: model.Origin{Pos: diag.Pos{File: file, Line: 1}}}
	slug := f.bundle
	if slug == "" {
		slug = strings.TrimSuffix(filepath.Base(file), ".md")
	}
	if kind == model.PolicyDoc || kind == model.PageDoc {
		d.Slug = slug
		if !slugRE.MatchString(slug) {
			l.diags.Errorf(diag.Pos{File: file}, "%q is not a valid slug: the file name becomes the page's address, so use only lower-case letters, digits and hyphens (e.g. %s)", slug, suggestSlug(slug))
		}
	}
	fm, err := splitFrontMatter(src)
	if err != nil {
		fe := err.(frontMatterError)
		l.diags.Errorf(diag.Pos{File: file, Line: fe.line}, "%s", fe.msg)
		l.unread(file)
		return nil
	}
	d.Body, d.BodyLine = fm.Body, fm.BodyLine
	name := "front matter"
	if fm.Front == nil {
		if rest := bytes.TrimLeft(src, " \t\n"); len(rest) < len(src) && (bytes.HasPrefix(rest, []byte("+++")) || bytes.HasPrefix(rest, []byte("---"))) {
			line := 1 + bytes.Count(src[:len(src)-len(rest)], []byte("\n"))
			l.diags.Errorf(diag.Pos{File: file, Line: line, Col: 1}, "front matter must start on the first line of the file; remove the blank lines above %s", rest[:3])
			l.unread(file)
			return nil
		}
		if kind == model.PolicyDoc {
			l.diags.Errorf(diag.Pos{File: file, Line: 1}, "policy has no front matter; start the file with +++, then title = \"…\" and the other fields, then +++")
			l.unread(file)
			return nil
		}
		d.Classification = model.Public
		d.Title = firstHeading(fm.Body)
		return d
	}
	var t *tomlpos.Table
	if fm.YAML {
		if t = tomlpos.ParseYAML(file, fm.Front, fm.FrontLine-1, name, l.diags); t == nil {
			l.unread(file)
		}
	} else {
		t = l.parseTOML(file, fm.Front, fm.FrontLine-1, name)
	}
	if t == nil {
		return nil
	}
	d.Origin = t.Origin()
	d.Pos = diag.Pos{File: file, Line: 1}
	switch kind {
	case model.PolicyDoc:
		l.policyFields(t, d)
	case model.PageDoc:
		d.Draft, _ = t.Bool("draft")
		d.Title = t.Str("title", true, `the page's title, e.g. title = "Contact"`)
		d.Summary = t.Str("summary", false, "")
		d.Classification = model.Classification(t.Enum("classification", model.Classifications, string(model.Public)))
	case model.IntroDoc:
		d.Title = t.Str("title", false, "")
		d.Classification = model.Public
	case model.SectionDoc:
		d.Title = t.Str("title", false, "")
		d.Summary = t.Str("summary", false, "")
		d.Weight = weight(t)
		d.Classification = model.Public
	}
	t.Done()
	if d.Title == "" && kind != model.PolicyDoc {
		d.Title = firstHeading(fm.Body)
	}
	return d
}

func (l *loader) policyFields(t *tomlpos.Table, d *model.Doc) {
	d.Draft, _ = t.Bool("draft")
	d.Title = t.Str("title", true, `the policy's title, e.g. title = "Access Control Policy"`)
	d.Version = t.Str("version", true, `version = "1.0"`)
	d.Owner = t.Str("owner", true, `the role that owns the policy, e.g. owner = "Head of IT"`)
	d.ApprovedBy = t.Str("approved_by", false, "")
	// A draft is not approved yet; with git dates, a policy without
	// approved is reviewed from its last change (checked once git is read).
	d.Approved = t.Date("approved", !d.Draft && !l.site.Config.GitDates)
	d.Effective = t.Date("effective", false)
	if every := t.Str("review_every", false, ""); every != "" {
		months, ok := model.ParsePeriod(every)
		if !ok {
			l.diags.Errorf(t.At("review_every"), "front matter: review_every = %q is not a period; write a number of months or years, e.g. \"12 months\" or \"2 years\"", every)
		}
		d.ReviewMonths = months
	}
	d.NextReview = t.Date("next_review", false)
	if d.ReviewMonths == 0 && d.NextReview.IsZero() {
		d.ReviewMonths = 12
	}
	d.Classification = model.Classification(t.Enum("classification", model.Classifications, string(model.Public)))
	d.Controls = t.Strs("controls")
	d.Summary = t.Str("summary", false, "")
	d.Weight = weight(t)
	d.Revisions = revisions(t)
}

// weight reads the optional key that orders policies and sections.
func weight(t *tomlpos.Table) int {
	w, _ := t.Int("weight")
	return w
}

// revisions reads a document's [[revision]] tables: its version history.
func revisions(t *tomlpos.Table) []model.Revision {
	var out []model.Revision
	for _, r := range t.Tables("revision", "[[revision]]") {
		rev := model.Revision{Origin: r.Origin()}
		rev.Version = r.Str("version", true, `the version this revision produced, e.g. version = "2.1"`)
		rev.Date = r.Date("date", true)
		rev.Note = r.Str("note", false, "")
		r.Done()
		out = append(out, rev)
	}
	return out
}

// firstHeading returns the text of a leading "# Heading", for documents
// without a title in front matter.
func firstHeading(body []byte) string {
	for _, line := range strings.Split(string(body), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "# ") {
			return strings.TrimSpace(line[2:])
		}
		return ""
	}
	return ""
}

// suggestSlug is a file name for a policy or page named s.
func suggestSlug(s string) string {
	if slug := model.Slug(s); slug != "" {
		return slug + ".md"
	}
	return "policy-name.md"
}

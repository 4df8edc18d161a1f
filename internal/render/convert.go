package render

import (
	"crypto/sha256"
	"errors"
	"strings"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/markdown"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/par"
)

// linking is what convertDocs converts and what links are rewritten and
// checked against, of the site as it was before Prepare narrowed it to the
// audience (Narrow takes hidden policies out, and attachments and bodies
// from those the audience may only see listed): a plan after edits of
// bodies alone (Rebodied), made from the narrowed site, takes it as it is,
// with docByFile, docOut, withheld and links.
type linking struct {
	docs     []*model.Doc          // to convert: every document, drafts too
	policies map[string]*model.Doc // the policies' documents, by slug
}

// workOutLinking works out linking, docByFile, docOut, withheld and links
// from the site, which must not be narrowed yet.
func (r *renderer) workOutLinking() {
	l := &linking{policies: make(map[string]*model.Doc, len(r.s.Policies))}
	for _, p := range r.s.Policies {
		l.docs = append(l.docs, p.Doc)
		l.policies[p.Slug] = p.Doc
	}
	l.docs = append(l.docs, r.s.Pages...)
	l.docs = append(l.docs, r.sectionDocs()...)
	if r.s.Intro != nil {
		l.docs = append(l.docs, r.s.Intro)
	}
	// Drafts left out of this build are converted all the same, so that
	// their Markdown and links are checked before they are published.
	l.docs = append(l.docs, r.s.Drafts...)
	// Links may name any document that was read, even one that an error
	// kept out of the site (a duplicate slug): its own error says why.
	for _, d := range r.s.Site.Policies {
		r.docByFile[d.Pos.File] = d
	}
	for _, d := range l.docs {
		r.docByFile[d.Pos.File] = d
	}
	docOut := make(map[*model.Doc]string, len(r.docByFile))
	for _, d := range r.docByFile {
		docOut[d] = r.docPath(d)
	}
	r.docOut = docOut // read-only from here, by every goroutine
	r.linking = l
	r.withheld = r.withheldFiles()
	r.links = r.linkKey()
}

// convertDocs converts every policy, page and the introduction, then
// reports dropped raw HTML and links that lead nowhere.
func (r *renderer) convertDocs() {
	if r.linking == nil { // in Prepare, before Narrow
		r.workOutLinking()
	}
	docs := r.linking.docs
	r.cache.useLinks(r.links)
	results := make([]markdown.Result, len(docs))
	targets := make([][]linkTarget, len(docs))
	srcs := make([]*model.Doc, len(docs))
	for i, d := range docs {
		srcs[i] = r.src(d)
	}
	found := r.cache.lookup(srcs)
	// A store in memory takes them all at once: not 20,000 turns of its
	// lock between two goroutines (most of serve's rebuild after an edit
	// of one body, at 10,000 policies).
	inMemory := r.bodies.inMemory()
	r.bodies.holdSmall(len(docs))
	par.Do(len(docs), func(i int) {
		var fromKept bool
		results[i], targets[i], fromKept = r.convert(docs[i], srcs[i], found[i])
		if !inMemory {
			r.bodies.put(docs[i], results[i], fromKept)
			results[i].HTML, results[i].TOC = "", nil // the links are checked below
		}
	})
	if inMemory {
		r.bodies.hold(docs, results)
	}
	r.bodies.flush()
	index := make(map[*model.Doc]int, len(docs))
	for i, d := range docs {
		index[d] = i
	}
	idsOf := func(d *model.Doc) ([]string, bool) {
		i, ok := index[d]
		if !ok {
			return nil, false
		}
		return results[i].IDs, true
	}
	r.checkAll(docs, results, targets, idsOf)
	if r.s.Config.UnsafeHTML {
		r.diags.Warnf(r.s.Config.At("markdown"), "[markdown] unsafe_html is on: raw HTML in Markdown reaches the pages unescaped; turn it off unless every author is trusted")
	}
}

// src is the document whose body is d's: d, unless the plan is one after
// an edit of bodies alone, whose site holds the documents as they were.
func (r *renderer) src(d *model.Doc) *model.Doc {
	if now := r.source[d.Pos.File]; now != nil {
		return now
	}
	return d
}

// convert converts d's body, as src has it, or takes what an earlier render
// (found, from the Cache) or build (Options.Kept) converted of it, and
// returns where its links lead, and whether the conversion came from Kept
// (which holds it in memory for the whole build).
func (r *renderer) convert(d, src *model.Doc, found *convertedDoc) (res markdown.Result, targets []linkTarget, fromKept bool) {
	out := r.docOutputPath(d)
	kept := r.opts.Kept
	var sum [32]byte
	if kept != nil {
		sum = bodySum(src)
	}
	var readErr error
	res, targets, err := r.cache.doc(src, found, func() (markdown.Result, error) {
		if kept != nil {
			if res, ok := kept.Converted(d.Pos.File, sum, r.links); ok {
				fromKept = true
				return res, nil
			}
		}
		body := src.Body
		if src.Text != nil {
			if body, readErr = src.Text.Read(); readErr != nil {
				return markdown.Result{}, readErr
			}
		}
		return r.md.Convert(body, func(dest string) string { return r.rewriteLink(d, out, dest) })
	})
	if kept != nil && err == nil {
		kept.Keep(d.Pos.File, sum, r.links, res)
	}
	var le *markdown.LimitError
	switch {
	case errors.As(err, &le):
		r.diags.Errorf(diag.Pos{File: d.Pos.File, Line: d.BodyLine + le.Line - 1, Col: le.Col}, "%s", le.Msg)
	case readErr != nil:
		r.diags.Errorf(d.Pos, "cannot read the Markdown to convert it: %v", readErr)
	case err != nil:
		r.diags.Errorf(d.Pos, "cannot convert Markdown: %v", err)
	}
	if !r.s.Config.UnsafeHTML {
		for _, h := range res.RawHTML {
			r.diags.Warnf(diag.Pos{File: d.Pos.File, Line: d.BodyLine + h.Line - 1, Col: h.Col},
				"raw HTML %s is dropped from Markdown; write it in Markdown, or set [markdown] unsafe_html = true in site.toml if every author is trusted", h.Tag)
		}
	}
	return res, targets, fromKept
}

// bodySum is the SHA-256 of d's Markdown, which a document left on disk
// knows without reading it.
func bodySum(d *model.Doc) [32]byte {
	if d.Text != nil {
		return d.Text.Sum
	}
	return sha256.Sum256(d.Body)
}

// withheldFiles are the files of certificates and reports this audience
// may not read (paths relative to content/).
func (r *renderer) withheldFiles() map[string]bool {
	out := map[string]bool{}
	withhold := func(c model.Classification, files ...string) {
		if r.site.Renders(c) {
			return
		}
		for _, f := range files {
			if f != "" {
				out[strings.TrimPrefix(f, "/")] = true
			}
		}
	}
	for _, c := range r.s.Certifications {
		withhold(c.Classification, c.Certificate)
	}
	for _, a := range r.s.Attestations {
		withhold(a.Classification, a.Report)
		if a.Bridge != nil {
			withhold(a.Bridge.Classification, a.Bridge.File)
		}
	}
	return out
}

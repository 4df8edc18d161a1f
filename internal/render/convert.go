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

// convertDocs converts every policy, page and the introduction, then
// reports dropped raw HTML and links that lead nowhere.
func (r *renderer) convertDocs() {
	var docs []*model.Doc
	for _, p := range r.s.Policies {
		docs = append(docs, p.Doc)
	}
	docs = append(docs, r.s.Pages...)
	docs = append(docs, r.sectionDocs()...)
	if r.s.Intro != nil {
		docs = append(docs, r.s.Intro)
	}
	// Drafts left out of this build are converted all the same, so that
	// their Markdown and links are checked before they are published.
	docs = append(docs, r.s.Drafts...)
	// Links may name any document that was read, even one that an error
	// kept out of the site (a duplicate slug): its own error says why.
	for _, d := range r.s.Site.Policies {
		r.docByFile[d.Pos.File] = d
	}
	for _, d := range docs {
		r.docByFile[d.Pos.File] = d
	}
	docOut := make(map[*model.Doc]string, len(r.docByFile))
	for _, d := range r.docByFile {
		docOut[d] = r.docPath(d)
	}
	r.docOut = docOut // read-only from here, by every goroutine
	r.withheld = r.withheldFiles()
	r.links = r.linkKey()
	r.cache.useLinks(r.links)
	results := make([]markdown.Result, len(docs))
	targets := make([][]linkTarget, len(docs))
	found := r.cache.lookup(docs)
	par.Do(len(docs), func(i int) {
		var fromKept bool
		results[i], targets[i], fromKept = r.convert(docs[i], found[i])
		r.bodies.put(docs[i], results[i], fromKept)
		results[i].HTML, results[i].TOC = "", nil // the links are checked below
	})
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
	par.Do(len(docs), func(i int) {
		r.checkLinks(docs[i], results[i], targets[i], idsOf)
	})
	if r.s.Config.UnsafeHTML {
		r.diags.Warnf(r.s.Config.At("markdown"), "[markdown] unsafe_html is on: raw HTML in Markdown reaches the pages unescaped; turn it off unless every author is trusted")
	}
}

// convert converts d's body, or takes what an earlier render (found, from
// the Cache) or build (Options.Kept) converted of it, and returns where its
// links lead, and whether the conversion came from Kept (which holds it in
// memory for the whole build).
func (r *renderer) convert(d *model.Doc, found *convertedDoc) (res markdown.Result, targets []linkTarget, fromKept bool) {
	out := r.docOutputPath(d)
	kept := r.opts.Kept
	var sum [32]byte
	if kept != nil {
		sum = bodySum(d)
	}
	var readErr error
	res, targets, err := r.cache.doc(d, found, func() (markdown.Result, error) {
		if kept != nil {
			if res, ok := kept.Converted(d.Pos.File, sum, r.links); ok {
				fromKept = true
				return res, nil
			}
		}
		body := d.Body
		if d.Text != nil {
			if body, readErr = d.Text.Read(); readErr != nil {
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

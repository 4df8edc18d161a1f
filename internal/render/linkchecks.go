package render

import (
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/markdown"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/par"
)

// linkChecks is what checking the links of a site's bodies found, kept by
// a render for serve, so that after an edit of bodies alone (Rebodied)
// only the links of the documents edited, and of those whose links lead
// to a heading in one of them, are checked again: checking every link is
// most of such a rebuild (12 ms at 10,000 policies).
type linkChecks struct {
	diags  []diag.Diagnostic // each at the file of the document whose link it is
	copies []linkCopy        // the files links publish
	// into lists, by document file, the files of the documents that link
	// to a heading in it. Plans after edits of bodies add to it and share
	// it: it may name documents that no longer link there (they are
	// checked again for nothing), never miss one that does.
	into map[string]map[string]bool
}

// A linkCopy is a file a document's link publishes.
type linkCopy struct {
	from    string // the document's file
	to, abs string // output path, source
}

// checkAll checks the links of docs (see checkLinks) and works out the
// files they publish (r.linkCopies). With r.redo, the plan is one after edits
// of bodies alone: only the documents redo names are checked, and what
// the others' checks found is taken from the plan before's.
func (r *renderer) checkAll(docs []*model.Doc, results []markdown.Result, targets [][]linkTarget, idsOf func(*model.Doc) ([]string, bool)) {
	found := r.diags
	var links diag.List
	r.diags = &links // the checks' own, to keep
	var (
		before  *linkChecks
		redo    map[string]bool
		checked []diag.Diagnostic
	)
	if r.redo != nil {
		before, redo = r.redo.before, r.redo.files
		for _, d := range before.diags {
			if !redo[d.Pos.File] {
				checked = append(checked, d)
			}
		}
		for _, c := range before.copies {
			if !redo[c.from] {
				r.linkCopies = append(r.linkCopies, c)
			}
		}
	}
	par.Do(len(docs), func(i int) {
		if redo == nil || redo[docs[i].Pos.File] {
			r.checkLinks(docs[i], results[i], targets[i], idsOf)
		}
	})
	r.diags = found
	checked = append(checked, links.Export()...)
	found.Add(checked...)
	if r.cache.forget {
		return // a build: no plan after this one
	}
	r.checks = &linkChecks{diags: checked, copies: r.linkCopies}
	if before != nil {
		r.checks.into = before.into
	} else {
		r.checks.into = map[string]map[string]bool{}
	}
	for i, d := range docs {
		if redo != nil && !redo[d.Pos.File] {
			continue
		}
		for _, t := range targets[i] {
			if t.ok && t.frag != "" && t.target != d.Pos.File {
				if r.checks.into[t.target] == nil {
					r.checks.into[t.target] = map[string]bool{}
				}
				r.checks.into[t.target][d.Pos.File] = true
			}
		}
	}
}

// A recheck says which documents a plan after edits of bodies alone checks
// the links of again.
type recheck struct {
	before *linkChecks
	files  map[string]bool
}

// recheckFor returns what to check again after edits of the bodies of
// the files changed: their links, and the links that lead to a heading in
// them. It returns nil, to check everything, when the checks before
// counted diagnostics they did not keep (past diag.MaxPerFile in a file),
// which cannot be told apart by file.
func recheckFor(before *linkChecks, changed []string) *recheck {
	if before == nil {
		return nil
	}
	for _, d := range before.diags {
		if d.Pos.File == "" {
			return nil
		}
	}
	files := map[string]bool{}
	for _, f := range changed {
		files[f] = true
		for from := range before.into[f] {
			files[from] = true
		}
	}
	return &recheck{before: before, files: files}
}

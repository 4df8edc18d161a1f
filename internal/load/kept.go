package load

import (
	"github.com/trustdocs/trustdocs/internal/model"
)

// A build is a process of its own: its Cache starts empty, and reading
// and parsing every file is, on a big site, most of what a build after an
// edit of one policy costs (at 10,000 policies, 0.7 to 1 s of 2). Kept
// carries what each file gave from one build's load to the next's, as
// plain data that package buildcache keeps beside the output: the next
// load reads again only the files whose stamps changed.

// Kept keeps, between processes, what content files gave when loaded.
// Its methods may be called from several goroutines at once.
type Kept interface {
	// Kept returns what the file at rel (a site-relative slash path)
	// gave when read against head, if it has not changed since. head
	// names what every file is read against: the stamps of site.toml
	// and of the site's frameworks.
	Kept(head, rel string) (*Part, bool)
	// Keep keeps what this load's files gave, read against head, in the
	// order of the walk: parts Kept returned and parts read again. It may
	// read them after Load returns: the records in them are the site's,
	// which nothing changes once loaded (serve's Cache shares them
	// between loads too).
	Keep(head string, parts []*Part)
}

// A Part is what one content file gave, as plain data. Only files read
// without a problem are kept: a file with errors or warnings is read
// again, and reports them again.
type Part struct {
	File    string   // site-relative slash path
	Content [32]byte // SHA-256 of the file's bytes
	Front   uint64   // hash of a document's front matter
	// Doc is the document, without its Markdown (Body), which the
	// build reads again when it converts it: BodyOff is where it starts
	// in the file, and Doc.Text.Sum its SHA-256.
	Doc     *model.Doc
	BodyOff int
	Records *Records // what a TOML file added
}

// Records are the records one TOML file adds to a site.
type Records struct {
	Controls       []*model.Control
	SoA            []*model.SoAEntry
	SoADoc         *model.SoADoc
	Certifications []*model.Certification
	Attestations   []*model.Attestation
	Subprocessors  []*model.Subprocessor
	Crosswalks     []*model.Crosswalk
	Answers        []*model.Answer
}

// keptPart makes what Kept offers of file f into a part. The document is
// a copy (merge copies it again), whose Markdown is read from f when it
// is converted.
func (l *loader) keptPart(f contentFile, kp *Part) *part {
	p := &part{stamp: f.stamp, kind: f.doc, front: kp.Front, content: kp.Content, kept: kp}
	if kp.Doc != nil {
		d := *kp.Doc
		l.texts.fromFile(&d, f.abs, kp.BodyOff, kp.Doc.Text.Sum)
		p.doc = &d
	}
	if r := kp.Records; r != nil {
		p.records = &model.Site{Controls: r.Controls, SoA: r.SoA, SoADoc: r.SoADoc, Certifications: r.Certifications,
			Attestations: r.Attestations, Subprocessors: r.Subprocessors, Crosswalks: r.Crosswalks, Answers: r.Answers}
	}
	return p
}

// keepable returns what p, read from rel, is as a Part; nil when it is
// not kept: it gave a problem, or was not read.
func (p *part) keepable(rel string) *Part {
	if p.kept != nil {
		return p.kept
	}
	if len(p.diags) > 0 || len(p.unread) > 0 || (p.doc == nil && p.records == nil) ||
		(p.doc != nil && (p.doc.Text == nil || p.kind == nil)) {
		return nil
	}
	kp := &Part{File: rel, Content: p.content, Front: p.front, BodyOff: p.bodyOff}
	if p.doc != nil {
		d := *p.doc
		d.Text = &model.Text{Sum: p.doc.Text.Sum}
		kp.Doc = &d
	}
	if r := p.records; r != nil {
		kp.Records = &Records{Controls: r.Controls, SoA: r.SoA, SoADoc: r.SoADoc, Certifications: r.Certifications,
			Attestations: r.Attestations, Subprocessors: r.Subprocessors, Crosswalks: r.Crosswalks, Answers: r.Answers}
	}
	return kp
}

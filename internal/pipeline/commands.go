package pipeline

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"sync/atomic"
	"time"

	"github.com/trustdocs/trustdocs/internal/load"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/pack"
	"github.com/trustdocs/trustdocs/internal/par"
	"github.com/trustdocs/trustdocs/internal/render"
	"github.com/trustdocs/trustdocs/internal/write"
)

// Render builds the site in memory, into the result's Output. Content
// errors are in the result's Diags (and then Output is nil).
func Render(opts Options) (*Result, error) {
	opts = opts.filled()
	return inMemory(opts, opts.Audience)
}

// Check makes the site for every audience, so that every problem that any
// build would meet is in the result's Diags, and keeps no file: each is
// dropped as soon as it is made, so that checking costs the memory of a
// build, not of two sites. The result has no Output.
func Check(opts Options) (*Result, error) {
	// The NDA build first: a site narrowed to the public cannot be widened.
	res, _, err := made(opts.filled(), func() render.Sink { return discard{} }, model.AudienceNDA, model.AudiencePublic)
	return res, err
}

// inMemory builds the site for each audience in turn into memory; the
// result's Output is the last audience's.
func inMemory(opts Options, audiences ...model.Audience) (*Result, error) {
	var mem *render.Memory
	res, copies, err := made(opts, func() render.Sink { mem = render.NewMemory(); return mem }, audiences...)
	if err == nil && !res.Failed() && mem != nil {
		res.Output = mem.Output(copies)
	}
	return res, err
}

// made makes the site for each audience in turn, every file into the sink
// made for the audience, and counts them. The files the last audience's
// site copies as they are (copies: output path → absolute path) are
// counted, not made.
func made(opts Options, sink func() render.Sink, audiences ...model.Audience) (res *Result, copies map[string]string, err error) {
	start := time.Now()
	var c *counted
	g, err := newSession(opts, true).run(nil, audiences, func(g *Generation) error {
		c = &counted{Sink: sink()}
		return g.Plan.Each(g.list, c, nil)
	})
	if err != nil {
		return nil, nil, err
	}
	res = g.result()
	if !res.Failed() && c != nil && g.Plan != nil {
		copies = g.Plan.Copies
		for p := range copies {
			c.count(p)
		}
		res.Pages, res.Files = int(c.pages.Load()), int(c.files.Load())
	}
	res.Elapsed = time.Since(start)
	return res, copies, nil
}

// discard is a sink that keeps nothing.
type discard struct{}

func (discard) File(string, []byte) error { return nil }
func (discard) Stream(_ string, write func(io.Writer) error) error {
	return write(io.Discard)
}

// Build builds the site and, if it has no errors, writes it to the output
// folder, each file as soon as it is made. With errors, the output folder
// is left as it was.
func Build(opts Options) (*Result, error) {
	start := time.Now()
	opts = opts.filled()
	s := newSession(opts, true)
	s.load.Prefetch() // while the site is stamped
	reuse := newReuse(opts)
	stamping := reuse.stampOlds(opts.Out)
	reuse = reuse.stampContent(opts, start)
	if res, ok := reuse.unchanged(opts, stamping); ok {
		stamping.stop()
		res.Elapsed = time.Since(start)
		return res, nil
	}
	// Getting the output folder ready (checking what is in it, taking the
	// previous output to rewrite) goes on while the site is read.
	type begun struct {
		f    *write.Folder
		err  error
		olds olds
	}
	ready := make(chan begun, 1)
	go func() {
		o := stamping.wait() // before Begin takes the kept output
		f, err := write.BeginKnown(opts.Out, opts.Site, reuse.known(o))
		ready <- begun{f, err, o}
	}()
	s.kept = reuse.kept()
	s.load.Kept = reuse.loaded()
	defer reuse.abort() // unless the record took them
	g, err := s.Rebuild(nil)
	folder := <-ready
	switch {
	case folder.err != nil:
		if err == nil {
			err = folder.err
		}
		if g == nil {
			return nil, err
		}
		return g.result(), err
	case err != nil:
		folder.f.Abort()
		return nil, err
	}
	res := g.result()
	res.Out = opts.Out
	if g.HasErrors() {
		folder.f.Abort()
		return res, nil
	}
	var (
		found   load.Fingerprint
		gitHead string
		k       *kept
	)
	if reuse != nil {
		// Asked now, not once the files are written: the session, and
		// all its load read, can go while pages are made (asked after,
		// it held 20 MB more of a build of 50,000 policies, and raised
		// its peak).
		found, gitHead = s.load.Fingerprint(), s.load.GitHead()
		k = reuse.keeping(opts, g, found, folder.olds)
	}
	if err = res.write(g.Plan, folder.f, k); err == nil && !res.Failed() {
		reuse.record(opts, g, res, found, gitHead, k, folder.f, folder.olds)
	}
	res.Elapsed = time.Since(start)
	return res, err
}

// write makes every file of the plan into the folder f, but those it
// keeps (k, when not nil), and, if all went well, swaps it in.
func (res *Result) write(plan *render.Plan, f *write.Folder, k *kept) error {
	out := &counted{Sink: f}
	var (
		skip func(string) bool
		err  error
	)
	if k != nil {
		skip = k.skip
		res.Kept, err = k.keep(f, out)
	}
	if err == nil {
		err = plan.Each(res.Diags, out, skip)
	}
	if err == nil && !res.Failed() {
		copies := slices.Sorted(maps.Keys(plan.Copies))
		errs := make([]error, len(copies))
		par.Do(len(copies), func(i int) {
			out.count(copies[i])
			errs[i] = f.Copy(copies[i], plan.Copies[copies[i]])
		})
		err = errors.Join(errs...)
	}
	if err != nil || res.Failed() {
		f.Abort()
		return err
	}
	res.Pages, res.Files = int(out.pages.Load()), int(out.files.Load())
	return f.Commit()
}

// counted is a sink that counts what it passes on.
type counted struct {
	render.Sink
	pages, files atomic.Int64
}

func (c *counted) count(p string) {
	c.files.Add(1)
	if isPage(p) {
		c.pages.Add(1)
	}
}

func (c *counted) File(p string, b []byte) error {
	c.count(p)
	return c.Sink.File(p, b)
}

func (c *counted) Stream(p string, write func(io.Writer) error) error {
	c.count(p)
	return c.Sink.Stream(p, write)
}

// Pack builds the site and, if it has no errors, zips it with its
// manifest to out, or by default to <company>-trust-pack[-nda]-<as of>.zip
// in the current folder. With errors, nothing is written. The result's
// Out is the zip written.
func Pack(opts Options, out string) (*Result, error) {
	opts = opts.filled()
	// The folders the site is read from and the output: a pack written
	// there would be published, or stop the next build.
	keep := []string{opts.Out}
	for _, dir := range []string{"content", "templates", "theme"} {
		keep = append(keep, filepath.Join(opts.Site, dir))
	}
	if out != "" {
		if err := pack.Check(out, keep); err != nil {
			return nil, err
		}
	}
	// Each file is compressed as it is made; the zip is written once all
	// are, in order, so that the same site gives the same zip.
	collected := pack.NewCollector()
	res, copies, err := made(opts, func() render.Sink { return collected }, opts.Audience)
	if err != nil || res.Failed() {
		return res, err
	}
	start := time.Now()
	if out == "" {
		out = PackName(res.Site.Config.Company, res.Audience, opts.Recipient, res.AsOf)
	}
	res.Out = out
	packed, err := collected.Write(out, keep, copies, res.AsOf.Time(), packHeader(res, opts.Recipient))
	res.Packed = packed
	res.Elapsed += time.Since(start)
	return res, err
}

// packHeader is what the manifest of a recipient's pack says before its
// checksums: whose pack it is and whom it was prepared for. Other packs'
// manifests are checksums only.
func packHeader(res *Result, rc *render.Recipient) []string {
	if rc == nil {
		return nil
	}
	line := fmt.Sprintf("Prepared for %s on %s, confidential", rc.Name, res.AsOf)
	if !rc.ValidUntil.IsZero() {
		line += "; valid until " + rc.ValidUntil.String()
	}
	return []string{fmt.Sprintf("Trust pack of %s, audience %s, as of %s", res.Site.Config.Company, res.Audience, res.AsOf),
		line, "Check: sha256sum -c " + pack.Manifest}
}

// AnswersFile is where a build publishes its answer library.
const AnswersFile = "answers/answers.json"

// AnswerLibrary builds the site for opts.Audience in memory and makes only
// its answer library, answers.json: what trustdocs answer fills
// questionnaires from, holding what that audience may read. It is nil
// when the site has errors (in the result's Diags) or no answers.
func AnswerLibrary(opts Options) ([]byte, *Result, error) {
	opts = opts.filled()
	var lib []byte
	g, err := newSession(opts, true).run(nil, []model.Audience{opts.Audience}, func(g *Generation) (err error) {
		if g.Plan.Items[AnswersFile] != nil {
			lib, err = g.Plan.Make(AnswersFile)
		}
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	res := g.result()
	if res.Failed() {
		return nil, res, nil
	}
	return lib, res, nil
}

// Package build runs the pipeline: load → resolve → render → write. It is
// what the command calls, and what serve will call to build into memory.
package pipeline

import (
	"errors"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/load"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/pack"
	"github.com/trustdocs/trustdocs/internal/par"
	"github.com/trustdocs/trustdocs/internal/render"
	"github.com/trustdocs/trustdocs/internal/resolve"
	"github.com/trustdocs/trustdocs/internal/write"
)

// Options say what to build.
type Options struct {
	Site      string         // site folder
	Out       string         // output folder; default <site>/public
	Audience  model.Audience // default public
	AsOf      model.Date     // default: site.toml's build.as_of, else today (UTC)
	BaseURL   string         // overrides site.toml's base_url
	Drafts    bool           // publish draft policies and pages too
	Templates fs.FS          // embedded templates
	Theme     fs.FS          // embedded theme
	Now       func() time.Time
}

// Result is a finished (or failed) build.
type Result struct {
	Site    *resolve.Site
	Output  *render.Output // what Render and Check made; Build writes as it makes and keeps nothing
	Diags   *diag.List
	Pages   int // HTML pages made
	Files   int // files made, pages included
	Drafts  int // draft documents left out
	AsOf    model.Date
	Elapsed time.Duration
	Out     string      // the zip a pack wrote
	Packed  pack.Result // what it holds
}

// Failed reports whether the site had errors, so that nothing was made.
func (r *Result) Failed() bool { return r.Diags.HasErrors() }

// Render loads, resolves and renders the site in memory. Content errors
// are in the result's Diags (and then Output is nil); err is for failures
// that are not the content's fault.
func Render(opts Options) (*Result, error) {
	return run(opts, audience(opts))
}

// Check loads, resolves and renders the site in memory for every audience,
// so that every problem that any build would meet is in the result's Diags.
// The result's Output is the site for the last audience.
func Check(opts Options) (*Result, error) {
	return run(opts, model.AudienceNDA, model.AudiencePublic)
}

func audience(opts Options) model.Audience {
	if opts.Audience == "" {
		return model.AudiencePublic
	}
	return opts.Audience
}

func run(opts Options, audiences ...model.Audience) (*Result, error) {
	start := time.Now()
	res, err := resolveSite(opts)
	if err != nil {
		return nil, err
	}
	for _, a := range audiences {
		// Prepare runs its checks of links and Markdown even after errors,
		// and plans pages only when there are none.
		plan, err := res.prepare(opts, a)
		if err != nil {
			return nil, err
		}
		if plan == nil {
			break
		}
		out, err := plan.MakeAll(res.Diags)
		if err != nil {
			return nil, err
		}
		if out == nil {
			break
		}
		res.Output = out
	}
	if res.Output != nil {
		res.Files = len(res.Output.Files) + len(res.Output.Copies)
		for _, p := range res.Output.Paths() {
			if isPage(p) {
				res.Pages++
			}
		}
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// resolveSite loads and resolves the site.
func resolveSite(opts Options) (*Result, error) {
	res := &Result{Diags: &diag.List{}}
	m, err := load.Load(opts.Site, res.Diags)
	if err != nil {
		return nil, err
	}
	res.AsOf = asOf(opts, m)
	res.Site = resolve.Resolve(m, res.AsOf, res.Diags)
	if !opts.Drafts {
		res.Site.LeaveOutDrafts()
		res.Drafts = len(res.Site.Drafts)
	}
	return res, nil
}

// prepare plans the site for audience a; with content errors, the plan
// is nil.
func (res *Result) prepare(opts Options, a model.Audience) (*render.Plan, error) {
	return render.Prepare(res.Site, render.Options{Audience: a, BaseURL: opts.BaseURL,
		Templates: opts.Templates, Theme: opts.Theme}, res.Diags)
}

func isPage(p string) bool { return filepath.Ext(p) == ".html" }

// Build renders the site and, if it has no errors, writes it to the output
// folder, each file as soon as it is made. With errors, the output folder
// is left as it was.
func Build(opts Options) (*Result, error) {
	start := time.Now()
	mem := capMemory()
	defer mem.lift()
	// Getting the output folder ready (checking what is in it, taking the
	// previous output to rewrite) goes on while the site is read.
	type begun struct {
		f   *write.Folder
		err error
	}
	ready := make(chan begun, 1)
	go func() {
		f, err := write.Begin(OutDir(opts), opts.Site)
		ready <- begun{f, err}
	}()
	res, err := resolveSite(opts)
	var plan *render.Plan
	if err == nil {
		plan, err = res.prepare(opts, audience(opts))
		dropBodies(res.Site.Site)
	}
	folder := <-ready
	switch {
	case folder.err != nil:
		if err == nil {
			err = folder.err
		}
		return res, err
	case err != nil || plan == nil:
		folder.f.Abort()
		return res, err
	}
	mem.fit()
	err = res.write(plan, folder.f)
	res.Elapsed = time.Since(start)
	return res, err
}

// memoryCap is a soft cap on the heap for the length of a build. Making
// pages allocates much that is garbage at once; left to GOGC alone, the
// heap doubles between collections and the process keeps what it freed:
// at 10,000 policies and controls, 230 MB instead of 145 MB, for no gain
// in time. A GOMEMLIMIT set by the user wins.
type memoryCap struct {
	set    bool
	before int64
}

// capBytes is the cap: with 10,000 policies and controls, about 80 MB are
// live while pages are made; at 140 MiB, the process stays under 150 MiB
// and the build takes some 5% longer than with no cap.
const capBytes = 140 << 20

// capMemory caps the heap at capBytes.
func capMemory() *memoryCap {
	if os.Getenv("GOMEMLIMIT") != "" {
		return &memoryCap{}
	}
	return &memoryCap{set: true, before: debug.SetMemoryLimit(capBytes)}
}

// fit raises the cap to one and a half times what is live, for a site so
// big that the cap would have the collector run without end.
func (c *memoryCap) fit() {
	if !c.set {
		return
	}
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() == metrics.KindUint64 {
		if want := int64(sample[0].Value.Uint64()) * 3 / 2; want > capBytes {
			debug.SetMemoryLimit(want)
		}
	}
}

// lift puts the limit back as it was.
func (c *memoryCap) lift() {
	if c.set {
		debug.SetMemoryLimit(c.before)
	}
}

// dropBodies lets the Markdown of the documents go once it is converted:
// a build renders once, and on a big site it is tens of megabytes.
func dropBodies(m *model.Site) {
	for _, docs := range [][]*model.Doc{m.Policies, m.Pages, {m.Intro}} {
		for _, d := range docs {
			if d != nil {
				d.Body = nil
			}
		}
	}
}

// write makes every file of the plan into the folder f and, if all went
// well, swaps it in.
func (res *Result) write(plan *render.Plan, f *write.Folder) error {
	out := &counted{Folder: f}
	err := plan.Each(res.Diags, out)
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

// counted is the output folder as the plan's sink, counting what it takes.
type counted struct {
	*write.Folder
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
	return c.Folder.File(p, b)
}

func (c *counted) Stream(p string, write func(io.Writer) error) error {
	c.count(p)
	return c.Folder.Stream(p, write)
}

// Pack renders the site and, if it has no errors, zips it with its
// manifest to out, or by default to <company>-trust-pack[-nda]-<as of>.zip
// in the current folder. With errors, nothing is written. The result's
// Out is the zip written.
func Pack(opts Options, out string) (*Result, error) {
	// The folders the site is read from and the output: a pack written
	// there would be published, or stop the next build.
	keep := []string{OutDir(opts)}
	for _, dir := range []string{"content", "templates", "theme"} {
		keep = append(keep, filepath.Join(opts.Site, dir))
	}
	if out != "" {
		if err := pack.Check(out, keep); err != nil {
			return nil, err
		}
	}
	res, err := Render(opts)
	if err != nil || res.Failed() {
		return res, err
	}
	start := time.Now()
	if out == "" {
		out = PackName(res.Site.Config.Company, audience(opts), res.AsOf)
	}
	res.Out = out
	packed, err := pack.Write(out, keep, res.Output.Files, res.Output.Copies, res.AsOf.Time())
	res.Packed = packed
	res.Elapsed += time.Since(start)
	return res, err
}

// PackName is the default name of a pack: the company, the audience when
// it is not the public, and the date, e.g. acme-trust-pack-nda-2026-11-01.zip.
func PackName(company string, a model.Audience, asOf model.Date) string {
	var b strings.Builder
	for _, r := range strings.ToLower(company) {
		switch {
		case unicode.IsLetter(r) && r < utf8.RuneSelf, unicode.IsDigit(r):
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	name := strings.Trim(b.String(), "-")
	if name == "" {
		name = "site"
	}
	name += "-trust-pack"
	if a != model.AudiencePublic {
		name += "-" + string(a)
	}
	return name + "-" + asOf.String() + ".zip"
}

// OutDir is the output folder a build writes to.
func OutDir(opts Options) string {
	if opts.Out != "" {
		return opts.Out
	}
	return filepath.Join(opts.Site, "public")
}

func asOf(opts Options, m *model.Site) model.Date {
	switch {
	case !opts.AsOf.IsZero():
		return opts.AsOf
	case !m.Config.AsOf.IsZero():
		return m.Config.AsOf
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	return model.DateOf(now().UTC())
}

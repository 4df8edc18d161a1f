package pipeline

import (
	"fmt"
	"path/filepath"
	"strconv"
	"time"

	"github.com/trustdocs/trustdocs/internal/buildcache"
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/gitlog"
	"github.com/trustdocs/trustdocs/internal/load"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/render"
	"github.com/trustdocs/trustdocs/internal/write"
)

// The files a build reads from the site folder, relative to it: the
// loader reads site.toml and content/ (frameworks and assets included),
// and the site's templates/ and theme/. The frame is all of them but
// content/, whose files the load tells apart one by one.
var (
	frame   = []string{"site.toml", "templates", "theme"}
	content = []string{"content"}
)

// racyWindow is how close to a build's start a file may have changed for
// its stamp to be trusted: file systems stamp times at a granularity of a
// clock tick (ext4) up to two seconds (FAT), and a file written twice
// within one tick keeps its stamp. A build that finds a file that new
// leaves no record, and the next build does everything.
const racyWindow = 2 * time.Second

// reuse is what a build knows, before it reads the site, of the build that
// made the output folder: whether it would make the same files, and, when
// not, which of that build's files it can keep.
type reuse struct {
	cache       *buildcache.Cache
	prev        *buildcache.Record // nil when there is none to trust
	key         buildcache.Sum     // everything the build depends on
	frame       buildcache.Sum     // all but the content's files
	trusted     bool               // the stamps were taken long enough after the last edit
	git         string             // the commit git_dates would read, noted when the record's read them
	content     buildcache.Stamps  // of content/, taken before it is read
	frameNewest time.Time          // of the frame's files
	conv        *buildcache.Conversions
	parts       *buildcache.Parts
	used        bool // a build of the output used the cache before
}

// newReuse stamps what the build depends on but the content, and reads
// the cache of opts.Out; stampContent then stamps the content. A build
// that cannot stamp or has no cache goes on without one. The two are
// apart so that the build can start stamping the output folders, which
// needs the record and nothing else, before it stamps the content.
func newReuse(opts Options) *reuse {
	if opts.Recipient != nil || opts.Book {
		return nil // made once, for one reader: not the output folder's build
	}
	cache, err := buildcache.For(opts.Out)
	if err != nil {
		return nil
	}
	fr, err := buildcache.Stamp(opts.Site, frame, true)
	if err != nil {
		return nil
	}
	program, err := buildcache.Program()
	if err != nil {
		return nil
	}
	site, _ := filepath.Abs(opts.Site)
	out, _ := filepath.Abs(opts.Out)
	r := &reuse{cache: cache, frameNewest: fr.Newest, used: cache.Used(),
		frame: buildcache.Key(program, site, out, string(opts.Audience), opts.AsOf.String(), opts.BaseURL,
			strconv.FormatBool(opts.Drafts), fmt.Sprintf("%x", fr.Sum))}
	prev, ok := cache.Read()
	if ok {
		r.prev = prev
	}
	// A build whose record read git_dates is the same only at the same
	// commit (sameCommit). The record of this build names the commit its
	// own load read the dates at; without a record, no git process runs
	// before the load.
	if ok && prev.GitDates {
		r.git = gitHead(opts.Site)
	}
	return r
}

// stampContent stamps content/, which sums up, with the frame, what the
// build depends on (key). r is nil when the content cannot be stamped.
func (r *reuse) stampContent(opts Options, start time.Time) *reuse {
	if r == nil {
		return nil
	}
	ct, err := buildcache.Stamp(opts.Site, content, true)
	if err != nil {
		return nil
	}
	r.content = ct
	r.trusted = r.frameNewest.Before(start.Add(-racyWindow)) && ct.Newest.Before(start.Add(-racyWindow))
	r.key = buildcache.Key(fmt.Sprintf("%x", r.frame), fmt.Sprintf("%x", ct.Sum))
	return r
}

// kept offers render the Markdown the recorded build converted and keeps
// what this build converts; nil when the cache cannot. Conversions depend
// on the program and on site.toml (unsafe_html) besides the links key each
// is checked against: those of a build of another frame are not offered.
//
// A first build (one that finds no cache: no build of this output used
// one before) keeps none, nor what its load read (loaded): most such
// builds are the only build of their output (a fresh clone in CI), and
// encoding every conversion and every file's parts is time spent for
// nothing there (at 1,000 policies, keeping conversions alone made such a
// build 0.475 s instead of 0.46 s, medians of six interleaved). The cache
// it leaves tells the next build to keep them: a second build does, and
// the builds after it take them. A build whose record was forgotten (a
// file changed as it started) is not a first build.
func (r *reuse) kept() render.Kept {
	if r.first() {
		return nil
	}
	var sum buildcache.Sum
	if r.prev != nil && r.prev.Frame == r.frame {
		sum = r.prev.Conversions
	}
	if r.conv = r.cache.Conversions(sum); r.conv == nil {
		return nil
	}
	return r.conv
}

// first reports whether the build keeps nothing for the next (see kept):
// it has no cache, or is the first build of its output.
func (r *reuse) first() bool {
	return r == nil || (r.prev == nil && !r.used)
}

// loaded offers the load what the recorded build's load read of each
// file and keeps what this one reads; nil when the cache cannot, or the
// build found no record (see kept). As with conversions, parts depend on
// the program and site.toml: those of a build of another frame are not
// offered.
func (r *reuse) loaded() load.Kept {
	if r.first() {
		return nil
	}
	var sum buildcache.Sum
	if r.prev != nil && r.prev.Frame == r.frame {
		sum = r.prev.Parts
	}
	if r.parts = r.cache.Parts(sum, r.content); r.parts == nil {
		return nil
	}
	return r.parts
}

// abort lets go of what the build would have kept, when it leaves no
// record.
func (r *reuse) abort() {
	if r != nil {
		r.conv.Abort()
		r.parts.Abort()
	}
}

// gitHead names the commit git_dates would read now, or why none.
func gitHead(site string) string {
	head, _, err := gitlog.Head(site)
	if err != nil {
		return "error: " + err.Error()
	}
	return head
}

// sameCommit reports whether the dates git_dates reads are the recorded
// build's: it was made without them, or from the same commit.
func (r *reuse) sameCommit() bool {
	p := r.prev
	return !p.GitDates || (p.GitHead != "" && p.GitHead == r.git)
}

// unchanged returns what the previous build reported, when this build
// would make the same files and the output folder is as it left it.
func (r *reuse) unchanged(opts Options, olds *stamping) (*Result, bool) {
	if r == nil || r.prev == nil || r.prev.Key != r.key {
		return nil, false
	}
	p := r.prev
	asOf, err := model.ParseDate(p.AsOf)
	if err != nil {
		return nil, false
	}
	if p.Today && asOf != model.DateOf(opts.Now().UTC()) {
		return nil, false // statuses were as of yesterday
	}
	if !r.sameCommit() {
		return nil, false
	}
	if st, ok := olds.output(); !ok || st.Sum != p.Output {
		return nil, false
	}
	res := &Result{Diags: &diag.List{}, Pages: p.Pages, Files: p.Files, Drafts: p.Drafts,
		DraftAnswers: p.DraftAnswers, Audience: opts.Audience, AsOf: asOf, Out: opts.Out, Unchanged: true}
	p.AddDiags(res.Diags)
	return res, true
}

// record keeps what a successful build made, for the next one; the
// output folder is the one it wrote. A record that cannot be trusted is
// removed instead: the next build does everything.
func (r *reuse) record(opts Options, g *Generation, res *Result, found load.Fingerprint, gitHead string, k *kept, f *write.Folder, o olds) {
	if r == nil {
		return
	}
	cfg := g.Site.Config
	if !r.trusted || (cfg.GitDates && gitHead == "") {
		// Too new to trust, or no commit names the dates read.
		r.cache.Forget()
		return
	}
	rec := &buildcache.Record{Key: r.key, Clean: f.Clean(), AsOf: res.AsOf.String(),
		Today:    opts.AsOf.IsZero() && cfg.AsOf.IsZero(),
		GitDates: cfg.GitDates, GitHead: gitHead,
		Pages: res.Pages, Files: res.Files, Drafts: res.Drafts, DraftAnswers: res.DraftAnswers,
		Frame: r.frame, Load: found, Basis: g.Plan.Basis(), Build: 1}
	if p := r.prev; p != nil {
		// The output folder this build replaced is now the one kept
		// beside it: p's output, if it was left as p recorded it.
		rec.Build, rec.Previous, rec.PreviousBuild = p.Build+1, p.Within, p.Build
	}
	rec.Made = k.numbers(g.Plan, rec.Build)
	rec.SetDiags(res.Diags)
	// Nothing below uses g: the collector may take the plan while the
	// output is stamped. At 50,000 policies, 200,000 stamps made while
	// the plan was still held were the build's most live heap, which
	// sets the cap on it (package memcap), and so its peak.
	// The output is the previous output, rewritten: what the build did
	// not change has the stamps it had when stampOlds took them.
	st, ok := restamp(opts.Out, o, f)
	if !ok {
		r.cache.Forget()
		return
	}
	rec.Output, rec.Within = st.Sum, st.Within
	var err error
	rec.Conversions, err = r.conv.Finish()
	if err == nil {
		rec.Parts, err = r.parts.Finish()
	}
	if err != nil || r.cache.Write(rec) != nil {
		r.cache.Forget()
	}
}

// outputStamps stamps the output folder: the files its marker lists, the
// marker and their folders.
func outputStamps(out string) (buildcache.Stamps, bool) {
	return restamp(out, olds{}, nil)
}

// restamp stamps the output folder out that the folder f became, taking
// what f did not change from the stamps o has of the output f recycled;
// everything when f is nil or recycled no output o stamped.
func restamp(out string, o olds, f *write.Folder) (buildcache.Stamps, bool) {
	files, ok := write.Listed(out)
	if !ok {
		return buildcache.Stamps{}, false
	}
	files = append(files, write.Marker)
	if f == nil || !o.prevOK || !f.Recycled() {
		return buildcache.StampListed(out, files), true
	}
	changed := f.Changed()
	return buildcache.Restamp(out, files, o.previous, func(p string) bool { return p == write.Marker || changed(p) }), true
}

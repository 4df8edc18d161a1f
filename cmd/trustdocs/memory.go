package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"

	"github.com/trustdocs/trustdocs/internal/pipeline"
)

// memoryCap is a soft cap on the heap for the length of a build: the
// command's choice for its own process, which the pipeline, a library,
// does not make. Making pages allocates much that is garbage at once; left
// to GOGC alone, the heap doubles between collections and the process
// keeps what it freed: at 10,000 policies and controls, 230 MB instead of
// 145 MB, for no gain in time. A GOMEMLIMIT set by the user wins.
type memoryCap struct {
	set    bool
	cap    int64
	before int64
}

// The caps. A build of 10,000 policies and controls has at most some
// 86 MB live while pages are made, and the process's resident size is
// the cap and some 10 MB: at 128 MiB, 143 MiB, in about the time it takes
// with no cap. check and pack hold more (check plans the site twice and
// keeps the Markdown for the second plan; pack keeps the compressed
// files, 44 MB): some 115-130 MB. Under 128 MiB the collector would run
// without end; at 168 MiB they stay near 180 MiB (with no cap, check
// takes 290 MiB) and take up to a quarter longer than with none.
// Measured with /usr/bin/time on a site of cmd/sitegen -n 10000.
const (
	buildCap = 128 << 20
	widerCap = 168 << 20
)

// capMemory caps the heap at limit for a command that makes the site
// once (build: buildCap; check, pack: widerCap), fits the cap to the site
// once it is planned (opts.Planned), and returns what puts the limit back.
func capMemory(opts *pipeline.Options, limit int64) (lift func()) {
	c := &memoryCap{cap: limit}
	if os.Getenv("GOMEMLIMIT") == "" {
		c.set, c.before = true, debug.SetMemoryLimit(limit)
	}
	opts.Planned = c.fit
	return c.lift
}

// fit raises the cap to one and a half times what is live, for a site so
// big that the cap would have the collector run without end. The build
// calls it once the site is planned (pipeline.Options.Planned).
func (c *memoryCap) fit() {
	if !c.set {
		return
	}
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() == metrics.KindUint64 {
		if want := int64(sample[0].Value.Uint64()) * 3 / 2; want > c.cap {
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

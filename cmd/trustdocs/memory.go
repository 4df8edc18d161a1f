package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
)

// memoryCap is a soft cap on the heap for the length of a build: the
// command's choice for its own process, which the pipeline, a library,
// does not make. Making pages allocates much that is garbage at once; left
// to GOGC alone, the heap doubles between collections and the process
// keeps what it freed: at 10,000 policies and controls, 230 MB instead of
// 145 MB, for no gain in time. A GOMEMLIMIT set by the user wins.
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
// big that the cap would have the collector run without end. The build
// calls it once the site is planned (pipeline.Options.Planned).
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

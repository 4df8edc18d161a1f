// Package memcap caps the heap of the process, for a command that makes a
// site: the command's choice for its own process, which the pipeline, a
// library, does not make. Making pages allocates much that is garbage at
// once; left to GOGC alone, the heap doubles between collections and the
// process keeps what it freed: at 10,000 policies and controls, 230 MB
// instead of 145 MB, for no gain in time. A GOMEMLIMIT set by the user
// wins.
//
// The cap follows what is live: after every collection, it is one and a
// half times the live heap, and never below its floor. A fixed cap that the live heap outgrows has the
// collector run without end (at 50,000 policies, loading and converting
// passed 128 MiB live and the build took 8 times the 10,000 one); a cap
// that follows keeps a third of the heap free for what is made next.
// It follows up, never down: the process's peak is made when the most is
// live (at 50,000 policies, while the Markdown of every policy waits to
// be converted: 283 MB, and 247 MB while pages are made), and a cap
// lowered after that peak lowers nothing but the room the collector has,
// which then runs more often for the same work (a build of 50,000 took
// 33 s with a cap that came down, 29 s with a fixed one).
package memcap

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// memoryCap is the cap of the process, while it is on.
type memoryCap struct {
	floor  int64
	before int64
	set    int64 // the highest limit set so far

	mu     sync.Mutex
	lifted bool
	heard  func(limit int64) // for tests: told the limit after each collection
}

// The floors. A build of 10,000 policies and controls has at most some
// 86 MB live while pages are made, and the process's resident size is
// the cap and some 10 MB: at 128 MiB, 143 MiB, in about the time it takes
// with no cap. check and pack hold more (check plans the site twice and
// keeps the Markdown for the second plan; pack keeps the compressed
// files, 44 MB): some 115-130 MB. Under 128 MiB the collector would run
// without end; at 168 MiB they stay near 180 MiB (with no cap, check
// takes 290 MiB) and take up to a quarter longer than with none. serve
// holds the site, its Markdown and its conversions for its lifetime,
// some 110-160 MB, and makes every page once at start. Measured with
// /usr/bin/time and cmd/sitegen -probe-serve on a site of
// cmd/sitegen -n 10000.
const (
	Build = 128 << 20 // trustdocs build
	Wider = 168 << 20 // trustdocs check and pack
	Serve = 256 << 20 // trustdocs serve
)

// On caps the heap at floor and more as the live heap grows, and returns
// what puts the limit back.
func On(floor int64) (lift func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	c := &memoryCap{floor: floor, before: debug.SetMemoryLimit(floor)}
	c.arm()
	return c.lift
}

// collected is an object made to be collected: its finalizer runs after
// the collection that found it unreachable, which is how a program hears
// of each collection.
type collected struct{ c *memoryCap }

// arm asks to hear of the next collection.
func (c *memoryCap) arm() {
	runtime.SetFinalizer(&collected{c}, func(o *collected) { o.c.follow() })
}

// follow fits the cap to what is live and asks to hear of the next
// collection.
func (c *memoryCap) follow() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lifted {
		return
	}
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() == metrics.KindUint64 {
		limit := max(c.set, c.limit(int64(sample[0].Value.Uint64())))
		c.set = limit
		debug.SetMemoryLimit(limit)
		if c.heard != nil {
			c.heard(limit)
		}
	}
	c.arm()
}

// limit is the cap for a live heap of live bytes: one and a half times
// live, never below the floor. (It was the floor until live reached nine
// tenths of it: between two thirds and nine tenths, the collector had
// next to no room, and a build of 50,000 policies collected 25 times in
// a row while its load passed through, each time marking 100 MB.)
func (c *memoryCap) limit(live int64) int64 {
	return max(c.floor, live*3/2)
}

// lift puts the limit back as it was and stops following.
func (c *memoryCap) lift() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lifted = true
	debug.SetMemoryLimit(c.before)
}

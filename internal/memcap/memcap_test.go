package memcap

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestMemoryCapLimit(t *testing.T) {
	c := &memoryCap{floor: 100}
	for _, tc := range []struct{ live, want int64 }{
		{0, 100},
		{66, 100},  // two thirds of the floor: the floor leaves a third free
		{70, 105},  // past it: one and a half times live
		{90, 135},  // not the floor, with next to no room above live
		{200, 300}, // a site too big for the floor
	} {
		if got := c.limit(tc.live); got != tc.want {
			t.Errorf("limit(%d) = %d, want %d", tc.live, got, tc.want)
		}
	}
}

// TestMemoryCapFollows: after a collection that finds more live than the
// floor allows for, the cap is raised to one and a half times it and is
// not lowered when less is live; lift puts back the limit that was.
func TestMemoryCapFollows(t *testing.T) {
	heard := make(chan int64, 100)
	c := &memoryCap{floor: 1 << 20, before: debug.SetMemoryLimit(1 << 20)}
	c.heard = func(limit int64) { heard <- limit }
	c.arm()
	live := make([]byte, 64<<20) // far past the floor
	for i := range live {
		live[i] = byte(i)
	}
	runtime.GC()
	limit := <-heard
	if limit < 64<<20*3/2 {
		t.Errorf("with 64 MiB live, the cap is %d bytes; want at least 96 MiB", limit)
	}
	// Later collections, with as much live, may set it again.
	if got := debug.SetMemoryLimit(-1); got < 64<<20*3/2 {
		t.Errorf("with 64 MiB live, the runtime's limit is %d bytes; want at least 96 MiB", got)
	}
	runtime.KeepAlive(live)
	// Once the heap is let go, the cap stays where it was: the process
	// has had that much, and a lower cap only makes the collector work.
	live = nil
	for range 3 { // the last is heard of a collection after live went
		runtime.GC()
		limit = <-heard
	}
	if limit < 64<<20*3/2 {
		t.Errorf("with the 64 MiB let go, the cap fell to %d bytes; want it kept at 96 MiB or more", limit)
	}
	c.lift()
	if got := debug.SetMemoryLimit(-1); got != c.before {
		t.Errorf("after lift, the limit is %d, want %d, the one before", got, c.before)
	}
}

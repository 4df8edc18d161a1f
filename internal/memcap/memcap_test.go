package memcap

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestMemoryCapLimit(t *testing.T) {
	for _, tc := range []struct {
		name            string
		set, live, goal int64
		want            int64
	}{
		{"nothing live", 0, 0, 4, 100},
		{"nine tenths of the floor, room to grow", 0, 90, 160, 100},
		{"past nine tenths: one and a half times live", 0, 91, 160, 136},
		{"a site too big for the floor", 0, 200, 400, 300},
		{"the highest limit set is kept", 400, 200, 380, 400},
		// The goal is the cap less what is not heap: with 80 live and a
		// goal of 85, the heap has 5 to grow by, and the collector runs
		// every few megabytes. Raised by what the goal lacks of 100.
		{"a goal too near live", 0, 80, 85, 115},
		{"a goal a quarter above live", 0, 80, 100, 100},
		{"both rules, the first higher", 300, 250, 270, 375},
		{"both rules, the second higher", 300, 210, 240, 322},
	} {
		c := &memoryCap{floor: 100, set: tc.set}
		if got := c.limit(tc.live, tc.goal); got != tc.want {
			t.Errorf("%s: limit(live %d, goal %d) with %d set = %d, want %d", tc.name, tc.live, tc.goal, tc.set, got, tc.want)
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

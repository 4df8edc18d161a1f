// Package par runs independent work on all cores (Do), or on all but one
// beside work somebody waits for (Background).
package par

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// Do calls f(0) … f(n-1), up to GOMAXPROCS at a time, and returns when all
// have returned. If f panics, Do panics in the caller's goroutine once all
// calls are done (with a *Panic), so that the caller can recover.
func Do(n int, f func(int)) { do(runtime.GOMAXPROCS(0), n, f) }

// Background is Do for work nobody waits for, beside work somebody does
// (serve making the rest of a site while a browser asks for a page): it
// leaves a core to the rest of the process, one fewer at a time than Do.
// A process whose every core is busy notices a request on the network only
// when the runtime's monitor polls, every 10 ms: a page asked for waited
// that long, twice over.
func Background(n int, f func(int)) { do(max(1, runtime.GOMAXPROCS(0)-1), n, f) }

// do is Do with up to workers calls at a time.
func do(workers, n int, f func(int)) {
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first *Panic
		next  atomic.Int64 // the next call to make: in order, each taken once
	)
	call := func(i int) {
		defer func() {
			if v := recover(); v != nil {
				once.Do(func() { first = &Panic{Value: v, Stack: debug.Stack()} })
			}
		}()
		f(i)
	}
	// Each goroutine takes the next call with one atomic add: a channel
	// hands each over with two goroutines woken, microseconds that count
	// when a call is short (20,000 cached conversions in a serve rebuild).
	for range min(n, workers) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				call(i)
			}
		})
	}
	wg.Wait()
	if first != nil {
		panic(first)
	}
}

// Panic is a panic in one of Do's calls, with the stack where it happened.
type Panic struct {
	Value any
	Stack []byte
}

func (p *Panic) Error() string { return fmt.Sprint(p.Value) }

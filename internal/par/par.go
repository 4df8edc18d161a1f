// Package par runs independent work on all cores.
package par

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
)

// Do calls f(0) … f(n-1), up to GOMAXPROCS at a time, and returns when all
// have returned. If f panics, Do panics in the caller's goroutine once all
// calls are done (with a *Panic), so that the caller can recover.
func Do(n int, f func(int)) {
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first *Panic
	)
	next := make(chan int)
	call := func(i int) {
		defer func() {
			if v := recover(); v != nil {
				once.Do(func() { first = &Panic{Value: v, Stack: debug.Stack()} })
			}
		}()
		f(i)
	}
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				call(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
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

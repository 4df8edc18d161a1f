// Package par runs independent work on all cores.
package par

import (
	"runtime"
	"sync"
)

// Do calls f(0) … f(n-1), up to GOMAXPROCS at a time, and returns when all
// have returned.
func Do(n int, f func(int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

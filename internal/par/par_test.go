package par

import (
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestDoCallsEach(t *testing.T) {
	var sum atomic.Int64
	Do(1000, func(i int) { sum.Add(int64(i)) })
	if got := sum.Load(); got != 999*1000/2 {
		t.Errorf("sum = %d", got)
	}
	Do(0, func(int) { t.Error("called for n = 0") })
}

// A panic in a worker reaches the caller, which can recover it, and the
// other calls still run.
func TestDoPanicReachesCaller(t *testing.T) {
	var ran atomic.Int64
	defer func() {
		p, ok := recover().(*Panic)
		if !ok || p.Value != "boom 7" || !strings.Contains(string(p.Stack), "par_test.go") {
			t.Errorf("recovered %v", p)
		}
		if ran.Load() != 99 {
			t.Errorf("%d other calls ran, want 99", ran.Load())
		}
	}()
	Do(100, func(i int) {
		if i == 7 {
			panic("boom 7")
		}
		ran.Add(1)
	})
	t.Fatal("Do returned")
}

// Do runs as many calls at once as there are cores, Background one fewer
// (and one on a machine of one core), each call once.
func TestWorkersAtOnce(t *testing.T) {
	for _, c := range []struct {
		name  string
		procs int
		run   func(int, func(int))
		want  int
	}{
		{"Do, 4 cores", 4, Do, 4},
		{"Background, 4 cores", 4, Background, 3},
		{"Background, 2 cores", 2, Background, 1},
		{"Background, 1 core", 1, Background, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(c.procs))
			var now, most atomic.Int64
			seen := make([]atomic.Int64, 100)
			c.run(len(seen), func(i int) {
				n := now.Add(1)
				for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
				}
				time.Sleep(100 * time.Microsecond) // long enough for the others to start
				seen[i].Add(1)
				now.Add(-1)
			})
			if most.Load() != int64(c.want) {
				t.Errorf("%d calls at once, want %d", most.Load(), c.want)
			}
			for i := range seen {
				if seen[i].Load() != 1 {
					t.Fatalf("call %d made %d times", i, seen[i].Load())
				}
			}
		})
	}
}

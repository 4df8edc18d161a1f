package par

import (
	"strings"
	"sync/atomic"
	"testing"
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

package serve_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/trustdocs/trustdocs/internal/synth"
)

// BenchmarkEditToPage measures what a person editing a policy waits for:
// from saving the file to the updated page served, through the watcher,
// the rebuild, the reload event and the request the page then makes.
//
//	go test ./internal/serve -run XXX -bench EditToPage -benchtime 40x
func BenchmarkEditToPage(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("policies=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if err := synth.Write(dir, synth.Options{Policies: n, Controls: n / 5}); err != nil {
				b.Fatal(err)
			}
			s := serveDir(b, dir)
			s.awaitFilled()
			page := "policies/" + synth.PolicySlug(n/2) + "/"
			file := "content/policies/" + synth.PolicySlug(n/2) + ".md"
			s.get(page)
			heading := "## Requirement 1"
			var times []time.Duration
			b.ResetTimer()
			for i := range b.N {
				next := fmt.Sprintf("## Requirement one, edit %d", i)
				start := time.Now()
				s.replace(file, heading, next)
				s.await("reload")
				_, _, body := s.get(page)
				times = append(times, time.Since(start))
				if !strings.Contains(body, ">"+strings.TrimPrefix(next, "## ")+"<") {
					b.Fatalf("edit %d is not in the page", i)
				}
				heading = next
				b.StopTimer()
				s.awaitFilled()
				b.StartTimer()
			}
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
		})
	}
}

// awaitFilled waits until the site's every file is made.
func (s *site) awaitFilled() {
	s.t.Helper()
	select {
	case <-s.filled:
	case <-time.After(5 * time.Minute):
		s.t.Fatal("the site was not made")
	}
}

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
	edits := []struct {
		name string
		// edit returns the text of the i-th edit: what to replace the
		// previous one with, and what the page then shows.
		edit  func(i int) (text, shown string)
		first string
	}{
		{"body", func(i int) (string, string) {
			return fmt.Sprintf("## Requirement one, edit %d", i), fmt.Sprintf(">Requirement one, edit %d<", i)
		}, "## Requirement 1"},
		{"front-matter", func(i int) (string, string) {
			return fmt.Sprintf(`summary = "Edited %d times."`, i+1), fmt.Sprintf("Edited %d times.", i+1)
		}, `summary = "What policy %d requires, in one sentence."`},
	}
	for _, n := range []int{1000, 10000} {
		for _, e := range edits {
			b.Run(fmt.Sprintf("policies=%d/edit=%s", n, e.name), func(b *testing.B) {
				dir := b.TempDir()
				if err := synth.Write(dir, synth.Options{Policies: n, Controls: n / 5}); err != nil {
					b.Fatal(err)
				}
				s := serveDir(b, dir)
				s.awaitFilled()
				i := n / 2
				page := "policies/" + synth.PolicySlug(i) + "/"
				file := "content/policies/" + synth.PolicySlug(i) + ".md"
				s.get(page)
				previous := e.first
				if strings.Contains(previous, "%d") {
					previous = fmt.Sprintf(previous, i+1)
				}
				var times []time.Duration
				b.ResetTimer()
				for k := range b.N {
					text, shown := e.edit(k)
					start := time.Now()
					s.replace(file, previous, text)
					s.await("reload")
					_, _, body := s.get(page)
					times = append(times, time.Since(start))
					if !strings.Contains(body, shown) {
						b.Fatalf("edit %d is not in the page", k)
					}
					previous = text
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

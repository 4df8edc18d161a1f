// Command sitegen writes synthetic trust sites for benchmarks, and runs
// trustdocs, Hugo and a bare goldmark + html/template loop side by side on
// the same content.
//
//	go run ./cmd/sitegen -n 1000 -o /tmp/site            # a trustdocs site
//	go run ./cmd/sitegen -n 1000 -o /tmp/site -hugo /tmp/hugo-site
//	go run ./cmd/sitegen -loop /tmp/site -o /tmp/out     # the bare loop, once
//	go run ./cmd/sitegen -compare 1000,10000             # all three, one run
//
// The sites are deterministic: the same flags give the same files. The Hugo
// site holds the same policy Markdown, with minimal templates, so that the
// comparison measures the same Markdown through both generators.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"time"

	"github.com/trustdocs/trustdocs/internal/synth"
)

func main() {
	n := flag.Int("n", 1000, "number of `policies`")
	controls := flag.Int("controls", 0, "number of `controls` (default: as many as policies)")
	out := flag.String("o", "", "write the trustdocs site to this `folder`")
	hugo := flag.String("hugo", "", "also write the policies as a Hugo site to this `folder`")
	compare := flag.String("compare", "", "build sites of these `sizes` (e.g. 1000,10000) with trustdocs and Hugo and print the timings")
	runs := flag.Int("runs", 3, "builds of each site by each tool, with -compare; the median is shown")
	loop := flag.String("loop", "", "make the pages of the trustdocs site in this `folder` with the bare loop, into -o")
	scale := flag.Int("scale", 50000, "with -compare, also build a site of this many `policies` once, to compare with 10,000 (0: do not)")
	probe := flag.String("probe-serve", "", "serve the site in this `folder`, and print the peak memory once every page is made and the median time from an edit to the page (-n: its policies)")
	floorOf := flag.String("floor", "", "time goldmark on every policy of the site in this `folder` and writing again every file of the trustdocs output -o")
	flag.Parse()
	if *controls == 0 {
		*controls = *n
	}
	var err error
	switch {
	case *compare != "":
		err = runCompare(*compare, *runs, *scale, os.Stdout)
	case *probe != "":
		// 25 edits: the median of nine moved by 3 ms from run to run at
		// 1,000 policies on this busy machine.
		err = probeServe(*probe, *n, 25, os.Stdout)
	case *floorOf != "" && *out != "":
		err = floor(*floorOf, *out)
	case *loop != "" && *out != "":
		err = bareLoop(*loop, *out)
	case *out != "":
		err = synth.Write(*out, synth.Options{Policies: *n, Controls: *controls})
		if err == nil && *hugo != "" {
			err = synth.WriteHugo(*hugo, synth.Options{Policies: *n, Controls: *controls})
		}
	default:
		flag.Usage()
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "sitegen:", err)
		os.Exit(1)
	}
}

// tool is a command compared, and what its timed runs measured.
type tool struct {
	name   string
	args   []string
	before func()          // when set, called before each run
	walls  []time.Duration // one a round
	peak   int64           // the largest peak resident memory, KiB
}

// rounds runs each tool twice untimed, then runs rounds in which each tool
// runs once, in turn.
func rounds(tools []*tool, runs int) error {
	for i := range max(runs, 1) + 2 {
		for _, t := range tools {
			wall, rss, err := t.run()
			if err != nil {
				return err
			}
			if i >= 2 {
				t.walls = append(t.walls, wall)
				t.peak = max(t.peak, rss)
			}
		}
	}
	return nil
}

func (t *tool) run() (time.Duration, int64, error) {
	if t.before != nil {
		t.before()
	}
	cmd := exec.Command(t.name, t.args...)
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, 0, fmt.Errorf("%s: %v", filepath.Base(t.name), err)
	}
	wall := time.Since(start)
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss
	}
	return wall, rss, nil
}

func (t *tool) median() time.Duration { return median(t.walls) }

// ratio is the median of a's time over b's, round by round.
func ratio(a, b *tool) float64 {
	rs := make([]float64, len(a.walls))
	for i := range a.walls {
		rs[i] = a.walls[i].Seconds() / b.walls[i].Seconds()
	}
	return median(rs)
}

func median[T time.Duration | float64](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
func mib(kib int64) string           { return fmt.Sprintf("%d MiB", kib/1024) }

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
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
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
	flag.Parse()
	if *controls == 0 {
		*controls = *n
	}
	var err error
	switch {
	case *compare != "":
		err = runCompare(*compare, *runs, os.Stdout)
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

// runCompare builds, for each size, a trustdocs site of N policies and N
// controls and a Hugo site of the same N policies, and makes the pages of
// the trustdocs site with the bare loop. Each tool builds twice untimed
// (so that each finds its previous output, as a person rebuilding does);
// then the three take turns, round by round (trustdocs, loop, Hugo,
// trustdocs …), so that a machine busy for a while slows all three alike.
// It prints each tool's median wall time and peak memory, and the median
// of the per-round ratios.
func runCompare(sizes string, runs int, w io.Writer) error {
	hugoBin, err := exec.LookPath("hugo")
	if err != nil {
		return errors.New("no hugo on PATH; install it with apt-get install hugo")
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "sitegen-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	td := filepath.Join(tmp, "trustdocs")
	if out, err := exec.Command("go", "build", "-o", td, "./cmd/trustdocs").CombinedOutput(); err != nil {
		return fmt.Errorf("building trustdocs (run sitegen from the repository's root): %v\n%s", err, out)
	}
	fmt.Fprintf(w, "| policies | trustdocs: N policies + N controls, whole site | bare loop: the same policy and control pages | Hugo: N policies | trustdocs / Hugo | trustdocs / loop |\n|---:|---:|---:|---:|---:|---:|\n")
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("-compare: %q is not a size", s)
		}
		o := synth.Options{Policies: n, Controls: n}
		site, hugoSite := filepath.Join(tmp, "site-"+s), filepath.Join(tmp, "hugo-"+s)
		if err := synth.Write(site, o); err != nil {
			return err
		}
		if err := synth.WriteHugo(hugoSite, o); err != nil {
			return err
		}
		tools := []*tool{
			{name: td, args: []string{"build", "-s", site, "-o", filepath.Join(tmp, "out-"+s)}},
			{name: self, args: []string{"-loop", site, "-o", filepath.Join(tmp, "loop-out-"+s)}},
			{name: hugoBin, args: []string{"--quiet", "-s", hugoSite, "-d", filepath.Join(tmp, "hugo-out-"+s)}},
		}
		if err := rounds(tools, runs); err != nil {
			return err
		}
		tdRun, loopRun, hugoRun := tools[0], tools[1], tools[2]
		fmt.Fprintf(w, "| %d | %s, %s | %s, %s | %s, %s | %.2f× time, %.2f× memory | %.2f× time |\n", n,
			seconds(tdRun.median()), mib(tdRun.peak), seconds(loopRun.median()), mib(loopRun.peak),
			seconds(hugoRun.median()), mib(hugoRun.peak),
			ratio(tdRun, hugoRun), float64(tdRun.peak)/float64(hugoRun.peak), ratio(tdRun, loopRun))
	}
	return nil
}

// tool is a command compared, and what its timed runs measured.
type tool struct {
	name  string
	args  []string
	walls []time.Duration // one a round
	peak  int64           // the largest peak resident memory, KiB
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

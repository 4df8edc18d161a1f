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
// the trustdocs site with the bare loop. Each is built twice untimed (so
// that each finds its previous output, as a person rebuilding does), then
// runs times; it prints the median wall time, the peak memory and the
// ratios.
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
		site, hugoSite := filepath.Join(tmp, "site-"+s), filepath.Join(tmp, "hugo-"+s)
		if err := synth.Write(site, synth.Options{Policies: n, Controls: n}); err != nil {
			return err
		}
		if err := synth.WriteHugo(hugoSite, synth.Options{Policies: n, Controls: n}); err != nil {
			return err
		}
		tdRun, err := measure(runs, td, "build", "-s", site, "-o", filepath.Join(tmp, "out-"+s))
		if err != nil {
			return err
		}
		loopRun, err := measure(runs, self, "-loop", site, "-o", filepath.Join(tmp, "loop-out-"+s))
		if err != nil {
			return err
		}
		hugoRun, err := measure(runs, hugoBin, "--quiet", "-s", hugoSite, "-d", filepath.Join(tmp, "hugo-out-"+s))
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "| %d | %s, %s | %s, %s | %s, %s | %.2f× time, %.2f× memory | %.2f× time |\n", n,
			seconds(tdRun.wall), mib(tdRun.rss), seconds(loopRun.wall), mib(loopRun.rss), seconds(hugoRun.wall), mib(hugoRun.rss),
			tdRun.wall.Seconds()/hugoRun.wall.Seconds(), float64(tdRun.rss)/float64(hugoRun.rss),
			tdRun.wall.Seconds()/loopRun.wall.Seconds())
	}
	return nil
}

type run struct {
	wall time.Duration
	rss  int64 // peak resident memory, KiB
}

// measure runs a command twice untimed, then runs times, and returns the
// median wall time and the largest peak memory of the timed runs.
func measure(runs int, name string, args ...string) (run, error) {
	var walls []time.Duration
	var peak int64
	for i := range max(runs, 1) + 2 {
		cmd := exec.Command(name, args...)
		cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return run{}, fmt.Errorf("%s: %v", filepath.Base(name), err)
		}
		if i < 2 {
			continue
		}
		walls = append(walls, time.Since(start))
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			peak = max(peak, ru.Maxrss)
		}
	}
	slices.Sort(walls)
	return run{walls[len(walls)/2], peak}, nil
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
func mib(kib int64) string           { return fmt.Sprintf("%d MiB", kib/1024) }

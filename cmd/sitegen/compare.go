package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/trustdocs/trustdocs/internal/synth"
)

// measured is what runCompare found for one size.
type measured struct {
	n                   int
	td, loop, hugo      *tool
	floor               time.Duration
	same, onePolicy     time.Duration // rebuilds: nothing changed, one policy's body changed
	checkPeak, packPeak int64         // KiB
	servePeak           int64         // KiB, once every page is made
	serveEdit           time.Duration // median, edit to page
}

// runCompare builds, for each size, a trustdocs site of N policies and N
// controls and a Hugo site of the same N policies, and makes the pages of
// the trustdocs site with the bare loop. Each tool builds twice untimed
// (so that each finds its previous output, as a person rebuilding does);
// then the three take turns, round by round (trustdocs, loop, Hugo,
// trustdocs …), so that a machine busy for a while slows all three alike.
// trustdocs's full builds are timed without its build cache (deleted
// before each), as after an edit of site.toml. It prints each tool's
// median wall time and peak memory, and the median of the per-round
// ratios; then trustdocs's other figures, and every target of issue 21
// with whether it is met.
func runCompare(sizes string, runs, scale int, w io.Writer) error {
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
	var all []*measured
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("-compare: %q is not a size", s)
		}
		m, err := compareSize(n, runs, tmp, td, self, hugoBin)
		if err != nil {
			return err
		}
		all = append(all, m)
		fmt.Fprintf(w, "| %d | %s, %s | %s, %s | %s, %s | %.2f× time, %.2f× memory | %.2f× time |\n", n,
			seconds(m.td.median()), mib(m.td.peak), seconds(m.loop.median()), mib(m.loop.peak),
			seconds(m.hugo.median()), mib(m.hugo.peak),
			ratio(m.td, m.hugo), float64(m.td.peak)/float64(m.hugo.peak), ratio(m.td, m.loop))
	}
	fmt.Fprintf(w, "\n| policies | floor | trustdocs / floor | rebuild, nothing changed | rebuild, one policy changed | peak: check, pack | serve: start-up peak, edit → page p50 |\n|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, m := range all {
		full := m.td.median().Seconds()
		fmt.Fprintf(w, "| %d | %s | %.2f× | %s (%.0f%%) | %s (%.0f%%) | %s, %s | %s, %.1f ms |\n", m.n,
			seconds(m.floor), full/m.floor.Seconds(), seconds(m.same), 100*m.same.Seconds()/full,
			seconds(m.onePolicy), 100*m.onePolicy.Seconds()/full, mib(m.checkPeak), mib(m.packPeak),
			mib(m.servePeak), float64(m.serveEdit.Microseconds())/1000)
	}
	var big *tool
	if scale > 0 {
		if big, err = buildOnce(scale, tmp, td); err != nil {
			return err
		}
	}
	targets(w, all, scale, big)
	return nil
}

// compareSize measures everything for one size.
func compareSize(n, runs int, tmp, td, self, hugoBin string) (*measured, error) {
	s := strconv.Itoa(n)
	o := synth.Options{Policies: n, Controls: n}
	site, hugoSite := filepath.Join(tmp, "site-"+s), filepath.Join(tmp, "hugo-"+s)
	if err := synth.Write(site, o); err != nil {
		return nil, err
	}
	if err := synth.WriteHugo(hugoSite, o); err != nil {
		return nil, err
	}
	out := filepath.Join(tmp, "out-"+s)
	cache := filepath.Join(tmp, ".out-"+s+".cache")
	m := &measured{n: n,
		td:   &tool{name: td, args: []string{"build", "-s", site, "-o", out}, before: func() { os.RemoveAll(cache) }},
		loop: &tool{name: self, args: []string{"-loop", site, "-o", filepath.Join(tmp, "loop-out-"+s)}},
		hugo: &tool{name: hugoBin, args: []string{"--quiet", "-s", hugoSite, "-d", filepath.Join(tmp, "hugo-out-"+s)}},
	}
	if err := rounds([]*tool{m.td, m.loop, m.hugo}, runs); err != nil {
		return nil, err
	}
	var err error
	if m.floor, err = medianOf(runs, func() (time.Duration, error) {
		b, err := exec.Command(self, "-floor", site, "-o", out).Output()
		if err != nil {
			return 0, fmt.Errorf("floor: %v", err)
		}
		ns, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
		return time.Duration(ns), err
	}); err != nil {
		return nil, err
	}
	// The rebuilds: the build before each leaves a record (its files
	// were written long enough ago to be trusted).
	build := &tool{name: td, args: m.td.args}
	if _, _, err := build.run(); err != nil {
		return nil, err
	}
	if m.same, err = medianOf(runs, func() (time.Duration, error) { wall, _, err := build.run(); return wall, err }); err != nil {
		return nil, err
	}
	policy := filepath.Join(site, "content", "policies", synth.PolicySlug(n/2)+".md")
	k := 0
	if m.onePolicy, err = medianOf(runs, func() (time.Duration, error) {
		k++
		if err := editBody(policy, k); err != nil {
			return 0, err
		}
		wall, _, err := build.run()
		return wall, err
	}); err != nil {
		return nil, err
	}
	for _, c := range []struct {
		peak *int64
		args []string
	}{
		{&m.checkPeak, []string{"check", "-s", site}},
		{&m.packPeak, []string{"pack", "-s", site, "-o", filepath.Join(tmp, "pack-"+s+".zip")}},
	} {
		if _, *c.peak, err = (&tool{name: td, args: c.args}).run(); err != nil {
			return nil, err
		}
	}
	probe, err := exec.Command(self, "-probe-serve", site, "-n", s).Output()
	if err != nil {
		return nil, fmt.Errorf("serve probe: %v", err)
	}
	var ns int64
	if _, err := fmt.Sscan(string(probe), &m.servePeak, &ns); err != nil {
		return nil, fmt.Errorf("serve probe printed %q", probe)
	}
	m.serveEdit = time.Duration(ns)
	return m, nil
}

// editBody appends a line to a policy's body, stamped a minute ago (a
// file just written is not trusted by the build cache).
func editBody(file string, k int) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	if err := os.WriteFile(file, fmt.Appendf(b, "\nEdit %d.\n", k), 0o644); err != nil {
		return err
	}
	at := time.Now().Add(-time.Minute + time.Duration(k)*time.Second)
	return os.Chtimes(file, at, at)
}

// buildOnce builds a site of n policies twice (the second finds the
// first's output) and measures the second.
func buildOnce(n int, tmp, td string) (*tool, error) {
	site, out := filepath.Join(tmp, "site-scale"), filepath.Join(tmp, "out-scale")
	if err := synth.Write(site, synth.Options{Policies: n, Controls: n}); err != nil {
		return nil, err
	}
	t := &tool{name: td, args: []string{"build", "-s", site, "-o", out},
		before: func() { os.RemoveAll(filepath.Join(tmp, ".out-scale.cache")) }}
	return t, rounds([]*tool{t}, 1)
}

func medianOf(runs int, f func() (time.Duration, error)) (time.Duration, error) {
	var ds []time.Duration
	for range max(runs, 1) {
		d, err := f()
		if err != nil {
			return 0, err
		}
		ds = append(ds, d)
	}
	return median(ds), nil
}

// targets prints issue 21's table of targets, each with what was measured
// and whether it is met.
func targets(w io.Writer, all []*measured, scale int, big *tool) {
	fmt.Fprintf(w, "\n| target | measured | met |\n|---|---:|:---:|\n")
	row := func(what string, got float64, unit string, limit float64) {
		met := "yes"
		if got > limit {
			met = "**no**"
		}
		fmt.Fprintf(w, "| %s ≤ %g%s | %.2f%s | %s |\n", what, limit, unit, got, unit, met)
	}
	var ten *measured
	for _, m := range all {
		row(fmt.Sprintf("full build vs Hugo, %d", m.n), ratio(m.td, m.hugo), "×", 0.5)
		row(fmt.Sprintf("full build vs bare loop, %d", m.n), ratio(m.td, m.loop), "×", 1.0)
		if m.n == 10000 {
			ten = m
		}
	}
	for _, m := range all {
		switch m.n {
		case 1000:
			row("serve edit → page p50, 1,000", float64(m.serveEdit.Microseconds())/1000, " ms", 20)
		case 10000:
			row("serve edit → page p50, 10,000", float64(m.serveEdit.Microseconds())/1000, " ms", 60)
		}
	}
	if ten == nil {
		fmt.Fprintln(w, "| (the other targets are at 10,000: -compare 1000,10000) | | |")
		return
	}
	full := ten.td.median().Seconds()
	row("full build vs floor, 10,000", full/ten.floor.Seconds(), "×", 3)
	row("rebuild, nothing changed, 10,000", 100*ten.same.Seconds()/full, "%", 15)
	row("rebuild, one policy changed, 10,000", 100*ten.onePolicy.Seconds()/full, "%", 20)
	row("peak memory, build, 10,000", float64(ten.td.peak)/1024, " MiB", 150)
	row("peak memory, check, 10,000", float64(ten.checkPeak)/1024, " MiB", 200)
	row("peak memory, pack, 10,000", float64(ten.packPeak)/1024, " MiB", 200)
	row("peak memory, serve start-up, 10,000", float64(ten.servePeak)/1024, " MiB", 300)
	if big != nil && scale == 50000 {
		row("50,000 vs 10,000, time", big.median().Seconds()/full, "×", 5.5)
		row("peak memory, build, 50,000", float64(big.peak)/1024, " MiB", 400)
	}
}

package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/memcap"
	"github.com/trustdocs/trustdocs/internal/par"
	"github.com/trustdocs/trustdocs/internal/pipeline"
	"github.com/trustdocs/trustdocs/internal/serve"
	"github.com/trustdocs/trustdocs/internal/synth"
)

// probeServe runs serve on the site, as the command does, in this process
// and nothing else: it waits until every page is made and notes the peak
// memory so far (serve's start-up), then saves edits of one policy's body
// and times each from the save to the updated page served, through the
// watcher, the rebuild, the reload event and the request. It prints the
// peak in KiB and the median in nanoseconds.
func probeServe(site string, n, edits int, w io.Writer) error {
	filled := make(chan struct{}, 16)
	listening := make(chan string, 1)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	done := make(chan error, 1)
	defer memcap.On(memcap.Serve)() // as the command does
	go func() {
		done <- serve.Run(ctx, serve.Options{
			Build: pipeline.Options{Site: site, Templates: trustdocs.Templates, Theme: trustdocs.Theme},
			Addr:  "127.0.0.1:0", Log: io.Discard,
			Listening: func(url string) { listening <- url },
			Filled:    func() { filled <- struct{}{} },
		})
	}()
	var url string
	select {
	case url = <-listening:
	case err := <-done:
		return err
	}
	<-filled
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	peak := ru.Maxrss

	events, err := http.Get(url + "_trustdocs/events")
	if err != nil {
		return err
	}
	defer events.Body.Close()
	reloads := make(chan struct{}, 16)
	go func() {
		sc := bufio.NewScanner(events.Body)
		for sc.Scan() {
			if sc.Text() == "event: reload" {
				reloads <- struct{}{}
			}
		}
	}()
	i := n / 2
	page := url + "policies/" + synth.PolicySlug(i) + "/"
	file := filepath.Join(site, "content", "policies", synth.PolicySlug(i)+".md")
	previous := "## Requirement 1"
	var times []time.Duration
	for k := range edits {
		text := fmt.Sprintf("## Requirement one, edit %d", k)
		b, err := os.ReadFile(file)
		if err != nil || !strings.Contains(string(b), previous) {
			return fmt.Errorf("%s: no %q to edit", file, previous)
		}
		start := time.Now()
		if err := synth.Save(file, strings.Replace(string(b), previous, text, 1)); err != nil {
			return err
		}
		select {
		case <-reloads:
		case <-time.After(time.Minute):
			return errors.New("serve: no reload a minute after an edit")
		}
		resp, err := http.Get(page)
		if err != nil {
			return err
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		times = append(times, time.Since(start))
		if !strings.Contains(string(body), fmt.Sprintf(">Requirement one, edit %d<", k)) {
			return fmt.Errorf("serve: edit %d is not in the page", k)
		}
		previous = text
		<-filled // the rest of the site made again, before the next edit
	}
	slices.Sort(times)
	fmt.Fprintf(w, "%d %d\n", peak, times[len(times)/2].Nanoseconds())
	return nil
}

// floor times the least any generator must do to make the site in out from
// the site in site: goldmark on every policy's body, on every core, and
// every file of out written again with its bytes, in place, as trustdocs
// writes them. Reading both is not timed. It prints the nanoseconds.
func floor(site, out string) error {
	bodies, err := filepath.Glob(filepath.Join(site, "content", "policies", "*.md"))
	if err != nil {
		return err
	}
	srcs := make([][]byte, len(bodies))
	for i, f := range bodies {
		if srcs[i], err = os.ReadFile(f); err != nil {
			return err
		}
	}
	type file struct {
		path string
		b    []byte
	}
	var files []file
	err = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		files = append(files, file{p, b})
		return err
	})
	if err != nil {
		return err
	}
	md := bareMarkdown()
	start := time.Now()
	errs := make([]error, len(srcs)+len(files))
	par.Do(len(errs), func(i int) {
		if i < len(srcs) {
			errs[i] = md.Convert(srcs[i], io.Discard)
		} else {
			errs[i] = rewrite(files[i-len(srcs)].path, files[i-len(srcs)].b)
		}
	})
	elapsed := time.Since(start)
	if err := errors.Join(errs...); err != nil {
		return err
	}
	fmt.Println(elapsed.Nanoseconds())
	return nil
}

// rewrite writes b over the file at p without truncating it first, as
// trustdocs's output folder does (ext4 flushes a file truncated to zero
// when it is closed).
func rewrite(p string, b []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Truncate(int64(len(b)))
	}
	return errors.Join(err, f.Close())
}

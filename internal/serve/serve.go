// Package serve previews a site while it is edited: it builds the site
// into memory, serves it over HTTP, watches the site's files, rebuilds
// what an edit changed and tells open pages to reload. Content errors are
// shown over the page while the last good build stays served.
package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/pipeline"
)

// DefaultAddr is where serve listens unless told otherwise: loopback only.
const DefaultAddr = "127.0.0.1:1313"

// Options say what to serve and where.
type Options struct {
	Build pipeline.Options
	Addr  string    // host:port; default DefaultAddr
	Log   io.Writer // the URL, then one line per rebuild
	// Listening, when set, is called with the site's URL once the server
	// accepts connections.
	Listening func(url string)
	// Filled, when set, is called each time a build's every file is made.
	Filled func()
}

// Run serves the site until ctx is done, then shuts down: it stops
// watching, ends every event stream, waits for requests in flight and
// frees the port.
func Run(ctx context.Context, opts Options) error {
	if opts.Addr == "" {
		opts.Addr = DefaultAddr
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	root, err := filepath.Abs(opts.Build.Site)
	if err != nil {
		return err
	}
	opts.Build.Drafts = true // a preview shows drafts, as they will read
	session := pipeline.NewSession(opts.Build)
	g, err := session.Rebuild(nil)
	if err != nil {
		return err
	}
	h := &handler{hub: newHub(), log: opts.Log}
	h.publish(g)

	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("%s is in use (another trustdocs serve?); pick another port with --addr 127.0.0.1:1314", opts.Addr)
		}
		return err
	}
	if !loopback(ln.Addr()) {
		fmt.Fprintf(opts.Log, "warning: listening on %s, which other machines can reach: anyone on the network can read the site, and with --audience nda its restricted documents\n", opts.Addr)
	}
	w, err := newWatcher(root)
	if err != nil {
		ln.Close()
		return fmt.Errorf("cannot watch %s: %v", root, err)
	}

	ctx, stop := context.WithCancel(ctx)
	defer stop()
	var wg sync.WaitGroup
	wg.Go(func() { w.run(ctx) })
	srv := &http.Server{Handler: guard(h), ReadHeaderTimeout: 10 * time.Second,
		ErrorLog: log.New(opts.Log, "serve: ", 0)}
	srv.RegisterOnShutdown(h.hub.close)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	url := siteURL(ln.Addr())
	fmt.Fprintf(opts.Log, "serving %s at %s (audience %s, as of %s); Ctrl-C stops\n", root, url, g.Audience, g.AsOf)
	logBuild(opts.Log, g, opts.Build.Site, true)
	if opts.Listening != nil {
		opts.Listening(url)
	}
	fill := startFill(ctx, &wg, g, h, opts)

	for {
		select {
		case <-ctx.Done():
			fill()
			shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			err := srv.Shutdown(shutdown)
			wg.Wait()
			return err
		case err := <-served:
			return err
		case err := <-w.errs:
			fmt.Fprintf(opts.Log, "watching: %v\n", err)
		case changed := <-w.out:
			g, err := session.Rebuild(changed)
			if err != nil { // not the content's fault: no site.toml any more
				fmt.Fprintf(opts.Log, "%s rebuild failed: %v\n", time.Now().Format("15:04:05"), err)
				continue
			}
			h.publish(g)
			h.hub.built(eventFor(g))
			logBuild(opts.Log, g, opts.Build.Site, false)
			if !g.HasErrors() {
				fill()
				fill = startFill(ctx, &wg, g, h, opts)
			}
		}
	}
}

// startFill makes the rest of a build's files in the background, so that
// a template's mistake anywhere is shown; the function it returns stops
// it.
func startFill(ctx context.Context, wg *sync.WaitGroup, g *pipeline.Generation, h *handler, opts Options) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	wg.Go(func() {
		defer func() {
			if v := recover(); v != nil { // a bug in trustdocs: the pages asked for show it
				fmt.Fprintf(opts.Log, "internal error making the site: %v (a bug in trustdocs; please report it)\n", v)
			}
		}()
		problems := g.MakeAll(ctx)
		if ctx.Err() != nil {
			return
		}
		if len(problems) > 0 {
			diag.WriteLines(opts.Log, problems, opts.Build.Site)
			h.hub.built(errorsEvent(problems))
		}
		if opts.Filled != nil {
			opts.Filled()
		}
	})
	return cancel
}

// eventFor is what open pages are told after build g.
func eventFor(g *pipeline.Generation) event {
	switch {
	case g.HasErrors():
		return errorsEvent(g.Diags)
	case g.StyleOnly:
		return event{name: "css"}
	}
	return event{name: "reload"}
}

func errorsEvent(items []diag.Diagnostic) event {
	var l diag.List
	l.Add(items...)
	b, _ := json.Marshal(diag.NewReport("", "", &l))
	return event{name: "errors", data: string(b)}
}

// logBuild prints one line about a build: what changed, how long it took.
func logBuild(w io.Writer, g *pipeline.Generation, site string, first bool) {
	errs, warns := 0, 0
	for _, d := range g.Diags {
		if d.Severity == diag.Error {
			errs++
		} else {
			warns++
		}
	}
	what := "built the site"
	if !first {
		what = time.Now().Format("15:04:05") + " " + describe(g.Changed)
	}
	switch {
	case g.HasErrors():
		fmt.Fprintf(w, "%s: %s, %s; still serving the last good build\n", what, diag.Plural(errs, "error"), diag.Plural(warns, "warning"))
		diag.WriteLines(w, g.Diags, site)
	default:
		fmt.Fprintf(w, "%s: %s to make, %s", what, diag.Plural(g.Remake, "file"), g.Elapsed.Round(100*time.Microsecond))
		if warns > 0 {
			fmt.Fprintf(w, ", %s (trustdocs check lists them)", diag.Plural(warns, "warning"))
		}
		fmt.Fprintln(w)
	}
}

// describe names the files a build was for.
func describe(files []string) string {
	switch len(files) {
	case 0:
		return "rebuilt"
	case 1, 2, 3:
		return strings.Join(files, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(files[:2], ", "), len(files)-2)
}

// siteURL is the address to open in a browser on this machine.
func siteURL(addr net.Addr) string {
	ta, ok := addr.(*net.TCPAddr)
	if !ok {
		return "http://" + addr.String() + "/"
	}
	host := ta.IP.String()
	switch {
	case ta.IP.IsUnspecified(): // every address: this machine's own will do
		host = "127.0.0.1"
	case ta.IP.To4() == nil:
		host = "[" + host + "]"
	}
	return fmt.Sprintf("http://%s:%d/", host, ta.Port)
}

// loopback reports whether addr can be reached from this machine only.
func loopback(addr net.Addr) bool {
	ta, ok := addr.(*net.TCPAddr)
	return ok && ta.IP.IsLoopback()
}

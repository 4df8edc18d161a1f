package serve_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/pipeline"
	"github.com/trustdocs/trustdocs/internal/serve"
	"github.com/trustdocs/trustdocs/internal/synth"
)

// wait is how long a test waits for what should take milliseconds before
// it fails.
const wait = 20 * time.Second

// site is a served site in a temporary folder.
type site struct {
	t      testing.TB
	dir    string
	url    string
	stop   context.CancelFunc
	done   chan error
	events chan event
	log    *syncBuffer
	filled chan struct{} // a value each time a build's every file is made
}

type event struct{ name, data string }

// start writes a synthetic site and serves it on a free loopback port, with
// one page listening to its events.
func start(t *testing.T) *site {
	t.Helper()
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Policies: 8, Controls: 4}); err != nil {
		t.Fatal(err)
	}
	return serveDir(t, dir)
}

func serveDir(t testing.TB, dir string) *site {
	t.Helper()
	ctx, stop := context.WithCancel(context.Background())
	s := &site{t: t, dir: dir, stop: stop, done: make(chan error, 1), events: make(chan event, 64), log: &syncBuffer{},
		filled: make(chan struct{}, 64)}
	listening := make(chan string, 1)
	go func() {
		s.done <- serve.Run(ctx, serve.Options{
			Build:     pipeline.Options{Site: dir, Templates: trustdocs.Templates, Theme: trustdocs.Theme},
			Addr:      "127.0.0.1:0",
			Log:       s.log,
			Listening: func(url string) { listening <- url },
			Filled:    func() { s.filled <- struct{}{} },
		})
	}()
	select {
	case s.url = <-listening:
	case err := <-s.done:
		t.Fatalf("serve: %v", err)
	case <-time.After(wait):
		t.Fatal("serve did not start")
	}
	t.Cleanup(func() { s.shutdown() })
	s.listen()
	return s
}

// listen opens the event stream as a page does, and waits until it is
// connected.
func (s *site) listen() {
	s.t.Helper()
	resp, err := http.Get(s.url + "_trustdocs/events")
	if err != nil {
		s.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		s.t.Fatalf("events: Content-Type %q", ct)
	}
	r := bufio.NewReader(resp.Body)
	if line, err := r.ReadString('\n'); err != nil || !strings.HasPrefix(line, "retry:") {
		s.t.Fatalf("events start with %q, %v", line, err)
	}
	go func() {
		defer resp.Body.Close()
		var e event
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				close(s.events)
				return
			}
			line = strings.TrimSuffix(line, "\n")
			switch {
			case strings.HasPrefix(line, "event: "):
				e.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				e.data += strings.TrimPrefix(line, "data: ")
			case line == "" && e.name != "":
				s.events <- e
				e = event{}
			}
		}
	}()
}

// next waits for the next event.
func (s *site) next() event {
	s.t.Helper()
	select {
	case e, ok := <-s.events:
		if !ok {
			s.t.Fatal("the event stream ended")
		}
		return e
	case <-time.After(wait):
		s.t.Fatalf("no event; log:\n%s", s.log)
	}
	return event{}
}

// await waits for an event of the given name, skipping others.
func (s *site) await(name string) event {
	s.t.Helper()
	for {
		if e := s.next(); e.name == name {
			return e
		}
	}
}

func (s *site) get(p string) (int, http.Header, string) {
	s.t.Helper()
	resp, err := http.Get(s.url + p)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func (s *site) file(rel string) string { return filepath.Join(s.dir, filepath.FromSlash(rel)) }

func (s *site) write(rel, text string) {
	s.t.Helper()
	if err := os.MkdirAll(filepath.Dir(s.file(rel)), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(s.file(rel), []byte(text), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

func (s *site) replace(rel, old, new string) {
	s.t.Helper()
	b, err := os.ReadFile(s.file(rel))
	if err != nil || !strings.Contains(string(b), old) {
		s.t.Fatalf("%s has no %q", rel, old)
	}
	s.write(rel, strings.Replace(string(b), old, new, 1))
}

func (s *site) shutdown() error {
	s.stop()
	select {
	case err := <-s.done:
		s.done <- err
		return err
	case <-time.After(wait):
		s.t.Fatal("serve did not stop")
	}
	return nil
}

var policy = "content/policies/" + synth.PolicySlug(1) + ".md"
var policyPage = "policies/" + synth.PolicySlug(1) + "/"

func TestEditAppears(t *testing.T) {
	s := start(t)
	if _, _, body := s.get(policyPage); !strings.Contains(body, ">Requirement 1<") {
		t.Fatalf("the page has no heading Requirement 1:\n%s", body)
	}
	s.replace(policy, "## Requirement 1", "## The first requirement")
	s.await("reload")
	if _, _, body := s.get(policyPage); !strings.Contains(body, ">The first requirement<") {
		t.Errorf("the edit does not appear:\n%s", body)
	}
	if log := s.log.String(); !strings.Contains(log, policy+": ") || !strings.Contains(log, " to make, ") {
		t.Errorf("the log does not say what changed:\n%s", log)
	}
}

// Editors such as vim save by writing a new file and renaming it over the
// old one.
func TestRenameOverSave(t *testing.T) {
	s := start(t)
	b, err := os.ReadFile(s.file(policy))
	if err != nil {
		t.Fatal(err)
	}
	s.write("content/policies/4913", "") // vim's probe, ignored
	os.Remove(s.file("content/policies/4913"))
	tmp := s.file("content/policies/." + synth.PolicySlug(1) + ".md.swp")
	if err := os.WriteFile(tmp, []byte(strings.Replace(string(b), "# Scope", "# Reach", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, s.file(policy)); err != nil {
		t.Fatal(err)
	}
	s.await("reload")
	if _, _, body := s.get(policyPage); !strings.Contains(body, ">Reach<") {
		t.Errorf("the saved text does not appear")
	}
	// The watch survives the rename: a second save is seen too.
	s.replace(policy, "# Reach", "# Coverage")
	s.await("reload")
	if _, _, body := s.get(policyPage); !strings.Contains(body, ">Coverage<") {
		t.Errorf("the second save does not appear")
	}
}

func TestNewFolderIsWatched(t *testing.T) {
	s := start(t)
	s.write("content/policies/new-bundle/index.md", `+++
title = "Bundled Policy"
version = "1.0"
owner = "Security"
approved = 2026-06-01
controls = ["SC-0001"]
+++
A policy in a folder of its own, with its [diagram](diagram.txt).
`)
	s.write("content/policies/new-bundle/diagram.txt", "a diagram")
	// The three writes may come in one rebuild or two.
	s.awaitServed("policies/new-bundle/diagram.txt", "a diagram")
	if code, _, body := s.get("policies/new-bundle/"); code != 200 || !strings.Contains(body, "Bundled Policy") {
		t.Fatalf("the new policy is not served: %d", code)
	}
	// A file written later into the new folder is seen: the folder is watched.
	s.write("content/policies/new-bundle/index.md", strings.Replace(readFile(t, s.file("content/policies/new-bundle/index.md")), "its [diagram]", "its network [diagram]", 1))
	s.awaitServed("policies/new-bundle/", "its network")
}

// awaitServed waits for reloads until the page at p holds want: a few
// writes in a row may be rebuilt in one go or one after another.
func (s *site) awaitServed(p, want string) {
	s.t.Helper()
	for range 3 {
		s.await("reload")
		if code, _, body := s.get(p); code == 200 && strings.Contains(body, want) {
			return
		}
	}
	s.t.Errorf("%s does not hold %q after three reloads", p, want)
}

func TestErrorKeepsLastSiteAndShowsOverlay(t *testing.T) {
	s := start(t)
	s.replace(policy, "# Scope", "# Goal")
	s.await("reload")
	s.replace(policy, "approved = ", "approved = 2026-02-30\nreviewed = ")
	e := s.await("errors")
	for _, want := range []string{`"file":"` + policy + `"`, `"line":5`, `"severity":"error"`, `"errors":1`} {
		if !strings.Contains(e.data, want) {
			t.Errorf("the errors event lacks %s:\n%s", want, e.data)
		}
	}
	code, _, body := s.get(policyPage)
	if code != 200 || !strings.Contains(body, ">Goal<") {
		t.Errorf("the last good page is not served: %d", code)
	}
	// A page opened now learns of the errors at once.
	s2 := *s
	s2.events = make(chan event, 8)
	s2.listen()
	if e := s2.next(); e.name != "errors" {
		t.Errorf("a new page's first event is %q, want errors", e.name)
	}
	s.replace(policy, "approved = 2026-02-30\nreviewed = ", "approved = ")
	s.await("reload")
	if log := s.log.String(); !strings.Contains(log, "1 error, 0 warnings; still serving the last good build") ||
		!strings.Contains(log, policy+":5:") {
		t.Errorf("the log does not show the error:\n%s", log)
	}
}

// The first build has errors: every page shows them, and reloads once
// they are fixed.
func TestFirstBuildWithErrors(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Policies: 3, Controls: 2}); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "content", "controls", "c0000.toml")
	good, _ := os.ReadFile(bad)
	os.WriteFile(bad, []byte("[[control]]\nid = \"SC-0001\"\n"), 0o644)
	s := serveDir(t, dir)
	code, header, body := s.get("")
	if code != 500 || !strings.Contains(body, "content/controls/c0000.toml:1:1: error") || !strings.Contains(body, "/_trustdocs/reload.js") {
		t.Errorf("error page: %d\n%s", code, body)
	}
	if ct := header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("error page Content-Type %q", ct)
	}
	os.WriteFile(bad, good, 0o644)
	s.await("reload")
	if code, _, _ := s.get(""); code != 200 {
		t.Errorf("after the fix: %d", code)
	}
}

func TestStylesheetSwap(t *testing.T) {
	s := start(t)
	s.write("theme/assets/style.css", "body { color: navy }")
	s.await("css")
	if code, header, body := s.get("assets/style.css"); code != 200 || body != "body { color: navy }" || header.Get("Content-Type") != "text/css; charset=utf-8" {
		t.Errorf("assets/style.css: %d %q %q", code, header.Get("Content-Type"), body)
	}
}

func TestResponses(t *testing.T) {
	s := start(t)
	for _, tc := range []struct {
		path, contentType string
		code              int
	}{
		{"", "text/html; charset=utf-8", 200},
		{"policies/", "text/html; charset=utf-8", 200},
		{"trust.json", "application/json", 200},
		{"feed.xml", "text/xml; charset=utf-8", 200},
		{"assets/site.js", "text/javascript; charset=utf-8", 200},
		{"frameworks/iso27001/soa/soa.csv", "text/csv; charset=utf-8", 200},
		{"no/such/page/", "text/html; charset=utf-8", 404},
		{"_trustdocs/reload.js", "text/javascript; charset=utf-8", 200},
		{"_trustdocs/nothing.js", "text/plain; charset=utf-8", 404},
	} {
		code, header, body := s.get(tc.path)
		if code != tc.code || header.Get("Content-Type") != tc.contentType || header.Get("Cache-Control") != "no-store" {
			t.Errorf("/%s: %d %q %q, want %d %q no-store", tc.path, code, header.Get("Content-Type"), header.Get("Cache-Control"), tc.code, tc.contentType)
		}
		injected := strings.Contains(body, `<script src="/_trustdocs/reload.js?build=0" defer></script></body>`)
		if injected != strings.HasPrefix(tc.contentType, "text/html") {
			t.Errorf("/%s: reload script injected: %v", tc.path, injected)
		}
	}
	// A folder's address without its slash is redirected, as on any web server.
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(s.url + "policies")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 301 || resp.Header.Get("Location") != "/policies/" {
		t.Errorf("/policies: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// Only the built site is served: no file of the site folder, no folder
// listing, whatever the path says.
func TestNoTraversal(t *testing.T) {
	s := start(t)
	addr := strings.TrimSuffix(strings.TrimPrefix(s.url, "http://"), "/")
	for _, p := range []string{
		"/../site.toml", "/%2e%2e/site.toml", "/..%2fsite.toml", "/content/policies/", "/content/" + policy,
		"/site.toml", "/policies/../../site.toml", "//etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/files/", "/assets/",
	} {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", p, addr)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		body, _ := io.ReadAll(resp.Body)
		conn.Close()
		if resp.StatusCode != 404 && resp.StatusCode != 400 {
			t.Errorf("%s: status %d", p, resp.StatusCode)
		}
		if strings.Contains(string(body), "title = ") || strings.Contains(string(body), "root:") {
			t.Errorf("%s: served a file of the disk:\n%s", p, body)
		}
	}
	if code, _, _ := s.get("site.toml"); code != 404 {
		t.Errorf("site.toml: %d", code)
	}
}

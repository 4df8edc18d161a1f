package serve_test

import (
	"context"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/pipeline"
	"github.com/trustdocs/trustdocs/internal/serve"
	"github.com/trustdocs/trustdocs/internal/synth"
)

func TestShutdownFreesPort(t *testing.T) {
	before := runtime.NumGoroutine()
	s := start(t)
	s.get("")
	addr := strings.TrimSuffix(strings.TrimPrefix(s.url, "http://"), "/")
	if err := s.shutdown(); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if _, ok := <-s.events; ok {
		t.Error("the event stream is still open")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("the port is not free: %v", err)
	}
	ln.Close()
	// Every goroutine ends: the watcher, the fill, the streams.
	http.DefaultClient.CloseIdleConnections()
	deadline := time.Now().Add(wait)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		runtime.Gosched()
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines left running:\n%s", n-before, buf[:runtime.Stack(buf, true)])
	}
}

func TestPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	dir := t.TempDir()
	synth.Write(dir, synth.Options{Policies: 1, Controls: 1})
	err = serve.Run(context.Background(), serve.Options{Build: pipeline.Options{Site: dir, Templates: trustdocs.Templates, Theme: trustdocs.Theme},
		Addr: ln.Addr().String()})
	if err == nil || !strings.Contains(err.Error(), "is in use") || !strings.Contains(err.Error(), "--addr") {
		t.Errorf("err = %v", err)
	}
}

func readFile(t *testing.T, file string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// syncBuffer is the server's log, written by the server and read by tests.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// Listening beyond loopback is allowed, with a warning.
func TestNonLoopbackWarns(t *testing.T) {
	dir := t.TempDir()
	synth.Write(dir, synth.Options{Policies: 1, Controls: 1})
	ctx, cancel := context.WithCancel(context.Background())
	var log syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- serve.Run(ctx, serve.Options{Build: pipeline.Options{Site: dir, Templates: trustdocs.Templates, Theme: trustdocs.Theme},
			Addr: "0.0.0.0:0", Log: &log, Listening: func(string) { cancel() }})
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(wait):
		t.Fatal("serve did not stop")
	}
	if !strings.HasPrefix(log.String(), "warning: listening on 0.0.0.0:0, which other machines can reach") || !strings.Contains(log.String(), " at http://127.0.0.1:") {
		t.Errorf("log:\n%s", log.String())
	}
}

package main

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/trustdocs/trustdocs/internal/synth"
)

// TestServeChild is the trustdocs serve that TestServeStopsOnSignal runs
// as a process of its own.
func TestServeChild(t *testing.T) {
	dir := os.Getenv("TRUSTDOCS_SERVE_CHILD")
	if dir == "" {
		t.Skip("run by TestServeStopsOnSignal")
	}
	os.Exit(run([]string{"serve", "-s", dir, "--addr", "127.0.0.1:0"}, os.Stdout, os.Stderr))
}

// Ctrl-C and SIGTERM stop serve cleanly: exit 0, the port freed.
func TestServeStopsOnSignal(t *testing.T) {
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			if err := synth.Write(dir, synth.Options{Policies: 3, Controls: 2}); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestServeChild$")
			cmd.Env = append(os.Environ(), "TRUSTDOCS_SERVE_CHILD="+dir)
			// A pipe of our own, which Wait does not close under the reader.
			stdout, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer stdout.Close()
			cmd.Stdout = w
			var stderr strings.Builder
			cmd.Stderr = &stderr
			err = cmd.Start()
			w.Close()
			if err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			url := make(chan string, 1)
			go func() {
				sc := bufio.NewScanner(stdout)
				re := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+/)`)
				for sc.Scan() {
					if m := re.FindStringSubmatch(sc.Text()); m != nil {
						url <- m[1]
					}
				}
				io.Copy(io.Discard, stdout)
			}()
			var u string
			select {
			case u = <-url:
			case <-time.After(30 * time.Second):
				t.Fatalf("serve printed no URL; stderr:\n%s", stderr.String())
			}
			resp, err := http.Get(u)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Fatalf("GET %s: %d", u, resp.StatusCode)
			}
			cmd.Process.Signal(sig)
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("serve exited with %v; stderr:\n%s", err, stderr.String())
				}
			case <-time.After(30 * time.Second):
				t.Fatal("serve did not stop")
			}
			addr := strings.TrimSuffix(strings.TrimPrefix(u, "http://"), "/")
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				t.Fatalf("the port is not free: %v", err)
			}
			ln.Close()
		})
	}
}

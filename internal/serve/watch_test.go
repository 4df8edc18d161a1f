package serve

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// wait is how long a test waits for what should take milliseconds.
const wait = 20 * time.Second

func TestIgnoredName(t *testing.T) {
	for name, want := range map[string]bool{
		"access-control.md":             false,
		"soa.toml":                      false,
		"style.css":                     false,
		".access-control.md.swp":        true,
		".access-control.md.swx":        true,
		"access-control.md~":            true,
		"4913":                          true,
		"access-control.md___jb_tmp___": true,
		"access-control.md___jb_old___": true,
		"#access-control.md#":           true,
		".#access-control.md":           true,
		".git":                          true,
		".DS_Store":                     true,
		"soa.toml.tmp":                  true,
	} {
		if got := ignoredName(name); got != want {
			t.Errorf("ignoredName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:1313": true,
		"[::1]:1313":     true,
		"0.0.0.0:1313":   false,
		"10.1.2.3:1313":  false,
	} {
		a, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := loopback(a); got != want {
			t.Errorf("loopback(%s) = %v, want %v", addr, got, want)
		}
	}
}

// A burst of events is one batch, once the site has been quiet; events
// that never stop still give a batch when the longest wait is over.
func TestDebounce(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content", "policies"), 0o755)
	w, err := newWatcher(root)
	if err != nil {
		t.Fatal(err)
	}
	w.quiet, w.most = 200*time.Millisecond, time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go w.run(ctx)
	a := filepath.Join(root, "content", "policies", "a.md")
	b := filepath.Join(root, "content", "policies", "b.md")
	send := func(name string, op fsnotify.Op) { w.fs.Events <- fsnotify.Event{Name: name, Op: op} }
	send(a, fsnotify.Create)
	send(a, fsnotify.Write)
	send(a, fsnotify.Chmod) // ignored
	send(filepath.Join(root, "content", "policies", ".a.md.swp"), fsnotify.Write)
	send(filepath.Join(root, "README.md"), fsnotify.Write) // not part of the site
	send(b, fsnotify.Write)
	send(a, fsnotify.Write)
	select {
	case batch := <-w.out:
		if !slices.Equal(batch, []string{a, b}) {
			t.Errorf("batch %q, want [a.md b.md]", batch)
		}
	case <-time.After(wait):
		t.Fatal("no batch")
	}

	// Events lost to an overflow of the kernel's queue: check everything.
	w.fs.Errors <- fsnotify.ErrEventOverflow
	select {
	case batch := <-w.out:
		if batch != nil {
			t.Errorf("after lost events, batch %q, want nil", batch)
		}
	case <-time.After(wait):
		t.Fatal("lost events gave no batch")
	}
	<-w.errs

	w.quiet, w.most = time.Hour, 300*time.Millisecond
	start := time.Now()
	go func() {
		for ctx.Err() == nil && time.Since(start) < wait {
			send(a, fsnotify.Write)
			time.Sleep(20 * time.Millisecond) // an editor writing on and on
		}
	}()
	select {
	case batch := <-w.out:
		if !slices.Equal(batch, []string{a}) {
			t.Errorf("batch %q", batch)
		}
	case <-time.After(wait):
		t.Fatal("events that never stop never gave a batch")
	}
}

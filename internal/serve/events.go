package serve

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// An event is a server-sent event for open pages: "reload", "css" (swap
// the stylesheets) or "errors" (show the overlay; data is JSON).
type event struct {
	name, data string
	build      int // the build it is about
}

// hub sends events to every open page of the site. Browsers' EventSource
// reconnects by itself, and says which build it last heard of: a page
// that missed a build while disconnected is told to reload.
type hub struct {
	mu      sync.Mutex
	clients map[chan event]bool
	build   int    // number of the current build
	errors  string // the errors shown now, as the data of an "errors" event
	closed  chan struct{}
	once    sync.Once
}

func newHub() *hub {
	return &hub{clients: map[chan event]bool{}, closed: make(chan struct{})}
}

// built records a new build and tells every page: reload, swap the
// stylesheets, or show errors (the site is then the previous build's).
func (h *hub) built(e event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.build++
	e.build = h.build
	h.errors = ""
	if e.name == "errors" {
		h.errors = e.data
	}
	for c := range h.clients {
		select {
		case c <- e:
		default: // a page that does not read its events is left behind
		}
	}
}

// current returns the number of the current build.
func (h *hub) current() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.build
}

// close ends every stream, so that the server can shut down: a stream
// never ends by itself.
func (h *hub) close() { h.once.Do(func() { close(h.closed) }) }

// ServeHTTP streams events to one page.
func (h *hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan event, 8)
	h.mu.Lock()
	if len(h.clients) >= maxStreams {
		h.mu.Unlock()
		http.Error(w, "too many pages are listening for reloads; close some", http.StatusServiceUnavailable)
		return
	}
	h.clients[c] = true
	build, errors := h.build, h.errors
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		delete(h.clients, c)
		h.mu.Unlock()
	}()

	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	fmt.Fprintf(w, "retry: 300\nid: %d\n\n", build)
	// A page says which build it last heard of: the one it was served
	// from (?last=), or the last event it received (EventSource's own
	// reconnection). One that missed a build reloads.
	seen := r.URL.Query().Get("last")
	if id := r.Header.Get("Last-Event-ID"); id != "" {
		seen = id
	}
	if last, err := strconv.Atoi(seen); err == nil && last != build {
		write(w, build, event{name: "reload"})
	}
	if errors != "" {
		write(w, build, event{name: "errors", data: errors})
	}
	flusher.Flush()
	for {
		select {
		case e := <-c:
			write(w, e.build, e)
			flusher.Flush()
		case <-r.Context().Done():
			return
		case <-h.closed:
			return
		}
	}
}

// write writes one event; data may hold several lines.
func write(w http.ResponseWriter, id int, e event) {
	fmt.Fprintf(w, "id: %d\nevent: %s\n", id, e.name)
	for _, line := range strings.Split(e.data, "\n") {
		fmt.Fprintf(w, "data: %s\n", line)
	}
	fmt.Fprint(w, "\n")
}

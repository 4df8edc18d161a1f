package serve

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html"
	"io"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/pipeline"
)

// The files serve adds to pages: they are served under /_trustdocs/, and
// never written into a built site.
//
//go:embed assets
var assets embed.FS

const prefix = "/_trustdocs/"

// script is what serve adds to every HTML page it serves: an external
// script, so that the page's Content-Security-Policy holds. It names the
// build the page is from, so that a page served just before a rebuild
// learns that it is out of date.
func script(build int) []byte {
	return fmt.Appendf(nil, `<script src="%sreload.js?build=%d" defer></script>`, prefix, build)
}

// handler serves the site from memory: the last build without errors,
// and the reload script and events.
type handler struct {
	hub *hub
	log io.Writer

	mu     sync.RWMutex
	good   *pipeline.Generation // the last build without errors, or nil
	failed *pipeline.Generation // the latest build, when it has errors
}

// publish makes g the site served, or, with errors, keeps the last good
// site and shows g's errors.
func (h *handler) publish(g *pipeline.Generation) {
	h.mu.Lock()
	if g.HasErrors() {
		h.failed = g
	} else {
		h.good, h.failed = g, nil
	}
	h.mu.Unlock()
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		// A bug in trustdocs gets one line in the log and a 500, not a stack trace.
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			fmt.Fprintf(h.log, "internal error serving %s: %v (a bug in trustdocs; please report it)\n", r.URL.Path, v)
			http.Error(w, "internal error", http.StatusInternalServerError)
		}
	}()
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if name, ok := strings.CutPrefix(r.URL.Path, prefix); ok {
		h.own(w, r, name)
		return
	}
	h.mu.RLock()
	g, failed := h.good, h.failed
	h.mu.RUnlock()
	if g == nil {
		var items []diag.Diagnostic
		if failed != nil {
			items = failed.Diags
		}
		h.errorPage(w, items, http.StatusInternalServerError)
		return
	}
	// The site is looked up in memory, by output path: a path that is not
	// one of the site's files (../site.toml, a folder) is not found.
	p := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if strings.HasSuffix(r.URL.Path, "/") || p == "" {
		p = path.Join(p, "index.html")
	}
	if g.Plan.Items[p] == nil && g.Plan.Copies[p] == "" && g.Plan.Items[path.Join(p, "index.html")] != nil {
		http.Redirect(w, r, "/"+p+"/", http.StatusMovedPermanently)
		return
	}
	status := http.StatusOK
	if g.Plan.Items[p] == nil && g.Plan.Copies[p] == "" {
		p, status = "404.html", http.StatusNotFound
	}
	if abs := g.Plan.Copies[p]; abs != "" {
		h.copy(w, r, p, abs)
		return
	}
	b, err := g.File(p)
	if err != nil {
		var le *diag.ListError
		if !errors.As(err, &le) {
			le = &diag.ListError{Items: []diag.Diagnostic{{Severity: diag.Error, Message: err.Error()}}}
		}
		h.errorPage(w, le.Items, http.StatusInternalServerError)
		return
	}
	if path.Ext(p) == ".html" {
		b = inject(b, script(h.hub.current()))
	}
	setType(w, p, b)
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		w.Write(b)
	}
}

// copy serves a file the site publishes as it is: a certificate, an image.
func (h *handler) copy(w http.ResponseWriter, r *http.Request, p, abs string) {
	f, err := os.Open(abs)
	if err != nil {
		http.Error(w, "cannot read "+p, http.StatusNotFound)
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		http.Error(w, "cannot read "+p, http.StatusNotFound)
		return
	}
	if t := mime.TypeByExtension(path.Ext(p)); t != "" {
		w.Header().Set("Content-Type", t)
	}
	http.ServeContent(w, r, p, fi.ModTime(), f)
}

// own serves serve's own files and the event stream.
func (h *handler) own(w http.ResponseWriter, r *http.Request, name string) {
	if name == "events" {
		h.hub.ServeHTTP(w, r)
		return
	}
	b, err := assets.ReadFile("assets/" + name)
	if err != nil || strings.Contains(name, "/") {
		http.NotFound(w, r)
		return
	}
	setType(w, name, b)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}

// inject adds the reload script at the end of a page's body.
func inject(page, script []byte) []byte {
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(script))
	out = append(out, page[:i]...)
	out = append(out, script...)
	return append(out, page[i:]...)
}

// setType sets the Content-Type a file's name calls for.
func setType(w http.ResponseWriter, name string, b []byte) {
	t := mime.TypeByExtension(path.Ext(name))
	if t == "" {
		t = http.DetectContentType(b)
	}
	w.Header().Set("Content-Type", t)
}

// errorPage is served when there is no site to show: the first build has
// errors, or a page's template failed. The reload script shows the same
// errors over it, and reloads once they are fixed.
func (h *handler) errorPage(w http.ResponseWriter, items []diag.Diagnostic, status int) {
	var b bytes.Buffer
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>trustdocs: the site has errors</title>` +
		`<meta http-equiv="Content-Security-Policy" content="default-src 'self'"><link rel="stylesheet" href="` + prefix + `overlay.css"></head>` +
		`<body class="trustdocs-error-page"><main><h1>The site has errors</h1><p>Fix them and save: this page reloads by itself.</p><ul>`)
	for _, d := range items {
		fmt.Fprintf(&b, "<li><code>%s</code> %s</li>", html.EscapeString(d.Pos.String()+": "+d.Severity.String()), html.EscapeString(d.Message))
	}
	b.WriteString("</ul></main>")
	b.Write(script(h.hub.current()))
	b.WriteString("</body></html>\n")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

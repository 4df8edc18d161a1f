package pipeline_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/pipeline"
)

// TestServedUnderASubpath publishes the example site's build under /trust/
// of a plain static file server, as on a GitHub project page or behind
// nginx's alias, and follows every link from the home page: each must lead
// to a page or file of the site, under /trust/.
func TestServedUnderASubpath(t *testing.T) {
	opts := example(t)
	opts.Out = filepath.Join(t.TempDir(), "public")
	res, err := pipeline.Build(opts)
	if err != nil || res.Failed() {
		t.Fatalf("build: %v %v", err, res.Diags.Items())
	}
	mux := http.NewServeMux()
	mux.Handle("/trust/", http.StripPrefix("/trust/", http.FileServer(http.Dir(opts.Out))))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	start, _ := url.Parse(srv.URL + "/trust/")
	seen := map[string]bool{start.String(): true}
	queue := []*url.URL{start}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		resp, err := http.Get(u.String())
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %s", u.Path, resp.Status)
			continue
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") && !strings.HasSuffix(u.Path, ".css") {
			continue
		}
		for _, m := range hrefRE.FindAllSubmatch(body, -1) {
			link := string(m[2])
			if link == "" {
				link = strings.Trim(string(m[3]), `"'`)
			}
			ref, err := url.Parse(link)
			if err != nil || ref.Scheme != "" || ref.Host != "" {
				continue // mailto:, https:// — not the site's
			}
			next := u.ResolveReference(ref)
			next.Fragment = ""
			if !strings.HasPrefix(next.Path, "/trust/") {
				t.Errorf("%s links to %s, outside the site's path", u.Path, next.Path)
				continue
			}
			if !seen[next.String()] {
				seen[next.String()] = true
				queue = append(queue, next)
			}
		}
	}
	t.Logf("followed %d links of %d files", len(seen), res.Files)
	if len(seen) < res.Files/2 {
		t.Errorf("followed %d links; the site has %d files", len(seen), res.Files)
	}
}

var hrefRE = regexp.MustCompile(`(href|src)="([^"]+)"|url\(([^)]+)\)`)

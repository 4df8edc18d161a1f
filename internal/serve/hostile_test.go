package serve_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 16, item 10: a page that rebinds its own name to 127.0.0.1 cannot
// read the preview; nor can another origin listen to its events; nor can
// a page open event streams without end.
func TestHostileHostAndOrigin(t *testing.T) {
	s := start(t)
	get := func(host, origin, path string) int {
		t.Helper()
		req, _ := http.NewRequest("GET", s.url+path, nil)
		if host != "" {
			req.Host = host
		}
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	port := s.url[strings.LastIndex(s.url, ":")+1 : len(s.url)-1]
	for _, tc := range []struct {
		host, origin, path string
		want               int
	}{
		{"", "", "", 200},
		{"localhost:" + port, "", "", 200},
		{"[::1]:" + port, "", "", 200},
		{"evil.example:" + port, "", "", 421},
		{"evil.example", "", "policies/", 421},
		{"127.0.0.1.evil.example:" + port, "", "", 421},
		{"", "http://evil.example", "_trustdocs/events", 403},
		{"", "null", "", 403},
	} {
		if got := get(tc.host, tc.origin, tc.path); got != tc.want {
			t.Errorf("Host %q Origin %q /%s: %d, want %d", tc.host, tc.origin, tc.path, got, tc.want)
		}
	}
	// The page's own event stream, from its own origin, is served.
	req, _ := http.NewRequest("GET", s.url+"_trustdocs/events", nil)
	req.Header.Set("Origin", strings.TrimSuffix(s.url, "/"))
	var open []*http.Response
	defer func() {
		for _, r := range open {
			r.Body.Close()
		}
	}()
	// One stream is open already (start's); up to 64 are served.
	for i := 1; ; i++ {
		resp, err := http.DefaultClient.Do(req.Clone(req.Context()))
		if err != nil {
			t.Fatal(err)
		}
		open = append(open, resp)
		if resp.StatusCode != 200 {
			if resp.StatusCode != 503 || i != 64 {
				t.Errorf("stream %d: %d, want 503 from the 65th on", i+1, resp.StatusCode)
			}
			break
		}
		if i > 100 {
			t.Fatal("event streams are not capped")
		}
	}
}

// Issue 16, item 13: a site folder deleted and made again (a fresh clone)
// is served again, with what the new folder holds.
func TestSiteFolderRecreated(t *testing.T) {
	s := start(t)
	b, err := os.ReadFile(s.file(policy))
	if err != nil {
		t.Fatal(err)
	}
	copyDir := t.TempDir()
	if err := os.CopyFS(copyDir, os.DirFS(s.dir)); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(copyDir, filepath.FromSlash(policy)), []byte(strings.Replace(string(b), "## Requirement 1", "## Cloned again", 1)), 0o644)
	if err := os.RemoveAll(s.dir); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(s.dir, os.DirFS(copyDir)); err != nil {
		t.Fatal(err)
	}
	for {
		s.await("reload")
		if _, _, body := s.get(policyPage); strings.Contains(body, ">Cloned again<") {
			break
		}
	}
	// And its files are watched again.
	s.replace(policy, "## Cloned again", "## Edited after")
	for {
		s.await("reload")
		if _, _, body := s.get(policyPage); strings.Contains(body, ">Edited after<") {
			break
		}
	}
}

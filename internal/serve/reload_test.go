package serve_test

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
)

// A page that missed a build (served just before it, or a tab that was
// hidden) is told to reload as soon as it listens; one that is up to date
// hears only of the next build.
func TestStalePageReloads(t *testing.T) {
	s := start(t)
	_, _, body := s.get(policyPage)
	if !strings.Contains(body, "reload.js?build=0") {
		t.Fatalf("the page does not say its build")
	}
	s.replace(policy, "## Requirement 2", "## The second requirement")
	s.await("reload")
	// connect listens as a page from build last would, and returns the
	// current build and the stream.
	connect := func(last string) (int, *bufio.Reader, io.Closer) {
		resp, err := http.Get(s.url + "_trustdocs/events?last=" + last)
		if err != nil {
			t.Fatal(err)
		}
		r := bufio.NewReader(resp.Body)
		r.ReadString('\n') // retry
		line, _ := r.ReadString('\n')
		r.ReadString('\n')
		var build int
		fmt.Sscanf(line, "id: %d", &build)
		return build, r, resp.Body
	}
	firstID := func(r *bufio.Reader) int {
		line, _ := r.ReadString('\n')
		var id int
		if _, err := fmt.Sscanf(line, "id: %d", &id); err != nil {
			t.Fatalf("not an event: %q", line)
		}
		return id
	}

	// Stale: the reload comes at once, about the current build.
	current, r, body1 := connect("0")
	if id := firstID(r); id != current || current == 0 {
		t.Errorf("a stale page's first event is about build %d, want %d at once", id, current)
	}
	body1.Close()

	// Up to date: nothing until the next build.
	for {
		now, r, body2 := connect(strconv.Itoa(current))
		if now != current { // a build came in between: try again
			body2.Close()
			current = now
			continue
		}
		s.replace(policy, "## Requirement 3", "## Requirement three")
		if id := firstID(r); id <= current {
			t.Errorf("an up-to-date page's first event is about build %d, not a later one than %d", id, current)
		}
		body2.Close()
		break
	}
}

// templates/ is watched: an override appears, and its removal restores
// the built-in template.
func TestTemplateOverride(t *testing.T) {
	s := start(t)
	s.write("templates/policy.html", `{{define "content"}}<h1>Overridden: {{.Title}}</h1>{{end}}`)
	s.await("reload")
	if _, _, body := s.get(policyPage); !strings.Contains(body, "<h1>Overridden: Policy 2</h1>") {
		t.Errorf("the override does not appear")
	}
	if err := os.Remove(s.file("templates/policy.html")); err != nil {
		t.Fatal(err)
	}
	// The write above may have been seen as two events (created, then
	// written), each a rebuild and a reload: the page is checked after
	// each reload until it is back, three at most.
	s.awaitServed(policyPage, ">Requirement 1<")
	if _, _, body := s.get(policyPage); strings.Contains(body, "Overridden") {
		t.Errorf("the built-in template is not back")
	}
}

// serve previews drafts: they are shown, as they will read once published.
func TestDraftsShown(t *testing.T) {
	s := start(t)
	s.write("content/policies/draft.md", "+++\ntitle = \"Unapproved Draftpolicy\"\nversion = \"0.1\"\nowner = \"CISO\"\ndraft = true\ncontrols = [\"SC-0001\"]\n+++\nDraftbody text.\n")
	s.await("reload")
	if code, _, body := s.get("policies/draft/"); code != http.StatusOK || !strings.Contains(body, "Draftbody") {
		t.Errorf("the draft is not shown: %d\n%s", code, body)
	}
}

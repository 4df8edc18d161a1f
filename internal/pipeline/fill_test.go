package pipeline

import (
	"bytes"
	"context"
	"testing"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/model"
)

// TestFillKeepsNothing: serve's fill makes every page and keeps none; a
// file asked for is kept (deflated, and inflated as it was made), and the
// next build, after no edit, keeps it and makes nothing again.
func TestFillKeepsNothing(t *testing.T) {
	s := NewSession(Options{Site: "../..", Audience: model.AudiencePublic, AsOf: model.NewDate(2026, 11, 1),
		Templates: trustdocs.Templates, Theme: trustdocs.Theme})
	g, err := s.Rebuild(nil)
	if err != nil || g.HasErrors() {
		t.Fatalf("build: %v %v", err, g.Diags)
	}
	if problems := g.MakeAll(context.Background()); len(problems) > 0 {
		t.Fatal(problems)
	}
	pages := 0
	for p, it := range g.Plan.Items {
		if it.Template() != "" {
			pages++
			if !g.checked[p] {
				t.Errorf("the fill did not make %s", p)
			}
		}
	}
	if len(g.made) != 0 || len(g.checked) != pages || pages == 0 {
		t.Fatalf("after the fill, %d files kept and %d made of %d pages; want none kept, all made", len(g.made), len(g.checked), pages)
	}
	want, err := g.File("index.html")
	if err != nil || len(g.made) != 1 {
		t.Fatalf("index.html: %v; %d files kept, want 1", err, len(g.made))
	}
	next, err := s.Rebuild([]string{})
	if err != nil || next.HasErrors() {
		t.Fatalf("rebuild: %v %v", err, next.Diags)
	}
	if next.Remake != 0 || len(next.made) != 1 {
		t.Fatalf("after no edit, %d files to make again and %d kept; want 0 and 1", next.Remake, len(next.made))
	}
	if got, err := next.File("index.html"); err != nil || !bytes.Equal(got, want) {
		t.Errorf("index.html kept is not the one made (%v)", err)
	}
}

package synth_test

import (
	"testing"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/pipeline"
	"github.com/trustdocs/trustdocs/internal/synth"
)

// Synthetic sites of any shape build with no errors and no warnings.
func TestSitesAreValid(t *testing.T) {
	for _, o := range []synth.Options{{Policies: 1, Controls: 1}, {Policies: 5, Controls: 200}, {Policies: 300, Controls: 40}} {
		dir := t.TempDir()
		if err := synth.Write(dir, o); err != nil {
			t.Fatal(err)
		}
		res, err := pipeline.Check(pipeline.Options{Site: dir, Templates: trustdocs.Templates, Theme: trustdocs.Theme})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range res.Diags.Items() {
			t.Errorf("%+v: %s", o, d)
		}
		if res.Failed() || res.Pages < o.Policies+o.Controls {
			t.Errorf("%+v: %d pages", o, res.Pages)
		}
	}
}

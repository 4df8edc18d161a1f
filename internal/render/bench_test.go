package render

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/load"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/resolve"
	"github.com/trustdocs/trustdocs/internal/synth"
)

// BenchmarkTemplates times the making of the pages of synthetic sites of
// N policies and N controls, template by template, per page:
//
//	go test ./internal/render -run XXX -bench Templates/policies=1000
func BenchmarkTemplates(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("policies=%d", n), func(b *testing.B) { benchmarkTemplates(b, n) })
	}
}

// synthSite is a synthetic site of n policies and n controls, resolved.
func synthSite(tb testing.TB, n int) *resolve.Site {
	dir := tb.TempDir()
	if err := synth.Write(dir, synth.Options{Policies: n, Controls: n}); err != nil {
		tb.Fatal(err)
	}
	var diags diag.List
	m, err := load.Load(dir, &diags)
	if err != nil {
		tb.Fatal(err)
	}
	return resolve.Resolve(m, model.NewDate(2026, 11, 1), &diags)
}

// publicPlan plans s's public build with the built-in templates.
func publicPlan(tb testing.TB, s *resolve.Site) *Plan {
	var diags diag.List
	plan, err := Prepare(s, Options{Audience: model.AudiencePublic, Templates: trustdocs.Templates, Theme: trustdocs.Theme}, &diags)
	if plan == nil {
		tb.Fatal(err, diags.Items())
	}
	return plan
}

func benchmarkTemplates(b *testing.B, n int) {
	plan := publicPlan(b, synthSite(b, n))
	byTemplate := map[string][]*Page{}
	for _, it := range plan.Items {
		if it.page != nil {
			byTemplate[it.page.Template] = append(byTemplate[it.page.Template], it.page)
		}
	}
	var buf bytes.Buffer
	for _, name := range slices.Sorted(maps.Keys(byTemplate)) {
		pages := byTemplate[name]
		b.Run(name, func(b *testing.B) {
			size := 0
			for i := 0; b.Loop(); i++ {
				buf.Reset()
				if err := plan.makePage(&buf, pages[i%len(pages)]); err != nil {
					b.Fatal(err)
				}
				size += buf.Len()
			}
			b.ReportMetric(float64(size)/float64(b.N), "bytes/page")
		})
	}
}

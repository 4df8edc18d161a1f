package pipeline_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/load"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/pipeline"
	rnd "github.com/trustdocs/trustdocs/internal/render"
	"github.com/trustdocs/trustdocs/internal/resolve"
	"github.com/trustdocs/trustdocs/internal/synth"
	"github.com/trustdocs/trustdocs/internal/write"
)

// BenchmarkStages times each stage of a build of synthetic sites with N
// policies and N controls, each stage on the previous one's result:
//
//	go test ./internal/pipeline -run XXX -bench Stages -benchtime 5x
func BenchmarkStages(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		dir := b.TempDir()
		if err := synth.Write(dir, synth.Options{Policies: n, Controls: n}); err != nil {
			b.Fatal(err)
		}
		asOf := model.NewDate(2026, 11, 1)
		opts := rnd.Options{Templates: trustdocs.Templates, Theme: trustdocs.Theme}
		var site *model.Site
		var resolved *resolve.Site
		var out *rnd.Output
		b.Run(fmt.Sprintf("load/policies=%d", n), func(b *testing.B) {
			for range b.N {
				var err error
				if site, err = load.Load(dir, &diag.List{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("resolve/policies=%d", n), func(b *testing.B) {
			for range b.N {
				resolved = resolve.Resolve(site, asOf, &diag.List{})
			}
		})
		b.Run(fmt.Sprintf("render/policies=%d", n), func(b *testing.B) {
			for range b.N {
				var err error
				if out, err = rnd.Render(resolved, opts, &diag.List{}); err != nil || out == nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("write/policies=%d", n), func(b *testing.B) {
			// Two writes first, so that the timed ones find the previous
			// outputs as a rebuild does.
			target := filepath.Join(b.TempDir(), "public")
			for range 2 {
				if err := write.Write(target, dir, write.Files{Generated: out.Files, Copies: out.Copies}); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for range b.N {
				if err := write.Write(target, dir, write.Files{Generated: out.Files, Copies: out.Copies}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBuild times whole builds, as the command runs them, of
// synthetic sites with N policies and N controls, each replacing the
// output of the one before:
//
//	go test ./internal/pipeline -run XXX -bench Build -benchtime 5x -cpuprofile cpu.out
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("policies=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if err := synth.Write(dir, synth.Options{Policies: n, Controls: n}); err != nil {
				b.Fatal(err)
			}
			opts := pipeline.Options{Site: dir, AsOf: model.NewDate(2026, 11, 1),
				Templates: trustdocs.Templates, Theme: trustdocs.Theme}
			for range b.N {
				res, err := pipeline.Build(opts)
				if err != nil || res.Failed() {
					b.Fatal(err, res.Diags)
				}
			}
		})
	}
}

package pipeline_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/load"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/par"
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
		opts := rnd.Options{Audience: model.AudiencePublic, Templates: trustdocs.Templates, Theme: trustdocs.Theme}
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
				out = renderAll(b, resolved, opts)
			}
		})
		b.Run(fmt.Sprintf("write/policies=%d", n), func(b *testing.B) {
			if out == nil { // the stage benchmarked alone
				m, err := load.Load(dir, &diag.List{})
				if err != nil {
					b.Fatal(err)
				}
				out = renderAll(b, resolve.Resolve(m, asOf, &diag.List{}), opts)
			}
			// Two writes first, so that the timed ones find the previous
			// outputs as a rebuild does.
			target := filepath.Join(b.TempDir(), "public")
			for range 2 {
				writeAll(b, target, dir, out)
			}
			b.ResetTimer()
			for range b.N {
				writeAll(b, target, dir, out)
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

// renderAll makes every file of the site in memory.
func renderAll(b *testing.B, s *resolve.Site, opts rnd.Options) *rnd.Output {
	plan, err := rnd.Prepare(s, opts, &diag.List{})
	if err != nil || plan == nil {
		b.Fatal(err)
	}
	out, err := plan.MakeAll(&diag.List{})
	if err != nil || out == nil {
		b.Fatal(err)
	}
	return out
}

// writeAll writes the files to the folder target on every core, as a
// build does.
func writeAll(b *testing.B, target, site string, out *rnd.Output) {
	f, err := write.Begin(target, site)
	if err != nil {
		b.Fatal(err)
	}
	paths := make([]string, 0, len(out.Files)+len(out.Copies))
	for p := range out.Files {
		paths = append(paths, p)
	}
	for p := range out.Copies {
		paths = append(paths, p)
	}
	errs := make([]error, len(paths))
	par.Do(len(paths), func(i int) {
		if content, ok := out.Files[paths[i]]; ok {
			errs[i] = f.File(paths[i], content)
		} else {
			errs[i] = f.Copy(paths[i], out.Copies[paths[i]])
		}
	})
	if err := errors.Join(errs...); err != nil {
		f.Abort()
		b.Fatal(err)
	}
	if err := f.Commit(); err != nil {
		b.Fatal(err)
	}
}

package pipeline

import (
	"errors"
	"path/filepath"
	"slices"
	"sync"

	"github.com/trustdocs/trustdocs/internal/buildcache"
	"github.com/trustdocs/trustdocs/internal/load"
	"github.com/trustdocs/trustdocs/internal/par"
	"github.com/trustdocs/trustdocs/internal/render"
	"github.com/trustdocs/trustdocs/internal/write"
)

// A build after edits makes only the files the edits change; it keeps the
// others from the output folder, which the recorded build left. Those
// files must still be in the new folder that is swapped in at the end:
// that folder is the output kept from the build before last, rewritten
// (package write), so a file kept is left there as it is when that
// output's copy is the same as the output's, and copied from the output
// otherwise. Which copies are the same is known from numbers: every
// record numbers its build and notes, for each file, the build that last
// made it; the kept output holds the files of the build the record names,
// as they were when its stamps were taken, and a file last made by that
// build or an earlier one is the same there.

// olds is what a build found of the two outputs before it, as the
// output folder was got ready.
type olds struct {
	out      buildcache.Stamps // the output folder
	outOK    bool
	previous buildcache.Stamps // the output kept from the build before last
	prevOK   bool
}

// known is what the stamps say of the two outputs, for write.BeginKnown:
// each is as the recorded build left it, holding only what trustdocs
// wrote. The output kept from the build before was that build's output
// folder, which Begin found so (it refuses any other).
func (r *reuse) known(o olds) write.Known {
	if r == nil || r.prev == nil {
		return write.Known{}
	}
	p := r.prev
	return write.Known{
		Output:   o.outOK && o.out.Sum == p.Output && p.Clean,
		Previous: o.prevOK && o.previous.Within == p.Previous,
	}
}

// stamping is the stamping of the output folder and the one kept beside
// it, in the background, from the start of a build: on a big site, tens
// of thousands of files and folders, which the build needs only once the
// site is read (but for a build that finds nothing changed, which needs
// the output folder's alone, and at once).
type stamping struct {
	o       olds
	outDone chan struct{} // closed once o.out is taken
	goOn    chan bool     // whether to stamp the kept output too
	done    chan struct{} // closed once o is complete
	once    sync.Once
}

// stampOlds starts stamping the output folder, and the one kept beside it
// once told to go on, when the record could let the build keep files of
// them.
func (r *reuse) stampOlds(out string) *stamping {
	s := &stamping{outDone: make(chan struct{}), goOn: make(chan bool, 1), done: make(chan struct{})}
	if r == nil || r.prev == nil || r.prev.Frame != r.frame {
		close(s.outDone)
		close(s.done)
		return s
	}
	go func() {
		defer close(s.done)
		s.o.out, s.o.outOK = outputStamps(out)
		close(s.outDone)
		if <-s.goOn && r.prev.PreviousBuild > 0 {
			s.o.previous, s.o.prevOK = outputStamps(write.Previous(out))
		}
	}()
	return s
}

// output waits for the output folder's stamps.
func (s *stamping) output() (buildcache.Stamps, bool) {
	<-s.outDone
	return s.o.out, s.o.outOK
}

// wait has the kept output stamped too, and waits for all.
func (s *stamping) wait() olds {
	s.once.Do(func() { s.goOn <- true })
	<-s.done
	return s.o
}

// stop lets the stamping end without the kept output's.
func (s *stamping) stop() {
	s.once.Do(func() { s.goOn <- false })
}

// kept is which files of a build's plan it keeps, and from where.
type kept struct {
	paths []string        // sorted
	set   map[string]bool // the same paths
	out   string
	made  map[string]uint64 // the record's Made
	upTo  uint64            // the kept output's copy of a file made by this build or earlier is the output's; 0: none is
}

// keeping says which files of g's plan are what the recorded build made:
// nil when none is, or when the output folder is not as it left it.
func (r *reuse) keeping(opts Options, g *Generation, found load.Fingerprint, o olds) *kept {
	if !o.outOK || g.Plan == nil {
		return nil
	}
	p := r.prev
	if o.out.Sum != p.Output || !r.sameCommit() {
		return nil
	}
	delta := found.Since(p.Load)
	same := g.Plan.Unchanged(p.Basis, render.Edits{Other: delta.All || !delta.PoliciesOnly, Files: delta.Files, Fronts: delta.Fronts})
	if same == nil {
		return nil
	}
	k := &kept{set: map[string]bool{}, out: opts.Out, made: p.Made}
	for path := range g.Plan.Items {
		if same(path) {
			k.paths = append(k.paths, path)
			k.set[path] = true
		}
	}
	slices.Sort(k.paths)
	if o.prevOK && o.previous.Within == p.Previous {
		k.upTo = p.PreviousBuild
	}
	return k
}

// skip reports whether the file at path p is kept, not made.
func (k *kept) skip(p string) bool { return k.set[p] }

// keep puts the files kept into the folder f, counting them into c, and
// returns how many there are.
func (k *kept) keep(f *write.Folder, c *counted) (int, error) {
	errs := make([]error, len(k.paths))
	par.Do(len(k.paths), func(i int) {
		p := k.paths[i]
		c.count(p)
		if m := k.made[p]; m != 0 && m <= k.upTo && f.Keep(p) {
			return
		}
		errs[i] = f.Copy(p, filepath.Join(k.out, filepath.FromSlash(p)))
	})
	return len(k.paths), errors.Join(errs...)
}

// numbers numbers the files of the plan for the record of build n: the ones
// kept are what they were.
func (k *kept) numbers(plan *render.Plan, n uint64) map[string]uint64 {
	made := make(map[string]uint64, len(plan.Items))
	for p := range plan.Items {
		made[p] = n
		if k != nil && k.set[p] && k.made[p] != 0 {
			made[p] = k.made[p]
		}
	}
	return made
}

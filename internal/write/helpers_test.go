package write

import (
	"errors"

	"github.com/trustdocs/trustdocs/internal/par"
)

// fileSet is what to write: generated files and files to copy.
type fileSet struct {
	Generated map[string][]byte // slash path → content
	Copies    map[string]string // slash path → absolute source
}

// writeAll writes files to the folder out in one go. site is the site
// folder, which out must not be nor contain.
func writeAll(out, site string, files fileSet) error {
	f, err := Begin(out, site)
	if err != nil {
		return err
	}
	paths := make([]string, 0, len(files.Generated)+len(files.Copies))
	for p := range files.Generated {
		paths = append(paths, p)
	}
	for p := range files.Copies {
		if _, dup := files.Generated[p]; !dup {
			paths = append(paths, p)
		}
	}
	errs := make([]error, len(paths))
	par.Do(len(paths), func(i int) {
		p := paths[i]
		if b, ok := files.Generated[p]; ok {
			errs[i] = f.File(p, b)
		} else {
			errs[i] = f.Copy(p, files.Copies[p])
		}
	})
	if err := errors.Join(errs...); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}

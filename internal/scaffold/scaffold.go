// Package scaffold writes new sites: the starter site of trustdocs new,
// and the files an importer adds around what it converts.
package scaffold

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/trustdocs/trustdocs/internal/model"
)

// starter is the starter site. Its text holds placeholders (__TODAY__ …)
// that New fills in; "all:" keeps .github/ and .gitignore.
//
//go:embed all:site
var starter embed.FS

// Options are what a new site is made for.
type Options struct {
	Company string     // the company's name; "" leaves a TODO
	Today   model.Date // the day the site is made: audit dates and security.txt expiry follow from it
	Version string     // the trustdocs version the workflow installs; "" for latest
	// Frameworks the company pursues: Both (the default), SOC2 or ISO27001.
	// The starter's controls map to those only, and only their
	// certification or report in progress, and SoA, are written.
	Frameworks string
}

// What a starter site pursues.
const (
	Both     = "both"
	SOC2     = "soc2"
	ISO27001 = "iso27001"
)

// Choices are the values of Options.Frameworks.
var Choices = []string{Both, SOC2, ISO27001}

// ownFiles are the starter's files that belong to one framework.
var ownFiles = map[string][]string{
	ISO27001: {"content/soa.toml", "content/certifications/iso27001.toml", "content/answers/iso27001.toml"},
	SOC2:     {"content/certifications/soc2.toml", "content/answers/soc2.toml"},
}

// New writes the starter site into dir, which must not exist or be empty.
// It returns the site-relative paths it wrote.
func New(dir string, opts Options) ([]string, error) {
	files, err := Starter(opts)
	if err != nil {
		return nil, err
	}
	if err := Write(dir, files); err != nil {
		return nil, err
	}
	return slices.Sorted(maps.Keys(files)), nil
}

// Starter returns the starter site's files, by site-relative path, with
// the placeholders filled in.
func Starter(opts Options) (map[string][]byte, error) {
	if opts.Today.IsZero() {
		opts.Today = model.DateOf(time.Now().UTC())
	}
	switch opts.Frameworks {
	case "":
		opts.Frameworks = Both
	case Both, SOC2, ISO27001:
	default:
		return nil, fmt.Errorf("frameworks %q: choose %s", opts.Frameworks, strings.Join(Choices, ", "))
	}
	fill := placeholders(opts)
	files := map[string][]byte{}
	err := fs.WalkDir(starter, "site", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(starter, p)
		if err != nil {
			return err
		}
		files[strings.TrimPrefix(p, "site/")] = []byte(fill.Replace(string(b)))
		return nil
	})
	if opts.Frameworks != Both {
		only(files, opts.Frameworks)
	}
	return files, err
}

// Shell returns what a site made from another tool's files needs around
// its content: site.toml, .gitignore, the GitHub Pages workflow, the home
// page's introduction and a contact page, from the starter.
func Shell(opts Options) (map[string][]byte, error) {
	if opts.Frameworks == "" {
		opts.Frameworks = SOC2
	}
	starter, err := Starter(opts)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, p := range []string{"site.toml", ".gitignore", ".github/workflows/trustdocs.yml", "content/_index.md", "content/pages/contact.md"} {
		out[p] = starter[p]
	}
	return out, nil
}

// only keeps the starter to one framework: the other's files go, and so
// do the lines that map controls to it.
func only(files map[string][]byte, keep string) {
	drop := SOC2
	if keep == SOC2 {
		drop = ISO27001
	}
	for _, p := range ownFiles[drop] {
		delete(files, p)
	}
	mapping := regexp.MustCompile(`(?m)^` + drop + `\s*=.*\n`)
	for p, b := range files {
		if strings.HasPrefix(p, "content/controls/") {
			files[p] = mapping.ReplaceAll(b, nil)
		}
	}
}

// placeholders fills in the starter's placeholders.
func placeholders(opts Options) *strings.Replacer {
	company, todo := opts.Company, ""
	if company == "" {
		company, todo = "Example, Inc.", "  # TODO: your company's name"
	}
	version := opts.Version
	if version == "" || version == "(devel)" {
		version = "latest"
	}
	return strings.NewReplacer(
		"__COMPANY_TODO__", todo,
		"__COMPANY__", company,
		"__TODAY__", opts.Today.String(),
		// RFC 9116 recommends an expiry less than a year ahead.
		"__EXPIRES__", opts.Today.AddMonths(11).String(),
		"__STAGE1__", opts.Today.AddMonths(2).String(),
		"__STAGE2__", opts.Today.AddMonths(3).String(),
		// A first SOC 2 period of 6 months, from the first of next month.
		"__SOC2_START__", soc2Start(opts.Today).String(),
		"__SOC2_END__", soc2Start(opts.Today).AddMonths(6).AddDays(-1).String(),
		"__TRUSTDOCS_VERSION__", version,
	)
}

// soc2Start is the first day of the month after today.
func soc2Start(today model.Date) model.Date {
	return model.NewDate(today.Year(), today.Month()+1, 1)
}

// Write creates dir and writes files into it (site-relative, slash-separated
// paths). It refuses a dir that holds anything, so that it never replaces
// a file; a failure part-way removes what it wrote.
func Write(dir string, files map[string][]byte) (err error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s already exists and is not empty; name a new folder", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	created := !exists(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var written []string
	defer func() {
		if err == nil {
			return
		}
		for _, p := range slices.Backward(written) {
			os.Remove(p)
		}
		removeEmptyDirs(dir, !created)
	}()
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		written = append(written, p)
		_, werr := f.Write(files[rel])
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return werr
		}
	}
	return nil
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// removeEmptyDirs removes the empty folders below dir, which Write made
// before it failed, and dir itself unless it was there before.
func removeEmptyDirs(dir string, keep bool) {
	var dirs []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			dirs = append(dirs, p)
		}
		return nil
	})
	for _, d := range slices.Backward(dirs) {
		if d != dir || !keep {
			os.Remove(d) // fails, as it should, on a folder that is not empty
		}
	}
}

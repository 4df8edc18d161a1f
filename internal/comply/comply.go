// Package comply converts a strongdm/comply project into a trustdocs site:
// its policies, narratives and procedures into policies, what each
// satisfies into a control mapped to SOC 2, its major revisions into
// revision history. Every value it cannot carry over is reported, never
// dropped silently.
package comply

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"github.com/trustdocs/trustdocs/internal/catalog"
	"github.com/trustdocs/trustdocs/internal/confine"
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/scaffold"
	"github.com/trustdocs/trustdocs/internal/tomlpos"
)

// Options say how to import.
type Options struct {
	Company        string               // overrides comply.yml's name
	Classification model.Classification // of every imported document; default restricted
	Today          model.Date           // the day of the import
	Version        string               // the trustdocs version the workflow installs
}

// Result is an imported project: the site's content files and what the
// import reported, at lines of the comply project's files.
type Result struct {
	Files     map[string][]byte // content/… and site.toml values, by site-relative path
	Company   string            // "" when neither comply.yml nor Options named it
	Diags     *diag.List
	Documents map[string]int // imported documents by comply folder: policies, narratives, procedures
	Controls  int
	Unmapped  int // ids of satisfies that no control carries
}

// kinds are comply's document folders, in the order they are imported,
// and the suffix their slugs get (a procedure and a policy may share a
// file name).
var kinds = []struct{ folder, suffix, what string }{
	{"policies", "", "policy"},
	{"narratives", "-narrative", "narrative"},
	{"procedures", "-procedure", "procedure"},
}

// Import reads the comply project in dir.
func Import(dir string, opts Options) (*Result, error) {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", dir)
	}
	found := false
	for _, k := range kinds {
		if _, err := os.Stat(filepath.Join(dir, k.folder)); err == nil {
			found = true
		}
	}
	if !found {
		return nil, fmt.Errorf("%s is not a comply project: it has no policies/, narratives/ or procedures/ folder", dir)
	}
	if opts.Classification == "" {
		opts.Classification = model.Restricted
	}
	if opts.Today.IsZero() {
		opts.Today = model.DateOf(time.Now().UTC())
	}
	im := &importer{dir: dir, opts: opts, diags: &diag.List{}, files: map[string][]byte{},
		res: &Result{Documents: map[string]int{}}, criteria: soc2Criteria(), slugs: map[string]string{}, ids: map[string]string{}}
	im.res.Company = opts.Company
	if im.res.Company == "" {
		im.res.Company = im.projectName()
	}
	im.company = im.res.Company
	if im.company == "" {
		im.company = "Example, Inc."
		im.diags.Warnf(diag.Pos{File: "comply.yml"}, "no comply.yml names the organization, so {{.Name}} became %q; name it with --company, or set company in site.toml and replace the name in the policies", im.company)
	}
	im.standards()
	for _, k := range kinds {
		im.folder(k.folder, k.suffix, k.what)
	}
	if err := im.site(); err != nil {
		return nil, err
	}
	im.res.Files = im.files
	im.res.Diags = im.diags
	return im.res, nil
}

// site adds what a trustdocs site has around the imported documents: the
// controls and, from the starter site, site.toml, the home page's
// introduction, a contact page, .gitignore and the GitHub Pages workflow.
// comply is for SOC 2 and records no ISO 27001 decisions, so the site
// pursues SOC 2 alone and needs no Statement of Applicability.
func (im *importer) site() error {
	if im.controls.Len() > 0 {
		im.files["content/controls/comply.toml"] = []byte(`# Controls made from what each comply document satisfies: one a document,
# with the document's acronym as id, mapped to the SOC 2 criteria it names.
# TODO: describe how each control is carried out, name its owner, and set its
# status (implemented, partial or planned): comply recorded none of these.
` + im.controls.String())
	}
	shell, err := scaffold.Shell(scaffold.Options{Company: im.res.Company, Today: im.opts.Today, Version: im.opts.Version, Frameworks: scaffold.SOC2})
	if err != nil {
		return err
	}
	maps.Copy(im.files, shell)
	return nil
}

type importer struct {
	dir      string
	opts     Options
	company  string
	diags    *diag.List
	files    map[string][]byte
	res      *Result
	criteria []string          // SOC 2 criteria ids trustdocs knows
	slugs    map[string]string // policy slug → comply file, to keep slugs unique
	ids      map[string]string // control id → comply file
	controls strings.Builder   // content/controls/comply.toml
}

// read reads a file of the project, never through a symbolic link that
// leads out of it.
func (im *importer) read(abs string) ([]byte, error) {
	b, err := confine.ReadFile(im.dir, abs)
	if errors.Is(err, confine.ErrOutside) {
		err = errors.New("symbolic link leads outside the comply project; trustdocs refuses it: copy the file into the project instead")
	}
	return b, err
}

// projectName reads name from comply.yml, the project's settings.
func (im *importer) projectName() string {
	b, err := im.read(filepath.Join(im.dir, "comply.yml"))
	if err != nil {
		return ""
	}
	var cfg struct {
		Name string `yaml:"name"`
	}
	if err := yaml.Unmarshal(b, &cfg); err != nil {
		im.diags.Warnf(diag.Pos{File: "comply.yml"}, "comply.yml does not parse (%v); its name is not used", err)
	}
	return strings.TrimSpace(cfg.Name)
}

// soc2Criteria are the ids of the built-in SOC 2 catalog.
func soc2Criteria() []string {
	src, _ := catalog.File("soc2")
	var f struct {
		Requirement []struct{ ID string }
	}
	toml.Decode(string(src), &f)
	ids := make([]string, len(f.Requirement))
	for i, r := range f.Requirement {
		ids[i] = r.ID
	}
	return ids
}

// isTSC reports whether a comply standard's name is the Trust Services
// Criteria, which trustdocs has built in as soc2.
func isTSC(name string) bool {
	n := strings.ToUpper(name)
	return strings.HasPrefix(n, "TSC") || strings.Contains(n, "SOC 2") || strings.Contains(n, "SOC2")
}

// standards compares the project's standards with trustdocs's catalogs:
// comply copies the criteria into each project, so they may have been
// edited, and a standard other than the TSC has no framework here.
func (im *importer) standards() {
	files, _ := filepath.Glob(filepath.Join(im.dir, "standards", "*.yml"))
	more, _ := filepath.Glob(filepath.Join(im.dir, "standards", "*.yaml"))
	files = append(files, more...)
	slices.Sort(files)
	for _, abs := range files {
		file := im.rel(abs)
		b, err := im.read(abs)
		if err != nil {
			im.diags.Errorf(diag.Pos{File: file}, "%v", err)
			continue
		}
		var root yaml.Node
		if err := yaml.Unmarshal(b, &root); err != nil {
			p, msg := tomlpos.YAMLError(file, 0, err)
			im.diags.Errorf(p, "the standard does not parse: %s", msg)
			continue
		}
		if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
			continue
		}
		m := root.Content[0]
		name := ""
		var ids []*yaml.Node
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == "name" {
				name = m.Content[i+1].Value
			} else {
				ids = append(ids, m.Content[i])
			}
		}
		if !isTSC(name) {
			im.diags.Warnf(diag.Pos{File: file, Line: 1}, "standard %q has no trustdocs framework, so the %d ids of it that documents satisfy are not mapped; describe it in content/frameworks/ (see the README) and map controls to it", name, len(ids))
			continue
		}
		for _, id := range ids {
			if !slices.Contains(im.criteria, id.Value) {
				im.diags.Warnf(diag.Pos{File: file, Line: id.Line, Col: id.Column}, "%q is not a SOC 2 criterion (2017 Trust Services Criteria, as trustdocs has them)%s", id.Value, diag.DidYouMean(id.Value, im.criteria))
			}
		}
	}
}

// folder imports the documents of one comply folder.
func (im *importer) folder(folder, suffix, what string) {
	files, _ := filepath.Glob(filepath.Join(im.dir, folder, "*.md"))
	slices.Sort(files)
	for _, abs := range files {
		if strings.EqualFold(filepath.Base(abs), "README.md") {
			continue // comply's note on what the folder is for
		}
		im.document(abs, folder, suffix, what)
	}
}

// document imports one comply document as a policy, with a control for
// what it satisfies.
func (im *importer) document(abs, folder, suffix, what string) {
	file := im.rel(abs)
	src, err := im.read(abs)
	if err != nil {
		im.diags.Errorf(diag.Pos{File: file}, "%v", err)
		return
	}
	text := strings.ReplaceAll(strings.TrimPrefix(string(src), "\ufeff"), "\r\n", "\n")
	head, body, offset, bodyLine, ok := split([]byte(text))
	if !ok {
		im.diags.Errorf(diag.Pos{File: file, Line: 1}, "no end of the YAML header: comply ends it with a line that is exactly ---; add one after the keys")
		return
	}
	h, ok := parseHeader(file, head, offset, im.diags)
	if !ok {
		return
	}
	base := strings.TrimSuffix(filepath.Base(abs), filepath.Ext(abs))
	slug := model.Slug(base) + suffix
	if prev, taken := im.slugs[slug]; taken {
		im.diags.Errorf(diag.Pos{File: file}, "becomes the policy %q, as %s does; rename one of the files", slug, prev)
		return
	}
	im.slugs[slug] = file
	title := h.Name.Text
	if title == "" {
		title = capitalize(strings.ReplaceAll(base, "-", " ")) + " " + what
		im.diags.Warnf(diag.Pos{File: file, Line: offset + 1}, "no name: in the header; the policy is titled %q", title)
	}
	control := im.control(file, slug, title, h)
	im.files["content/policies/"+slug+".md"] = im.policy(file, title, control, h, convertBody(file, string(body), bodyLine, title, im.company, im.diags))
	im.res.Documents[folder]++
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (im *importer) rel(abs string) string {
	r, err := filepath.Rel(im.dir, abs)
	if err != nil {
		return abs
	}
	return filepath.ToSlash(r)
}

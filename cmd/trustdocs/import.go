package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/trustdocs/trustdocs/internal/comply"
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/mdimport"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/scaffold"
)

// runImport converts a project of another tool into a new site.
func runImport(args []string, stdout, stderr io.Writer) int {
	switch {
	case len(args) > 0 && args[0] == "comply":
		return importComply(args[1:], stdout, stderr)
	case len(args) > 0 && args[0] == "markdown":
		return importMarkdown(args[1:], stdout, stderr)
	case len(args) > 0 && (args[0] == "-h" || args[0] == "--help"):
		fmt.Fprint(stdout, importUsage)
		return exitOK
	}
	fmt.Fprint(stderr, "trustdocs import: name the kind of project: comply or markdown\n\n"+importUsage)
	return exitUsage
}

// importFlags are the flags both importers take.
func importFlags(fs *flag.FlagSet) (out, company, class *string) {
	out = fs.String("o", "", "the new site's `folder` (default: DIR's name with -trustdocs, in the current folder)")
	company = fs.String("company", "", "the organization's `name`")
	class = fs.String("classification", "restricted", "`classification` of every imported document: restricted (shared under NDA), public or internal")
	return out, company, class
}

// checkImportFlags fills in the output folder and checks the classification.
func checkImportFlags(name, dir string, out, class *string, stderr io.Writer) bool {
	if !slices.Contains(model.Classifications, *class) {
		fmt.Fprintf(stderr, "trustdocs import %s: --classification must be restricted, public or internal, not %q\n", name, *class)
		return false
	}
	if *out == "" {
		abs, _ := filepath.Abs(dir)
		*out = filepath.Base(abs) + "-trustdocs"
	}
	return true
}

func importComply(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("import comply", "DIR [-o SITE] [--company NAME] [--classification restricted|public|internal]",
		"Converts a strongdm/comply project into a new trustdocs site: policies, narratives\nand procedures become policies, what each satisfies a control mapped to SOC 2,\nmajor revisions the revision history. Every id it cannot map is reported.", stderr)
	out, company, class := importFlags(fs)
	dir, code, ok := parseOneArg(fs, args, "DIR, the comply project", stderr)
	if !ok {
		return code
	}
	if !checkImportFlags("comply", dir, out, class, stderr) {
		return exitUsage
	}
	opts := comply.Options{Company: *company, Classification: model.Classification(*class), Version: moduleVersion()}
	res, err := comply.Import(dir, opts)
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs import comply: %v\n", err)
		return exitUsage
	}
	res.Diags.Write(stderr, dir)
	if res.Diags.HasErrors() {
		n, _ := res.Diags.Count()
		fmt.Fprintf(stderr, "import failed: %s in the comply project; nothing was written. Fix them and import again.\n", diag.Plural(n, "error"))
		return exitContent
	}
	if err := scaffold.Write(*out, res.Files); err != nil {
		fmt.Fprintf(stderr, "trustdocs import comply: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "imported %s, %s and %s into %s: %s mapped to SOC 2, %s not mapped (reported above); documents are %s.\n",
		count(res.Documents["policies"], "policy", "policies"), diag.Plural(res.Documents["narratives"], "narrative"), diag.Plural(res.Documents["procedures"], "procedure"),
		*out, diag.Plural(res.Controls, "control"), diag.Plural(res.Unmapped, "id"), *class)
	fmt.Fprintf(stdout, "Next: trustdocs check -s %s lists what comply did not record (owners, control status, the ISO 27001 SoA), marked TODO.\n", *out)
	return exitOK
}

// varFlags is --var k=v, given any number of times.
type varFlags map[string]string

func (v varFlags) String() string { return "" }
func (v varFlags) Set(s string) error {
	k, val, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(k) == "" {
		return fmt.Errorf("write --var NAME=VALUE, e.g. --var companyShortName=Acme")
	}
	v[strings.TrimSpace(k)] = val
	return nil
}

func importMarkdown(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("import markdown", "DIR [-o SITE] [--company NAME] [--classification restricted|public|internal] [--var NAME=VALUE …]",
		"Converts a folder of Markdown policies (a GitHub repository, or a Jekyll, Hugo,\nMkDocs, Docusaurus or GitBook site) into a new trustdocs site: folders become\nsections, titles and order come from front matter, the navigation or the first\nheading, links and images are rewritten. Everything not converted is reported.", stderr)
	out, company, class := importFlags(fs)
	vars := varFlags{}
	fs.Var(vars, "var", "fill in the template placeholder `NAME=VALUE` ({{NAME}}); any number of times")
	dir, code, ok := parseOneArg(fs, args, "DIR, the folder of Markdown", stderr)
	if !ok {
		return code
	}
	if !checkImportFlags("markdown", dir, out, class, stderr) {
		return exitUsage
	}
	opts := mdimport.Options{Company: *company, Classification: model.Classification(*class), Vars: vars, Version: moduleVersion()}
	res, err := mdimport.Import(dir, opts)
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs import markdown: %v\n", err)
		return exitUsage
	}
	res.Diags.Write(stderr, dir)
	if err := scaffold.Write(*out, res.Files); err != nil {
		fmt.Fprintf(stderr, "trustdocs import markdown: %v\n", err)
		return exitUsage
	}
	errs, warns := res.Diags.Count()
	fmt.Fprintf(stdout, "imported %s (read as %s) into %s: %s in %s, %s copied; documents are %s.\n",
		dir, res.Kind, *out, count(res.Policies, "policy", "policies"), diag.Plural(res.Sections, "section"), diag.Plural(res.Copied, "file"), *class)
	if len(res.Left) > 0 {
		fmt.Fprintf(stdout, "Not policies, left out: %s.\n", strings.Join(res.Left, ", "))
	}
	if errs+warns > 0 {
		fmt.Fprintf(stdout, "%s not converted, reported above at their lines.\n", diag.Plural(errs+warns, "thing"))
	}
	if res.Drafts > 0 {
		fmt.Fprintf(stdout, "%s no approval date, so %s drafts: trustdocs serve shows them; build publishes them once approved = YYYY-MM-DD is added.\n",
			count(res.Drafts, "policy has", "policies have"), map[bool]string{true: "it is a", false: "they are"}[res.Drafts == 1])
	}
	if res.Comply != "" {
		fmt.Fprintf(stdout, "%s holds strongdm/comply documents: trustdocs import comply maps what they satisfy to SOC 2 controls and their revisions to the history.\n", filepath.Join(dir, filepath.Dir(filepath.FromSlash(res.Comply))))
	}
	fmt.Fprintf(stdout, "Next: trustdocs serve -s %s to read it; trustdocs check -s %s lists what is left to fill in, marked TODO.\n", *out, *out)
	return exitOK
}

const importUsage = `Usage:
  trustdocs import comply DIR [-o SITE] [--company NAME] [--classification restricted|public|internal]
  trustdocs import markdown DIR [-o SITE] [--company NAME] [--classification …] [--var NAME=VALUE …]

Converts a project of another tool into a new trustdocs site. Kinds:
  comply     strongdm/comply: policies, narratives, procedures and standards
  markdown   a folder of Markdown policies: GitHub, Jekyll, Hugo, MkDocs,
             Docusaurus or GitBook
`

// count writes n things, in the singular or the plural.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

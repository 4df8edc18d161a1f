package main

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"github.com/trustdocs/trustdocs/internal/comply"
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/scaffold"
)

// runImport converts a project of another tool into a new site.
func runImport(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "comply" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprint(stdout, importUsage)
			return exitOK
		}
		fmt.Fprint(stderr, "trustdocs import: name the tool the project comes from\n\n"+importUsage)
		return exitUsage
	}
	fs := newFlagSet("import comply", "DIR [-o SITE] [--company NAME] [--classification restricted|public|internal]",
		"Converts a strongdm/comply project into a new trustdocs site: policies, narratives\nand procedures become policies, what each satisfies a control mapped to SOC 2,\nmajor revisions the revision history. Every id it cannot map is reported.", stderr)
	out := fs.String("o", "", "the new site's `folder` (default: DIR's name with -trustdocs, in the current folder)")
	company := fs.String("company", "", "the organization's `name` for {{.Name}} (default: name in comply.yml)")
	class := fs.String("classification", "restricted", "`classification` of every imported document: restricted (shared under NDA), public or internal")
	dir, code, ok := parseOneArg(fs, args[1:], "DIR, the comply project", stderr)
	if !ok {
		return code
	}
	if !slices.Contains(model.Classifications, *class) {
		fmt.Fprintf(stderr, "trustdocs import comply: --classification must be restricted, public or internal, not %q\n", *class)
		return exitUsage
	}
	if *out == "" {
		abs, _ := filepath.Abs(dir)
		*out = filepath.Base(abs) + "-trustdocs"
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

const importUsage = `Usage:
  trustdocs import comply DIR [-o SITE] [--company NAME] [--classification restricted|public|internal]

Converts a project of another tool into a new trustdocs site. Tools:
  comply   strongdm/comply: policies, narratives, procedures and standards
`

// count writes n things, in the singular or the plural.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

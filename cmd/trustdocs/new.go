package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/scaffold"
)

// runNew writes the starter site into a new folder.
func runNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("new", "DIR [--company NAME] [--frameworks both|soc2|iso27001] [--as-of DATE]",
		"Makes a starter site in DIR, a new or empty folder: site.toml, draft policies to adapt,\ncontrols mapped to the frameworks you pursue, their certification or report in progress\nand a GitHub Pages workflow. Placeholders are marked TODO; trustdocs check lists them.", stderr)
	company := fs.String("company", "", "the company's `name` (default: a placeholder marked TODO)")
	frameworks := fs.String("frameworks", scaffold.Both, "what you pursue: both, soc2 or iso27001")
	asOf := fs.String("as-of", "", "the `date` the starter's dates count from: approvals, audits booked, security.txt's expiry (default: today)")
	dir, code, ok := parseOneArg(fs, args, "DIR, the folder to create", stderr)
	if !ok {
		return code
	}
	opts := scaffold.Options{Company: *company, Version: moduleVersion(), Frameworks: *frameworks}
	if *asOf != "" {
		d, err := model.ParseDate(*asOf)
		if err != nil {
			fmt.Fprintf(stderr, "trustdocs new: --as-of: %v\n", err)
			return exitUsage
		}
		opts.Today = d
	}
	files, err := scaffold.New(dir, opts)
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs new: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stdout, `Made a trustdocs site in %s (%d files).

Next:
  cd %s
  trustdocs serve     preview at http://127.0.0.1:1313/; the page reloads on every save
  trustdocs check     every problem, and the TODOs left to write
  trustdocs build     the site, in public/

To publish with GitHub Pages, push the folder to a repository and set
Settings → Pages → Source to "GitHub Actions": .github/workflows/trustdocs.yml
builds and deploys it every day and on every push.
`, dir, len(files), dir)
	return exitOK
}

// parseOneArg parses flags around one positional argument, which may come
// before or after them (trustdocs new x --company A, or new --company A x).
func parseOneArg(fs *flag.FlagSet, args []string, what string, stderr io.Writer) (arg string, code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return "", exitOK, false
		}
		return "", exitUsage, false
	}
	if fs.NArg() == 0 {
		fmt.Fprintf(stderr, "trustdocs %s: name %s\n", fs.Name(), what)
		fs.Usage()
		return "", exitUsage, false
	}
	arg = fs.Arg(0)
	if err := fs.Parse(fs.Args()[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return "", exitOK, false
		}
		return "", exitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "trustdocs %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return "", exitUsage, false
	}
	return arg, exitOK, true
}

// Command trustdocs builds a static trust-center site from policies in
// Markdown and controls, SoA decisions and audits in TOML.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/build"
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

const usage = `trustdocs builds a static trust-center site from policies (Markdown) and
controls, Statement of Applicability decisions and audits (TOML).

Usage:
  trustdocs build [-s DIR] [-o DIR] [--audience public|nda] [--as-of DATE] [--base-url URL]
  trustdocs version

Run "trustdocs COMMAND -h" for a command's flags.
`

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1 // the content has errors
	exitUsage   = 2 // the command line is wrong, or the build could not run
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, version())
		return exitOK
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "trustdocs: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

// siteFlags are the flags every command that builds takes.
type siteFlags struct {
	site, audience, asOf, baseURL string
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.site, "s", ".", "site `folder`")
	fs.StringVar(&f.audience, "audience", "public", "who the site is for: public or nda")
	fs.StringVar(&f.asOf, "as-of", "", "compute statuses as of this `date` (YYYY-MM-DD); default build.as_of or today")
	fs.StringVar(&f.baseURL, "base-url", "", "public `URL` of the site, for the sitemap, feed and canonical links")
}

// options checks the flags and turns them into build options.
func (f *siteFlags) options() (build.Options, error) {
	opts := build.Options{Site: f.site, BaseURL: f.baseURL, Templates: trustdocs.Templates, Theme: trustdocs.Theme}
	switch model.Audience(f.audience) {
	case model.AudiencePublic, model.AudienceNDA:
		opts.Audience = model.Audience(f.audience)
	default:
		return opts, fmt.Errorf("--audience must be public or nda, not %q", f.audience)
	}
	if f.asOf != "" {
		d, err := model.ParseDate(f.asOf)
		if err != nil {
			return opts, fmt.Errorf("--as-of: %v", err)
		}
		opts.AsOf = d
	}
	return opts, nil
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf siteFlags
	sf.register(fs)
	out := fs.String("o", "", "output `folder` (default: public/ in the site folder)")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "trustdocs build: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	opts, err := sf.options()
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs build: %v\n", err)
		return exitUsage
	}
	opts.Out = *out
	res, err := build.Build(opts)
	if res != nil {
		printDiags(stderr, res.Diags)
	}
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs build: %v\n", err)
		return exitUsage
	}
	if res.Output == nil {
		n, w := res.Diags.Count()
		fmt.Fprintf(stderr, "build failed: %s, %s; the output folder was not changed\n", plural(n, "error"), plural(w, "warning"))
		return exitContent
	}
	files := len(res.Output.Files) + len(res.Output.Copies)
	fmt.Fprintf(stdout, "built %d pages, %d files in %d ms → %s (audience %s, as of %s)\n",
		res.Pages, files, res.Elapsed.Milliseconds(), build.OutDir(opts), opts.Audience, res.AsOf)
	return exitOK
}

func printDiags(w io.Writer, l *diag.List) {
	for _, d := range l.Items() {
		fmt.Fprintln(w, d)
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// version reports the module version and VCS revision from the build info.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "trustdocs (unknown version)"
	}
	v := info.Main.Version
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	out := "trustdocs " + v
	if rev != "" {
		out += " (" + rev + modified + ")"
	}
	return out + " " + info.GoVersion
}

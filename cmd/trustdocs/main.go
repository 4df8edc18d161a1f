// Command trustdocs builds a static trust-center site from policies in
// Markdown and controls, SoA decisions and audits in TOML.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/load"
	"github.com/trustdocs/trustdocs/internal/memcap"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/pack"
	"github.com/trustdocs/trustdocs/internal/par"
	"github.com/trustdocs/trustdocs/internal/pipeline"
	"github.com/trustdocs/trustdocs/internal/serve"
)

const usage = `trustdocs builds a static trust-center site from policies (Markdown) and
controls, Statement of Applicability decisions and audits (TOML).

Usage:
  trustdocs new DIR [--company NAME] [--frameworks both|soc2|iso27001]
  trustdocs import comply DIR [-o SITE] [--company NAME]
  trustdocs build [-s DIR] [-o DIR] [--audience public|nda] [--as-of DATE] [--base-url URL] [--drafts]
  trustdocs check [-s DIR] [--strict] [--suggest] [--format text|json] [--as-of DATE]
  trustdocs serve [-s DIR] [--addr 127.0.0.1:1313] [--audience public|nda] [--as-of DATE]
  trustdocs pack [-s DIR] [--audience public|nda] [--as-of DATE] [--recipient NAME [--valid-until DATE]] [-o FILE.zip] [--drafts]
  trustdocs pdf ` + pdfSynopsis + `
  trustdocs answer QUESTIONNAIRE.csv|.xlsx [-s DIR] [-o FILE] [--audience public|nda] [--question-column C]
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

func run(args []string, stdout, stderr io.Writer) (code int) {
	defer guard(stderr, &code)
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "new":
		return runNew(args[1:], stdout, stderr)
	case "import":
		return runImport(args[1:], stdout, stderr)
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "check":
		return runCheck(args[1:], stdout, stderr)
	case "serve":
		return runServe(args[1:], stdout, stderr)
	case "answer":
		return runAnswer(args[1:], stdout, stderr)
	case "pack":
		return runPack(args[1:], stdout, stderr)
	case "pdf":
		return runPDF(args[1:], stdout, stderr)
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

// newFlagSet returns the flag set of a command, whose -h shows synopsis
// and what the command does.
func newFlagSet(name, synopsis, what string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: trustdocs %s %s\n\n%s\n\nFlags:\n", name, synopsis, what)
		fs.PrintDefaults()
	}
	return fs
}

// siteFlags are the flags every command that reads a site takes.
type siteFlags struct {
	site, audience, asOf, baseURL string
}

// register adds -s and --as-of, and with output also --audience and
// --base-url, which only matter to commands that make a site.
func (f *siteFlags) register(fs *flag.FlagSet, output bool) {
	fs.StringVar(&f.site, "s", ".", "site `folder`")
	fs.StringVar(&f.asOf, "as-of", "", "compute statuses as of this `date` (YYYY-MM-DD); default build.as_of or today")
	if output {
		fs.StringVar(&f.audience, "audience", "", "who the site is for: public (the default) or nda")
		fs.StringVar(&f.baseURL, "base-url", "", "public `URL` of the site, for the sitemap, feed and canonical links")
	}
}

// parse parses a command's flags (commands take no arguments). When the
// command should not go on, it returns false and the exit status: 0 after
// -h, 2 after a mistake.
func parse(fs *flag.FlagSet, args []string, stderr io.Writer) (ok bool, code int) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return false, exitOK
		}
		return false, exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "trustdocs %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return false, exitUsage
	}
	return true, exitOK
}

// options checks the flags and turns them into build options.
func (f *siteFlags) options() (pipeline.Options, error) {
	opts := pipeline.Options{Site: f.site, BaseURL: f.baseURL, Templates: trustdocs.Templates, Theme: trustdocs.Theme}
	switch model.Audience(f.audience) {
	case "", model.AudiencePublic, model.AudienceNDA: // "": the pipeline's default
		opts.Audience = model.Audience(f.audience)
	default:
		return opts, fmt.Errorf("--audience must be public or nda, not %q", f.audience)
	}
	if msg := load.BaseURLProblem(f.baseURL); f.baseURL != "" && msg != "" {
		return opts, fmt.Errorf("--base-url %q %s", f.baseURL, msg)
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
	opts, out, code, ok := outputFlags("build", "[-s DIR] [-o DIR] [--audience public|nda] [--as-of DATE] [--base-url URL] [--drafts]",
		"Builds the site into a new folder and swaps it in for the output folder.",
		"output `folder` (default: public/ in the site folder)", false, args, stderr)
	if !ok {
		return code
	}
	opts.Out = out
	defer memcap.On(memcap.Build)()
	res, err := pipeline.Build(opts)
	if code, ok := outcome("build", "the output folder was not changed", opts, res, err, stderr); !ok {
		return code
	}
	verb := "built"
	if res.Unchanged {
		verb = "nothing changed since the last build:"
	}
	kept := ""
	if res.Kept > 0 {
		kept = fmt.Sprintf("; %d unchanged files kept from the last build", res.Kept)
	}
	fmt.Fprintf(stdout, "%s %d pages, %d files in %d ms → %s (audience %s, as of %s%s)\n",
		verb, res.Pages, res.Files, res.Elapsed.Milliseconds(), res.Out, res.Audience, res.AsOf, kept)
	draftsLeftOut(stdout, "build", res)
	return exitOK
}

// draftsLeftOut says how many drafts a build or pack left out.
func draftsLeftOut(w io.Writer, name string, res *pipeline.Result) {
	var what []string
	if res.Drafts > 0 {
		what = append(what, diag.Plural(res.Drafts, "draft"))
	}
	if res.DraftAnswers > 0 {
		what = append(what, diag.Plural(res.DraftAnswers, "draft answer"))
	}
	if len(what) > 0 {
		fmt.Fprintf(w, "%s left out: trustdocs %s --drafts publishes them; trustdocs serve shows them\n", strings.Join(what, " and "), name)
	}
}

// outputFlags parses the flags of a command that makes the site and writes
// it somewhere (build, pack): the site's flags and -o. When the command
// should not go on, ok is false and code is the exit status.
// With forOne, it also takes --recipient and --valid-until; more adds a
// command's own flags.
func outputFlags(name, synopsis, what, outUsage string, forOne bool, args []string, stderr io.Writer, more ...func(*flag.FlagSet)) (opts pipeline.Options, out string, code int, ok bool) {
	fs := newFlagSet(name, synopsis, what, stderr)
	var sf siteFlags
	sf.register(fs, true)
	var rf recipientFlags
	if forOne {
		rf.register(fs)
	}
	for _, m := range more {
		m(fs)
	}
	o := fs.String("o", "", outUsage)
	drafts := fs.Bool("drafts", false, "publish draft policies, pages and answers too (left out by default)")
	if ok, code := parse(fs, args, stderr); !ok {
		return opts, "", code, false
	}
	opts, err := sf.options()
	opts.Drafts = *drafts
	if err == nil {
		opts.Recipient, err = rf.recipient()
	}
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs %s: %v\n", name, err)
		return opts, "", exitUsage, false
	}
	return opts, *o, exitOK, true
}

// outcome prints a command's diagnostics and, when it made nothing, why;
// ok is false then, and code the exit status. kept says what the failure
// left as it was.
func outcome(name, kept string, opts pipeline.Options, res *pipeline.Result, err error, stderr io.Writer) (code int, ok bool) {
	if res != nil {
		res.Diags.Write(stderr, opts.Site)
	}
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs %s: %v\n", name, err)
		return exitUsage, false
	}
	if res.Failed() {
		n, w := res.Diags.Count()
		fmt.Fprintf(stderr, "%s failed: %s, %s; %s\n", name, diag.Plural(n, "error"), diag.Plural(w, "warning"), kept)
		return exitContent, false
	}
	return exitOK, true
}

// runCheck reports every problem of the site for every audience, on
// stdout, and writes nothing.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("check", "[-s DIR] [--strict] [--suggest] [--format text|json] [--as-of DATE]",
		"Reports every problem of the site, for every audience, and writes nothing.", stderr)
	var sf siteFlags
	sf.register(fs, false)
	strict := fs.Bool("strict", false, "fail (exit 1) on warnings too")
	suggest := fs.Bool("suggest", false, "also list the mappings the crosswalks suggest (never a failure)")
	format := fs.String("format", "text", "output `format`: text (one line per problem) or json")
	if ok, code := parse(fs, args, stderr); !ok {
		return code
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "trustdocs check: --format must be text or json, not %q\n", *format)
		return exitUsage
	}
	opts, err := sf.options()
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs check: %v\n", err)
		return exitUsage
	}
	opts.Suggest = *suggest
	defer memcap.On(memcap.Wider)()
	res, err := pipeline.Check(opts)
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs check: %v\n", err)
		return exitUsage
	}
	report := diag.NewReport(opts.Site, res.AsOf.String(), res.Diags)
	report.Suggestions = res.Suggestions
	if *format == "json" {
		err = report.WriteJSON(stdout)
	} else {
		err = report.WriteText(stdout, opts.Site)
	}
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs check: %v\n", err)
		return exitUsage
	}
	if report.Errors > 0 || (*strict && report.Warnings > 0) {
		return exitContent
	}
	return exitOK
}

// runPack zips the site for sharing, with a manifest of checksums.
func runPack(args []string, stdout, stderr io.Writer) int {
	opts, out, code, ok := outputFlags("pack", "[-s DIR] [--audience public|nda] [--as-of DATE] [--recipient NAME [--valid-until DATE]] [-o FILE.zip] [--drafts]",
		"Builds the site for the audience and zips it, with MANIFEST.sha256 at its root listing every file's SHA-256.\nThe unzipped pack opens from disk. With content errors, nothing is written.\nWith --recipient, every page says whom the pack was prepared for, and a confidentiality notice opens it.",
		"the zip `file` to write (default: <company>-trust-pack[-nda][-for-<recipient>]-<date>.zip in the current folder)", true, args, stderr)
	if !ok {
		return code
	}
	defer memcap.On(memcap.Wider)()
	res, err := pipeline.Pack(opts, out)
	if code, ok := outcome("pack", "nothing was written", opts, res, err, stderr); !ok {
		return code
	}
	fmt.Fprintf(stdout, "packed %d files, %.1f MB in %d ms → %s (audience %s, as of %s%s)\nverify: unzip it, then run sha256sum -c %s in its folder\n",
		res.Packed.Files, float64(res.Packed.Bytes)/1e6, res.Elapsed.Milliseconds(), res.Out, res.Audience, res.AsOf, preparedFor(opts), pack.Manifest)
	draftsLeftOut(stdout, "pack", res)
	if tree := pack.Unignored(res.Out); tree != "" {
		what := "what it holds"
		if res.Audience == model.AudienceNDA {
			what = "the documents shared under NDA"
		}
		fmt.Fprintf(stderr, "warning: %s is in the git work tree %s, which does not ignore it: a commit would publish %s; add %s to .gitignore, or write the pack elsewhere with -o\n",
			res.Out, tree, what, pack.IgnorePattern)
	}
	return exitOK
}

// runServe previews the site until Ctrl-C or SIGTERM.
func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve", "[-s DIR] [--addr 127.0.0.1:1313] [--audience public|nda] [--as-of DATE]",
		"Builds the site into memory and serves it; on every save, rebuilds what changed and reloads open pages.\nContent errors are shown over the page while the last good build stays served. Writes nothing.", stderr)
	var sf siteFlags
	sf.register(fs, true)
	addr := fs.String("addr", serve.DefaultAddr, "`host:port` to listen on; another host than 127.0.0.1 lets other machines read the site")
	if ok, code := parse(fs, args, stderr); !ok {
		return code
	}
	opts, err := sf.options()
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs serve: %v\n", err)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	defer memcap.On(memcap.Serve)()
	if err := serve.Run(ctx, serve.Options{Build: opts, Addr: *addr, Log: stdout}); err != nil {
		fmt.Fprintf(stderr, "trustdocs serve: %v\n", err)
		return exitUsage
	}
	return exitOK
}

// guard turns a panic — a bug in trustdocs, never the content's fault —
// into a short message and exit status 2 instead of a stack trace. The
// output folder is safe: a build writes into a new folder until the end.
// TRUSTDOCS_DEBUG=1 prints the stack for a bug report.
func guard(stderr io.Writer, code *int) {
	v := recover()
	if v == nil {
		return
	}
	stack := debug.Stack()
	if p, ok := v.(*par.Panic); ok {
		v, stack = p.Value, p.Stack
	}
	fmt.Fprintf(stderr, "trustdocs: internal error: %v\nThis is a bug in trustdocs, not a problem with your content, and the output folder was not changed.\nPlease report it with the command you ran; run it again with TRUSTDOCS_DEBUG=1 to include the stack trace.\n", v)
	if os.Getenv("TRUSTDOCS_DEBUG") != "" {
		stderr.Write(stack)
	}
	*code = exitUsage
}

// version reports the module version and VCS revision from the build info.
// moduleVersion is the version of trustdocs this command was built as,
// for the workflow files it writes: "" when unknown.
func moduleVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		return info.Main.Version
	}
	return ""
}

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

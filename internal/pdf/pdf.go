// Package pdf prints HTML files to PDF with a headless Chromium or Google
// Chrome found on the system, driven over the DevTools protocol
// (github.com/chromedp/chromedp). trustdocs ships no browser: Find looks
// for one and, when there is none, says what to install.
//
// A book is printed in two passes. Each chapter file is printed alone to
// count its sheets; the caller then writes the whole book with the page
// each chapter starts on in its contents, and that file is printed once
// more. This works because each chapter starts a sheet: a chapter lays out
// the same alone as in the book.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"

	"github.com/chromedp/chromedp"
)

// Env names the variable that gives the browser's path.
const Env = "TRUSTDOCS_CHROME"

// names are the commands Chromium and Chrome install as, most likely first.
var names = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge"}

// appPaths are where macOS and Windows install them, outside PATH.
var appPaths = map[string][]string{
	"darwin": {"/Applications/Chromium.app/Contents/MacOS/Chromium", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"},
	"windows": {`C:\Program Files\Google\Chrome\Application\chrome.exe`, `C:\Program Files (x86)\Google\Chrome\Application\chrome.exe`,
		`C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe`},
}

// ErrNoBrowser is Find's error when there is no browser to print with.
var ErrNoBrowser = errors.New("trustdocs pdf prints with a headless Chromium or Google Chrome, and found neither: install one " +
	"(Debian, Ubuntu: apt-get install chromium; Fedora: dnf install chromium; macOS: brew install --cask chromium), " +
	"or give its path with --chrome or " + Env)

// Find returns the browser to print with: given, else $TRUSTDOCS_CHROME,
// else the first of the usual commands on PATH or install paths.
func Find(given string) (string, error) {
	if given == "" {
		given = os.Getenv(Env)
	}
	if given != "" {
		p, err := exec.LookPath(given)
		if err != nil {
			return "", fmt.Errorf("%s is not a browser that can be run: %v", given, err)
		}
		return p, nil
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	for _, p := range appPaths[runtime.GOOS] {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
	}
	return "", ErrNoBrowser
}

// Printer is a running headless browser.
type Printer struct {
	ctx    context.Context
	cancel func()
}

// Start runs the browser at bin, with a profile of its own under tmp.
func Start(ctx context.Context, bin, tmp string) (*Printer, error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.UserDataDir(filepath.Join(tmp, "profile")),
		chromedp.NoSandbox, chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-component-update", true))
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	p := &Printer{ctx: bctx, cancel: func() { cancelBrowser(); cancelAlloc() }}
	if err := chromedp.Do(bctx); err != nil { // starts the browser
		p.Close()
		return nil, fmt.Errorf("%s does not start: %v", bin, err)
	}
	return p, nil
}

// Close stops the browser.
func (p *Printer) Close() { p.cancel() }

// Print loads the HTML file and prints it as its CSS asks: page sizes,
// margins and margin boxes of @page, with the outline of its headings.
func (p *Printer) Print(file string) ([]byte, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, err
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	if err := chromedp.Do(p.ctx, chromedp.Navigate(u.String())); err != nil {
		return nil, fmt.Errorf("loading %s: %v", file, err)
	}
	return chromedp.Run(p.ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground(), chromedp.PDFOutlineAndTagged()))
}

// pageRE finds the page objects of a PDF as Chromium (Skia) writes them:
// each in a dictionary of its own, not compressed. /Type /Pages, the tree
// above them, does not match.
var pageRE = regexp.MustCompile(`/Type\s*/Page\b`)

// Pages counts the pages of a PDF Chromium printed.
func Pages(pdf []byte) int { return len(pageRE.FindAll(pdf, -1)) }

// Book prints a book: the chapters (files, in order) alone, to count their
// sheets, then the file whole returns once told the page each chapter
// starts on (the first starts on 1).
func (p *Printer) Book(chapters []string, whole func(starts []int) (string, error)) (book []byte, sheets []int, err error) {
	starts := make([]int, len(chapters))
	next := 1
	for i, c := range chapters {
		b, err := p.Print(c)
		if err != nil {
			return nil, nil, err
		}
		n := Pages(b)
		sheets = append(sheets, n)
		starts[i] = next
		next += n
	}
	file, err := whole(starts)
	if err != nil {
		return nil, nil, err
	}
	book, err = p.Print(file)
	if err != nil {
		return nil, nil, err
	}
	if got := Pages(book); got != next-1 {
		return book, sheets, fmt.Errorf("the book printed on %d pages, not the %d its chapters take alone, so the page numbers of its contents are off", got, next-1)
	}
	return book, sheets, nil
}

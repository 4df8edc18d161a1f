package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/trustdocs/trustdocs/internal/pipeline"
)

const pdfSynopsis = "[-s DIR] [--audience public|nda] [--as-of DATE] [--recipient NAME [--valid-until DATE]] [-o FILE.pdf] [--chrome PATH] [--drafts]"

// runPDF prints the policy book with a headless Chromium.
func runPDF(args []string, stdout, stderr io.Writer) int {
	var chrome *string
	opts, out, code, ok := outputFlags("pdf", pdfSynopsis,
		"Prints the policy book to PDF: a cover, the contents with page numbers, every policy the audience may read,\nthe Statement of Applicability in landscape, the certifications and reports, and the subprocessors.\nIt prints with a headless Chromium or Google Chrome found on the system. With content errors, nothing is written.",
		"the PDF `file` to write (default: <company>-policies[-nda][-for-<recipient>]-<date>.pdf in the current folder)", true, args, stderr,
		func(fs *flag.FlagSet) {
			chrome = fs.String("chrome", "", "the Chromium or Chrome `program` to print with (default: $TRUSTDOCS_CHROME, else chromium, google-chrome … on PATH)")
		})
	if !ok {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := pipeline.PDF(ctx, opts, out, *chrome)
	if code, ok := outcome("pdf", "nothing was written", opts, res, err, stderr); !ok {
		return code
	}
	fmt.Fprintf(stdout, "printed %d pages in %d ms → %s (audience %s, as of %s%s)\n", res.Sheets, res.Elapsed.Milliseconds(), res.Out, res.Audience, res.AsOf, preparedFor(opts))
	draftsLeftOut(stdout, "pdf", res)
	return exitOK
}

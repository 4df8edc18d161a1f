package pipeline_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/pdf"
	"github.com/trustdocs/trustdocs/internal/pipeline"
	rdr "github.com/trustdocs/trustdocs/internal/render"
)

// needBrowser skips without Chromium and pdftotext, unless
// TRUSTDOCS_REQUIRE_CHROME is set (as .ci/run sets it, once it has
// installed them): then their absence fails.
func needBrowser(t *testing.T) {
	t.Helper()
	_, err := pdf.Find("")
	if err == nil {
		_, err = exec.LookPath("pdftotext")
	}
	if err != nil {
		if os.Getenv("TRUSTDOCS_REQUIRE_CHROME") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
}

// The policy book of the example, for each audience: every policy the
// audience may read is in its text, each on the page its contents give;
// the SoA is landscape; a restricted policy is in a public book only by
// name. Read back with pdftotext (poppler-utils).
func TestPDF(t *testing.T) {
	needBrowser(t)
	for _, audience := range []model.Audience{model.AudiencePublic, model.AudienceNDA} {
		t.Run(string(audience), func(t *testing.T) {
			opts := example(t)
			opts.Audience = audience
			opts.Recipient = &rdr.Recipient{Name: "Buyer Inc"}
			out := filepath.Join(t.TempDir(), "book.pdf")
			res, err := pipeline.PDF(context.Background(), opts, out, "")
			if err != nil || res.Failed() {
				t.Fatalf("pdf: %v", err)
			}
			pages := pdfPages(t, out)
			if len(pages) != res.Sheets || res.Sheets < 20 {
				t.Fatalf("%d pages read back, %d printed", len(pages), res.Sheets)
			}
			contents := pages[1]
			for _, p := range res.Site.Policies {
				readable := audience.Renders(p.Classification)
				m := regexp.MustCompile(regexp.QuoteMeta(p.Title) + ` [\d.]+\s+(\d+)\n`).FindStringSubmatch(contents)
				switch {
				case !readable && m != nil:
					t.Errorf("%s (%s) is in the %s book", p.Title, p.Classification, audience)
				case !readable:
					if audience.Lists(p.Classification) && !strings.Contains(strings.Join(strings.Fields(contents), " "), p.Title) {
						t.Errorf("%s is not listed in the contents", p.Title)
					}
				case m == nil:
					t.Errorf("%s is not in the contents:\n%s", p.Title, contents)
				default:
					n, _ := strconv.Atoi(m[1])
					if n < 1 || n > len(pages) || !strings.HasPrefix(strings.Join(strings.Fields(skipBanner(pages[n-1])), " "), p.Title) {
						t.Errorf("the contents put %s on page %d, which starts: %.80q", p.Title, n, skipBanner(pages[n-1]))
					}
				}
			}
			for i, page := range pages {
				if !strings.Contains(page, "Prepared for Buyer Inc on 1 November 2026, confidential") {
					t.Errorf("page %d has no banner", i+1)
				}
			}
			info, err := exec.Command("pdfinfo", "-f", "1", "-l", strconv.Itoa(len(pages)), out).Output()
			if err != nil {
				t.Fatal(err)
			}
			if !regexp.MustCompile(`size:\s+841\.\d+ x 594\.\d+ pts`).Match(info) || !regexp.MustCompile(`size:\s+594\.\d+ x 841\.\d+ pts`).Match(info) {
				t.Errorf("the book is not A4 with landscape SoA pages:\n%s", info)
			}
		})
	}
}

// pdfPages is the text of each page of a PDF, by pdftotext -layout.
func pdfPages(t *testing.T, file string) []string {
	t.Helper()
	text, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(string(text), "\f")
	return pages[:len(pages)-1] // the text ends with a form feed
}

// skipBanner drops the running header of a recipient's book.
func skipBanner(page string) string {
	_, rest, _ := strings.Cut(page, "confidential")
	return rest
}

func TestPDFWithoutBrowser(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv(pdf.Env, "")
	if _, err := pipeline.PDF(context.Background(), example(t), filepath.Join(t.TempDir(), "x.pdf"), ""); err != pdf.ErrNoBrowser {
		t.Errorf("no browser: %v", err)
	}
	_, err := pipeline.PDF(context.Background(), example(t), filepath.Join(t.TempDir(), "x.pdf"), "/no/such/chromium")
	if err == nil || !strings.Contains(err.Error(), "/no/such/chromium is not a browser that can be run") {
		t.Errorf("a missing --chrome: %v", err)
	}
}

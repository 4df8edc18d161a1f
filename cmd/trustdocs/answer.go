package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/trustdocs/trustdocs/internal/pipeline"
	"github.com/trustdocs/trustdocs/internal/questionnaire"
)

// runAnswer fills a buyer's questionnaire from the site's answer library.
func runAnswer(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("answer", "QUESTIONNAIRE.csv|.xlsx [-s DIR] [-o FILE] [--audience public|nda] [--question-column C] [--sheet NAME] [--threshold 0.5]",
		"Fills a security questionnaire from the site's answers (content/answers/): each question gets\n"+
			"the closest answer, the library question it matched, its sources and a confidence; questions\n"+
			"below the threshold are left blank and listed. Writes a new file; the buyer's is never changed.\n"+
			"Only answers the audience may read are used.", stderr)
	var sf siteFlags
	sf.register(fs, true)
	o := fs.String("o", "", "the filled `file` (default: the questionnaire's name with -answered)")
	column := fs.String("question-column", "", "the `column` of the questions: letters (C), a number (3) or its header (default: found)")
	sheet := fs.String("sheet", "", "answer only this `sheet` of a workbook (default: every sheet with questions)")
	threshold := fs.Float64("threshold", questionnaire.Threshold, "the `confidence` (0 to 1) below which a question is left to a person")
	in, code, ok := parseOneArg(fs, args, "QUESTIONNAIRE, the CSV or XLSX file to fill", stderr)
	if !ok {
		return code
	}
	if *threshold <= 0 || *threshold > 1 {
		fmt.Fprintf(stderr, "trustdocs answer: --threshold must be above 0 and at most 1, not %v\n", *threshold)
		return exitUsage
	}
	opts, err := sf.options()
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs answer: %v\n", err)
		return exitUsage
	}
	out := *o
	if out == "" {
		ext := filepath.Ext(in)
		out = strings.TrimSuffix(in, ext) + "-answered" + ext
	}
	lib, res, err := pipeline.AnswerLibrary(opts)
	if code, ok := outcome("answer", "nothing was written", opts, res, err, stderr); !ok {
		return code
	}
	if lib == nil {
		fmt.Fprintf(stderr, "trustdocs answer: the site has no answers the %s audience may read; write them in content/answers/*.toml (see the README's \"Answers to security questions\")\n", res.Audience)
		return exitContent
	}
	library, err := questionnaire.ReadLibrary(bytes.NewReader(lib))
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs answer: %v\n", err)
		return exitUsage
	}
	rep, err := questionnaire.FillFile(library, in, out, questionnaire.Options{Column: *column, Sheet: *sheet, Threshold: *threshold})
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs answer: %v\n", err)
		return exitUsage
	}
	left := rep.Unanswered()
	fmt.Fprintf(stdout, "answered %d of %d; %d need a person (audience %s) → %s\n", rep.Answered, len(rep.Rows), len(left), res.Audience, out)
	for _, r := range left {
		line := fmt.Sprintf("  %s: %s", r.Cell(), strconv.Quote(shortText(r.Question, 70)))
		if r.Nearest != nil {
			line += fmt.Sprintf(" (closest: %s, %.0f%%)", strconv.Quote(shortText(r.Nearest.Question, 50)), 100*r.Confidence)
		}
		fmt.Fprintln(stdout, line)
	}
	if len(left) > 0 {
		them := "them"
		if len(left) == 1 {
			them = "it"
		}
		fmt.Fprintf(stdout, "Answer %s by hand, or add %s to content/answers/ (a phrasing of an answer, or a new answer).\n", them, them)
	}
	return exitOK
}

func shortText(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

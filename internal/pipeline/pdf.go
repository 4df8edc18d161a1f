package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"time"

	"github.com/trustdocs/trustdocs/internal/pdf"
	"github.com/trustdocs/trustdocs/internal/render"
	"github.com/trustdocs/trustdocs/internal/write"
)

// PDF builds the policy book for opts.Audience (and opts.Recipient) and
// prints it with the browser chrome names, or one pdf.Find finds, to out,
// or by default to PDFName in the current folder. With content errors,
// or without a browser, nothing is written; out is replaced only when it
// is a PDF. The result's Out is the file written, Sheets its pages.
func PDF(ctx context.Context, opts Options, out, chrome string) (*Result, error) {
	bin, err := pdf.Find(chrome)
	if err != nil {
		return nil, err
	}
	if out != "" {
		if err := replaceable(out); err != nil {
			return nil, err
		}
	}
	opts = opts.filled()
	opts.Book = true
	res, err := inMemory(opts, opts.Audience)
	if err != nil || res.Failed() {
		return res, err
	}
	start := time.Now()
	if out == "" {
		out = PDFName(res.Site.Config.Company, res.Audience, opts.Recipient, res.AsOf)
		if err := replaceable(out); err != nil {
			return nil, err
		}
	}
	tmp, err := os.MkdirTemp("", "trustdocs-pdf-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	// The chapters are printed with "000" for each page number of the
	// contents, to count their sheets; the whole book gets the numbers.
	whole := res.Output.Files[render.BookDir+"index.html"]
	var chapters []string
	ids := map[string]string{} // chapter file → id
	site := filepath.Join(tmp, "site")
	for p, b := range res.Output.Files {
		dir, name := path.Split(p)
		if id, ok := render.BookChapter(name); ok && dir == render.BookDir {
			res.Output.Files[p] = render.FillPageNumbers(b, nil)
			file := filepath.Join(site, filepath.FromSlash(p))
			chapters, ids[file] = append(chapters, file), id
		}
	}
	slices.Sort(chapters)
	if err := writeSite(site, opts.Site, res.Output); err != nil {
		return nil, err
	}
	printer, err := pdf.Start(ctx, bin, tmp)
	if err != nil {
		return nil, err
	}
	defer printer.Close()
	book, _, err := printer.Book(chapters, func(starts []int) (string, error) {
		pages := map[string]int{}
		for i, c := range chapters {
			pages[ids[c]] = starts[i]
		}
		file := filepath.Join(site, filepath.FromSlash(render.BookDir), "index.html")
		return file, os.WriteFile(file, render.FillPageNumbers(whole, pages), 0o644)
	})
	if err != nil {
		return nil, err
	}
	if err := writeFileAtomic(out, book); err != nil {
		return nil, err
	}
	res.Out, res.Sheets = out, pdf.Pages(book)
	res.Elapsed += time.Since(start)
	return res, nil
}

// replaceable reports why out may not be written: it exists and is not
// a PDF, which trustdocs would not replace.
func replaceable(out string) error {
	f, err := os.Open(out)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, 5)
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return fmt.Errorf("%s is a folder; name the PDF file to write, e.g. -o policies.pdf", out)
	}
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, []byte("%PDF-")) {
		return fmt.Errorf("%s exists and is not a PDF; trustdocs replaces only a PDF, so move it away or name another file", out)
	}
	return nil
}

// writeSite writes a rendered site into dir, for the browser to load.
func writeSite(dir, site string, out *render.Output) error {
	f, err := write.Begin(dir, site)
	if err != nil {
		return err
	}
	for p, b := range out.Files {
		if err := f.File(p, b); err != nil {
			f.Abort()
			return err
		}
	}
	for p, src := range out.Copies {
		if err := f.Copy(p, src); err != nil {
			f.Abort()
			return err
		}
	}
	return f.Commit()
}

// writeFileAtomic writes b beside file and renames it over file, so that
// file is never half-written.
func writeFileAtomic(file string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}

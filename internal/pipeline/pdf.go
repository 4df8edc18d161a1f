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
	site := filepath.Join(tmp, "site")
	if err := writeAll(site, res.Output); err != nil {
		return nil, err
	}
	var chapters []string
	ids := map[string]string{} // chapter file → id
	for p := range res.Output.Files {
		dir, name := path.Split(p)
		if id, ok := render.BookChapter(name); ok && dir == render.BookDir {
			file := filepath.Join(site, filepath.FromSlash(p))
			chapters, ids[file] = append(chapters, file), id
		}
	}
	slices.Sort(chapters)
	for _, c := range chapters { // the contents, counted with "000" for each page number
		if err := os.WriteFile(c, render.FillPageNumbers(res.Output.Files[render.BookDir+filepath.Base(c)], nil), 0o644); err != nil {
			return nil, err
		}
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
		whole := filepath.Join(site, filepath.FromSlash(render.BookDir), "index.html")
		return whole, os.WriteFile(whole, render.FillPageNumbers(res.Output.Files[render.BookDir+"index.html"], pages), 0o644)
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

// writeAll writes a rendered site into dir, for the browser to load.
func writeAll(dir string, out *render.Output) error {
	put := func(p string, write func(string) error) error {
		file := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		return write(file)
	}
	for p, b := range out.Files {
		if err := put(p, func(f string) error { return os.WriteFile(f, b, 0o644) }); err != nil {
			return err
		}
	}
	for p, src := range out.Copies {
		if err := put(p, func(f string) error { return copyFile(src, f) }); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	o, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(o, in); err != nil {
		o.Close()
		return err
	}
	return o.Close()
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

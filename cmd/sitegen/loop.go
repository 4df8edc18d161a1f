package main

import (
	"bytes"
	"html/template"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// bareLoop is the yardstick for trustdocs's own overhead: the least a
// program can do to make the same pages, one page per policy (Markdown
// through goldmark, with the extensions trustdocs uses) and one per
// control, through one html/template layout, with as many workers as
// cores, written over the previous output in place. It checks nothing,
// resolves nothing, and writes no index, export or search index.
func bareLoop(site, out string) error {
	policies, err := filepath.Glob(filepath.Join(site, "content", "policies", "*.md"))
	if err != nil {
		return err
	}
	controlFiles, err := filepath.Glob(filepath.Join(site, "content", "controls", "*.toml"))
	if err != nil {
		return err
	}
	var controls []loopControl
	for _, f := range controlFiles {
		var doc struct{ Control []loopControl }
		if _, err := toml.DecodeFile(f, &doc); err != nil {
			return err
		}
		controls = append(controls, doc.Control...)
	}
	md := bareMarkdown()
	jobs := make(chan func() error)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for job := range jobs {
				if err := job(); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for _, f := range policies {
		jobs <- func() error { return loopPolicy(md, f, out) }
	}
	for _, c := range controls {
		jobs <- func() error {
			return loopWrite(filepath.Join(out, "controls", strings.ToLower(c.ID)), loopPage{Title: c.ID + " " + c.Title, Lead: c.Description,
				Meta: "Status " + c.Status + ", owner " + c.Owner})
		}
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

type loopControl struct {
	ID, Title, Description, Owner, Status string
}

type loopPage struct {
	Title, Lead, Meta string
	Body              template.HTML
}

var loopLayout = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title><link rel="stylesheet" href="/style.css"></head>
<body><header><a href="/">Synthetic Trust Center</a></header><main><h1>{{.Title}}</h1>{{with .Lead}}<p>{{.}}</p>{{end}}
<p>{{.Meta}}</p><article>{{.Body}}</article></main></body></html>
`))

func loopPolicy(md goldmark.Markdown, file, out string) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var front struct{ Title, Version, Owner, Summary string }
	body := src
	if rest, ok := bytes.CutPrefix(src, []byte("+++\n")); ok {
		if head, tail, ok := bytes.Cut(rest, []byte("\n+++\n")); ok {
			if _, err := toml.Decode(string(head), &front); err != nil {
				return err
			}
			body = tail
		}
	}
	var html bytes.Buffer
	if err := md.Convert(body, &html); err != nil {
		return err
	}
	slug := strings.TrimSuffix(filepath.Base(file), ".md")
	return loopWrite(filepath.Join(out, "policies", slug), loopPage{Title: front.Title, Lead: front.Summary,
		Meta: "Version " + front.Version + ", owner " + front.Owner, Body: template.HTML(html.String())})
}

func loopWrite(dir string, p loopPage) error {
	var b bytes.Buffer
	if err := loopLayout.Execute(&b, p); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.html"), b.Bytes(), 0o644)
}

// bareMarkdown is goldmark with the extensions trustdocs uses and nothing
// of trustdocs's own, for the bare loop and the floor.
func bareMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.TaskList, extension.Footnote),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
}

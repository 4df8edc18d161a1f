package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

// Page is what every page template receives.
type Page struct {
	Site        *siteData
	Template    string // file name under templates/
	Path        string // output path, e.g. "policies/access-control/index.html"
	Root        string // "../" repeated to reach the site root from Path
	Title       string
	Description string
	Section     string // the navigation entry to highlight
	// FormAction is where the page's form may send (its
	// Content-Security-Policy's form-action); "" for none.
	FormAction string
	Data       any
}

// Rel returns the relative link from this page to output path target.
// Links name index.html explicitly, so that they work opened from disk.
func (p *Page) Rel(target string) string { return p.Root + target }

// URL is the page's public address, for canonical links; "" without a
// base_url.
func (p *Page) URL() string {
	if p.Site.BaseURL == "" {
		return ""
	}
	return p.Site.BaseURL + strings.TrimSuffix(p.Path, "index.html")
}

// siteData is what pages share.
type siteData struct {
	Config   model.Config
	BaseURL  string
	AsOf     model.Date
	Audience model.Audience
	Nav      []navItem
	// Home is the overview page's path: index.html, except in a
	// recipient's pack, where the notice page is index.html.
	Home      string
	Recipient *Recipient
	// RequestPage is the request-access page's path, or "" when this
	// build withholds nothing or requests have nowhere to go.
	RequestPage string
	requests    []requestGroup // what the request page lists
	partials    sync.Map       // partialKey → template.HTML, see partialCached
}

type navItem struct {
	Title, Path, Section string
}

// Renders reports whether this build renders a document of classification c.
func (s *siteData) Renders(c model.Classification) bool { return s.Audience.Renders(c) }

// Lists reports whether this build lists a document of classification c.
func (s *siteData) Lists(c model.Classification) bool { return s.Audience.Lists(c) }

// ListedPolicies keeps the policies this build may list.
func (s *siteData) ListedPolicies(ps []*resolve.Policy) []*resolve.Policy {
	var out []*resolve.Policy
	for _, p := range ps {
		if s.Lists(p.Classification) {
			out = append(out, p)
		}
	}
	return out
}

// NDA reports whether this is a build for the NDA audience.
func (s *siteData) NDA() bool { return s.Audience == model.AudienceNDA }

func newSiteData(s *resolve.Site, opts Options) *siteData {
	d := &siteData{Config: s.Config, AsOf: s.AsOf, Audience: opts.Audience, BaseURL: s.Config.BaseURL,
		Home: "index.html", Recipient: opts.Recipient}
	if d.Recipient != nil {
		d.Home = recipientHome
	}
	if s.Config.Requests.Set() {
		if d.requests = requestGroups(s, opts.Audience); len(d.requests) > 0 {
			d.RequestPage = requestPage
		}
	}
	if opts.BaseURL != "" {
		d.BaseURL = opts.BaseURL
	}
	if d.BaseURL != "" && !strings.HasSuffix(d.BaseURL, "/") {
		d.BaseURL += "/"
	}
	d.Nav = []navItem{
		{"Overview", d.Home, "home"},
		{"Summary", "summary/index.html", "summary"},
		{"Certifications", "certifications/index.html", "certifications"},
		{"Policies", "policies/index.html", "policies"},
		{"Controls", "controls/index.html", "controls"},
		{"Frameworks", "frameworks/index.html", "frameworks"},
	}
	if len(s.Answers) > 0 {
		d.Nav = append(d.Nav, navItem{"Security questions", answersPage, "answers"})
	}
	if len(s.Subprocessors) > 0 {
		d.Nav = append(d.Nav, navItem{"Subprocessors", "subprocessors/index.html", "subprocessors"})
	}
	for _, p := range s.Pages {
		if opts.Audience.Renders(p.Classification) {
			d.Nav = append(d.Nav, navItem{p.Title, pageURL(p), "page-" + p.Slug})
		}
	}
	return d
}

// templates is the parsed template set: one template per page file, each
// with the shared layout and partials.
type templates struct {
	byName map[string]*template.Template
	ids    map[string]bool // the fixed ids templates give elements, which links may name
	direct map[string]directPage
}

// shared are the files every page template is parsed with.
var shared = []string{"base.html", "partials.html"}

// PageTemplates are the names of the page templates among the embedded
// templates: every file of templates/ but the shared ones.
func PageTemplates(embedded fs.FS) ([]string, error) {
	entries, err := fs.ReadDir(embedded, "templates")
	var out []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".html") && !slices.Contains(shared, e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out, err
}

func parseTemplates(embedded fs.FS, overrides map[string][]byte, diags *diag.List) (*templates, error) {
	src := map[string][]byte{}
	entries, err := fs.ReadDir(embedded, "templates")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		b, err := fs.ReadFile(embedded, path.Join("templates", e.Name()))
		if err != nil {
			return nil, err
		}
		src[e.Name()] = b
	}
	for name, b := range overrides {
		if _, ok := src[name]; !ok {
			names := make([]string, 0, len(src))
			for n := range src {
				names = append(names, n)
			}
			slices.Sort(names)
			diags.Warnf(diag.Pos{File: "templates/" + name}, "no built-in template is called %s, so it is not used%s", name, diag.DidYouMean(name, names))
			continue
		}
		src[name] = b
	}
	parse := func(t *template.Template, name string) error {
		_, err := t.New(name).Parse(string(src[name]))
		if err != nil && overrides[name] != nil {
			pos := templatePos(err)
			if pos.File == "" {
				pos.File = "templates/" + name
			}
			diags.Errorf(pos, "template: %s", templateMessage(err))
			return errOverride
		}
		return err
	}
	base := template.New("").Funcs(funcs)
	for _, name := range shared {
		if err := parse(base, name); err != nil {
			return nil, err
		}
	}
	ts := &templates{byName: map[string]*template.Template{}, ids: map[string]bool{}, direct: directFor(src)}
	for _, b := range src {
		for _, m := range fixedIDRE.FindAllSubmatch(b, -1) {
			ts.ids[string(m[1])] = true
		}
	}
	for name := range src {
		if slices.Contains(shared, name) {
			continue
		}
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		t.Funcs(template.FuncMap{"partialCached": partialCached(t)})
		if err := parse(t, name); err != nil {
			return nil, err
		}
		if overrides[name] != nil && t.Lookup("content") == nil {
			diags.Errorf(diag.Pos{File: "templates/" + name, Line: 1}, `template: a page template must define its content: wrap the page in {{define "content"}}…{{end}}, as the built-in %s does`, name)
			return nil, errOverride
		}
		ts.byName[name] = t
	}
	return ts, nil
}

// fixedIDRE finds id attributes with a fixed value, such as id="h-controls".
var fixedIDRE = regexp.MustCompile(`\bid="([A-Za-z][\w-]*)"`)

var errOverride = fmt.Errorf("a template override does not parse")

var templateErrRE = regexp.MustCompile(`^template: ([^:]+):(\d+):(?:(\d+):)? ?(.*)$`)

// templatePos reads the template file, line and column out of a parse or
// execution error.
func templatePos(err error) diag.Pos {
	var p diag.Pos
	if m := templateErrRE.FindStringSubmatch(err.Error()); m != nil {
		p.File = "templates/" + m[1]
		p.Line, _ = strconv.Atoi(m[2])
		p.Col, _ = strconv.Atoi(m[3])
	}
	return p
}

func templateMessage(err error) string {
	if m := templateErrRE.FindStringSubmatch(err.Error()); m != nil {
		return m[4]
	}
	return err.Error()
}

func (t *templates) execute(w io.Writer, name string, p *Page) error {
	tmpl := t.byName[name]
	if tmpl == nil {
		return fmt.Errorf("no template %s", name)
	}
	if d := t.direct[name]; d != nil {
		if done, err := writeDirect(w, tmpl, d, p); done {
			return err
		}
	}
	return tmpl.ExecuteTemplate(w, "base.html", p)
}

// partialCached is the function partialCached of the template set t:
//
//	{{partialCached "header" . .Root .Section}}
//
// makes the template "header" with the page once for each distinct list of
// keys in a build, and then gives the same HTML: for what many pages show
// alike, such as the header of every page at the same depth and in the same
// section. The keys must name everything the template shows that differs
// from page to page. The data is the page, or the page and an item.
func partialCached(t *template.Template) func(name string, data any, keys ...any) (template.HTML, error) {
	return func(name string, data any, keys ...any) (template.HTML, error) {
		var site *siteData
		switch d := data.(type) {
		case *Page:
			site = d.Site
		case itemContext:
			site = d.Page.Site
		}
		if site == nil {
			return "", fmt.Errorf("partialCached %q: pass the page (.) as the data", name)
		}
		var k strings.Builder
		k.WriteString(name)
		for _, key := range keys {
			k.WriteByte(0)
			fmt.Fprint(&k, key)
		}
		key := partialKey{t, k.String()}
		if h, ok := site.partials.Load(key); ok {
			return h.(template.HTML), nil
		}
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, name, data); err != nil {
			return "", err
		}
		h := template.HTML(buf.String())
		site.partials.Store(key, h)
		return h, nil
	}
}

// partialKey names one made partial: the template set (page templates may
// redefine partials) and the partial's name and keys.
type partialKey struct {
	set *template.Template
	key string
}

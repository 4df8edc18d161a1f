package render

import (
	"html/template"
	"strconv"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

var linkTemplate = template.Must(template.New("").Parse(`<a href="{{.Href}}">{{.Text}}</a>`))

// asTemplate is what html/template writes for a link.
func asTemplate(t testing.TB, href, text string) string {
	var b strings.Builder
	if err := linkTemplate.Execute(&b, struct{ Href, Text string }{href, text}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func inGo(href, text string) string {
	var b strings.Builder
	link(&b, href, text)
	return b.String()
}

// The link lists made in Go are the bytes html/template would write.
func TestFragmentsAsTemplatesWrite(t *testing.T) {
	for _, tc := range []struct{ href, text string }{
		{"../controls/sc-0001/index.html", "SC-0001"},
		{"../../frameworks/iso27001/index.html#req-a-5-1", "A.5.1"},
		{"policies/a b/index.html", `Tom's "policy" & <more> + less`},
		{"javascript:alert(1)", "\x00é"},
		{"../x/ü?q=1&r=2", "CC6.1"},
		{"%zz", "ok"},
		{"https://trust.example.com/policies/a/", "a"},
		{"http://x/y:z", "b"},
		{"https:x", "c"},
		{"HTTPS://x/", "d"},
		{"xhttps://x", "e"},
		{"/https://x", "f"},
		{"https://x:8080/", "g"},
	} {
		if got, want := inGo(tc.href, tc.text), asTemplate(t, tc.href, tc.text); got != want {
			t.Errorf("link(%q, %q) = %s, html/template writes %s", tc.href, tc.text, got, want)
		}
	}
}

func FuzzFragments(f *testing.F) {
	for _, s := range []string{"../controls/sc-0001/index.html", "a b'\"<>&+", "javascript:x", "\x00\xff", "https://x/y"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, href, text string) {
		if got, want := inGo(href, text), asTemplate(t, href, text); got != want {
			t.Fatalf("link(%q, %q) = %s, html/template writes %s", href, text, got, want)
		}
	})
}

// The fragments made in Go write what the templates they replaced wrote,
// on a site whose titles and ids need escaping, for pages at two depths
// and for an audience that does not render every policy.
func TestFragmentsAsTheirTemplates(t *testing.T) {
	s := synthSite(t, 6)
	odd := `Tom's "x" & <y> + z` + "\x00é"
	for i, c := range s.Controls {
		c.Title = odd + strconv.Itoa(i)
		for _, mp := range c.Mappings {
			mp.Framework.ShortName = odd
			for _, r := range mp.Requirements {
				r.Requirement.Title = odd
			}
		}
	}
	s.Controls[1].Owner = odd
	s.Controls[0].Mappings = append(s.Controls[0].Mappings, resolve.Mapped{Framework: s.Controls[0].Mappings[0].Framework})
	s.Policies[0].Title = odd
	s.Policies[0].Owner, s.Policies[0].Summary, s.Policies[0].Version = odd, odd, odd
	s.Policies[4].Approved = model.Date{} // never approved: no date
	s.Policies[2].Draft, s.Policies[3].Review = true, ""
	s.Policies[1].Classification = model.Restricted
	plan := publicPlan(t, s)
	set := plan.r.tmpl.byName["policy.html"]
	for _, tc := range []struct{ name, template, inGo string }{
		{"mappings", `{{template "mappings" (ctx . .Data)}}`, `{{.Mappings .Data}}`},
		{"policy-title", `{{range .Data.Policies}}{{template "policy-title" (ctx $ .)}}{{end}}`, `{{range .Data.Policies}}{{$.PolicyTitle .}}{{end}}`},
		{"policy rows", `{{range .Data.Controls}}
      <tr><th scope="row"><a href="{{$.Rel (controlURL .)}}">{{.Control.ID}}</a> {{.Control.Title}}</th><td>{{badge .Control.Status}}</td><td>{{template "mappings" (ctx $ .)}}</td></tr>
    {{end}}`, `{{.ControlRows .Data.Controls}}`},
		{"policy row", `{{range .Data.Policies}}{{if $.Site.Renders .Doc.Classification}}
    <tr id="policy-{{.Doc.Slug}}" data-classification="{{.Doc.Classification}}" data-owner="{{.Doc.Owner}}">
      <th scope="row"><a href="{{$.Rel (policyURL .)}}">{{.Doc.Title}}</a>{{if .Doc.Draft}} {{badge "draft"}}{{end}}{{with .Doc.Summary}}<br><span class="muted">{{.}}</span>{{end}}</th>
      <td>{{.Doc.Version}}</td>
      <td>{{.Doc.Owner}}</td>
      <td>{{badge .Doc.Classification}}</td>
      <td>{{if .Review}}{{badge .Review}}<br><span class="muted">next {{date .NextReview}}</span>{{else}}<span class="muted">Not approved yet</span>{{end}}</td>
    </tr>
  {{end}}{{end}}`, `{{range .Data.Policies}}{{if $.Site.Renders .Doc.Classification}}{{$.PolicyRow .}}{{end}}{{end}}`},
		{"controls index", `{{range $c := .Data.Controls}}
    <tr id="control-{{.Control.ID}}">
      <th scope="row"><a href="{{$.Rel (controlURL $c)}}">{{$c.Control.ID}}</a> {{$c.Control.Title}}</th>
      <td>{{badge $c.Control.Status}}</td>
      <td>{{$c.Control.Owner}}</td>
      {{range $f := $.Data.Frameworks}}<td class="ids">{{$.ReqLinks $c $f}}</td>{{end}}
    </tr>
  {{end}}`, `{{range .Data.Controls}}{{$.ControlIndexRow . $.Data.Frameworks}}{{end}}`},
		{"home's policies", `{{range .Data.Policies}}
    <li>{{$.PolicyTitle .}}{{if $.Site.Renders .Doc.Classification}} <span class="muted">v{{.Doc.Version}}</span>{{else}} {{badge "restricted"}}{{end}}{{if .Doc.Draft}} {{badge "draft"}}{{end}}</li>
  {{end}}`, `{{range .Data.Policies}}{{$.PolicyItem .}}{{end}}`},
		{"summary row", `{{range .Data.Policies}}{{if $.Site.Renders .Doc.Classification}}<tr><th scope="row">{{$.PolicyTitle .}}</th><td>{{.Doc.Version}}</td><td>{{date .Doc.Approved}}</td><td>{{if .Review}}{{date .NextReview}} {{badge .Review}}{{else}}{{badge "draft"}}{{end}}</td></tr>
    {{end}}{{end}}`, `{{range .Data.Policies}}{{if $.Site.Renders .Doc.Classification}}{{$.SummaryRow .}}{{end}}{{end}}`},
		{"control items", `{{range .Data.Controls}}<li><a href="{{$.Rel (controlURL .)}}">{{.ID}}</a> {{.Title}}</li>{{else}}<li class="muted">None</li>{{end}}`,
			`{{range .Data.Controls}}{{$.ControlItem .}}{{end}}`},
		{"control rows", `{{range $m := .Data.Mappings}}{{range $m.Requirements}}
      <tr><td>{{$m.Framework.Title}}</td><th scope="row"><a href="{{$.Rel (reqURL .)}}">{{.Requirement.ID}}</a></th><td>{{.Requirement.Title}}</td></tr>
    {{end}}{{end}}`, `{{.RequirementRows .Data}}`},
	} {
		for _, c := range s.Controls {
			for _, root := range []string{"../../", ""} {
				page := &Page{Site: plan.r.site, Root: root, Data: c}
				if tc.name != "mappings" && tc.name != "control rows" {
					page.Data = struct {
						Controls   []*resolve.Control
						Policies   []*resolve.Policy
						Frameworks []*resolve.Framework
					}{s.Controls, s.Policies, s.Pursued()}
				}
				if got, want := execute(t, set, tc.inGo, page), execute(t, set, tc.template, page); got != want {
					t.Errorf("%s, %s, root %q: Go writes\n%s\nthe template\n%s", tc.name, c.ID, root, got, want)
				}
			}
		}
	}
}

func execute(t *testing.T, set *template.Template, text string, data any) string {
	t.Helper()
	tmpl := template.Must(template.Must(set.Clone()).New("fragment-test").Parse(text))
	var b strings.Builder
	if err := tmpl.Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

package render

import (
	"html/template"
	"strings"
	"testing"
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
	} {
		if got, want := inGo(tc.href, tc.text), asTemplate(t, tc.href, tc.text); got != want {
			t.Errorf("link(%q, %q) = %s, html/template writes %s", tc.href, tc.text, got, want)
		}
	}
}

func FuzzFragments(f *testing.F) {
	for _, s := range []string{"../controls/sc-0001/index.html", "a b'\"<>&+", "javascript:x", "\x00\xff"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, href, text string) {
		if got, want := inGo(href, text), asTemplate(t, href, text); got != want {
			t.Fatalf("link(%q, %q) = %s, html/template writes %s", href, text, got, want)
		}
	})
}

package load

import (
	"net/url"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/model"
)

func TestBaseURLProblem(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://trust.example.com/", ""},
		{"http://localhost:8080/sub/", ""},
		{"javascript:alert(1)//", "must start with https://"},
		{"JAVASCRIPT://x.example/%0aalert(1)", "must start with https://"},
		{"trust.example.com", "must start with https://"},
		{"https:///nohost", "has no host"},
		{"https://user:pw@example.com/", "user name or password"},
		{"https://example.com/?q=1", "query"},
		{"https://example.com/#x", "fragment"},
		{"https://example.com/a b", "percent-encoded"},
		{"https://example.com/\"><script>", "percent-encoded"},
		{"https://example.com/\nDisallow: /", "not an address"},
	} {
		got := BaseURLProblem(tc.in)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("BaseURLProblem(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// A base_url that passes is an absolute http(s) address that cannot break
// out of an XML attribute, a robots.txt line or a JSON string.
func FuzzBaseURL(f *testing.F) {
	for _, s := range []string{"https://trust.example.com/", "javascript:alert(1)//", "http://a/b?c#d", "https://a/\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if BaseURLProblem(s) != "" {
			return
		}
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			t.Fatalf("%q passes but is not an absolute http(s) address", s)
		}
		if strings.ContainsAny(s, "\n\r\"<> \\") {
			t.Fatalf("%q passes but holds a character that breaks out", s)
		}
	})
}

func TestRequestTarget(t *testing.T) {
	for _, tc := range []struct {
		access, contact string
		want            model.RequestTarget
		problem         string
	}{
		{"", "", model.RequestTarget{}, ""},
		{"", "security@acme.example", model.RequestTarget{Email: "security@acme.example"}, ""},
		{"", "https://acme.example/security", model.RequestTarget{}, ""}, // not an address: no e-mail to compose
		{"mailto:security@acme.example", "", model.RequestTarget{Email: "security@acme.example"}, ""},
		{"mailto:security@acme.example?subject=NDA%20request%3A%20docs&cc=legal@acme.example", "x@y.example",
			model.RequestTarget{Email: "security@acme.example", Subject: "NDA request: docs", CC: "legal@acme.example"}, ""},
		{"mailto:trust%2Bnda@acme.example", "", model.RequestTarget{Email: "trust+nda@acme.example"}, ""},
		{"https://forms.acme.example/nda?key=1", "x@y.example", model.RequestTarget{Form: "https://forms.acme.example/nda?key=1"}, ""},
		{"http://127.0.0.1:8080/requests", "", model.RequestTarget{Form: "http://127.0.0.1:8080/requests"}, ""},
		{"http://localhost/requests", "", model.RequestTarget{Form: "http://localhost/requests"}, ""},
		{"http://forms.acme.example/nda", "", model.RequestTarget{}, "not sent in the clear"},
		{"mailto:", "", model.RequestTarget{}, "one e-mail address"},
		{"mailto:a@x.example,b@x.example", "", model.RequestTarget{}, "one e-mail address"},
		{"mailto:a@x.example?body=hi", "", model.RequestTarget{}, `has "body"`},
		{"security@acme.example", "", model.RequestTarget{}, "must be a mailto:"},
		{"javascript:alert(1)", "", model.RequestTarget{}, "must be a mailto:"},
		{"https:///nohost", "", model.RequestTarget{}, "no host"},
		{"https://u:p@forms.example/", "", model.RequestTarget{}, "user name or password"},
		{"https://forms.example/a;b", "", model.RequestTarget{}, "percent-encoded"},
		{"https://forms.example/\n", "", model.RequestTarget{}, "not an address"},
	} {
		got, problem := RequestTarget(tc.access, tc.contact)
		if got != tc.want || (tc.problem == "") != (problem == "") || !strings.Contains(problem, tc.problem) {
			t.Errorf("RequestTarget(%q, %q) = %+v, %q; want %+v, %q", tc.access, tc.contact, got, problem, tc.want, tc.problem)
		}
	}
}

// What request_access lets through goes into a form's action, a mailto:
// and the page's Content-Security-Policy (the form's origin): an http(s)
// address with a host and no character that ends a CSP source, or one
// address to write to.
func FuzzRequestTarget(f *testing.F) {
	for _, s := range []string{"mailto:a@b.example?subject=x", "https://f.example/x?y=1", "http://127.0.0.1:1/", "mailto:%22a%20b%22@c"} {
		f.Add(s, "c@d.example")
	}
	f.Fuzz(func(t *testing.T, access, contact string) {
		got, problem := RequestTarget(access, contact)
		if problem != "" {
			if got.Set() {
				t.Fatalf("%q: %q, yet a target %+v", access, problem, got)
			}
			return
		}
		if got.Form != "" {
			u, err := url.Parse(got.Form)
			if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || strings.ContainsAny(got.Form, " ;,'\"\n\r<>") {
				t.Fatalf("%q passes as a form address", access)
			}
		}
		if got.Email != "" && (!strings.Contains(got.Email, "@") || strings.ContainsAny(got.Email, " ,<>\"")) {
			t.Fatalf("%q gives the address %q", access, got.Email)
		}
	})
}

package load

import (
	"net/url"
	"strings"
	"testing"
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

package load

import (
	"fmt"
	"net/url"
	"strings"
)

// BaseURLProblem says what is wrong with a site's base_url, or "": it
// goes into sitemap.xml, feed.xml, robots.txt, trust.json and every
// canonical link, so it must be an absolute http(s) address and nothing
// else — never javascript:, never a bare host, never credentials.
func BaseURLProblem(v string) string {
	u, err := url.Parse(v)
	switch {
	case err != nil:
		return fmt.Sprintf("is not an address (%v)", urlError(err))
	case u.Scheme != "https" && u.Scheme != "http":
		return "must start with https:// (or http://)"
	case u.Host == "" || u.Opaque != "":
		return "has no host"
	case u.User != nil:
		return "must not hold a user name or password"
	case u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(v, "?") || strings.HasSuffix(v, "#"):
		return "must not hold a query (?) or fragment (#)"
	case strings.ContainsAny(v, " \"<>\\^`{|}"):
		return "holds a character that must be percent-encoded"
	}
	return ""
}

// urlError is the text of a url.Parse error without the repeated input.
func urlError(err error) string {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err.Error()
	}
	return err.Error()
}

package load

import (
	"fmt"
	"net/mail"
	"net/url"
	"strings"

	"github.com/trustdocs/trustdocs/internal/model"
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
	case serverProblem(u) != "":
		return serverProblem(u)
	case u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(v, "?") || strings.HasSuffix(v, "#"):
		return "must not hold a query (?) or fragment (#)"
	case strings.ContainsAny(v, " \"<>\\^`{|}"):
		return "holds a character that must be percent-encoded"
	}
	return ""
}

// serverProblem says what is wrong with the server part of an http(s)
// address, or "": it must name a host, and no user name or password.
func serverProblem(u *url.URL) string {
	switch {
	case u.Host == "" || u.Opaque != "":
		return "has no host"
	case u.User != nil:
		return "must not hold a user name or password"
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

// RequestTarget reads request_access: a mailto: address the request page
// composes an e-mail to (its subject and cc kept), or an https:// address
// its form posts to. With none, requests are e-mailed to contact, when it
// is an address. It returns what is wrong, or "".
func RequestTarget(requestAccess, contact string) (model.RequestTarget, string) {
	if requestAccess == "" {
		if bareAddress(contact) {
			return model.RequestTarget{Email: contact}, ""
		}
		return model.RequestTarget{}, ""
	}
	u, err := url.Parse(requestAccess)
	if err != nil {
		return model.RequestTarget{}, fmt.Sprintf("is not an address (%v)", urlError(err))
	}
	switch u.Scheme {
	case "mailto":
		addr := u.Opaque
		if addr == "" {
			addr = u.Path
		}
		if a, err := url.PathUnescape(addr); err == nil {
			addr = a
		}
		if !bareAddress(addr) {
			return model.RequestTarget{}, "must name one e-mail address after mailto:"
		}
		q := u.Query()
		for k := range q {
			if k != "subject" && k != "cc" {
				return model.RequestTarget{}, fmt.Sprintf("has %q, which the request page would replace; keep only subject and cc", k)
			}
		}
		return model.RequestTarget{Email: addr, Subject: q.Get("subject"), CC: q.Get("cc")}, ""
	case "https", "http":
		switch {
		case serverProblem(u) != "":
			return model.RequestTarget{}, serverProblem(u)
		case u.Scheme == "http" && !loopback(u.Hostname()):
			// The form carries names and e-mail addresses.
			return model.RequestTarget{}, "must start with https:// (a form of names and e-mail addresses is not sent in the clear)"
		case strings.ContainsAny(requestAccess, " \"'<>\\^`{|};,"):
			return model.RequestTarget{}, "holds a character that must be percent-encoded"
		}
		return model.RequestTarget{Form: requestAccess}, ""
	}
	return model.RequestTarget{}, "must be a mailto: or an https:// address"
}

// bareAddress reports whether s is one e-mail address and nothing else
// (no display name, no list).
func bareAddress(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && !strings.ContainsAny(s, "\"<>")
}

func loopback(host string) bool {
	return host == "localhost" || host == "::1" || strings.HasPrefix(host, "127.")
}

package serve

import (
	"net"
	"net/http"
	"net/url"
	"strings"
)

// maxStreams caps the event streams open at once: one per open page is
// what a person needs; a page that opens them in a loop gets 503.
const maxStreams = 64

// guard lets through only requests a browser on this machine makes to
// this server by its own name. A page elsewhere on the web can point a
// name it owns at 127.0.0.1 (DNS rebinding) and so read whatever this
// server answers — an --audience nda preview included —, but its requests
// carry that name in Host. So Host must be an IP address (the one bound,
// or any other: rebinding needs a name) or localhost; anything else gets
// 421 Misdirected Request. An event stream asked for by a page of another
// origin gets 403.
func guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !localHost(r.Host) {
			http.Error(w, "trustdocs serve answers only to its own address, such as http://127.0.0.1:1313/ or http://localhost:1313/: the Host "+
				"header names another machine (a DNS-rebinding page would)", http.StatusMisdirectedRequest)
			return
		}
		if o := r.Header.Get("Origin"); o != "" && !sameOrigin(o, r.Host) {
			http.Error(w, "cross-origin request refused", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// localHost reports whether the Host header host (with or without a port)
// is an IP address or localhost.
func localHost(host string) bool {
	h := host
	if sh, _, err := net.SplitHostPort(host); err == nil {
		h = sh
	}
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	if h == "" {
		return false
	}
	if net.ParseIP(h) != nil {
		return true
	}
	h = strings.ToLower(strings.TrimSuffix(h, "."))
	return h == "localhost" || strings.HasSuffix(h, ".localhost")
}

// sameOrigin reports whether the Origin header origin is this server as
// the request names it.
func sameOrigin(origin, host string) bool {
	u, err := url.Parse(origin)
	return err == nil && u.Scheme == "http" && strings.EqualFold(u.Host, host)
}

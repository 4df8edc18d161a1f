package render

import "testing"

func TestWords(t *testing.T) {
	for _, tt := range []struct{ html, want string }{
		{"<p>Access <em>control</em> policy</p>", "access control policy"},
		{"<p>Keys, keys and KEYS.</p>", "keys and"},
		{"<h2>R&amp;D &lt;team&gt;</h2>", "team"},
		{"<p>the vendor's multi-factor sign-on--</p>", "the vendor's multi-factor sign-on"},
		{"<p>a I x1 2</p>", "x1"},
		{"<p>Überprüfung der Zugriffsrechte, ÉTÉ</p>", "überprüfung der zugriffsrechte été"},
		{"<p>ISO/IEC 27001:2022 A.5.15</p>", "iso iec 27001 2022 15"},
		{"<td>one</td><td>two</td>", "one two"},
		{"no tags at all <unclosed", "no tags at all"},
	} {
		var l wordLister
		if got := l.words(tt.html); got != tt.want {
			t.Errorf("words(%q) = %q, want %q", tt.html, got, tt.want)
		}
	}
}

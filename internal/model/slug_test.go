package model

import "testing"

func TestSlug(t *testing.T) {
	for _, tc := range []struct{ in, want, id string }{
		{"Acme, Inc.", "acme-inc", "acme--inc"},
		{"  Access Control  ", "access-control", "access-control"},
		{"Über--Policy", "ber-policy", "ber--policy"},
		{"!!!", "", ""},
		{"A.5.1", "a-5-1", "a.5.1"},
		{"2026-05-12 ISO: passed", "2026-05-12-iso-passed", "2026-05-12-iso--passed"},
		{".AC-01.", "ac-01", "ac-01"},
	} {
		if got := Slug(tc.in); got != tc.want {
			t.Errorf("Slug(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := IDSlug(tc.in); got != tc.id {
			t.Errorf("IDSlug(%q) = %q, want %q", tc.in, got, tc.id)
		}
	}
}

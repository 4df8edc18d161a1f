package model

import "strings"

// Slug is s as a part of an address or a file name: lower case, ASCII
// letters and digits, every run of anything else one hyphen, and no
// hyphen at either end; "" when s has no letter or digit.
func Slug(s string) string { return slug(s, "", true) }

// IDSlug is an id as a path segment or fragment: as Slug, but dots are
// kept and every other character becomes a hyphen of its own, runs and
// all. Control pages, requirement anchors and feed entries have been
// published under these addresses: they must not change.
func IDSlug(id string) string { return slug(id, ".", false) }

// slug keeps lower-case ASCII letters, digits and the characters of keep,
// and makes the rest hyphens: one for each run of them if runs, else one
// each. Neither a hyphen nor a kept character is left at either end.
func slug(s, keep string, runs bool) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r < 0x80 && strings.ContainsRune(keep, r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
		case !runs:
			b.WriteByte('-')
		default:
			hyphen = true
		}
	}
	return strings.Trim(b.String(), "-"+keep)
}

// FolderTitle makes a title of a folder's name, for a section without one
// of its own: "human-resources" is "Human resources".
func FolderTitle(name string) string {
	t := strings.ReplaceAll(name, "-", " ")
	if t == "" {
		return t
	}
	return strings.ToUpper(t[:1]) + t[1:]
}

package load

import (
	"net/url"
	"strings"

	"github.com/trustdocs/trustdocs/internal/color"
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/tomlpos"
)

// brand reads site.toml's [brand]. Whether the logo and favicon exist is
// known only with the theme, when rendering.
func brand(t *tomlpos.Table) model.Brand {
	b := model.Brand{Origin: t.Origin()}
	b.Logo = themePath(t, "logo")
	b.Favicon = themePath(t, "favicon")
	b.Accent = colour(t, "accent", color.LightSurface, "the light scheme's cards ("+color.LightSurface.String()+")")
	b.AccentDark = colour(t, "accent_dark", color.DarkSurface, "the dark scheme's cards ("+color.DarkSurface.String()+")")
	return b
}

// themePath reads a path of the output that a file of theme/ provides.
func themePath(t *tomlpos.Table, key string) string {
	p := strings.TrimPrefix(t.Str(key, false, ""), "/")
	if out, inSite := strings.CutPrefix(p, "theme/"); inSite {
		t.Errorf(t.At(key), "%s is a path in the output, not in the site: theme/%s is published as %q, so write %s = %q", key, out, out, key, out)
		return out
	}
	return p
}

// colour reads a #rrggbb colour used for links and highlights, and warns
// when text in it would be hard to read on bg.
func colour(t *tomlpos.Table, key string, bg color.RGB, bgName string) string {
	s := t.Str(key, false, "")
	if s == "" {
		return ""
	}
	c, err := color.Parse(s)
	if err != nil {
		t.Errorf(t.At(key), "%s: %v", key, err)
		return ""
	}
	if r := color.Contrast(c, bg); r < color.AA {
		t.Warnf(t.At(key), "%s %s has a contrast of %.1f:1 against %s; links in it are hard to read (WCAG AA asks 4.5:1): choose a %s shade",
			key, c, r, bgName, map[bool]string{true: "darker", false: "lighter"}[bg == color.LightSurface])
	}
	return c.String()
}

// securityTxt reads site.toml's [security_txt], the fields of RFC 9116.
// Whether it has expired is a matter of the date the site is built for,
// which resolve knows.
func securityTxt(t *tomlpos.Table, c *model.Config) *model.SecurityTxt {
	s := &model.SecurityTxt{Origin: t.Origin()}
	for _, ref := range t.StrsOrStr("contact") {
		if u, ok := contactURI(t, ref.Pos, ref.ID); ok {
			s.Contact = append(s.Contact, u)
		}
	}
	if !t.Has("contact") {
		if c.Contact == "" {
			t.Missing("contact", `contact = "mailto:security@example.com" (or set contact at the top of site.toml)`)
		} else if u, ok := contactURI(t, c.At("contact"), c.Contact); ok {
			s.Contact = []string{u}
		}
	}
	s.Expires = t.Instant("expires", true, "expires = 2027-11-01 (RFC 9116 requires it; less than a year ahead)")
	s.PreferredLanguages = t.Plain("preferred_languages")
	if !t.Has("preferred_languages") && c.Language != "" {
		s.PreferredLanguages = []string{c.Language}
	}
	s.Canonical = webURI(t, "canonical")
	s.Policy = t.Str("policy", false, "")
	if s.Policy != "" && strings.Contains(s.Policy, ":") {
		s.Policy = webURI(t, "policy")
	}
	s.Encryption = webURI(t, "encryption")
	s.Acknowledgments = webURI(t, "acknowledgments")
	s.Hiring = webURI(t, "hiring")
	return s
}

// contactURI makes a Contact field: RFC 9116 wants a URI, so a bare e-mail
// address becomes a mailto: one.
func contactURI(t *tomlpos.Table, at diag.Pos, v string) (string, bool) {
	if v == "" {
		t.Errorf(at, "contact is empty; give an address, e.g. \"mailto:security@example.com\"")
		return "", false
	}
	if !strings.Contains(v, ":") && strings.Contains(v, "@") {
		return "mailto:" + v, true
	}
	u, err := url.Parse(v)
	switch {
	case err != nil:
	case u.Scheme == "mailto" || u.Scheme == "tel":
		return v, true
	case u.Scheme == "https" && u.Host != "":
		return v, true
	case u.Scheme == "http":
		t.Errorf(at, "contact %q: a web address in security.txt must use https (RFC 9116 §2.5.3)", v)
		return "", false
	}
	t.Errorf(at, "contact %q is not a mailto:, https:// or tel: address", v)
	return "", false
}

// webURI reads an https:// address (RFC 9116 asks https for every web URI).
func webURI(t *tomlpos.Table, key string) string {
	v := t.Str(key, false, "")
	if v == "" {
		return ""
	}
	if u, err := url.Parse(v); err != nil || u.Scheme != "https" || u.Host == "" {
		t.Errorf(t.At(key), "%s %q must be an https:// address", key, v)
		return ""
	}
	return v
}

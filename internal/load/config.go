package load

import (
	"net/url"
	"strings"
	"time"

	"github.com/trustdocs/trustdocs/internal/color"
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

// brand reads site.toml's [brand]. Whether the logo and favicon exist is
// known only with the theme, when rendering.
func brand(t *table) model.Brand {
	b := model.Brand{Origin: t.origin()}
	b.Logo = themePath(t, "logo")
	b.Favicon = themePath(t, "favicon")
	b.Accent = colour(t, "accent", color.LightSurface, "the light scheme's cards ("+color.LightSurface.String()+")")
	b.AccentDark = colour(t, "accent_dark", color.DarkSurface, "the dark scheme's cards ("+color.DarkSurface.String()+")")
	return b
}

// themePath reads a path of the output that a file of theme/ provides.
func themePath(t *table, key string) string {
	p := strings.TrimPrefix(t.str(key, false, ""), "/")
	if out, inSite := strings.CutPrefix(p, "theme/"); inSite {
		t.errorf(t.at(key), "%s is a path in the output, not in the site: theme/%s is published as %q, so write %s = %q", key, out, out, key, out)
		return out
	}
	return p
}

// colour reads a #rrggbb colour used for links and highlights, and warns
// when text in it would be hard to read on bg.
func colour(t *table, key string, bg color.RGB, bgName string) string {
	s := t.str(key, false, "")
	if s == "" {
		return ""
	}
	c, err := color.Parse(s)
	if err != nil {
		t.errorf(t.at(key), "%s: %v", key, err)
		return ""
	}
	if r := color.Contrast(c, bg); r < color.AA {
		t.warnf(t.at(key), "%s %s has a contrast of %.1f:1 against %s; links in it are hard to read (WCAG AA asks 4.5:1): choose a %s shade",
			key, c, r, bgName, map[bool]string{true: "darker", false: "lighter"}[bg == color.LightSurface])
	}
	return c.String()
}

// securityTxt reads site.toml's [security_txt], the fields of RFC 9116.
// Whether it has expired is a matter of the date the site is built for,
// which resolve knows.
func securityTxt(t *table, c *model.Config) *model.SecurityTxt {
	s := &model.SecurityTxt{Origin: t.origin()}
	for _, ref := range t.strsOrStr("contact") {
		if u, ok := contactURI(t, ref.Pos, ref.ID); ok {
			s.Contact = append(s.Contact, u)
		}
	}
	if _, written := t.m["contact"]; !written {
		if c.Contact == "" {
			t.missing("contact", `contact = "mailto:security@example.com" (or set contact at the top of site.toml)`)
		} else if u, ok := contactURI(t, c.At("contact"), c.Contact); ok {
			s.Contact = []string{u}
		}
	}
	s.Expires = t.instant("expires")
	s.PreferredLanguages = t.plain("preferred_languages")
	if _, written := t.m["preferred_languages"]; !written && c.Language != "" {
		s.PreferredLanguages = []string{c.Language}
	}
	s.Canonical = webURI(t, "canonical")
	s.Policy = t.str("policy", false, "")
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
func contactURI(t *table, at diag.Pos, v string) (string, bool) {
	if v == "" {
		t.errorf(at, "contact is empty; give an address, e.g. \"mailto:security@example.com\"")
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
		t.errorf(at, "contact %q: a web address in security.txt must use https (RFC 9116 §2.5.3)", v)
		return "", false
	}
	t.errorf(at, "contact %q is not a mailto:, https:// or tel: address", v)
	return "", false
}

// webURI reads an https:// address (RFC 9116 asks https for every web URI).
func webURI(t *table, key string) string {
	v := t.str(key, false, "")
	if v == "" {
		return ""
	}
	if u, err := url.Parse(v); err != nil || u.Scheme != "https" || u.Host == "" {
		t.errorf(t.at(key), "%s %q must be an https:// address", key, v)
		return ""
	}
	return v
}

// instant reads a TOML date or date-time as a moment in UTC: a date is its
// midnight, a local date-time is read as UTC.
func (t *table) instant(key string) time.Time {
	v, ok := t.get(key)
	if !ok {
		t.missing(key, key+" = 2027-11-01 (RFC 9116 requires it; less than a year ahead)")
		return time.Time{}
	}
	tm, isTime := v.(time.Time)
	if !isTime {
		t.wrongType(key, "a TOML date or date-time without quotes, such as 2027-11-01 or 2027-11-01T00:00:00Z", v)
		return time.Time{}
	}
	if strings.Contains(tm.Location().String(), "local") { // BurntSushi's local date and date-time
		return time.Date(tm.Year(), tm.Month(), tm.Day(), tm.Hour(), tm.Minute(), tm.Second(), 0, time.UTC)
	}
	return tm.UTC().Truncate(time.Second)
}

// strsOrStr reads a list of strings, or one string as a list of one.
func (t *table) strsOrStr(key string) []model.Ref {
	if s, ok := t.m[key].(string); ok {
		t.get(key)
		return []model.Ref{{ID: strings.TrimSpace(s), Pos: t.at(key)}}
	}
	return t.strs(key)
}

package render

import (
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/trustdocs/trustdocs/internal/color"
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

// The files made from site.toml rather than from content: assets/brand.css
// from [brand], .well-known/security.txt from [security_txt]. Their checks
// run with the other checks of content (siteFiles); the files are planned
// with the theme's (planSiteFiles), so that a theme file in their place is
// reported.

// brandFile is where the colours of [brand] are published: a stylesheet
// of its own, since the Content-Security-Policy allows no inline style.
const brandFile = "assets/brand.css"

// securityTxtFile is where RFC 9116 puts security.txt.
const securityTxtFile = ".well-known/security.txt"

// siteFiles checks [brand] and [security_txt] and makes their files.
func (r *renderer) siteFiles() map[string][]byte {
	files := map[string][]byte{}
	b := r.s.Config.Brand
	var theme []string // listed only when [brand] names a file of it
	for _, f := range []struct{ key, path string }{{"logo", b.Logo}, {"favicon", b.Favicon}} {
		if f.path == "" {
			continue
		}
		if theme == nil {
			theme = r.themeFiles()
		}
		if !slices.Contains(theme, f.path) {
			r.diags.Errorf(b.At(f.key), "[brand]: %s %q is not a file of the theme; put the file at theme/%s (it is published at that path), or name one of the theme's files%s",
				f.key, f.path, f.path, diag.DidYouMean(f.path, theme))
		}
	}
	if b.Accent != "" || b.AccentDark != "" {
		files[brandFile] = brandCSS(b)
	}
	if st := r.s.Config.SecurityTxt; st != nil {
		files[securityTxtFile] = r.securityTxt(st)
	}
	return files
}

// planSiteFiles plans the files siteFiles made, once the theme is planned.
func (r *renderer) planSiteFiles(files map[string][]byte) {
	for _, p := range slices.Sorted(maps.Keys(files)) {
		if _, taken := r.copies[p]; taken {
			r.diags.Errorf(diag.Pos{File: "theme/" + p}, "theme file would replace the %s made from site.toml; remove the file, or the table of site.toml that makes it", p)
			continue
		}
		b := files[p]
		r.file(p, onSettings(), func() ([]byte, error) { return b, nil })
	}
}

// themeFiles are the output paths of the theme's files: the embedded
// theme's and the site's theme/ folder's.
func (r *renderer) themeFiles() []string {
	var out []string
	fs.WalkDir(r.opts.Theme, "theme", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, strings.TrimPrefix(p, "theme/"))
		}
		return nil
	})
	for rel := range r.s.Theme {
		if !slices.Contains(out, rel) {
			out = append(out, rel)
		}
	}
	return out
}

// brandCSS sets the theme's accent variables. An accent for one scheme
// only is carried to the other: lifted until it reads on the dark page,
// or darkened until it reads on the white one. The soft tint (behind the
// current navigation entry, whose text is in the accent) is kept light, or
// dark, enough for the accent to read on it.
func brandCSS(b model.Brand) []byte {
	light, _ := color.Parse(b.Accent)
	dark, _ := color.Parse(b.AccentDark)
	switch {
	case b.Accent == "":
		light = color.TextOn(dark, color.RGB{}, color.LightSurface, color.AA)
	case b.AccentDark == "":
		dark = color.TextOn(light, color.White, color.DarkSurface, color.AA)
	}
	var s strings.Builder
	s.WriteString("/* The accent colours of [brand] in site.toml, made by trustdocs. */\n")
	fmt.Fprintf(&s, ":root {\n  --accent: %s;\n  --accent-soft: %s;\n}\n", light, color.Tint(light, color.White, 0.88, color.AA))
	fmt.Fprintf(&s, "@media (prefers-color-scheme: dark) {\n  :root {\n    --accent: %s;\n    --accent-soft: %s;\n  }\n}\n", dark, color.Tint(dark, color.DarkPage, 0.8, color.AA))
	return []byte(s.String())
}

// securityTxt writes security.txt (RFC 9116 §2.5), fields in the RFC's order.
func (r *renderer) securityTxt(st *model.SecurityTxt) []byte {
	policy := st.Policy
	if policy != "" && !strings.Contains(policy, ":") {
		policy = r.sitePageURL(st, policy)
	}
	canonical := st.Canonical
	if canonical == "" && strings.HasPrefix(r.site.BaseURL, "https://") {
		canonical = r.site.BaseURL + securityTxtFile
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Security contact for %s (RFC 9116); made by trustdocs from site.toml.\n", r.s.Config.Company)
	field := func(name string, values ...string) {
		for _, v := range values {
			if v != "" {
				fmt.Fprintf(&b, "%s: %s\n", name, v)
			}
		}
	}
	field("Contact", st.Contact...)
	if !st.Expires.IsZero() {
		field("Expires", st.Expires.UTC().Format(time.RFC3339))
	}
	field("Encryption", st.Encryption)
	field("Acknowledgments", st.Acknowledgments)
	field("Preferred-Languages", strings.Join(st.PreferredLanguages, ", "))
	field("Canonical", canonical)
	field("Policy", policy)
	field("Hiring", st.Hiring)
	return []byte(b.String())
}

// sitePageURL turns policy = "pages/disclosure" into the page's full
// address: security.txt is read on its own, so its links must be absolute.
func (r *renderer) sitePageURL(st *model.SecurityTxt, p string) string {
	at := st.At("policy")
	p = strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(p, "/"), "index.html"), "/")
	var pages []string
	for _, n := range r.site.Nav {
		pages = append(pages, strings.TrimSuffix(n.Path, "/index.html"))
	}
	for _, pol := range r.s.Policies {
		if r.site.Renders(pol.Classification) {
			pages = append(pages, strings.TrimSuffix(policyURL(pol.Slug), "/index.html"))
		}
	}
	if !slices.Contains(pages, p) {
		r.diags.Errorf(at, "[security_txt]: policy %q is not a page of this build; name a page such as \"pages/disclosure\" or \"policies/vulnerability-disclosure\" (public, or it is missing from public builds), or give a full https:// address%s", p, diag.DidYouMean(p, pages))
		return ""
	}
	if !strings.HasPrefix(r.site.BaseURL, "https://") {
		r.diags.Errorf(at, "[security_txt]: policy %q needs the site's address, since security.txt links must be absolute: set base_url = \"https://…\" in site.toml, or give policy as a full https:// address", p)
		return ""
	}
	return r.site.BaseURL + p + "/"
}

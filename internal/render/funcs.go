package render

import (
	"fmt"
	"html/template"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

// funcs are the functions templates may call. Paths they return are
// relative to the site root; templates prefix them with .Rel.
var funcs = template.FuncMap{
	"date":        func(d model.Date) string { return d.Long() },
	"iso":         func(d model.Date) string { return d.String() },
	"statusClass": statusClass,
	"badge":       badge,
	"assetURL":    assetURL,
	"mediaType":   iconType,
	"categoryTitles": func(a *resolve.Attestation) []string {
		var out []string
		for _, id := range reportCategories(a) {
			for _, c := range a.Framework.Categories {
				if c.ID == id {
					out = append(out, c.Title)
				}
			}
		}
		return out
	},
	"ctx":           func(p *Page, item any) itemContext { return itemContext{p, item} },
	"capitalize":    capitalize,
	"sentence":      sentence,
	"policyURL":     func(p *resolve.Policy) string { return policyURL(p.Slug) },
	"sectionURL":    sectionURL,
	"pageURL":       pageURL,
	"controlURL":    controlURL,
	"frameworkURL":  frameworkURL,
	"soaURL":        soaURL,
	"reqURL":        reqURL,
	"reqAnchor":     reqAnchor,
	"percent":       percent,
	"join":          strings.Join,
	"cols":          func(names ...string) []string { return names },
	"coverageBadge": coverageBadge,
	"reasonName":    reasonName,
	"auditKind":     resolve.AuditKindName,
	"add":           func(a, b int) int { return a + b },
	"themeName":     themeName,
	"coverage":      coverageChart,
	"statusChart":   statusChart,
	"soaChart":      soaChart,
	"timeline":      timeline,
	// Bound to each template set when it is parsed; see partialCached.
	"partialCached": func(string, any, ...any) (template.HTML, error) { return "", nil },
}

func policyURL(slug string) string { return "policies/" + slug + "/index.html" }
func pageURL(d *model.Doc) string  { return "pages/" + d.Slug + "/index.html" }
func controlURL(c *resolve.Control) string {
	return "controls/" + idSlug(c.ID) + "/index.html"
}
func frameworkURL(f *resolve.Framework) string { return "frameworks/" + f.ID + "/index.html" }
func soaURL(f *resolve.Framework) string       { return "frameworks/" + f.ID + "/soa/index.html" }
func reqAnchor(r *resolve.Requirement) string  { return "req-" + idSlug(r.ID) }
func reqURL(r *resolve.Requirement) string {
	return frameworkURL(r.Framework) + "#" + reqAnchor(r)
}

// idSlug turns an id into a path segment or fragment.
func idSlug(id string) string { return model.IDSlug(id) }

// statusClass maps any status to one of five looks: ok, warn, bad, info,
// muted.
func statusClass(status any) string {
	var s string
	switch v := status.(type) {
	case string:
		s = v
	case model.ControlStatus:
		s = string(v)
	case model.Classification:
		s = string(v)
	}
	switch s {
	case resolve.Certified, resolve.Current, string(model.Implemented), "applicable", "passed", string(model.Public):
		return "ok"
	case resolve.Expiring, string(model.Partial), resolve.ReviewDue, resolve.SurveillanceOverdue, resolve.NotYetValid, string(model.Restricted):
		return "warn"
	case resolve.Expired, resolve.Stale, resolve.Suspended, resolve.Withdrawn, resolve.Adverse, resolve.Disclaimer, resolve.ReviewOverdue, "failed":
		return "bad"
	case resolve.InProgress, string(model.Planned), "scheduled", "draft":
		return "info"
	}
	if strings.HasSuffix(s, ", qualified opinion") { // never a plain green badge
		return "warn"
	}
	return "muted"
}

// sentence ends s with a full stop, unless it ends with one already, as a
// name such as "Acme, Inc." does.
func sentence(s string) string {
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func percent(part, whole int) int {
	if whole == 0 {
		return 0
	}
	return part * 100 / whole
}

func reasonName(r string) string {
	switch r {
	case "risk":
		return "Risk treatment"
	case "legal":
		return "Legal or regulatory"
	case "contract":
		return "Contractual"
	case "business":
		return "Business requirement"
	case "best-practice":
		return "Best practice"
	}
	return r
}

// themeName shortens an Annex A group title for table cells.
func themeName(g *resolve.Group) string {
	return strings.TrimSuffix(g.Title, " controls")
}

// badge renders a status as a coloured label; the text always says the
// status, so colour is never the only cue.
func badge(status any) template.HTML {
	s := fmt.Sprint(status)
	if s == "" {
		s = "none"
	}
	return template.HTML(`<span class="badge badge-` + statusClass(status) + `">` +
		template.HTMLEscapeString(capitalize(s)) + `</span>`)
}

// itemContext lets a partial template see both its item and the page.
type itemContext struct {
	Page *Page
	Item any
}

// iconType is the media type of an icon file, from a fixed table rather
// than the system's, so that the output is the same on every machine.
func iconType(p string) string { return iconTypes[strings.ToLower(path.Ext(p))] }

var iconTypes = map[string]string{".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon",
	".gif": "image/gif", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp"}

// Package synth writes synthetic trust sites of any size, for benchmarks
// and for tests that need a big site, shaped like real ones: N policies of
// realistic length and shape, each implementing several of M controls;
// controls each mapped to two Annex A controls and one SOC 2 criterion,
// and between them covering every Annex A control and the SOC 2 security
// criteria; an SoA, a certificate with its audits, and this year's and
// last year's SOC 2 reports. The sites are valid: they build with no
// errors and no warnings.
package synth

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/trustdocs/trustdocs/internal/catalog"
)

// Options size a site.
type Options struct {
	Policies int
	Controls int // at least 1
}

// Write writes a site into dir, which must be empty or absent.
func Write(dir string, o Options) error {
	if o.Controls < 1 || o.Policies < 1 {
		return fmt.Errorf("synth: a site needs at least one policy and one control")
	}
	annexA, soc2, err := requirements()
	if err != nil {
		return err
	}
	w := writer{dir: dir}
	w.file("site.toml", "title = \"Synthetic Trust Center\"\ncompany = \"Synthetic, Inc.\"\n\n[build]\nas_of = 2026-11-01\n")
	w.file("content/_index.md", "+++\ntitle = \"Synthetic Trust Center\"\n+++\nA generated site for benchmarks.\n")
	w.file("content/soa.toml", "# Every Annex A control is mapped by a control, to treat the risks found.\nversion = \"1\"\napproved = 2025-03-01\napproved_by = \"CEO\"\ndefault_reasons = [\"risk\"]\n")
	w.file("content/certifications/iso27001.toml", `[[certification]]
framework = "iso27001"
standard  = "ISO/IEC 27001:2022"
issued    = 2025-06-01

  [[certification.audit]]
  kind   = "surveillance"
  date   = 2026-05-12
  result = "passed"
`)
	w.file("content/certifications/soc2.toml", `[[attestation]]
framework    = "soc2"
type         = "II"
categories   = ["security"]
period_start = 2025-10-01
period_end   = 2026-09-30
issued       = 2026-10-20

# Last year's report, superseded: real sites keep their history.
[[attestation]]
framework    = "soc2"
type         = "II"
categories   = ["security"]
period_start = 2024-10-01
period_end   = 2025-09-30
issued       = 2025-10-20
`)

	// Controls, mapped as real sites map them: each to two Annex A
	// controls and one SOC 2 criterion.
	perFile := 100
	var b strings.Builder
	for c := 0; c < o.Controls; c++ {
		iso, soc := controlMappings(c, o.Controls, annexA, soc2)
		fmt.Fprintf(&b, "[[control]]\nid = %q\ntitle = \"Control %d\"\ndescription = \"What control %d does, in a sentence or two, as a reader would see it.\"\nowner = \"Owner %d\"\nstatus = \"implemented\"\n",
			controlID(c), c+1, c+1, c%7)
		fmt.Fprintf(&b, "iso27001 = %s\nsoc2 = %s\n\n", list(iso), list(soc))
		if (c+1)%perFile == 0 || c == o.Controls-1 {
			w.file(fmt.Sprintf("content/controls/c%04d.toml", c/perFile), b.String())
			b.Reset()
		}
	}

	// Policies: control c is implemented by policy c mod N, and a policy
	// left without one implements control p mod M.
	for p := 0; p < o.Policies; p++ {
		w.file(fmt.Sprintf("content/policies/%s.md", PolicySlug(p)), policy(p, o.Policies, policyControls(p, o)))
	}
	return w.err
}

// controlMappings are the Annex A controls and SOC 2 criteria control c
// of m maps to: two and one, spread over the catalogs, as real sites map
// them; and, when there are fewer controls than requirements, requirement
// i also goes to control i mod m, so that every Annex A control and every
// security criterion is met.
func controlMappings(c, m int, annexA, soc2 []string) (iso, soc []string) {
	iso = uniq(append(every(annexA, c, m), annexA[c%len(annexA)], annexA[(7*c+3)%len(annexA)]))
	soc = uniq(append(every(soc2, c, m), soc2[c%len(soc2)]))
	return iso, soc
}

// every is ids[c], ids[c+m], ids[c+2m] …
func every(ids []string, c, m int) []string {
	var out []string
	for i := c; i < len(ids); i += m {
		out = append(out, ids[i])
	}
	return out
}

func uniq(ids []string) []string {
	var out []string
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// policyControls are the controls the p-th policy implements: control c
// is implemented by policy c mod N, and each policy implements two more
// (so most controls have several policies, as on real sites).
func policyControls(p int, o Options) []string {
	var ids []string
	for c := p; c < o.Controls; c += o.Policies {
		ids = append(ids, controlID(c))
	}
	ids = append(ids, controlID((3*p+1)%o.Controls), controlID((3*p+2)%o.Controls))
	return uniq(ids)
}

// WriteHugo writes the policies of the site Write makes, the same Markdown
// with the same front matter, as a minimal Hugo site: a page per policy,
// with its title, table of contents and body, and a list page. It is for
// running Hugo on the same content as trustdocs.
func WriteHugo(dir string, o Options) error {
	if o.Controls < 1 || o.Policies < 1 {
		return fmt.Errorf("synth: a site needs at least one policy and one control")
	}
	w := writer{dir: dir}
	w.file("hugo.toml", `baseURL = "/"
title = "Synthetic Trust Center"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
`)
	page := `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title><link rel="stylesheet" href="/style.css"></head>
<body><header><a href="/">Synthetic Trust Center</a></header><main>%s</main></body></html>
`
	w.file("layouts/_default/single.html", fmt.Sprintf(page, `<h1>{{ .Title }}</h1>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}
<p>Version {{ .Params.version }}, owner {{ .Params.owner }}</p>{{ .TableOfContents }}<article>{{ .Content }}</article>`))
	list := fmt.Sprintf(page, `<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.version }}</li>{{ end }}</ul>`)
	w.file("layouts/_default/list.html", list)
	w.file("layouts/index.html", list)
	w.file("static/style.css", "body { font-family: sans-serif; }\n")
	for p := 0; p < o.Policies; p++ {
		w.file(fmt.Sprintf("content/policies/%s.md", PolicySlug(p)), policy(p, o.Policies, policyControls(p, o)))
	}
	return w.err
}

// PolicySlug is the slug of the i-th policy.
func PolicySlug(i int) string { return fmt.Sprintf("policy-%05d", i) }

// policy returns the text of the i-th of n policies: about 3 KB of
// Markdown with headings, lists, a table, emphasis and links to its
// neighbours.
func policy(i, n int, controls []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = \"Policy %d\"\nversion = \"1.%d\"\nowner = \"Owner %d\"\napproved = 2026-0%d-01\nreview_every = \"12 months\"\ncontrols = %s\nsummary = \"What policy %d requires, in one sentence.\"\n+++\n",
		i+1, i%10, i%7, 1+i%9, list(controls), i+1)
	fmt.Fprintf(&b, "# Purpose\n\nThis policy sets out how the company protects **information** in scope of policy %d. It applies to every employee, contractor and system.\n\n", i+1)
	fmt.Fprintf(&b, "# Scope\n\n- All production systems and the data they hold.\n- Corporate devices and SaaS applications.\n- Suppliers with access to customer data, see [the next policy](%s.md).\n\n", PolicySlug((i+1)%n))
	b.WriteString("# Requirements\n\n")
	for r := 1; r <= 6; r++ {
		fmt.Fprintf(&b, "## Requirement %d\n\nStaff *must* follow requirement %d. Exceptions are approved by the owner and recorded with an expiry date; the security team reviews them every quarter.\n\n", r, r)
	}
	b.WriteString("| Role | Responsibility |\n|---|---|\n| Owner | Keeps the policy current |\n| Staff | Follow it |\n| Security | Checks it is followed |\n\n")
	fmt.Fprintf(&b, "# Related\n\nSee [the previous policy](%s.md#purpose) and the [requirements](#requirements) above.\n", PolicySlug((i+n-1)%n))
	return b.String()
}

func controlID(c int) string { return fmt.Sprintf("SC-%04d", c+1) }

func list(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// requirements returns the ids of Annex A (the requirements in SoA
// groups) and of the SOC 2 security criteria, from the built-in catalogs.
func requirements() (annexA, soc2 []string, err error) {
	type catalogFile struct {
		Group []struct {
			ID  string
			SoA bool
		}
		Requirement []struct {
			ID, Group, Category string
		}
	}
	read := func(name string) (catalogFile, error) {
		var c catalogFile
		src, err := catalog.File(name)
		if err == nil {
			_, err = toml.Decode(string(src), &c)
		}
		return c, err
	}
	iso, err := read("iso27001")
	if err != nil {
		return nil, nil, err
	}
	soa := map[string]bool{}
	for _, g := range iso.Group {
		soa[g.ID] = g.SoA
	}
	for _, r := range iso.Requirement {
		if soa[r.Group] {
			annexA = append(annexA, r.ID)
		}
	}
	tsc, err := read("soc2")
	for _, r := range tsc.Requirement {
		if r.Category == "security" {
			soc2 = append(soc2, r.ID)
		}
	}
	return annexA, soc2, err
}

type writer struct {
	dir string
	err error
}

func (w *writer) file(rel, text string) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.dir, filepath.FromSlash(rel))
	if w.err = os.MkdirAll(filepath.Dir(p), 0o755); w.err == nil {
		w.err = os.WriteFile(p, []byte(text), 0o644)
	}
}

package render

import (
	"fmt"
	"html"
	"html/template"
	"strconv"
	"strings"

	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

// Charts are inline SVG drawn at build time. Colours come from CSS classes
// (so they follow the light and dark schemes), never from style attributes
// (which the Content-Security-Policy forbids). Every chart has a role, a
// title and a text alternative; the same facts are also in the page's
// tables. Everything from content is escaped with html.EscapeString.

func num(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

func esc(s string) string { return html.EscapeString(s) }

// svgOpen starts an accessible SVG element. Bars stretch to their box
// (no text inside them to distort); charts with labels keep their aspect.
func svgOpen(b *strings.Builder, class string, w, h float64, label string) {
	aspect := ""
	if class == "chart-bar" || class == "chart-stacked" {
		aspect = ` preserveAspectRatio="none"`
	}
	fmt.Fprintf(b, `<svg class="%s" viewBox="0 0 %s %s"%s role="img" aria-label="%s" focusable="false"><title>%s</title>`,
		class, num(w), num(h), aspect, esc(label), esc(label))
}

// coverageChart draws a framework's coverage as a thin bar: met, then
// partial, then planned; the empty rest is what no control addresses.
func coverageChart(c resolve.Coverage, what string) template.HTML {
	var b strings.Builder
	svgOpen(&b, "chart-bar", 100, 8, fmt.Sprintf("%s: %d of %d met (%d%%), %d partial, %d planned, %d not addressed",
		what, c.Met, c.Total, c.Percent(), c.Partial, c.Planned, c.Unaddressed()))
	stacked(&b, 0, 0, 100, 8, c.Total, []segment{{"seg-ok", "Met", c.Met}, {"seg-warn", "Partial", c.Partial}, {"seg-info", "Planned", c.Planned}})
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

type segment struct {
	class string
	label string
	n     int
}

// stacked draws one bar split into segments, with no text inside.
func stacked(b *strings.Builder, x, y, w, h float64, total int, segs []segment) {
	fmt.Fprintf(b, `<rect class="bar-track" x="%s" y="%s" width="%s" height="%s" rx="3"/>`, num(x), num(y), num(w), num(h))
	for _, s := range segs {
		if s.n == 0 || total == 0 {
			continue
		}
		sw := w * float64(s.n) / float64(total)
		fmt.Fprintf(b, `<rect class="%s" x="%s" y="%s" width="%s" height="%s"><title>%s: %d</title></rect>`,
			s.class, num(x), num(y), num(sw), num(h), esc(s.label), s.n)
		x += sw
	}
}

// statusChart shows how many controls are implemented, partial and planned.
func statusChart(n statusCounts) template.HTML {
	segs := []segment{{"seg-ok", "Implemented", n.Implemented}, {"seg-warn", "Partial", n.Partial}, {"seg-info", "Planned", n.Planned}}
	var b strings.Builder
	svgOpen(&b, "chart-stacked", 300, 16, fmt.Sprintf("Controls by status: %d implemented, %d partial, %d planned, of %d",
		n.Implemented, n.Partial, n.Planned, n.Total))
	stacked(&b, 0, 0, 300, 16, n.Total, segs)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// soaChart shows, per Annex A theme, how many controls are implemented,
// partial, planned and excluded.
func soaChart(sum soaSummary) template.HTML {
	const labelW, barW, rowH, gap = 130.0, 420.0, 18.0, 12.0
	h := float64(len(sum.Themes))*(rowH+gap) + 4
	var alt []string
	for _, t := range sum.Themes {
		alt = append(alt, fmt.Sprintf("%s: %d implemented, %d partial, %d planned, %d excluded of %d",
			themeName(t.Theme), t.Implemented, t.Partial, t.Planned, t.Excluded, t.Total))
	}
	var b strings.Builder
	svgOpen(&b, "chart-soa", labelW+barW+60, h, "Annex A by theme. "+strings.Join(alt, ". "))
	for i, t := range sum.Themes {
		y := float64(i)*(rowH+gap) + 2
		fmt.Fprintf(&b, `<text class="chart-label" x="0" y="%s">%s</text>`, num(y+rowH-5), esc(themeName(t.Theme)))
		stacked(&b, labelW, y, barW, rowH, t.Total, []segment{
			{"seg-ok", "Implemented", t.Implemented}, {"seg-warn", "Partial", t.Partial},
			{"seg-info", "Planned", t.Planned}, {"seg-muted", "Excluded", t.Excluded}})
		fmt.Fprintf(&b, `<text class="chart-label" x="%s" y="%s">%d/%d</text>`, num(labelW+barW+8), num(y+rowH-5), t.Implemented, t.Total)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// timeline draws every certificate's cycle and every report's period on
// one time axis, with a line for the build date.
func timeline(s *resolve.Site, certs []*resolve.Certification, reports []*resolve.Attestation) template.HTML {
	var lo, hi model.Date
	span := func(d model.Date) {
		if d.IsZero() {
			return
		}
		if lo.IsZero() || d.Before(lo) {
			lo = d
		}
		if hi.IsZero() || d.After(hi) {
			hi = d
		}
	}
	span(s.AsOf)
	for _, c := range certs {
		span(c.Issued)
		span(c.Expires)
		for _, a := range c.Audits {
			span(a.Date)
		}
	}
	for _, a := range reports {
		span(a.PeriodStart)
		span(a.CoverageEnd())
		span(a.Issued)
		span(a.CurrentUntil)
		if a.Bridge != nil {
			span(a.Bridge.CoversThrough)
		}
	}
	lo = model.NewDate(lo.Year(), 1, 1)
	hi = model.NewDate(hi.Year()+1, 1, 1)
	const labelW, plotW, rowH = 150.0, 610.0, 34.0
	rows := len(certs) + len(reports)
	h := float64(rows)*rowH + 46
	days := float64(lo.DaysUntil(hi))
	x := func(d model.Date) float64 { return labelW + plotW*float64(lo.DaysUntil(d))/days }

	var alt []string
	var b strings.Builder
	body := &strings.Builder{}
	// Year grid.
	for y := lo.Year(); y <= hi.Year(); y++ {
		gx := x(model.NewDate(y, 1, 1))
		fmt.Fprintf(body, `<line class="tl-grid" x1="%s" y1="0" x2="%s" y2="%s"/>`, num(gx), num(gx), num(h-22))
		if y < hi.Year() {
			fmt.Fprintf(body, `<text class="chart-label tl-year" x="%s" y="%s">%d</text>`, num(gx+4), num(h-8), y)
		}
	}
	row := 0
	bar := func(class string, from, to model.Date, title string) {
		if from.IsZero() || to.IsZero() {
			return
		}
		y := float64(row)*rowH + 8
		fmt.Fprintf(body, `<rect class="%s" x="%s" y="%s" width="%s" height="14" rx="3"><title>%s</title></rect>`,
			class, num(x(from)), num(y), num(max(x(to)-x(from), 2)), esc(title))
	}
	mark := func(class string, d model.Date, title string) {
		y := float64(row)*rowH + 15
		fmt.Fprintf(body, `<circle class="%s" cx="%s" cy="%s" r="5"><title>%s</title></circle>`, class, num(x(d)), num(y), esc(title))
	}
	label := func(text string) {
		fmt.Fprintf(body, `<text class="chart-label" x="0" y="%s">%s</text>`, num(float64(row)*rowH+20), esc(text))
	}
	for _, c := range certs {
		name := c.Framework.Title() + " certificate"
		label(name)
		if !c.Issued.IsZero() {
			bar("tl-cert", c.Issued, c.Expires, fmt.Sprintf("%s: %s to %s", name, c.Issued.Long(), c.Expires.Long()))
			alt = append(alt, fmt.Sprintf("%s valid %s to %s (%s)", name, c.Issued.Long(), c.Expires.Long(), c.Status))
			for _, y := range c.Surveillance {
				fmt.Fprintf(body, `<line class="tl-due" x1="%s" y1="%s" x2="%s" y2="%s"><title>Year-%d surveillance due by %s</title></line>`,
					num(x(y.Due)), num(float64(row)*rowH+4), num(x(y.Due)), num(float64(row)*rowH+26), y.Year, esc(y.Due.Long()))
			}
		} else {
			alt = append(alt, name+" in progress")
		}
		for _, a := range c.Audits {
			t := fmt.Sprintf("%s audit %s: %s", resolve.AuditKindName(a.Kind), a.Date.Long(), a.Result)
			mark("tl-audit tl-"+a.Result, a.Date, t)
			alt = append(alt, t)
		}
		row++
	}
	for _, a := range reports {
		name := fmt.Sprintf("%s Type %s", a.Framework.Title(), a.Type)
		label(name)
		if a.Type == "II" {
			bar("tl-period", a.PeriodStart, a.PeriodEnd, fmt.Sprintf("%s period: %s to %s", name, a.PeriodStart.Long(), a.PeriodEnd.Long()))
		}
		if !a.Issued.IsZero() {
			bar("tl-current", a.CoverageEnd().AddDays(1), a.CurrentUntil, fmt.Sprintf("Report current until %s", a.CurrentUntil.Long()))
			alt = append(alt, fmt.Sprintf("%s covering to %s, issued %s, current until %s (%s)", name, a.CoverageEnd().Long(), a.Issued.Long(), a.CurrentUntil.Long(), a.Status))
			mark("tl-issued", a.Issued, fmt.Sprintf("Report issued %s", a.Issued.Long()))
		} else {
			alt = append(alt, name+" in progress")
		}
		if br := a.Bridge; br != nil {
			bar("tl-bridge", a.CoverageEnd().AddDays(1), br.CoversThrough, fmt.Sprintf("Bridge letter covers through %s", br.CoversThrough.Long()))
			alt = append(alt, "bridge letter covers through "+br.CoversThrough.Long())
		}
		row++
	}
	ax := x(s.AsOf)
	fmt.Fprintf(body, `<line class="tl-now" x1="%s" y1="0" x2="%s" y2="%s"/>`, num(ax), num(ax), num(h-22))
	fmt.Fprintf(body, `<text class="chart-label tl-now-label" x="%s" y="%s" text-anchor="end">As of %s</text>`, num(ax-4), num(h-24), esc(s.AsOf.Long()))
	svgOpen(&b, "chart-timeline", labelW+plotW+10, h, "Timeline as of "+s.AsOf.Long()+": "+strings.Join(alt, "; "))
	b.WriteString(body.String())
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

package comply

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/tomlpos"
)

// idCleanRE finds what a control id made from an acronym may not hold.
var idCleanRE = regexp.MustCompile(`[^A-Z0-9]+`)

// control writes the control a document's satisfies becomes, and returns
// its id, or "" when the document satisfies nothing.
func (im *importer) control(file, slug, title string, h header) string {
	var mapped []string
	var notes []string
	for _, s := range h.Satisfies {
		if !isTSC(s.Standard.Text) {
			var ids []string
			for _, id := range s.IDs {
				ids = append(ids, id.Text)
			}
			im.diags.Warnf(diag.Pos{File: file, Line: s.Standard.Line, Col: s.Standard.Col}, "satisfies.%s: trustdocs has no framework for standard %q, so %s %s not mapped; describe it in content/frameworks/ and map the control to it",
				s.Standard.Text, s.Standard.Text, strings.Join(ids, ", "), map[bool]string{true: "is", false: "are"}[len(ids) == 1])
			im.res.Unmapped += len(ids)
			notes = append(notes, fmt.Sprintf("%s: %s (no trustdocs framework)", s.Standard.Text, strings.Join(ids, ", ")))
			continue
		}
		for _, id := range s.IDs {
			switch {
			case slices.Contains(mapped, id.Text):
			case slices.Contains(im.criteria, id.Text):
				mapped = append(mapped, id.Text)
			default:
				im.diags.Warnf(diag.Pos{File: file, Line: id.Line, Col: id.Col}, "%q is not a SOC 2 criterion, so it is not mapped%s; the control keeps a note of it", id.Text, diag.DidYouMean(id.Text, im.criteria))
				im.res.Unmapped++
				notes = append(notes, fmt.Sprintf("%s: %s (not a SOC 2 criterion)", s.Standard.Text, id.Text))
			}
		}
	}
	if len(mapped) == 0 && len(notes) == 0 {
		return ""
	}
	id := strings.Trim(idCleanRE.ReplaceAllString(strings.ToUpper(h.Acronym.Text), "-"), "-")
	if id == "" {
		id = strings.ToUpper(slug)
	}
	for base, n := id, 2; im.ids[id] != ""; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	im.ids[id] = file
	b := &im.controls
	fmt.Fprintf(b, "\n# From %s.\n[[control]]\n", file)
	fmt.Fprintf(b, "id          = %s\n", tomlpos.Quote(id))
	fmt.Fprintf(b, "title       = %s\n", tomlpos.Quote(title))
	fmt.Fprintf(b, "description = %s\n", tomlpos.Quote("The "+title+" addresses these criteria."))
	b.WriteString("status      = \"planned\"\n")
	fmt.Fprintf(b, "soc2        = %s\n", tomlList(mapped))
	for _, n := range notes {
		fmt.Fprintf(b, "# Not mapped: %s\n", n)
	}
	im.res.Controls++
	return id
}

// policy writes a document as a trustdocs policy.
func (im *importer) policy(file, title, control string, h header, body string) []byte {
	revs := slices.Clone(h.Revisions)
	slices.SortStableFunc(revs, func(a, b revision) int { return a.Date.Compare(b.Date) })
	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "# Imported from comply: %s", file)
	if h.ID.Text != "" {
		fmt.Fprintf(&b, " (procedure id %q", h.ID.Text)
		if h.Cron.Text != "" {
			fmt.Fprintf(&b, ", ticket schedule %q", h.Cron.Text)
		}
		b.WriteString(")")
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "title          = %s\n", tomlpos.Quote(title))
	fmt.Fprintf(&b, "version        = \"%d.0\"\n", max(1, len(revs)))
	b.WriteString("owner          = \"TODO: the role that owns this document\"\n")
	if len(revs) > 0 {
		fmt.Fprintf(&b, "approved       = %s\n", revs[len(revs)-1].Date)
	} else {
		// Published only once someone says when it was approved.
		b.WriteString("draft          = true  # TODO: comply recorded no approval; once approved, delete this line and add approved = YYYY-MM-DD\n")
	}
	fmt.Fprintf(&b, "classification = %q\n", im.opts.Classification)
	if control != "" {
		fmt.Fprintf(&b, "controls       = [%s]\n", tomlpos.Quote(control))
	}
	for i, r := range revs {
		fmt.Fprintf(&b, "\n[[revision]]\nversion = \"%d.0\"\ndate    = %s\n", i+1, r.Date)
		if r.Comment != "" {
			fmt.Fprintf(&b, "note    = %s\n", tomlpos.Quote(r.Comment))
		}
	}
	b.WriteString("+++\n")
	b.WriteString(body)
	if !strings.HasSuffix(body, "\n") {
		b.WriteString("\n")
	}
	return []byte(b.String())
}

func tomlList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = tomlpos.Quote(x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

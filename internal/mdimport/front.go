package mdimport

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/tomlpos"
)

// fields are what front matter gave that trustdocs has a key for.
type fields struct {
	title, summary, version, owner, approvedBy, reviewEvery string
	classification                                          model.Classification
	approved, effective, nextReview                         model.Date
	weight                                                  int
	draft                                                   bool
	kept                                                    []string // "key: value" of keys trustdocs has none for
}

// keyFor maps the keys other generators and templates use to trustdocs's.
// "date" is when a page was published (Jekyll, Hugo): the nearest fact
// trustdocs keeps is when a policy takes effect, never its approval.
var keyFor = map[string]string{
	"title": "title", "name": "title", "linktitle": "title",
	"description": "summary", "summary": "summary", "excerpt": "summary", "abstract": "summary", "subtitle": "summary",
	"version": "version", "revision": "version", "doc_version": "version",
	"owner": "owner", "owners": "owner", "author": "owner", "authors": "owner", "maintainer": "owner", "policy_owner": "owner",
	"approved_by": "approved_by", "approver": "approved_by", "approvedby": "approved_by",
	"approved": "approved", "approved_on": "approved", "approval_date": "approved", "approved_date": "approved", "date_approved": "approved",
	"effective": "effective", "effective_date": "effective", "date": "effective",
	"next_review": "next_review", "review_date": "next_review", "next_review_date": "next_review", "review_by": "next_review",
	"review_every": "review_every", "review_cycle": "review_every", "review_frequency": "review_every",
	"classification": "classification", "confidentiality": "classification",
	"weight": "weight", "sidebar_position": "weight", "nav_order": "weight", "order": "weight", "position": "weight",
	"draft": "draft", "published": "published",
}

// classifications maps the words people use for who may read a document.
var classifications = map[string]model.Classification{
	"public": model.Public, "external": model.Public, "open": model.Public,
	"restricted": model.Restricted, "confidential": model.Restricted, "nda": model.Restricted, "customer": model.Restricted,
	"internal": model.Internal, "private": model.Internal, "secret": model.Internal, "internal only": model.Internal,
}

// front reads a document's front matter, reporting what it cannot map.
func (d *doc) front(src []byte, isYAML bool, line int) fields {
	var f fields
	if src == nil {
		return f
	}
	t, problems := parseFront(d.rel, src, isYAML, line)
	if t == nil {
		for _, p := range problems {
			d.diags.Warnf(p.Pos, "front matter not imported: %s; its lines are kept as a comment in the policy's front matter", p.Message)
		}
		f.kept = append(f.kept, strings.Split(strings.TrimRight(string(src), "\n"), "\n")...)
		return f
	}
	if t.Has("satisfies") && (t.Has("majorRevisions") || t.Has("acronym")) {
		d.comply = true
	}
	for _, key := range t.Keys() {
		v, _ := t.Get(key)
		at := t.At(key)
		ours := keyFor[strings.ToLower(key)]
		s := text(v)
		ok := true
		switch ours {
		case "title":
			f.title = cmp.Or(f.title, s)
		case "summary":
			f.summary = cmp.Or(f.summary, s)
		case "version":
			f.version = s
		case "owner":
			f.owner = s
		case "approved_by":
			f.approvedBy = s
		case "review_every":
			f.reviewEvery = s
		case "approved", "effective", "next_review":
			var day model.Date
			if day, ok = dateOf(v); ok {
				*map[string]*model.Date{"approved": &f.approved, "effective": &f.effective, "next_review": &f.nextReview}[ours] = day
			}
		case "classification":
			f.classification, ok = classifications[strings.ToLower(s)]
		case "weight":
			var n int
			n, ok = number(v)
			f.weight = n
		case "draft":
			f.draft, ok = v.(bool)
		case "published":
			var pub bool
			pub, ok = v.(bool)
			f.draft = f.draft || !pub
		default:
			ok = false
		}
		if !ok {
			f.kept = append(f.kept, key+": "+describeValue(v))
			why := "trustdocs has no such key"
			if ours != "" {
				why = fmt.Sprintf("%q is not a value trustdocs reads for %s", describeValue(v), ours)
			}
			d.warnf(at.Line, at.Col, "front matter %s not imported: %s; kept as a comment", key, why)
		}
	}
	if !f.effective.IsZero() && !f.approved.IsZero() && f.effective.Before(f.approved) {
		f.kept = append(f.kept, "effective: "+f.effective.String()+" (before the approval: left out)")
		f.effective = model.Date{}
	}
	return f
}

// text is a scalar or a list of scalars as one line of text.
func text(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case []any:
		var parts []string
		for _, x := range v {
			parts = append(parts, text(x))
		}
		return strings.Join(parts, ", ")
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int64:
		return strconv.FormatInt(v, 10)
	case map[string]any:
		return ""
	}
	return fmt.Sprint(v)
}

func number(v any) (int, bool) {
	switch v := v.(type) {
	case int64:
		return int(v), true
	case float64:
		return int(v), v == float64(int(v))
	case string:
		n, err := strconv.Atoi(strings.TrimSpace(v))
		return n, err == nil
	}
	return 0, false
}

// dateOf reads a date written as TOML or YAML does, or as people do.
func dateOf(v any) (model.Date, bool) {
	switch v := v.(type) {
	case time.Time:
		return model.DateOf(v), true
	case string:
		return tomlpos.LooseDate(v)
	}
	return model.Date{}, false
}

// policy writes a policy's front matter and body.
func (d *doc) policy(im *importer, f fields, body []byte) []byte {
	var b strings.Builder
	w := func(key, value string) { fmt.Fprintf(&b, "%-14s = %s\n", key, value) }
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "# Imported from %s by trustdocs import markdown.\n", d.rel)
	w("title", tomlpos.Quote(f.title))
	if f.version != "" {
		w("version", tomlpos.Quote(f.version))
	} else {
		w("version", `"1.0"  # TODO: the version in force: the source gave none`)
	}
	if f.owner != "" {
		w("owner", tomlpos.Quote(f.owner))
	} else {
		w("owner", `"TODO: the role that owns this policy"`)
	}
	if f.approvedBy != "" {
		w("approved_by", tomlpos.Quote(f.approvedBy))
	}
	switch {
	case !f.approved.IsZero():
		w("approved", f.approved.String())
		if f.draft {
			w("draft", "true")
		}
	default:
		// Published once someone says when it was approved: the day is a
		// fact a buyer reads, not one to make up.
		w("draft", "true  # TODO: no approval date was given; once approved, delete this line and add approved = YYYY-MM-DD")
		im.mu.Lock()
		im.res.Drafts++
		im.mu.Unlock()
	}
	if !f.effective.IsZero() {
		w("effective", f.effective.String())
	}
	if !f.nextReview.IsZero() && (f.approved.IsZero() || f.nextReview.After(f.approved)) {
		w("next_review", f.nextReview.String())
	}
	if f.reviewEvery != "" {
		if _, ok := model.ParsePeriod(f.reviewEvery); ok {
			w("review_every", tomlpos.Quote(f.reviewEvery))
		} else {
			f.kept = append(f.kept, "review_every: "+f.reviewEvery)
		}
	}
	w("classification", tomlpos.Quote(string(cmp.Or(f.classification, im.opts.Classification))))
	if weight := cmp.Or(f.weight, d.weight); weight != 0 {
		w("weight", strconv.Itoa(weight))
	}
	if f.summary != "" {
		w("summary", tomlpos.Quote(f.summary))
	}
	for _, k := range f.kept {
		b.WriteString("# Not imported: " + commentText(k) + "\n")
	}
	b.WriteString("+++\n\n")
	b.Write(body)
	if !strings.HasSuffix(b.String(), "\n") {
		b.WriteString("\n")
	}
	return []byte(b.String())
}

// commentText is s as a TOML comment may hold it: no control characters.
func commentText(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

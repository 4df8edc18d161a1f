package load

import (
	"slices"
	"sort"
	"strings"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

// tomlReader reads one kind of TOML content file; file is its
// site-relative path and src its cleaned text.
type tomlReader func(l *loader, file string, src []byte)

// tomlFile reads a TOML content file from disk and hands it to read.
func (l *loader) tomlFile(abs string, read tomlReader) {
	if src, ok := l.read(abs); ok {
		read(l, l.rel(abs), src)
	}
}

var controlKeys = []string{"id", "title", "description", "owner", "status", "evidence"}

func (l *loader) controls(file string, src []byte) {
	t := l.parseTOML(file, src, 0, "")
	if t == nil {
		return
	}
	frameworks := l.frameworkIDs()
	for _, c := range t.tables("control", "[[control]]") {
		ctl := &model.Control{Origin: c.origin()}
		ctl.ID = c.str("id", true, `an id, e.g. id = "AC-01"`)
		ctl.Title = c.str("title", true, `a short title, e.g. title = "Multi-factor authentication"`)
		ctl.Description = c.str("description", false, "")
		ctl.Owner = c.str("owner", false, "")
		ctl.Status = model.ControlStatus(c.enum("status", model.ControlStatuses, ""))
		if _, ok := c.m["status"]; !ok {
			c.missing("status", `status = "implemented" (or "partial", "planned")`)
		}
		ctl.Evidence = c.plain("evidence")
		// Every other key maps the control to a framework.
		var keys []string
		for k := range c.m {
			if !slices.Contains(controlKeys, k) {
				keys = append(keys, k)
			}
		}
		sort.Slice(keys, func(i, j int) bool { return c.at(keys[i]).Line < c.at(keys[j]).Line })
		for _, k := range keys {
			if !slices.Contains(frameworks, k) {
				c.get(k)
				if l.frameworksIncomplete {
					continue // it may be the id of the framework that could not be read
				}
				l.diags.Errorf(c.at(k), "[[control]]: %q is neither a control field nor a loaded framework%s",
					k, didYouMeanKey(k, append(slices.Clone(controlKeys), frameworks...)))
				continue
			}
			ctl.Mappings = append(ctl.Mappings, model.Mapping{
				Framework: model.Ref{ID: k, Pos: c.at(k)},
				Refs:      c.strs(k),
			})
		}
		c.done()
		l.site.Controls = append(l.site.Controls, ctl)
	}
	t.done()
}

func (l *loader) frameworkIDs() []string {
	ids := make([]string, len(l.site.Frameworks))
	for i, f := range l.site.Frameworks {
		ids[i] = f.ID
	}
	return ids
}

func (l *loader) soa(file string, src []byte) {
	t := l.parseTOML(file, src, 0, "")
	if t == nil {
		return
	}
	doc := &model.SoADoc{Origin: t.origin()}
	doc.Version = t.str("version", false, "")
	doc.Approved = t.date("approved", false)
	doc.ApprovedBy = t.str("approved_by", false, "")
	doc.DefaultReasons = l.reasons(t, "default_reasons")
	doc.Revisions = revisions(t)
	l.site.SoADoc = doc
	a := t.sub("annex_a", "[annex_a]")
	t.done()
	if a == nil {
		return
	}
	ids := make([]string, 0, len(a.m))
	for id := range a.m {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return a.at(ids[i]).Line < a.at(ids[j]).Line })
	for _, id := range ids {
		e := a.sub(id, `[annex_a."`+id+`"]`)
		if e == nil {
			continue
		}
		entry := &model.SoAEntry{Origin: e.origin(), ID: id}
		if b, ok := e.boolean("applicable"); ok {
			entry.Applicable = &b
		} else if _, written := e.m["applicable"]; written {
			entry.Unreadable = true // reported by boolean
		}
		entry.Reasons = l.reasons(e, "reasons")
		entry.Note = e.str("note", false, "")
		entry.Justification = e.str("justification", false, "")
		e.done()
		l.site.SoA = append(l.site.SoA, entry)
	}
	a.done()
}

// reasons reads a list of reasons for including an Annex A control.
func (l *loader) reasons(t *table, key string) []string {
	var out []string
	for _, r := range t.strs(key) {
		if !slices.Contains(model.SoAReasons, r.ID) {
			t.errorf(r.Pos, "%s %q is not one of %s%s", strings.ReplaceAll(strings.TrimSuffix(key, "s"), "_", " "), r.ID, quoteList(model.SoAReasons), diag.DidYouMean(r.ID, model.SoAReasons))
			continue
		}
		out = append(out, r.ID)
	}
	return out
}

func (l *loader) certifications(file string, src []byte) {
	t := l.parseTOML(file, src, 0, "")
	if t == nil {
		return
	}
	for _, c := range t.tables("certification", "[[certification]]") {
		cert := &model.Certification{Origin: c.origin()}
		cert.Framework = l.frameworkRef(c)
		cert.Standard = c.str("standard", false, "")
		cert.CertificationBody = c.str("certification_body", false, "")
		cert.AccreditationBody = c.str("accreditation_body", false, "")
		cert.CertificateNumber = c.str("certificate_number", false, "")
		cert.Scope = c.str("scope", false, "")
		cert.Edition = c.enum("edition", []string{"2013", "2022"}, "")
		cert.Issued = c.date("issued", false)
		cert.CycleStart = c.date("cycle_start", false)
		cert.Expires = c.date("expires", false)
		cert.Status = c.enum("status", []string{"suspended", "withdrawn"}, "")
		cert.SoAVersion = c.str("soa_version", false, "")
		cert.Certificate = c.str("certificate", false, "")
		cert.Classification = model.Classification(c.enum("classification", model.Classifications, string(model.Public)))
		for _, a := range c.tables("audit", "[[certification.audit]]") {
			au := model.Audit{Origin: a.origin()}
			au.Kind = a.enum("kind", model.AuditKinds, "")
			if _, ok := a.m["kind"]; !ok {
				a.missing("kind", `kind = "stage1" (or "stage2", "surveillance", "recertification")`)
			}
			au.Date = a.date("date", true)
			au.Result = a.enum("result", model.AuditResults, "")
			if _, ok := a.m["result"]; !ok {
				a.missing("result", `result = "passed" (or "scheduled", "failed")`)
			}
			au.Note = a.str("note", false, "")
			a.done()
			cert.Audits = append(cert.Audits, au)
		}
		c.done()
		l.site.Certifications = append(l.site.Certifications, cert)
	}
	for _, a := range t.tables("attestation", "[[attestation]]") {
		at := &model.Attestation{Origin: a.origin()}
		at.Framework = l.frameworkRef(a)
		at.Type = a.enum("type", []string{"I", "II"}, "")
		if _, ok := a.m["type"]; !ok {
			a.missing("type", `type = "II" (or "I")`)
		}
		at.Auditor = a.str("auditor", false, "")
		at.Categories = a.strs("categories")
		at.PeriodStart = a.date("period_start", false)
		at.PeriodEnd = a.date("period_end", false)
		at.PointInTime = a.date("point_in_time", false)
		at.Issued = a.date("issued", false)
		at.Report = a.str("report", false, "")
		at.Opinion = a.enum("opinion", []string{"unqualified", "qualified", "adverse", "disclaimer"}, "")
		at.Classification = model.Classification(a.enum("classification", model.Classifications, string(model.Restricted)))
		if b := a.sub("bridge_letter", "bridge_letter"); b != nil {
			at.Bridge = &model.BridgeLetter{Origin: b.origin()}
			at.Bridge.Issued = b.date("issued", true)
			at.Bridge.CoversThrough = b.date("covers_through", true)
			at.Bridge.File = b.str("file", false, "")
			at.Bridge.Classification = model.Classification(b.enum("classification", model.Classifications, string(at.Classification)))
			b.done()
		}
		a.done()
		l.site.Attestations = append(l.site.Attestations, at)
	}
	t.done()
}

// frameworkRef reads a record's framework key.
func (l *loader) frameworkRef(t *table) model.Ref {
	id := t.str("framework", true, `the framework's id, e.g. framework = "iso27001"`)
	return model.Ref{ID: id, Pos: t.at("framework")}
}

func (l *loader) subprocessors(file string, src []byte) {
	t := l.parseTOML(file, src, 0, "")
	if t == nil {
		return
	}
	for _, s := range t.tables("subprocessor", "[[subprocessor]]") {
		sp := &model.Subprocessor{Origin: s.origin()}
		sp.Name = s.str("name", true, `the company's name, e.g. name = "Example Cloud"`)
		sp.Purpose = s.str("purpose", true, `what it does for you, e.g. purpose = "Hosting"`)
		sp.Location = s.str("location", false, "")
		sp.Website = s.str("website", false, "")
		sp.Data = s.plain("data")
		sp.Since = s.date("since", false)
		s.done()
		l.site.Subprocessors = append(l.site.Subprocessors, sp)
	}
	t.done()
}

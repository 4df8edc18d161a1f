package load

import (
	"slices"
	"strings"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/tomlpos"
)

// tomlReader reads one kind of TOML content file; file is its
// site-relative path and src its cleaned text.
type tomlReader func(l *loader, file string, src []byte)

var controlKeys = []string{"id", "title", "description", "owner", "status", "evidence"}

func (l *loader) controls(file string, src []byte) {
	t := l.parseTOML(file, src, 0, "")
	if t == nil {
		return
	}
	frameworks := l.frameworkIDs()
	for _, c := range t.Tables("control", "[[control]]") {
		ctl := &model.Control{Origin: c.Origin()}
		ctl.ID = c.Str("id", true, `an id, e.g. id = "AC-01"`)
		ctl.Title = c.Str("title", true, `a short title, e.g. title = "Multi-factor authentication"`)
		ctl.Description = c.Str("description", false, "")
		ctl.Owner = c.Str("owner", false, "")
		ctl.Status = model.ControlStatus(c.Enum("status", model.ControlStatuses, ""))
		if !c.Has("status") {
			c.Missing("status", `status = "implemented" (or "partial", "planned")`)
		}
		ctl.Evidence = c.Plain("evidence")
		// Every other key maps the control to a framework.
		for _, k := range c.Keys() {
			if slices.Contains(controlKeys, k) {
				continue
			}
			if !slices.Contains(frameworks, k) {
				c.Get(k)
				if l.frameworksIncomplete {
					continue // it may be the id of the framework that could not be read
				}
				l.diags.Errorf(c.At(k), "[[control]]: %q is neither a control field nor a loaded framework%s",
					k, tomlpos.DidYouMeanKey(k, append(slices.Clone(controlKeys), frameworks...)))
				continue
			}
			ctl.Mappings = append(ctl.Mappings, model.Mapping{
				Framework: model.Ref{ID: k, Pos: c.At(k)},
				Refs:      c.Strs(k),
			})
		}
		c.Done()
		l.site.Controls = append(l.site.Controls, ctl)
	}
	t.Done()
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
	doc := &model.SoADoc{Origin: t.Origin()}
	doc.Version = t.Str("version", false, "")
	doc.Approved = t.Date("approved", false)
	doc.ApprovedBy = t.Str("approved_by", false, "")
	doc.DefaultReasons = l.reasons(t, "default_reasons")
	doc.Revisions = revisions(t)
	l.site.SoADoc = doc
	a := t.Sub("annex_a", "[annex_a]")
	t.Done()
	if a == nil {
		return
	}
	for _, id := range a.Keys() {
		e := a.Sub(id, `[annex_a."`+id+`"]`)
		if e == nil {
			continue
		}
		entry := &model.SoAEntry{Origin: e.Origin(), ID: id}
		if b, ok := e.Bool("applicable"); ok {
			entry.Applicable = &b
		} else if e.Has("applicable") {
			entry.Unreadable = true // reported by boolean
		}
		entry.Reasons = l.reasons(e, "reasons")
		entry.Note = e.Str("note", false, "")
		entry.Justification = e.Str("justification", false, "")
		e.Done()
		l.site.SoA = append(l.site.SoA, entry)
	}
	a.Done()
}

// reasons reads a list of reasons for including an Annex A control.
func (l *loader) reasons(t *tomlpos.Table, key string) []string {
	var out []string
	for _, r := range t.Strs(key) {
		if !slices.Contains(model.SoAReasons, r.ID) {
			t.Errorf(r.Pos, "%s %q is not one of %s%s", strings.ReplaceAll(strings.TrimSuffix(key, "s"), "_", " "), r.ID, tomlpos.QuoteList(model.SoAReasons), diag.DidYouMean(r.ID, model.SoAReasons))
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
	for _, c := range t.Tables("certification", "[[certification]]") {
		cert := &model.Certification{Origin: c.Origin()}
		cert.Framework = l.frameworkRef(c)
		cert.Standard = c.Str("standard", false, "")
		cert.CertificationBody = c.Str("certification_body", false, "")
		cert.AccreditationBody = c.Str("accreditation_body", false, "")
		cert.CertificateNumber = c.Str("certificate_number", false, "")
		cert.Scope = c.Str("scope", false, "")
		cert.Edition = c.Enum("edition", []string{"2013", "2022"}, "")
		cert.Issued = c.Date("issued", false)
		cert.CycleStart = c.Date("cycle_start", false)
		cert.Expires = c.Date("expires", false)
		cert.Status = c.Enum("status", []string{"suspended", "withdrawn"}, "")
		cert.SoAVersion = c.Str("soa_version", false, "")
		cert.Certificate = c.Str("certificate", false, "")
		cert.Classification = model.Classification(c.Enum("classification", model.Classifications, string(model.Public)))
		for _, a := range c.Tables("audit", "[[certification.audit]]") {
			au := model.Audit{Origin: a.Origin()}
			au.Kind = a.Enum("kind", model.AuditKinds, "")
			if !a.Has("kind") {
				a.Missing("kind", `kind = "stage1" (or "stage2", "surveillance", "recertification")`)
			}
			au.Date = a.Date("date", true)
			au.Result = a.Enum("result", model.AuditResults, "")
			if !a.Has("result") {
				a.Missing("result", `result = "passed" (or "scheduled", "failed")`)
			}
			au.Note = a.Str("note", false, "")
			a.Done()
			cert.Audits = append(cert.Audits, au)
		}
		c.Done()
		l.site.Certifications = append(l.site.Certifications, cert)
	}
	for _, a := range t.Tables("attestation", "[[attestation]]") {
		at := &model.Attestation{Origin: a.Origin()}
		at.Framework = l.frameworkRef(a)
		at.Type = a.Enum("type", []string{"I", "II"}, "")
		if !a.Has("type") {
			a.Missing("type", `type = "II" (or "I")`)
		}
		at.Auditor = a.Str("auditor", false, "")
		at.Categories = a.Strs("categories")
		at.PeriodStart = a.Date("period_start", false)
		at.PeriodEnd = a.Date("period_end", false)
		at.PointInTime = a.Date("point_in_time", false)
		at.Issued = a.Date("issued", false)
		at.Report = a.Str("report", false, "")
		at.Opinion = a.Enum("opinion", []string{"unqualified", "qualified", "adverse", "disclaimer"}, "")
		at.Classification = model.Classification(a.Enum("classification", model.Classifications, string(model.Restricted)))
		if b := a.Sub("bridge_letter", "bridge_letter"); b != nil {
			at.Bridge = &model.BridgeLetter{Origin: b.Origin()}
			at.Bridge.Issued = b.Date("issued", true)
			at.Bridge.CoversThrough = b.Date("covers_through", true)
			at.Bridge.File = b.Str("file", false, "")
			at.Bridge.Classification = model.Classification(b.Enum("classification", model.Classifications, string(at.Classification)))
			b.Done()
		}
		a.Done()
		l.site.Attestations = append(l.site.Attestations, at)
	}
	t.Done()
}

// frameworkRef reads a record's framework key.
func (l *loader) frameworkRef(t *tomlpos.Table) model.Ref {
	return ref(t, "framework", `the framework's id, e.g. framework = "iso27001"`)
}

func (l *loader) subprocessors(file string, src []byte) {
	t := l.parseTOML(file, src, 0, "")
	if t == nil {
		return
	}
	for _, s := range t.Tables("subprocessor", "[[subprocessor]]") {
		sp := &model.Subprocessor{Origin: s.Origin()}
		sp.Name = s.Str("name", true, `the company's name, e.g. name = "Example Cloud"`)
		sp.Purpose = s.Str("purpose", true, `what it does for you, e.g. purpose = "Hosting"`)
		sp.Location = s.Str("location", false, "")
		sp.Website = s.Str("website", false, "")
		sp.Data = s.Plain("data")
		sp.Added = s.Date("added", false)
		if since := s.Date("since", false); !since.IsZero() { // the key's name before notices
			if s.Has("added") {
				s.Errorf(s.At("since"), "since and added are one date under two names; keep added")
			} else {
				sp.Added = since
			}
		}
		sp.Announced = s.Date("announced", false)
		sp.Removed = s.Date("removed", false)
		for _, c := range s.Tables("change", "[[subprocessor.change]]") {
			ch := model.SubprocessorChange{Origin: c.Origin()}
			ch.Date = c.Date("date", true)
			ch.Note = c.Str("note", true, `what changes, e.g. note = "Adds processing in the US (Virginia)"`)
			ch.Announced = c.Date("announced", false)
			c.Done()
			sp.Changes = append(sp.Changes, ch)
		}
		s.Done()
		l.site.Subprocessors = append(l.site.Subprocessors, sp)
	}
	t.Done()
}

package pipeline_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/trustdocs/trustdocs/internal/model"
)

// The JSON exports of every build validate against the JSON Schemas the
// repository ships in theme/schema/, which every build publishes too.
func TestExportsMatchSchemas(t *testing.T) {
	schemas := map[string]string{ // output file → schema file
		"trust.json":                       "trust-v2.json",
		"frameworks/iso27001/soa/soa.json": "soa-v1.json",
		"frameworks/compare/iso27001-vs-soc2/crosswalk.json": "crosswalk-v1.json",
		"answers/answers.json":                               "answers-v1.json",
		"subprocessors/subprocessors.json":                   "subprocessors-v1.json",
	}
	c := jsonschema.NewCompiler()
	compiled := map[string]*jsonschema.Schema{}
	for _, name := range []string{"soa-v1.json", "trust-v2.json", "crosswalk-v1.json", "answers-v1.json", "subprocessors-v1.json"} {
		b, err := os.ReadFile(filepath.Join("../../theme/schema", name))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := c.AddResource(name, doc); err != nil {
			t.Fatal(err)
		}
		if compiled[name], err = c.Compile(name); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	for _, site := range []string{"../..", canarySite} {
		for _, audience := range []model.Audience{model.AudiencePublic, model.AudienceNDA} {
			opts := example(t)
			opts.Site, opts.Audience = site, audience
			res := render(t, opts)
			for out, schema := range schemas {
				doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(res.Output.Files[out]))
				if err != nil {
					t.Fatalf("%s %s %s: %v", site, audience, out, err)
				}
				if err := compiled[schema].Validate(doc); err != nil {
					t.Errorf("%s (%s build of %s) does not match %s:\n%v", out, audience, site, schema, err)
				}
			}
			for _, name := range []string{"soa-v1.json", "trust-v2.json", "crosswalk-v1.json", "answers-v1.json", "subprocessors-v1.json"} {
				want, _ := os.ReadFile(filepath.Join("../../theme/schema", name))
				if got := outputFile(t, res, "schema/"+name); !bytes.Equal(got, want) {
					t.Errorf("the build does not publish schema/%s", name)
				}
			}
		}
	}
}

// A schema that accepts anything would prove nothing: these break them.
func TestSchemasReject(t *testing.T) {
	res := render(t, example(t))
	good := string(res.Output.Files["trust.json"])
	rejects(t, "trust-v2.json", good, map[string]string{
		"unknown status":   strings.Replace(good, `"status": "certified"`, `"status": "great"`, 1),
		"date not a date":  strings.Replace(good, `"as_of": "2026-11-01"`, `"as_of": "1 Nov 2026"`, 1),
		"internal policy":  strings.Replace(good, `"classification": "public"`, `"classification": "internal"`, 1),
		"unknown field":    strings.Replace(good, `"site": {`, `"site": {"secret": 1,`, 1),
		"missing controls": strings.Replace(good, `"controls": [`, `"controlz": [`, 1),
	})
	good = string(res.Output.Files["subprocessors/subprocessors.json"])
	rejects(t, "subprocessors-v1.json", good, map[string]string{
		"unknown status":  strings.Replace(good, `"status": "removed"`, `"status": "gone"`, 1),
		"unknown kind":    strings.Replace(good, `"kind": "added"`, `"kind": "hired"`, 1),
		"date not a date": strings.Replace(good, `"added": "2021-03-01"`, `"added": "March 2021"`, 1),
		"upcoming absent": strings.Replace(good, `"upcoming": true,`, ``, 1),
		"unknown field":   strings.Replace(good, `"notices": [`, `"secret": 1, "notices": [`, 1),
	})
}

// rejects checks that the schema file rejects each of bad, mutations of good.
func rejects(t *testing.T, schema, good string, bad map[string]string) {
	t.Helper()
	c := jsonschema.NewCompiler()
	b, _ := os.ReadFile("../../theme/schema/" + schema)
	doc, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	c.AddResource(schema, doc)
	s, err := c.Compile(schema)
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range bad {
		if text == good {
			t.Fatalf("%s %s: the mutation did not apply", schema, name)
		}
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		if s.Validate(doc) == nil {
			t.Errorf("%s %s: the schema accepts it", schema, name)
		}
	}
}

// soa.csv reads back as RFC 4180 with one record per Annex A control, the
// same decisions as soa.json, in UTF-8 with the byte-order mark that
// spreadsheet software needs to pick the encoding.
func TestSoACSVMatchesJSON(t *testing.T) {
	res := render(t, example(t))
	raw := res.Output.Files["frameworks/iso27001/soa/soa.csv"]
	body, ok := bytes.CutPrefix(raw, []byte("\xef\xbb\xbf"))
	if !ok {
		t.Error("soa.csv has no byte-order mark")
	}
	records, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// Document control first, as on the page, then an empty row and the table.
	control := map[string]string{}
	for _, rec := range records[:6] {
		control[rec[0]] = rec[1]
	}
	want := map[string]string{"Statement of Applicability": "Kestrel Analytics, Inc.", "Standard": "ISO/IEC 27001:2022",
		"Version": "2", "Approved": "2025-02-20", "Approved by": "CEO, on the ISMS steering committee's recommendation", "Statuses as of": "2026-11-01"}
	if !maps.Equal(control, want) || strings.Join(records[6], "") != "" {
		t.Errorf("document control %q, want %q and an empty row", control, want)
	}
	records = records[7:]
	if len(records) != 94 || records[0][0] != "Control" || records[0][5] != "Justification for exclusion" {
		t.Fatalf("%d records, header %q", len(records), records[0])
	}
	var doc struct {
		Controls []struct {
			ID, Justification string
			Applicable        bool
		}
	}
	if err := json.Unmarshal(res.Output.Files["frameworks/iso27001/soa/soa.json"], &doc); err != nil {
		t.Fatal(err)
	}
	for i, c := range doc.Controls {
		row := records[i+1]
		applicable := map[bool]string{true: "Yes", false: "No"}[c.Applicable]
		if row[0] != c.ID || row[3] != applicable || row[5] != c.Justification {
			t.Errorf("row %d %q differs from soa.json's %+v", i+1, row[:6], c)
		}
	}
}

// The search index finds a policy by a word of its body, lists restricted
// policies by title only, and holds ids of controls and requirements.
func TestSearchIndex(t *testing.T) {
	res := render(t, example(t))
	var index []struct{ T, U, K, S, W string }
	if err := json.Unmarshal(res.Output.Files["search-index.json"], &index); err != nil {
		t.Fatal(err)
	}
	js := string(res.Output.Files["search-index.js"])
	if !strings.HasPrefix(js, "window.trustdocsSearch = [") || !strings.HasSuffix(js, "];\n") {
		t.Errorf("search-index.js does not set the index: %.60q", js)
	}
	find := func(title string) (e struct{ T, U, K, S, W string }) {
		for _, e := range index {
			if e.T == title {
				return e
			}
		}
		t.Fatalf("%q is not in the index", title)
		return
	}
	if e := find("Access Control Policy"); !strings.Contains(" "+e.W+" ", " passkeys ") || e.U != "policies/access-control/index.html" {
		t.Errorf("the access control policy: %+v", e)
	}
	if e := find("Incident Response Playbook"); e.W != "" || !strings.HasPrefix(e.U, "policies/index.html#") {
		t.Errorf("a restricted policy in a public build: %+v", e)
	}
	find("AC-02 Multi-factor authentication")
	find("A.5.15 Access control")
	find("CC6.1 Logical access security software, infrastructure and architecture")
}

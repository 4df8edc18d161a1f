package scaffold_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/pipeline"
	"github.com/trustdocs/trustdocs/internal/scaffold"
)

// The starter site, for each choice of frameworks, checks with nothing
// but its TODOs, builds, and pursues what was chosen and nothing else:
// every Annex A control decided and every ISO clause mapped for ISO 27001,
// every SOC 2 common criterion met by a control for SOC 2.
func TestStarterForEachChoice(t *testing.T) {
	today := model.NewDate(2026, 11, 23)
	for _, choice := range scaffold.Choices {
		t.Run(choice, func(t *testing.T) {
			files, err := scaffold.Starter(scaffold.Options{Company: "Acme", Today: today, Version: "v1.2.3", Frameworks: choice})
			if err != nil {
				t.Fatal(err)
			}
			for p, b := range files {
				if strings.Contains(string(b), "__") {
					t.Errorf("%s keeps a placeholder: %q", p, b[strings.Index(string(b), "__"):][:20])
				}
			}
			if wf := string(files[".github/workflows/trustdocs.yml"]); !strings.Contains(wf, "cmd/trustdocs@v1.2.3") {
				t.Errorf("the workflow does not install the version that made the site")
			}
			dir := filepath.Join(t.TempDir(), "site")
			if err := scaffold.Write(dir, files); err != nil {
				t.Fatal(err)
			}
			opts := pipeline.Options{Site: dir, AsOf: today, Templates: trustdocs.Templates, Theme: trustdocs.Theme}
			res, err := pipeline.Check(opts)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range res.Diags.Items() {
				if d.Severity.String() == "error" || !strings.Contains(d.Message, "TODO") {
					t.Errorf("the starter reports more than its TODOs: %s", d)
				}
			}
			opts.Out = filepath.Join(t.TempDir(), "public")
			if res, err := pipeline.Build(opts); err != nil || res.Failed() {
				t.Fatalf("build: %v %v", err, res.Diags.Items())
			}
			iso, soc2 := res.Site.Framework("iso27001"), res.Site.Framework("soc2")
			if wantISO := choice != scaffold.SOC2; iso.Pursued != wantISO {
				t.Errorf("ISO 27001 pursued: %v, want %v", iso.Pursued, wantISO)
			}
			if wantSOC2 := choice != scaffold.ISO27001; soc2.Pursued != wantSOC2 {
				t.Errorf("SOC 2 pursued: %v, want %v", soc2.Pursued, wantSOC2)
			}
			if _, err := os.Stat(filepath.Join(opts.Out, "frameworks/iso27001/soa/soa.csv")); (err == nil) != iso.Pursued {
				t.Errorf("SoA published: %v, ISO 27001 pursued: %v", err == nil, iso.Pursued)
			}
			if soc2.Pursued {
				for _, q := range soc2.Requirements {
					if strings.HasPrefix(q.ID, "CC") && len(q.Controls) == 0 {
						t.Errorf("SOC 2 %s is met by no control of the starter", q.ID)
					}
				}
			}
			if iso.Pursued {
				var applicable, excluded int
				for _, row := range res.Site.SoA {
					if row.Applicable {
						applicable++
					} else {
						excluded++
					}
				}
				if applicable+excluded != 93 || excluded != 5 {
					t.Errorf("SoA: %d applicable, %d excluded; want 88 and 5", applicable, excluded)
				}
				if c := iso.Coverage(); c.Unaddressed() != 0 || c.Total != 88+30 {
					t.Errorf("ISO 27001 coverage %+v: every clause and applicable control should be addressed", c)
				}
			}
		})
	}
	if _, err := scaffold.Starter(scaffold.Options{Frameworks: "pci"}); err == nil || !strings.Contains(err.Error(), "both, soc2, iso27001") {
		t.Errorf("an unknown choice: %v", err)
	}
}

// Write refuses a folder with anything in it, and writes nothing there.
func TestWriteRefusesAFolderInUse(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	if err := scaffold.Write(dir, map[string][]byte{"site.toml": []byte("x")}); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("Write into a folder in use: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err == nil {
		t.Errorf("Write wrote into a folder in use")
	}
	// An empty folder is fine.
	empty := t.TempDir()
	if err := scaffold.Write(empty, map[string][]byte{"a/b.txt": []byte("x")}); err != nil {
		t.Errorf("Write into an empty folder: %v", err)
	}
}

// A Write that fails part-way leaves nothing behind: not the files it
// wrote, not the folders it made, and not the folder it was given.
func TestWriteCleansUpAfterAFailure(t *testing.T) {
	for _, made := range []bool{true, false} {
		parent := t.TempDir()
		dir := filepath.Join(parent, "site")
		if !made {
			os.Mkdir(dir, 0o755) // an empty folder the user made: it stays
		}
		// "a/b" is written as a file, so that "a/b/c" cannot be: a failure
		// after the first file.
		err := scaffold.Write(dir, map[string][]byte{"a/b": []byte("x"), "a/b/c": []byte("y"), "z": []byte("z")})
		if err == nil {
			t.Fatal("Write of a file below a file succeeded")
		}
		_, statErr := os.Stat(dir)
		switch {
		case made && statErr == nil:
			t.Errorf("the folder Write made is left after its failure")
		case !made && statErr != nil:
			t.Errorf("the user's empty folder was removed")
		case !made:
			if entries, _ := os.ReadDir(dir); len(entries) > 0 {
				t.Errorf("left in the user's folder: %v", entries)
			}
		}
	}
}

// The starter's workflow checks strictly before it builds, on pull
// requests too, and publishes nothing from a pull request.
func TestStarterWorkflow(t *testing.T) {
	files, err := scaffold.Starter(scaffold.Options{Company: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		On   map[string]any `yaml:"on"`
		Jobs map[string]struct {
			If    string `yaml:"if"`
			Needs any    `yaml:"needs"`
			Steps []struct {
				If   string `yaml:"if"`
				Run  string `yaml:"run"`
				Uses string `yaml:"uses"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(files[".github/workflows/trustdocs.yml"], &wf); err != nil {
		t.Fatal(err)
	}
	for _, event := range []string{"push", "pull_request", "schedule"} {
		if _, ok := wf.On[event]; !ok {
			t.Errorf("the workflow does not run on %s", event)
		}
	}
	checked := false
	for _, s := range wf.Jobs["build"].Steps {
		switch {
		case strings.Contains(s.Run, "trustdocs check --strict"):
			checked = true
		case strings.Contains(s.Run, "trustdocs build") && !checked:
			t.Errorf("the workflow builds before check --strict")
		case strings.HasPrefix(s.Uses, "actions/upload-pages-artifact"):
			if !checked {
				t.Errorf("the workflow uploads before check --strict")
			}
			if !strings.Contains(s.If, "!= 'pull_request'") {
				t.Errorf("the workflow uploads a pull request's site: if %q", s.If)
			}
		}
	}
	if !checked {
		t.Errorf("the workflow never runs check --strict")
	}
	if d := wf.Jobs["deploy"]; d.Needs != "build" || !strings.Contains(d.If, "!= 'pull_request'") {
		t.Errorf("deploy: needs %v, if %q", d.Needs, d.If)
	}
}

package pipeline_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/pipeline"
)

// FuzzCheck runs the whole pipeline (load, resolve, render) on the base
// site of the bad-site corpus with a policy, a controls file, a
// certifications file and the SoA replaced by arbitrary text. Whatever the text, check
// must not panic or fail to run, and every message must point at a line
// that exists in a file of the site.
// Run it with: go test ./internal/pipeline -run XXX -fuzz FuzzCheck -fuzztime 5m
func FuzzCheck(f *testing.F) {
	base := "testdata/bad/base"
	read := func(rel string) []byte {
		b, err := os.ReadFile(filepath.Join(base, rel))
		if err != nil {
			f.Fatal(err)
		}
		return b
	}
	const (
		policy   = "content/policies/access-control.md"
		controls = "content/controls/controls.toml"
		certs    = "content/certifications/soc2.toml"
		soa      = "content/soa.toml"
	)
	f.Add(read(policy), read(controls), read(certs), read(soa))
	// Seeds: every case of the corpus that replaces one of the three files.
	cases, _ := filepath.Glob("testdata/bad/*/site")
	for _, c := range cases {
		p, cp, ce, so := read(policy), read(controls), read(certs), read(soa)
		changed := false
		for rel, dst := range map[string]*[]byte{policy: &p, controls: &cp, certs: &ce, soa: &so} {
			if b, err := os.ReadFile(filepath.Join(c, rel)); err == nil {
				*dst, changed = b, true
			}
		}
		if changed {
			f.Add(p, cp, ce, so)
		}
	}
	f.Fuzz(func(t *testing.T, p, cp, ce, so []byte) {
		site := t.TempDir()
		if err := os.CopyFS(site, os.DirFS(base)); err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{policy: p, controls: cp, certs: ce, soa: so}
		for rel, b := range files {
			if err := os.WriteFile(filepath.Join(site, rel), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		res, err := pipeline.Check(pipeline.Options{Site: site, Templates: trustdocs.Templates, Theme: trustdocs.Theme})
		if err != nil {
			t.Fatalf("check failed to run: %v", err)
		}
		for _, d := range res.Diags.Items() {
			if strings.TrimSpace(d.Message) == "" || strings.Contains(d.Message, "%!") {
				t.Errorf("bad message: %v", d)
			}
			if d.Pos.File == "" || d.Pos.Line == 0 {
				continue
			}
			b, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(d.Pos.File)))
			if err != nil {
				t.Errorf("diagnostic for a file that is not in the site: %v", d)
				continue
			}
			if lines := 1 + bytes.Count(b, []byte("\n")); d.Pos.Line > lines {
				t.Errorf("line %d is past the end of the file (%d lines): %v", d.Pos.Line, lines, d)
			}
		}
	})
}

package load

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

// The fuzz targets feed arbitrary bytes to every reader of user input. They
// hold the readers to what users rely on: no panic, and every diagnostic
// names the file, a line that exists in it (or none) and says something.
// Run one with, e.g.: go test ./internal/load -fuzz FuzzPolicy -fuzztime 5m

// fuzzLoader is a loader with the built-in frameworks and no site folder.
func fuzzLoader(diags *diag.List) *loader {
	l := newLoader(filepath.Join(os.TempDir(), "trustdocs-fuzz-no-site"), diags)
	l.site.Frameworks = slices.Clone(builtinFrameworks())
	return l
}

// builtinFrameworks are the built-in frameworks, read once: reading them
// for every input would make fuzzing ten times slower.
var builtinFrameworks = sync.OnceValue(func() []*model.Framework { return parseBuiltins().frameworks })

// checkDiags fails t when a diagnostic points outside src or says nothing.
func checkDiags(t *testing.T, file string, src []byte, diags *diag.List) {
	t.Helper()
	lines := 1 + bytes.Count(src, []byte("\n"))
	for _, d := range diags.Items() {
		switch {
		case d.Pos.File != file:
			t.Errorf("diagnostic for another file: %v", d)
		case d.Pos.Line < 0 || d.Pos.Line > lines:
			t.Errorf("line %d is outside the file's %d lines: %v", d.Pos.Line, lines, d)
		case d.Pos.Col < 0 || (d.Pos.Line == 0 && d.Pos.Col != 0):
			t.Errorf("bad column: %v", d)
		case strings.TrimSpace(d.Message) == "":
			t.Errorf("empty message: %v", d)
		case strings.Contains(d.Message, "%!"):
			t.Errorf("badly formatted message: %v", d)
		}
	}
}

// seed adds the example site's files of one kind to a fuzz corpus.
func seed(f *testing.F, pattern string) {
	files, _ := filepath.Glob(filepath.Join("..", "..", pattern))
	if len(files) == 0 {
		f.Fatalf("no seed files match %s", pattern)
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// fuzzTOML runs one TOML reader on data as the file a site would hold.
func fuzzTOML(f *testing.F, file string, read tomlReader) {
	f.Fuzz(func(t *testing.T, data []byte) {
		diags := &diag.List{}
		l := fuzzLoader(diags)
		if src, ok := l.clean(file, data); ok {
			read(l, file, src)
		}
		checkDiags(t, file, data, diags)
	})
}

func FuzzSplitFrontMatter(f *testing.F) {
	seed(f, "content/policies/*.md")
	for _, s := range []string{"", "+++", "+++\n", "+++\n+++", "+++\n+++\n", "---\ntitle: x\n---\n", "+++ \ntitle = 1\n+++\t\nbody", "\n+++\n+++\n", "+++\r\n+++\r\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fm, err := splitFrontMatter(src)
		if err != nil {
			return
		}
		// The parts are pieces of src, at the lines they say.
		if !bytes.HasSuffix(src, fm.Body) {
			t.Fatalf("body is not the end of the source")
		}
		start := len(src) - len(fm.Body)
		if got := 1 + bytes.Count(src[:start], []byte("\n")); len(fm.Body) > 0 && got != fm.BodyLine {
			t.Fatalf("body starts on line %d, BodyLine says %d", got, fm.BodyLine)
		}
		if fm.Front != nil && !bytes.Contains(src[:start], fm.Front) {
			t.Fatalf("front matter is not in the source before the body")
		}
	})
}

func FuzzPolicy(f *testing.F) {
	seed(f, "content/policies/*.md")
	for _, s := range []string{
		"+++\ntitle = \"T\"\n+++\n",
		"+++\ntitle: T\n+++\n",
		"---\ntitle: T\n---\n",
		"---\ntitle: &a T\nowner: *a\ncontrols: [AC-01, 2]\nrevision:\n  - version: '1.0'\n    date: 2026-01-05\n---\n# H\n",
		"---\n- a\n- b\n---\n",
		"---\ntitle: [unclosed\n---\n",
		"+++\ntitle = \"T\"\n[[revision]]\nversion = 1\n+++\n# H\n<div>x</div>\n",
		"+++\nreview_every = \"2 years\"\nnext_review = 2026-02-30\n+++\n",
		"\xef\xbb\xbf+++\r\ntitle = \"T\"\r\n+++\r\n",
	} {
		f.Add([]byte(s))
	}
	const file = "content/policies/fuzz.md"
	f.Fuzz(func(t *testing.T, data []byte) {
		diags := &diag.List{}
		l := fuzzLoader(diags)
		if src, ok := l.clean(file, data); ok {
			l.parseDoc(file, src, docFile{kind: model.PolicyDoc})
		}
		checkDiags(t, file, data, diags)
	})
}

func FuzzSiteConfig(f *testing.F) {
	seed(f, "site.toml")
	f.Add([]byte("title = 1\n[build]\nas_of = 2026-13-01\n[markdown]\nunsafe_html = \"yes\"\n"))
	fuzzTOML(f, "site.toml", (*loader).siteConfig)
}

func FuzzControls(f *testing.F) {
	seed(f, "content/controls/*.toml")
	f.Add([]byte("[[control]]\nid = \"A\"\nstatus = \"done\"\niso27001 = \"A.5.1\"\nsoc = []\n"))
	f.Add([]byte("[control]\nid = 1\n"))
	fuzzTOML(f, "content/controls/fuzz.toml", (*loader).controls)
}

func FuzzSoA(f *testing.F) {
	seed(f, "content/soa.toml")
	f.Add([]byte("[annex_a.\"A.7.4\"]\napplicable = \"no\"\nreasons = [\"legal\", 3]\n"))
	f.Add([]byte("annex_a = 1\n"))
	fuzzTOML(f, "content/soa.toml", (*loader).soa)
}

func FuzzCertifications(f *testing.F) {
	seed(f, "content/certifications/*.toml")
	f.Add([]byte("[[attestation]]\nframework = \"soc2\"\ntype = \"III\"\n[attestation.bridge_letter]\nissued = 2026-01-01T10:00:00Z\n"))
	f.Add([]byte("[[certification]]\n[[certification.audit]]\nkind = \"stage3\"\ndate = \"2026-01-01\"\n"))
	fuzzTOML(f, "content/certifications/fuzz.toml", (*loader).certifications)
}

func FuzzSubprocessors(f *testing.F) {
	seed(f, "content/subprocessors.toml")
	f.Add([]byte("[[subprocessor]]\nname = \"\"\ndata = \"email\"\nsince = 2026-01-01\n"))
	fuzzTOML(f, "content/subprocessors.toml", (*loader).subprocessors)
}

func FuzzCrosswalks(f *testing.F) {
	seed(f, "internal/catalog/crosswalks/*.toml")
	f.Add([]byte("from = \"iso27001\"\nto = 1\n[[pair]]\nfrom = \"A.5.1\"\nrelationship = \"equals\"\n[pair]\n"))
	fuzzTOML(f, "content/crosswalks/fuzz.toml", (*loader).crosswalks)
}

func FuzzFramework(f *testing.F) {
	seed(f, "content/frameworks/*.toml")
	seed(f, "internal/catalog/frameworks/*.toml")
	f.Add([]byte("id = \"X Y\"\nname = \"n\"\n[[group]]\nid = \"g\"\n[[group]]\nid = \"g\"\n[[requirement]]\nid = \"r\"\nparent = \"q\"\n"))
	const file = "content/frameworks/fuzz.toml"
	f.Fuzz(func(t *testing.T, data []byte) {
		diags := &diag.List{}
		l := fuzzLoader(diags)
		l.framework(file, data)
		checkDiags(t, file, data, diags)
	})
}

func FuzzAnswers(f *testing.F) {
	seed(f, "content/answers/*.toml")
	f.Add([]byte("[[answer]]\nquestion = \"q\"\nanswer = 1\ncontrols = \"AC-01\"\n[[answer]]\nid = \"\"\n"))
	fuzzTOML(f, "content/answers/fuzz.toml", (*loader).answers)
}

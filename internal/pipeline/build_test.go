package pipeline_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/pipeline"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

var update = flag.Bool("update", false, "rewrite the golden files from the current output")

// example is the repository's example site, as of the date its golden
// files were made.
func example(t *testing.T) pipeline.Options {
	t.Helper()
	return pipeline.Options{Site: "../..", Audience: model.AudiencePublic, AsOf: model.NewDate(2026, 11, 1),
		Templates: trustdocs.Templates, Theme: trustdocs.Theme}
}

func render(t *testing.T, opts pipeline.Options) *pipeline.Result {
	t.Helper()
	res, err := pipeline.Render(opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags.Items() {
		t.Errorf("example site: %s", d)
	}
	if res.Output == nil {
		t.FailNow()
	}
	return res
}

// golden are the outputs compared byte for byte: one of each page type and
// every export.
var golden = []string{
	"index.html",
	"summary/index.html",
	"policies/index.html",
	"policies/access-control/index.html",
	"controls/index.html",
	"controls/ac-02/index.html",
	"frameworks/index.html",
	"frameworks/iso27001/index.html",
	"frameworks/iso27001/soa/index.html",
	"frameworks/iso27001/soa/soa.csv",
	"frameworks/compare/iso27001-vs-soc2/crosswalk.csv",
	"frameworks/compare/iso27001-vs-soc2/crosswalk.json",
	"frameworks/iso27001/soa/soa.json",
	"frameworks/soc2/index.html",
	"frameworks/cyber-essentials/index.html",
	"frameworks/compare/index.html",
	"frameworks/compare/iso27001-vs-soc2/index.html",
	"certifications/index.html",
	"subprocessors/index.html",
	"request-access/index.html",
	"subprocessors/feed.xml",
	"subprocessors/subprocessors.json",
	"pages/faq/index.html",
	"404.html",
	"sitemap.xml",
	"robots.txt",
	"feed.xml",
	"trust.json",
	".well-known/security.txt",
}

func TestGolden(t *testing.T) {
	res := render(t, example(t))
	for _, p := range golden {
		got, ok := res.Output.Files[p]
		if !ok {
			t.Errorf("%s was not generated", p)
			continue
		}
		checkGolden(t, filepath.Join("testdata", "golden", filepath.FromSlash(p)), got)
	}
}

// checkGolden compares got with the golden file, or with -update writes it.
func checkGolden(t *testing.T, file string, got []byte) {
	t.Helper()
	fix := fmt.Sprintf("go test ./internal/pipeline -run '^%s$' -update", strings.Split(t.Name(), "/")[0])
	if *update {
		os.MkdirAll(filepath.Dir(file), 0o755)
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run %s to create it)", err, fix)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the output differs from %s; if the change is intended, run %s and review the diff\n%s", file, fix, firstDiff(got, want))
	}
}

func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + itoa(i+1) + ":\n got: " + gl + "\nwant: " + wl
		}
	}
	return ""
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestDeterministic(t *testing.T) {
	a, b := render(t, example(t)), render(t, example(t))
	if !slices.Equal(a.Output.Paths(), b.Output.Paths()) {
		t.Fatal("two builds produced different file lists")
	}
	for p, content := range a.Output.Files {
		if !bytes.Equal(content, b.Output.Files[p]) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

func TestEveryPageAndFile(t *testing.T) {
	res := render(t, example(t))
	paths := res.Output.Paths()
	for _, want := range append(slices.Clone(golden),
		"policies/information-security/index.html", "controls/gv-01/index.html", "pages/contact/index.html",
		"assets/style.css", "assets/site.js", "files/iso27001-certificate.pdf") {
		if !slices.Contains(paths, want) {
			t.Errorf("missing %s", want)
		}
	}
	soa := string(res.Output.Files["frameworks/iso27001/soa/index.html"])
	if n := strings.Count(soa, `<tr id="req-a.`); n != 93 {
		t.Errorf("SoA page lists %d Annex A controls, want 93", n)
	}
	csvRows := strings.Count(string(res.Output.Files["frameworks/iso27001/soa/soa.csv"]), "\r\n")
	if csvRows != 7+94 {
		t.Errorf("soa.csv has %d lines, want 7 of document control, a header and 93 rows", csvRows)
	}
	soc2 := string(res.Output.Files["frameworks/soc2/index.html"])
	if n := regexp.MustCompile(`<tr id="req-(cc\d|a1|c1|pi1|p\d)\.\d`).FindAllStringIndex(soc2, -1); len(n) != 61 {
		t.Errorf("SOC 2 page shows %d criteria, want 61", len(n))
	}
}

var (
	linkRE   = regexp.MustCompile(`(?:href|src)="([^"]*)"|url\(([^)]*)\)`)
	idRE     = regexp.MustCompile(`\sid="([^"]+)"`)
	canonRE  = regexp.MustCompile(`<link rel="canonical" href="[^"]*">`)
	headerRE = regexp.MustCompile(`(?s)<script\b[^>]*>[^<]+</script>|\sstyle="|\son[a-z]+="`)
)

// TestLinks checks every link of every page: relative, never off-site,
// pointing at a file of the output and, with a fragment, at an id in it.
func TestLinks(t *testing.T) {
	res := render(t, example(t))
	files := res.Output.Files
	exists := func(p string) bool {
		_, gen := files[p]
		_, cp := res.Output.Copies[p]
		return gen || cp
	}
	for p, b := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		if m := headerRE.Find(b); m != nil {
			t.Errorf("%s: inline script or style %q breaks the Content-Security-Policy", p, m)
		}
		if !bytes.Contains(b, []byte(`<meta http-equiv="Content-Security-Policy" content="default-src 'self'`)) {
			t.Errorf("%s: no Content-Security-Policy", p)
		}
		if n := bytes.Count(b, []byte("<h1")); n != 1 {
			t.Errorf("%s: %d <h1> elements, want 1", p, n)
		}
	}
	checkLinks(t, files, exists)
}

// checkLinks checks every link of every page and stylesheet: relative,
// never off-site, pointing at a file of the output and, with a fragment,
// at an id in it.
func checkLinks(t *testing.T, files map[string][]byte, exists func(string) bool) {
	t.Helper()
	ids := map[string][]string{}
	for p, b := range files {
		if strings.HasSuffix(p, ".html") {
			for _, m := range idRE.FindAllSubmatch(b, -1) {
				ids[p] = append(ids[p], string(m[1]))
			}
		}
	}
	n := 0
	for p, b := range files {
		if !strings.HasSuffix(p, ".html") && !strings.HasSuffix(p, ".css") {
			continue
		}
		body := canonRE.ReplaceAll(b, nil) // the one absolute link, to the page's own public address
		for _, m := range linkRE.FindAllSubmatch(body, -1) {
			link := strings.Trim(string(m[1])+string(m[2]), `'"`)
			n++
			switch {
			case strings.HasPrefix(link, "mailto:"), strings.HasPrefix(link, "data:"):
				continue
			case strings.HasPrefix(link, "/"), strings.Contains(link, "://"), strings.HasPrefix(link, "//"):
				t.Errorf("%s: link %q is absolute or leaves the site", p, link)
				continue
			}
			target, frag, _ := strings.Cut(link, "#")
			resolved := p
			if target != "" {
				resolved = path.Clean(path.Join(path.Dir(p), target))
			}
			if !exists(resolved) {
				t.Errorf("%s: link %q points at %s, which is not in the output", p, link, resolved)
				continue
			}
			if frag != "" && strings.HasSuffix(resolved, ".html") && !slices.Contains(ids[resolved], frag) {
				t.Errorf("%s: link %q: no id %q in %s", p, link, frag, resolved)
			}
		}
	}
	if n < 500 {
		t.Errorf("only %d links checked", n)
	}
}

// TestPublicBuildIsSafe checks that restricted documents are listed but
// never rendered, and internal ones never appear at all.
func TestPublicBuildIsSafe(t *testing.T) {
	res := render(t, example(t))
	var all bytes.Buffer
	for _, p := range res.Output.Paths() {
		all.WriteString(p + "\n")
		all.Write(res.Output.Files[p])
	}
	for _, never := range []string{
		"Compromised customer API key",            // restricted playbook body
		"report-sharing endpoint",                 // restricted bundle body
		"retest-letter.pdf",                       // restricted attachment
		"soc2-type2-2026.pdf",                     // restricted report file
		"Security Exceptions Register",            // internal title
		"security exceptions form",                // internal body
		"policies/incident-response-playbook/",    // restricted page
		"policies/penetration-test-summary/index", // restricted page
	} {
		if bytes.Contains(all.Bytes(), []byte(never)) {
			t.Errorf("public build contains %q", never)
		}
	}
	library := string(res.Output.Files["policies/index.html"])
	for _, listed := range []string{"Incident Response Playbook", "Penetration Test Summary 2026", "Available under NDA — request access"} {
		if !strings.Contains(library, listed) {
			t.Errorf("policy library does not list %q", listed)
		}
	}
}

func TestNDABuildRendersRestricted(t *testing.T) {
	opts := example(t)
	opts.Audience = model.AudienceNDA
	res := render(t, opts)
	for _, p := range []string{"policies/incident-response-playbook/index.html", "policies/penetration-test-summary/index.html",
		"policies/penetration-test-summary/retest-letter.pdf", "files/soc2-type2-2026.pdf"} {
		if !slices.Contains(res.Output.Paths(), p) {
			t.Errorf("NDA build lacks %s", p)
		}
	}
	for p, b := range res.Output.Files {
		if bytes.Contains(b, []byte("Security Exceptions Register")) {
			t.Errorf("NDA build leaks the internal document in %s", p)
		}
	}
}

// TestExampleCoverage: the example company has implemented every
// requirement of ISO 27001 that counts (the sub-clauses and the applicable
// Annex A controls) and of SOC 2 in scope, and the pages say so; its
// Cyber Essentials work is still partial.
func TestExampleCoverage(t *testing.T) {
	res := render(t, example(t))
	for f, want := range map[string]resolve.Coverage{
		"iso27001":         {Met: 118, Total: 118},
		"soc2":             {Met: 38, Total: 38},
		"cyber-essentials": {Met: 4, Partial: 1, Total: 5},
	} {
		if got := res.Site.Framework(f).Coverage(); got != want {
			t.Errorf("%s: %+v, want %+v", f, got, want)
		}
	}
	home := string(res.Output.Files["index.html"])
	for _, want := range []string{"<strong>118</strong> of 118 requirements met (100%)", "<strong>4</strong> of 5 requirements met (80%)"} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
}

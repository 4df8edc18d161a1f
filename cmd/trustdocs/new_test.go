package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The first hour: trustdocs new x && trustdocs check -s x && trustdocs build -s x.
func TestNewChecksAndBuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "x")
	code, stdout, stderr := runCmd("new", dir, "--company", "Acme Cloud, Inc.")
	if code != exitOK || stderr != "" || !strings.Contains(stdout, "Made a trustdocs site in "+dir) {
		t.Fatalf("new: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ = runCmd("check", "-s", dir)
	if code != exitOK || !strings.Contains(stdout, "\n0 errors, ") {
		t.Fatalf("check: exit %d\n%s", code, stdout)
	}
	// Placeholders are warned about, at their line, and nothing else is.
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		if !strings.Contains(line, "TODO") && !strings.HasPrefix(line, "0 errors") {
			t.Errorf("check reports more than the TODOs left: %s", line)
		}
	}
	for _, want := range []string{"site.toml:", "content/soa.toml:", "content/policies/access-control.md:"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("check does not warn about the TODOs of %s\n%s", want, stdout)
		}
	}
	if code, _, stderr := runCmd("check", "-s", dir, "--strict"); code != exitContent {
		t.Errorf("check --strict with TODOs left: exit %d, want %d\n%s", code, exitContent, stderr)
	}
	// The starter's policies are drafts until approved: build leaves them
	// out, and says so; build --drafts publishes them.
	code, stdout, stderr = runCmd("build", "-s", dir)
	if code != exitOK || !strings.Contains(stdout, "6 drafts and 67 draft answers left out: trustdocs build --drafts publishes them") {
		t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, p := range []string{
		"index.html", "policies/index.html", "frameworks/iso27001/soa/soa.csv",
		"certifications/index.html", ".well-known/security.txt", "subprocessors/index.html",
	} {
		if _, err := os.Stat(filepath.Join(dir, "public", p)); err != nil {
			t.Errorf("the starter's build lacks %s", p)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "policies", "access-control", "index.html")); err == nil {
		t.Errorf("build published a draft policy")
	}
	if library, _ := os.ReadFile(filepath.Join(dir, "public", "policies", "index.html")); strings.Contains(string(library), "Access Control Policy") {
		t.Errorf("the library lists a draft policy")
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "answers", "index.html")); err == nil {
		t.Errorf("build published the starter's draft answers")
	}
	if code, _, stderr := runCmd("build", "-s", dir, "-o", filepath.Join(t.TempDir(), "drafts"), "--drafts"); code != exitOK {
		t.Fatalf("build --drafts: exit %d\n%s", code, stderr)
	}
	certs, _ := os.ReadFile(filepath.Join(dir, "public", "certifications", "index.html"))
	if !strings.Contains(string(certs), "in progress") {
		t.Errorf("the starter's ISO 27001 certification is not shown in progress")
	}
	wf, err := os.ReadFile(filepath.Join(dir, ".github", "workflows", "trustdocs.yml"))
	if err != nil || !strings.Contains(string(wf), "trustdocs build") || !strings.Contains(string(wf), "include-hidden-files: true") {
		t.Errorf("the GitHub Pages workflow is missing or does not build: %v", err)
	}
	// A second new into the same folder changes nothing.
	before, _ := os.ReadFile(filepath.Join(dir, "site.toml"))
	if code, _, stderr := runCmd("new", dir); code != exitUsage || !strings.Contains(stderr, "not empty") {
		t.Errorf("new into a site: exit %d, %s", code, stderr)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "site.toml")); string(after) != string(before) {
		t.Errorf("new into a site changed its site.toml")
	}
}

func TestNewUsage(t *testing.T) {
	for _, args := range [][]string{{"new"}, {"new", "a", "b"}, {"new", "--colour", "x"}} {
		if code, _, _ := runCmd(args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
	}
	// Flags may follow the folder.
	dir := filepath.Join(t.TempDir(), "y")
	if code, _, stderr := runCmd("new", "--company", "B", dir); code != exitOK {
		t.Errorf("new --company B DIR: exit %d %s", code, stderr)
	}
	// --as-of fixes the day the starter's dates count from, so that a
	// starter made in CI looks the same every day.
	dated := filepath.Join(t.TempDir(), "z")
	if code, _, stderr := runCmd("new", dated, "--as-of", "2026-11-01"); code != exitOK {
		t.Fatalf("new --as-of: exit %d %s", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(dated, "site.toml")); !strings.Contains(string(b), "expires             = 2027-10-01") {
		t.Errorf("security.txt does not expire 11 months after --as-of:\n%s", b)
	}
	if code, _, _ := runCmd("new", filepath.Join(t.TempDir(), "w"), "--as-of", "1 Nov"); code != exitUsage {
		t.Errorf("new --as-of '1 Nov': exit %d, want %d", code, exitUsage)
	}
}

// go install ./cmd/trustdocs works, and the installed command's version
// names the module version and the commit it was built from.
func TestInstallAndVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	rev, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skip("not in a git checkout:", err)
	}
	bin := t.TempDir()
	install := exec.Command("go", "install", "-buildvcs=true", ".")
	install.Env = append(os.Environ(), "GOBIN="+bin, "GOFLAGS=")
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("go install ./cmd/trustdocs: %v\n%s", err, out)
	}
	out, err := exec.Command(filepath.Join(bin, "trustdocs"), "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	v := string(out)
	if !strings.Contains(v, "("+string(rev[:12])) {
		t.Errorf("version %q does not name the commit %s", v, rev[:12])
	}
	if !strings.HasPrefix(v, "trustdocs v") {
		t.Errorf("version %q does not start with the module version", v)
	}
}

// A SOC 2-only company: trustdocs new --frameworks soc2 makes a site with no
// Statement of Applicability that checks with only its TODOs and builds,
// with no page for ISO 27001.
func TestNewSOC2Only(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "x")
	if code, stdout, stderr := runCmd("new", dir, "--frameworks", "soc2"); code != exitOK {
		t.Fatalf("new: exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "soa.toml")); err == nil {
		t.Errorf("a SOC 2-only site has a soa.toml")
	}
	code, stdout, _ := runCmd("check", "-s", dir)
	if code != exitOK {
		t.Fatalf("check: exit %d\n%s", code, stdout)
	}
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		if !strings.Contains(line, "TODO") && !strings.HasPrefix(line, "0 errors") {
			t.Errorf("check reports more than the TODOs left: %s", line)
		}
	}
	if code, _, stderr := runCmd("build", "-s", dir); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "frameworks", "iso27001")); err == nil {
		t.Errorf("a SOC 2-only site has ISO 27001 pages")
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "frameworks", "soc2", "index.html")); err != nil {
		t.Errorf("a SOC 2-only site lacks its SOC 2 page")
	}
	if code, _, stderr := runCmd("new", filepath.Join(t.TempDir(), "y"), "--frameworks", "pci"); code != exitUsage || !strings.Contains(stderr, "choose both, soc2, iso27001") {
		t.Errorf("--frameworks pci: exit %d, %s", code, stderr)
	}
}

// pack run in a site's git repository, as the README shows, warns when git
// would commit the zip; the starter's .gitignore ignores packs.
func TestPackWarnsInAGitTree(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := filepath.Join(t.TempDir(), "x")
	if code, _, stderr := runCmd("new", dir, "--company", "Acme"); code != exitOK {
		t.Fatal(stderr)
	}
	if out, err := exec.Command("git", "-C", dir, "init", "-q").CombinedOutput(); err != nil {
		t.Fatalf("git init: %v %s", err, out)
	}
	zip := filepath.Join(dir, "pack.zip") // a name .gitignore does not cover
	code, _, stderr := runCmd("pack", "-s", dir, "--audience", "nda", "-o", zip)
	if code != exitOK || !strings.Contains(stderr, "warning: "+zip+" is in the git work tree "+dir+", which does not ignore it: a commit would publish the documents shared under NDA") {
		t.Errorf("pack into the work tree: exit %d\n%s", code, stderr)
	}
	zip = filepath.Join(dir, "acme-trust-pack-nda-2026-12-01.zip") // the default name's pattern
	if code, _, stderr := runCmd("pack", "-s", dir, "--audience", "nda", "-o", zip); code != exitOK || strings.Contains(stderr, "git work tree") {
		t.Errorf("pack under an ignored name: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runCmd("pack", "-s", dir, "-o", filepath.Join(t.TempDir(), "out.zip")); code != exitOK || strings.Contains(stderr, "git work tree") {
		t.Errorf("pack outside the work tree: exit %d\n%s", code, stderr)
	}
}

package pipeline_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/pack"
	"github.com/trustdocs/trustdocs/internal/pipeline"
	rdr "github.com/trustdocs/trustdocs/internal/render"
)

// A pack of the example site verifies, and opened from disk every link in
// it leads to a file in it: none starts with / or climbs out of it.
func TestPackOpensFromDisk(t *testing.T) {
	for _, audience := range []model.Audience{model.AudiencePublic, model.AudienceNDA} {
		t.Run(string(audience), func(t *testing.T) {
			opts := example(t)
			opts.Audience = audience
			zipFile := filepath.Join(t.TempDir(), "pack.zip")
			res, err := pipeline.Pack(opts, zipFile)
			if err != nil || res.Failed() || res.Packed.Files == 0 {
				t.Fatalf("pack: %v %v", err, res.Diags.Items())
			}
			if err := pack.Verify(zipFile); err != nil {
				t.Fatal(err)
			}
			dir, files := unzip(t, zipFile)
			if sha, err := exec.LookPath("sha256sum"); err == nil {
				cmd := exec.Command(sha, "-c", "--quiet", pack.Manifest)
				cmd.Dir = dir
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Errorf("sha256sum -c: %v\n%s", err, out)
				}
			}
			checkLinks(t, files, func(p string) bool {
				_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p)))
				return err == nil && filepath.IsLocal(filepath.FromSlash(p))
			})
		})
	}
}

func TestPackName(t *testing.T) {
	buyer := &rdr.Recipient{Name: "Buyer Inc"}
	for _, tc := range []struct {
		company   string
		audience  model.Audience
		recipient *rdr.Recipient
		want      string
	}{
		{"Kestrel Analytics, Inc.", model.AudienceNDA, nil, "kestrel-analytics-inc-trust-pack-nda-2026-11-01.zip"},
		{"Acme", model.AudiencePublic, nil, "acme-trust-pack-2026-11-01.zip"},
		{"Société Générale", model.AudiencePublic, nil, "soci-t-g-n-rale-trust-pack-2026-11-01.zip"},
		{"…", model.AudiencePublic, nil, "site-trust-pack-2026-11-01.zip"},
		{"Acme", model.AudienceNDA, buyer, "acme-trust-pack-nda-for-buyer-inc-2026-11-01.zip"},
		{"Acme", model.AudienceNDA, &rdr.Recipient{Name: "../../etc"}, "acme-trust-pack-nda-for-etc-2026-11-01.zip"},
		{"Acme", model.AudienceNDA, &rdr.Recipient{Name: "…"}, "acme-trust-pack-nda-2026-11-01.zip"},
	} {
		if got := pipeline.PackName(tc.company, tc.audience, tc.recipient, model.NewDate(2026, 11, 1)); got != tc.want {
			t.Errorf("PackName(%q) = %q, want %q", tc.company, got, tc.want)
		}
	}
}

// A recipient's pack: its notice page opens it, every page carries the
// banner (and the print stylesheet that repeats it on every sheet), the
// manifest names the recipient and still verifies, and the same inputs
// give the same bytes while another recipient gives others.
func TestRecipientPack(t *testing.T) {
	opts := example(t)
	opts.Audience = model.AudienceNDA
	opts.Recipient = &rdr.Recipient{Name: "Buyer <Inc> \"Ltd\"", ValidUntil: model.NewDate(2026, 12, 31)}
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.zip"), filepath.Join(dir, "b.zip")
	for _, out := range []string{a, b} {
		if res, err := pipeline.Pack(opts, out); err != nil || res.Failed() {
			t.Fatalf("pack: %v", err)
		}
	}
	if err := pack.Verify(a); err != nil {
		t.Fatal(err)
	}
	ab, _ := os.ReadFile(a)
	bb, _ := os.ReadFile(b)
	if !bytes.Equal(ab, bb) {
		t.Error("two packs of the same inputs differ")
	}
	udir, files := unzip(t, a)
	if sha, err := exec.LookPath("sha256sum"); err == nil {
		cmd := exec.Command(sha, "-c", "--strict", "--quiet", pack.Manifest)
		cmd.Dir = udir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("sha256sum -c: %v\n%s", err, out)
		}
	}
	manifest := string(files[pack.Manifest])
	if !strings.HasPrefix(manifest, "# Trust pack of Kestrel Analytics, Inc., audience nda, as of 2026-11-01\n# Prepared for Buyer <Inc> \"Ltd\" on 2026-11-01, confidential; valid until 2026-12-31\n") {
		t.Errorf("the manifest does not name the recipient:\n%.300s", manifest)
	}
	banner := "Prepared for Buyer &lt;Inc&gt; &#34;Ltd&#34; on 1 November 2026, confidential"
	pages := 0
	for p, body := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		pages++
		if !bytes.Contains(body, []byte(banner)) || !bytes.Contains(body, []byte("recipient.css")) {
			t.Errorf("%s has no banner", p)
		}
	}
	if pages < 100 {
		t.Errorf("only %d pages", pages)
	}
	notice := string(files["index.html"])
	for _, want := range []string{"<h1>Confidential</h1>", "shared under the non-disclosure agreement between Kestrel Analytics, Inc. and Buyer &lt;Inc&gt;",
		"valid until <time datetime=\"2026-12-31\">31 December 2026</time>", `href="overview/index.html"`} {
		if !strings.Contains(notice, want) {
			t.Errorf("the notice page lacks %q", want)
		}
	}
	if !strings.Contains(string(files["overview/index.html"]), "Latest changes") {
		t.Error("the overview is not at overview/index.html")
	}
	css := string(files["assets/recipient.css"])
	if !strings.Contains(css, `@top-center { content: "Prepared for Buyer \3c Inc\3e  \22 Ltd\22  on 1 November 2026, confidential; valid until 31 December 2026"`) {
		t.Errorf("recipient.css:\n%s", css)
	}
	checkLinks(t, files, func(p string) bool {
		_, err := os.Stat(filepath.Join(udir, filepath.FromSlash(p)))
		return err == nil
	})

	opts.Recipient = &rdr.Recipient{Name: "Other Buyer"}
	if _, err := pipeline.Pack(opts, b); err != nil {
		t.Fatal(err)
	}
	if bb, _ = os.ReadFile(b); bytes.Equal(ab, bb) {
		t.Error("packs for two recipients are the same")
	}
	opts.Recipient = &rdr.Recipient{Name: "Late", ValidUntil: model.NewDate(2026, 10, 31)}
	if _, err := pipeline.Pack(opts, b); err == nil || !strings.Contains(err.Error(), "--valid-until 2026-10-31 is before 2026-11-01") {
		t.Errorf("a pack valid until before its date: %v", err)
	}
}

// unzip extracts a zip into a new folder, and returns it and its files.
func unzip(t *testing.T, file string) (string, map[string][]byte) {
	t.Helper()
	dir := t.TempDir()
	files := map[string][]byte{}
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if !filepath.IsLocal(f.Name) {
			t.Fatalf("the pack holds %q, outside its folder", f.Name)
		}
		dst := filepath.Join(dir, filepath.FromSlash(f.Name))
		os.MkdirAll(filepath.Dir(dst), 0o755)
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files[f.Name] = b
	}
	return dir, files
}

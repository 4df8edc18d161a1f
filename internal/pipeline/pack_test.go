package pipeline_test

import (
	"archive/zip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/pack"
	"github.com/trustdocs/trustdocs/internal/pipeline"
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
			if err != nil || res.Output == nil {
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
	for _, tc := range []struct {
		company  string
		audience model.Audience
		want     string
	}{
		{"Kestrel Analytics, Inc.", model.AudienceNDA, "kestrel-analytics-inc-trust-pack-nda-2026-11-01.zip"},
		{"Acme", model.AudiencePublic, "acme-trust-pack-2026-11-01.zip"},
		{"Société Générale", model.AudiencePublic, "soci-t-g-n-rale-trust-pack-2026-11-01.zip"},
		{"…", model.AudiencePublic, "site-trust-pack-2026-11-01.zip"},
	} {
		if got := pipeline.PackName(tc.company, tc.audience, model.NewDate(2026, 11, 1)); got != tc.want {
			t.Errorf("PackName(%q) = %q, want %q", tc.company, got, tc.want)
		}
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

package confine

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Both ways of reading (openat2 where there is one, os.Root) keep to the
// folder alike.
func TestReadFile(t *testing.T) {
	ways := []string{"os.Root"}
	if runtime.GOOS == "linux" && !noOpenat2.Load() {
		ways = append(ways, "openat2")
	}
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret"), []byte("secret"), 0o644)
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "content", "policies"), 0o755)
	os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title"), 0o644)
	os.WriteFile(filepath.Join(dir, "content", "policies", "a.md"), []byte("a"), 0o644)
	os.Symlink("../../site.toml", filepath.Join(dir, "content", "policies", "inside.md"))
	os.Symlink(filepath.Join(outside, "secret"), filepath.Join(dir, "content", "out.md"))
	os.Symlink(outside, filepath.Join(dir, "templates"))
	os.WriteFile(filepath.Join(dir, "big.toml"), nil, 0o644)
	os.Truncate(filepath.Join(dir, "big.toml"), MaxTextFile+1)
	for _, way := range ways {
		d := &Dir{path: dir}
		if way == "openat2" {
			if !d.sys.open(dir) {
				t.Fatal("openat2 is there but the folder did not open")
			}
		} else {
			r, err := os.OpenRoot(dir)
			if err != nil {
				t.Fatal(err)
			}
			d.root = r
		}
		for _, tc := range []struct{ file, want, err string }{
			{"site.toml", "title", ""},
			{"content/policies/a.md", "a", ""},
			{"content/policies/inside.md", "title", ""},
			{"content/out.md", "", ErrOutside.Error()},
			{"templates/secret", "", ErrOutside.Error()},
			{"big.toml", "", "over the limit of 4 MiB"},
			{"content", "", "not a plain file"},
			{"missing.md", "", "cannot read"},
		} {
			b, err := d.ReadFile(filepath.Join(dir, filepath.FromSlash(tc.file)))
			switch {
			case tc.err == "" && (err != nil || string(b) != tc.want):
				t.Errorf("%s: %s: %q, %v", way, tc.file, b, err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Errorf("%s: %s: %v, want %q", way, tc.file, err, tc.err)
			case tc.err == ErrOutside.Error() && !errors.Is(err, ErrOutside):
				t.Errorf("%s: %s: %v is not ErrOutside", way, tc.file, err)
			}
		}
		if _, err := d.ReadFile(outside + "/secret"); err == nil {
			t.Errorf("%s: a path outside the folder was read", way)
		}
		d.Close()
	}
}

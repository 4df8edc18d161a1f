package buildcache

import (
	"reflect"
	"testing"

	"github.com/trustdocs/trustdocs/internal/load"
	"github.com/trustdocs/trustdocs/internal/render"
)

// A record with its maps comes back as it was written: every entry, every
// flag of a file, a policy listing no control.
func TestRecordMapsRoundTrip(t *testing.T) {
	want := &Record{Key: Key("k"), AsOf: "2026-11-01", Build: 7, Pages: 2,
		Made: map[string]uint64{"index.html": 7, "policies/a/index.html": 3, "ü/€.html": 1 << 40},
		Load: load.Fingerprint{Head: "head", Files: map[string]load.FileSum{
			"content/policies/a.md":   {Sum: Key("a"), Front: 1<<64 - 1, Doc: true, Policy: true},
			"content/controls/c.toml": {Sum: Key("c"), Errors: true},
			"content/pages/p.md":      {Doc: true},
		}},
		Basis: render.Basis{AsOf: "2026-11-01", Links: 42, Controls: map[string][]string{
			"content/policies/a.md": {"AC-1", "AC-2"},
			"content/policies/b.md": {},
		}},
	}
	payload, err := encodeRecord(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeRecord(payload)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back\n%+v\nwrote\n%+v", got, want)
	}
	// Cut anywhere, it is refused, never half read.
	for n := range len(payload) {
		if r, err := decodeRecord(payload[:n]); err == nil {
			t.Fatalf("cut to %d bytes of %d: read %+v", n, len(payload), r)
		}
	}
}

// No payload, however made, panics the decoder.
func FuzzDecodeRecord(f *testing.F) {
	good, _ := encodeRecord(&Record{Made: map[string]uint64{"a": 1}, Basis: render.Basis{Controls: map[string][]string{"p": {"C"}}}})
	f.Add(good)
	f.Add([]byte{})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		decodeRecord(b)
	})
}

package pipeline_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/pack"
	"github.com/trustdocs/trustdocs/internal/pipeline"
)

// The canary site plants marked strings in restricted (RT, RP, RA) and
// internal (IN, IP, IA) documents and answers — titles, summaries, bodies, revision notes,
// attachments —, in a control, and in attestations and certifications and
// their files. Its want file lists, for the public and the NDA builds,
// every file each canary is found in, by path or content; packs must hold
// exactly what the builds hold.
const canarySite = "testdata/canary/site"

var (
	// Case does not matter: the search index keeps words in lower case.
	canaryRE = regexp.MustCompile(`(?i)CANARY-[A-Z]+-[A-Z]+`)
	// Never in any output: whatever is internal.
	neverRE = regexp.MustCompile(`(?i)CANARY-(IN|IP|IA)-|canary-internal`)
	// Never in a public output: what restricted documents and reports hold
	// beyond the title and summary a listing shows.
	ndaOnlyRE = regexp.MustCompile(`(?i)CANARY-R[TPA]-(BODY|ATTACH|REVISION|REPORT|OWNER|VERSION|APPROVER|NOTE|PHRASING)`)
)

func TestCanaries(t *testing.T) {
	planted := plantedCanaries(t)
	var got strings.Builder
	for _, audience := range []model.Audience{model.AudiencePublic, model.AudienceNDA} {
		opts := example(t)
		opts.Site, opts.Audience = canarySite, audience
		res := render(t, opts)
		files := map[string][]byte{}
		for _, p := range res.Output.Paths() {
			files[p] = outputFile(t, res, p)
		}
		// Gated links lead to what this audience has, never to a withheld file.
		checkLinks(t, files, func(p string) bool { _, ok := files[p]; return ok })
		if !strings.Contains(string(files["certifications/index.html"]), `href="../files/bridge.pdf"`) {
			t.Errorf("%s build: the public bridge letter is not linked", audience)
		}
		where := canaryPlaces(files)
		for _, c := range planted {
			fmt.Fprintf(&got, "%s %s: %s\n", audience, c, placesText(where[c]))
		}
		for c, places := range where {
			if neverRE.MatchString(c) {
				t.Errorf("%s build: internal %s in %v", audience, c, places)
			}
			if audience == model.AudiencePublic && ndaOnlyRE.MatchString(c) {
				t.Errorf("public build: %s in %v", c, places)
			}
		}
		for p, b := range files {
			if loc := neverRE.FindIndex(append([]byte(p+"\n"), b...)); loc != nil {
				t.Errorf("%s build: %s names something internal", audience, p)
			}
		}

		// The pack of the same audience holds the same files, so the
		// same canaries in the same places.
		zipFile := filepath.Join(t.TempDir(), "pack.zip")
		if _, err := pipeline.Pack(opts, zipFile); err != nil {
			t.Fatal(err)
		}
		_, packed := unzip(t, zipFile)
		delete(packed, pack.Manifest)
		if pw := canaryPlaces(packed); fmt.Sprint(pw) != fmt.Sprint(where) {
			t.Errorf("%s pack: canaries\n%v\nwant, as in the build,\n%v", audience, pw, where)
		}
	}
	checkGolden(t, filepath.Join(filepath.Dir(canarySite), "want"), []byte(got.String()))
}

// outputFile returns the content of an output file, generated or copied.
func outputFile(t *testing.T, res *pipeline.Result, p string) []byte {
	t.Helper()
	if b, ok := res.Output.Files[p]; ok {
		return b
	}
	b, err := os.ReadFile(res.Output.Copies[p])
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return b
}

// plantedCanaries returns every canary in the site's files.
func plantedCanaries(t *testing.T) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(canarySite, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		for _, c := range canaryRE.FindAllString(string(b), -1) {
			if c = strings.ToUpper(c); !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
		return err
	})
	slices.Sort(out)
	if len(out) < 20 {
		t.Fatalf("only %d canaries planted", len(out))
	}
	return out
}

// canaryPlaces maps each canary to the files it is found in, by path or
// content, sorted.
func canaryPlaces(files map[string][]byte) map[string][]string {
	where := map[string][]string{}
	for p, b := range files {
		seen := map[string]bool{}
		for _, m := range canaryRE.FindAll(append([]byte(p+"\n"), b...), -1) {
			if c := strings.ToUpper(string(m)); !seen[c] {
				seen[c] = true
				where[c] = append(where[c], p)
			}
		}
	}
	for _, places := range where {
		slices.Sort(places)
	}
	return where
}

func placesText(places []string) string {
	if len(places) == 0 {
		return "nowhere"
	}
	return strings.Join(places, " ")
}

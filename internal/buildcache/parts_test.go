package buildcache

import (
	"cmp"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/load"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/synth"
)

// counting is a load.Kept that counts the parts it gives.
type counting struct {
	*Parts
	given atomic.Int64
}

func (c *counting) Kept(head, rel string) (*load.Part, bool) {
	p, ok := c.Parts.Kept(head, rel)
	if ok {
		c.given.Add(1)
	}
	return p, ok
}

// finisher is a Parts, or one that counts.
type finisher interface {
	load.Kept
	Finish() (Sum, error)
}

// loadKept loads the site in root as a build does, with kept (or none),
// and returns the checksum kept's Finish gives. A site the load refuses
// (no site.toml) gives nil.
func loadKept(t *testing.T, root string, kept finisher) (*model.Site, []diag.Diagnostic, Sum) {
	t.Helper()
	c := &load.Cache{Once: true}
	if kept != nil {
		c.Kept = kept
	}
	var list diag.List
	m, err := c.Load(root, nil, &list)
	var sum Sum
	if kept != nil {
		// Before the site is sorted below: the parts are encoded in
		// the background, and a build changes nothing it loaded.
		if sum, err = kept.Finish(); err != nil {
			t.Fatal(err)
		}
	}
	if m == nil {
		return nil, nil, sum
	}
	// The loader lists the keys of a record in no set order.
	sortFields(reflect.ValueOf(m))
	// A document's Text reads its file when converted: a function,
	// which no two loads share.
	for _, docs := range [][]*model.Doc{m.Policies, m.Sections, m.Pages, {m.Intro}} {
		for _, d := range docs {
			if d != nil && d.Text != nil {
				d.Text.Read = nil
			}
		}
	}
	return m, list.Items(), sum
}

// TestPartsLoadTheSame holds a load that takes every file it can from
// the parts the load before kept to one that reads them all: the same
// site, field by field (nil and empty told apart), and the same problems.
// The sites are the example, the canary, every bad site and a synthetic
// one.
func TestPartsLoadTheSame(t *testing.T) {
	sites := []string{"../..", "../pipeline/testdata/canary/site"}
	bad, _ := filepath.Glob("../pipeline/testdata/bad/*/site")
	sites = append(sites, bad...)
	syn := t.TempDir()
	if err := synth.Write(syn, synth.Options{Policies: 300, Controls: 80}); err != nil {
		t.Fatal(err)
	}
	sites = append(sites, syn)
	for _, root := range sites {
		if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
			continue
		}
		cache, err := For(filepath.Join(t.TempDir(), "public"))
		if err != nil {
			t.Fatal(err)
		}
		content, err := Stamp(root, []string{"content"}, true)
		if err != nil {
			t.Fatal(err)
		}
		first := cache.Parts(Sum{}, content)
		want, wantDiags, sum := loadKept(t, root, first)
		if want == nil {
			continue
		}
		again := &counting{Parts: cache.Parts(sum, content)}
		got, gotDiags, _ := loadKept(t, root, again)
		if root == syn {
			// A site without a problem: every file is taken.
			var files int
			filepath.WalkDir(filepath.Join(syn, "content"), func(p string, d fs.DirEntry, err error) error {
				if ext := filepath.Ext(p); ext == ".md" || ext == ".toml" {
					files++
				}
				return err
			})
			if n := int(again.given.Load()); n != files || n < 300 {
				t.Errorf("the synthetic site: %d parts taken from the cache, want all %d files", n, files)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the site loaded from kept parts differs from the site read", root)
			diffSites(t, got, want)
		}
		if !reflect.DeepEqual(gotDiags, wantDiags) {
			t.Errorf("%s: problems differ:\n got %v\nwant %v", root, gotDiags, wantDiags)
		}
	}
}

// sortFields sorts every list of fields in v by where they are written.
func sortFields(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			sortFields(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			sortFields(v.Field(i))
		}
	case reflect.Slice:
		if fs, ok := v.Interface().([]model.Field); ok {
			slices.SortFunc(fs, func(a, b model.Field) int {
				return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col), strings.Compare(a.Key, b.Key))
			})
			return
		}
		for i := range v.Len() {
			sortFields(v.Index(i))
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			sortFields(v.MapIndex(k))
		}
	}
}

// diffSites reports where the two sites first differ.
func diffSites(t *testing.T, got, want *model.Site) {
	t.Helper()
	if where := firstDiff(reflect.ValueOf(got), reflect.ValueOf(want), "site"); where != "" {
		t.Log(where)
	}
}

// firstDiff names the first place two values differ, or "".
func firstDiff(g, w reflect.Value, at string) string {
	if g.Kind() != w.Kind() {
		return at + ": of another kind"
	}
	switch g.Kind() {
	case reflect.Pointer, reflect.Interface:
		if g.IsNil() || w.IsNil() {
			if g.IsNil() != w.IsNil() {
				return fmt.Sprintf("%s: nil %v, want nil %v", at, g.IsNil(), w.IsNil())
			}
			return ""
		}
		return firstDiff(g.Elem(), w.Elem(), at)
	case reflect.Struct:
		for i := range g.NumField() {
			if d := firstDiff(g.Field(i), w.Field(i), at+"."+g.Type().Field(i).Name); d != "" {
				return d
			}
		}
	case reflect.Slice, reflect.Map:
		if g.IsNil() != w.IsNil() {
			return fmt.Sprintf("%s: nil %v (len %d), want nil %v (len %d)", at, g.IsNil(), g.Len(), w.IsNil(), w.Len())
		}
		if g.Len() != w.Len() {
			return fmt.Sprintf("%s: %d long, want %d", at, g.Len(), w.Len())
		}
		if g.Kind() == reflect.Map {
			for _, k := range w.MapKeys() {
				if d := firstDiff(g.MapIndex(k), w.MapIndex(k), fmt.Sprintf("%s[%v]", at, k)); d != "" {
					return d
				}
			}
			return ""
		}
		for i := range g.Len() {
			if d := firstDiff(g.Index(i), w.Index(i), fmt.Sprintf("%s[%d]", at, i)); d != "" {
				return d
			}
		}
	case reflect.Func:
		return ""
	default:
		if gs, ws := fmt.Sprint(g), fmt.Sprint(w); gs != ws {
			return fmt.Sprintf("%s: %s, want %s", at, gs, ws)
		}
	}
	return ""
}

// After an edit of one file, a load reads that file again and takes the
// others, and gives what reading them all gives.
func TestPartsAfterAnEdit(t *testing.T) {
	site := t.TempDir()
	if err := synth.Write(site, synth.Options{Policies: 600, Controls: 40}); err != nil {
		t.Fatal(err)
	}
	cache, _ := For(filepath.Join(t.TempDir(), "public"))
	var sum Sum
	edited := filepath.Join(site, "content", "policies", "policy-00007.md")
	for gen := range 3 {
		if gen == 2 {
			f, err := os.OpenFile(edited, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString("\nOne more line.\n")
			f.Close()
		}
		content, err := Stamp(site, []string{"content"}, true)
		if err != nil {
			t.Fatal(err)
		}
		kept := &counting{Parts: cache.Parts(sum, content)}
		var got, want *model.Site
		got, _, sum = loadKept(t, site, kept)
		want, _, _ = loadKept(t, site, nil)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("build %d: the site loaded differs from the site read", gen)
			diffSites(t, got, want)
		}
		files := len(content.ByPath()) - 4 // content/ and its three folders
		if n, wantN := int(kept.given.Load()), []int{0, files, files - 1}[gen]; n != wantN {
			t.Errorf("build %d: %d parts taken, want %d", gen, n, wantN)
		}
	}
}

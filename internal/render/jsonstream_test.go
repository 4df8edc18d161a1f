package render

import (
	"bytes"
	"strings"
	"testing"
)

// writeJSON writes what marshal writes of the whole value, whatever the
// arrays hold, strings that look like the file's own lines included.
func TestWriteJSONAsMarshal(t *testing.T) {
	type item struct {
		ID   string            `json:"id"`
		Tags []string          `json:"tags"`
		Map  map[string]string `json:"map,omitempty"`
	}
	type doc struct {
		Name  string `json:"name"`
		Items []item `json:"items"`
		Mid   []int  `json:"mid"`
		More  []item `json:"more"`
		Last  string `json:"last,omitempty"`
	}
	tricky := item{ID: "\n  \"more\": []", Tags: []string{"<b>&", ""}, Map: map[string]string{"b": "2", "a": "1"}}
	for _, tc := range []struct {
		name        string
		items, more []item
	}{
		{"both empty", nil, nil},
		{"one", []item{{ID: "a", Tags: []string{}}}, nil},
		{"several, tricky strings", []item{{ID: "a", Tags: []string{"x"}}, tricky, {ID: "c"}}, []item{tricky}},
	} {
		full := doc{Name: "site", Items: append([]item{}, tc.items...), Mid: []int{1, 2}, More: append([]item{}, tc.more...), Last: "end"}
		want := marshal(full)
		skeleton := full
		skeleton.Items, skeleton.More = []item{}, []item{}
		var got bytes.Buffer
		err := writeJSON(&got, skeleton,
			jsonArray{key: "items", n: len(tc.items), elem: func(i int) any { return tc.items[i] }},
			jsonArray{key: "more", n: len(tc.more), elem: func(i int) any { return tc.more[i] }})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got.String() != string(want) {
			t.Errorf("%s: got\n%s\nwant\n%s", tc.name, got.String(), want)
		}
	}
	// Out of order, or no such array: an error, not a wrong file.
	var b bytes.Buffer
	err := writeJSON(&b, doc{Items: []item{}, More: []item{}}, jsonArray{key: "more"}, jsonArray{key: "items"})
	if err == nil || !strings.Contains(err.Error(), `"items"`) {
		t.Errorf("arrays out of order: %v", err)
	}
}

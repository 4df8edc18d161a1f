package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// trust.json and soa.json list every policy, control or Annex A control:
// tens of megabytes on a big site, which marshal would hold twice
// (compact, then indented) besides the values it was given. writeJSON
// writes them as marshal would, an element of their long arrays at a
// time, so that neither the values nor the text of the whole file are
// ever held at once.

// A jsonArray is an array of an export's top-level object that is
// written an element at a time.
type jsonArray struct {
	key  string        // its key in the object
	n    int           // how many elements it has
	elem func(int) any // the i-th element, made when it is written
}

// writeJSON writes to w what marshal writes of the whole value: skeleton
// is the object with an empty (not nil) slice at each array's key, and
// arrays are those arrays, in the order of their keys in skeleton.
func writeJSON(w io.Writer, skeleton any, arrays ...jsonArray) error {
	rest := marshal(skeleton)
	for _, a := range arrays {
		// An empty array at the top level is this line: no string of
		// the file holds it, as a string's quotes are escaped.
		mark := []byte("\n  \"" + a.key + "\": []")
		i := bytes.Index(rest, mark)
		if i < 0 {
			return fmt.Errorf("render: no array %q to write in %T", a.key, skeleton)
		}
		open := i + len(mark) - 1 // rest[open] is the array's ']'
		if _, err := w.Write(rest[:open]); err != nil {
			return err
		}
		for k := range a.n {
			b, err := json.MarshalIndent(a.elem(k), "    ", "  ")
			if err != nil {
				return err
			}
			sep := ",\n    "
			if k == 0 {
				sep = "\n    "
			}
			if _, err := io.WriteString(w, sep); err != nil {
				return err
			}
			if _, err := w.Write(b); err != nil {
				return err
			}
		}
		if a.n > 0 {
			if _, err := io.WriteString(w, "\n  "); err != nil {
				return err
			}
		}
		rest = rest[open:]
	}
	_, err := w.Write(rest)
	return err
}

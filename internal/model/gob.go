package model

import (
	"bytes"
	"encoding/gob"
)

// A build keeps what it loaded for the next (package buildcache, with
// encoding/gob), which must give back the same values: gob leaves out
// unexported fields, and writes a pointer to a zero value as no pointer.
// The types here are those it would get wrong.

// MarshalBinary keeps a date: its fields are unexported.
func (d Date) MarshalBinary() ([]byte, error) { return d.MarshalText() }

// UnmarshalBinary reads what MarshalBinary wrote.
func (d *Date) UnmarshalBinary(b []byte) error { return d.UnmarshalText(b) }

// MarshalText writes the date as YYYY-MM-DD, or nothing for the zero date.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads what MarshalText wrote.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	*d = v
	return err
}

// soaEntry is a SoAEntry as gob keeps it: applicable = false, written,
// is not applicable left out.
type soaEntry struct {
	Entry               plainSoAEntry
	Written, Applicable bool
}

type plainSoAEntry SoAEntry // without the methods below

// GobEncode keeps whether applicable was written, and what it said.
func (e SoAEntry) GobEncode() ([]byte, error) {
	v := soaEntry{Entry: plainSoAEntry(e), Written: e.Applicable != nil}
	if v.Written {
		v.Applicable = *e.Applicable
	}
	v.Entry.Applicable = nil
	var b bytes.Buffer
	err := gob.NewEncoder(&b).Encode(v)
	return b.Bytes(), err
}

// GobDecode reads what GobEncode wrote.
func (e *SoAEntry) GobDecode(b []byte) error {
	var v soaEntry
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&v); err != nil {
		return err
	}
	*e = SoAEntry(v.Entry)
	if v.Written {
		e.Applicable = &v.Applicable
	}
	return nil
}

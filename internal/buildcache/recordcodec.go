package buildcache

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"errors"

	"github.com/trustdocs/trustdocs/internal/load"
)

// A record's payload is its gob, but for its three maps of one entry a
// file or document, which follow it in a layout of their own: which build
// made each output file (Made), what each content file was (Load.Files)
// and the controls each policy lists (Basis.Controls). At 10,000 policies
// they are 20,000, 10,000 and 10,000 entries, and gob, which reads and
// writes a map through reflection an entry at a time, took 30-45 ms to
// write them and as long to read them back, on every build after an
// edit. Here each string is its length and bytes, each number a varint,
// and what is read back shares one copy of the payload.

var errRecordCut = errors.New("buildcache: the record is cut short")

// encodeRecord returns r's payload.
func encodeRecord(r *Record) ([]byte, error) {
	rest := *r
	rest.Made, rest.Load.Files, rest.Basis.Controls = nil, nil, nil
	var g bytes.Buffer
	if err := gob.NewEncoder(&g).Encode(&rest); err != nil {
		return nil, err
	}
	b := binary.AppendUvarint(make([]byte, 0, g.Len()+64*(len(r.Made)+len(r.Load.Files)+len(r.Basis.Controls))), uint64(g.Len()))
	b = append(b, g.Bytes()...)
	b = binary.AppendUvarint(b, uint64(len(r.Made)))
	for p, n := range r.Made {
		b = binary.AppendUvarint(appendString(b, p), n)
	}
	b = binary.AppendUvarint(b, uint64(len(r.Load.Files)))
	for p, f := range r.Load.Files {
		b = append(appendString(b, p), f.Sum[:]...)
		b = binary.LittleEndian.AppendUint64(b, f.Front)
		b = append(b, flags(f.Doc, f.Policy, f.Errors))
	}
	b = binary.AppendUvarint(b, uint64(len(r.Basis.Controls)))
	for p, ids := range r.Basis.Controls {
		b = binary.AppendUvarint(appendString(b, p), uint64(len(ids)))
		for _, id := range ids {
			b = appendString(b, id)
		}
	}
	return b, nil
}

// decodeRecord reads what encodeRecord wrote.
func decodeRecord(payload []byte) (*Record, error) {
	d := newDecoder(payload)
	n := d.uvarint()
	if d.err != nil || n > uint64(len(d.b)-d.at) {
		return nil, errRecordCut
	}
	var r Record
	if err := gob.NewDecoder(bytes.NewReader(payload[d.at : d.at+int(n)])).Decode(&r); err != nil {
		return nil, err
	}
	d.at += int(n)
	if n := d.count(); n > 0 {
		r.Made = make(map[string]uint64, n)
		for range n {
			r.Made[d.str()] = d.uvarint()
		}
	}
	if n := d.count(); n > 0 {
		r.Load.Files = make(map[string]load.FileSum, n)
		for range n {
			p := d.str()
			var f load.FileSum
			copy(f.Sum[:], d.raw(len(f.Sum)))
			if b := d.raw(8); b != nil {
				f.Front = binary.LittleEndian.Uint64(b)
			}
			if fl := d.raw(1); fl != nil {
				f.Doc, f.Policy, f.Errors = fl[0]&1 != 0, fl[0]&2 != 0, fl[0]&4 != 0
			}
			r.Load.Files[p] = f
		}
	}
	if n := d.count(); n > 0 {
		r.Basis.Controls = make(map[string][]string, n)
		for range n {
			p := d.str()
			ids := make([]string, d.count())
			for i := range ids {
				ids[i] = d.str()
			}
			r.Basis.Controls[p] = ids
		}
	}
	if d.err == nil && d.at != len(d.b) {
		d.err = errors.New("buildcache: the record has more than it should")
	}
	if d.err != nil {
		return nil, d.err
	}
	return &r, nil
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func flags(bits ...bool) byte {
	var f byte
	for i, b := range bits {
		if b {
			f |= 1 << i
		}
	}
	return f
}

// A decoder reads a payload: numbers and fixed-size fields from b, strings
// from s, one copy of b that they all share. After the first error it
// returns zero values and keeps the error.
type decoder struct {
	b   []byte
	s   string
	at  int
	err error
}

func newDecoder(payload []byte) *decoder { return &decoder{b: payload, s: string(payload)} }

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.at:])
	if n <= 0 {
		d.err = errRecordCut
		return 0
	}
	d.at += n
	return v
}

// varint reads a signed number, zig-zag encoded as binary.AppendVarint
// does.
func (d *decoder) varint() int {
	u := d.uvarint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return int(x)
}

// count reads a number of entries, each at least a byte long.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.b)-d.at) {
		d.err = errRecordCut
		return 0
	}
	return int(n)
}

// raw returns the next n bytes, or nil.
func (d *decoder) raw(n int) []byte {
	if d.err != nil || n > len(d.b)-d.at {
		d.err = errRecordCut
		return nil
	}
	d.at += n
	return d.b[d.at-n : d.at]
}

// str reads a string: its length, then its bytes, shared with s.
func (d *decoder) str() string {
	n := d.count()
	if d.raw(n) == nil && n > 0 {
		return ""
	}
	return d.s[d.at-n : d.at]
}

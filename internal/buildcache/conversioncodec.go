package buildcache

import (
	"encoding/binary"
	"html/template"
	"unsafe"

	"github.com/trustdocs/trustdocs/internal/markdown"
)

// A chunk of conversions has a layout of its own, not gob's: read back,
// every string of a chunk (the HTML, most of its bytes) is a part of one
// copy of the chunk, not a string of its own, and nothing is looked up
// by reflection. Decoding the conversions of 10,000 policies before a
// rebuild was 0.24-0.29 s of processor time through gob.
//
// Each conversion is, in order: the file, the body's SHA-256 (32 bytes),
// the links key (8 bytes, little-endian), the HTML, the headings (a count,
// then each one's level, id and text), the ids (a count, then each), the
// links (a count, then each one's destination, line, column and whether
// it is an image) and the raw HTML (a count, then each one's line, column
// and tag). A string is its length (a uvarint) and its bytes; a number,
// a varint.

// encodeConversions encodes a chunk of conversions.
func encodeConversions(cs []conversion) ([]byte, error) {
	n := 0
	for i := range cs {
		n += 64 + len(cs[i].File) + len(cs[i].Res.HTML)
	}
	b := make([]byte, 0, n)
	for i := range cs {
		c := &cs[i]
		b = appendString(b, c.File)
		b = append(b, c.Body[:]...)
		b = binary.LittleEndian.AppendUint64(b, c.Links)
		b = appendString(b, string(c.Res.HTML))
		b = binary.AppendUvarint(b, uint64(len(c.Res.TOC)))
		for _, h := range c.Res.TOC {
			b = binary.AppendVarint(b, int64(h.Level))
			b = appendString(appendString(b, h.ID), h.Text)
		}
		b = binary.AppendUvarint(b, uint64(len(c.Res.IDs)))
		for _, id := range c.Res.IDs {
			b = appendString(b, id)
		}
		b = binary.AppendUvarint(b, uint64(len(c.Res.Links)))
		for _, l := range c.Res.Links {
			b = appendString(b, l.Dest)
			b = binary.AppendVarint(binary.AppendVarint(b, int64(l.Line)), int64(l.Col))
			b = append(b, boolByte(l.Image))
		}
		b = binary.AppendUvarint(b, uint64(len(c.Res.RawHTML)))
		for _, r := range c.Res.RawHTML {
			b = binary.AppendVarint(binary.AppendVarint(b, int64(r.Line)), int64(r.Col))
			b = appendString(b, r.Tag)
		}
	}
	return b, nil
}

func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}

// decodeConversions decodes a chunk encodeConversions made; false when
// it is not one.
func decodeConversions(body []byte) ([]conversion, bool) {
	// The strings are the chunk's own bytes, not a copy of them (copying
	// 27 MB of conversions into fresh memory was half of decoding them):
	// body is a part of what readFrames read, which nothing changes.
	d := &decoder{b: body, s: unsafe.String(unsafe.SliceData(body), len(body))}
	var out []conversion
	for d.err == nil && d.at < len(d.b) {
		var c conversion
		c.File = d.str()
		copy(c.Body[:], d.raw(len(c.Body)))
		if b := d.raw(8); b != nil {
			c.Links = binary.LittleEndian.Uint64(b)
		}
		c.Res.HTML = template.HTML(d.str())
		if n := d.count(); n > 0 {
			c.Res.TOC = make([]markdown.Heading, n)
			for j := range c.Res.TOC {
				c.Res.TOC[j] = markdown.Heading{Level: d.varint(), ID: d.str(), Text: d.str()}
			}
		}
		if n := d.count(); n > 0 {
			c.Res.IDs = make([]string, n)
			for j := range c.Res.IDs {
				c.Res.IDs[j] = d.str()
			}
		}
		if n := d.count(); n > 0 {
			c.Res.Links = make([]markdown.Link, n)
			for j := range c.Res.Links {
				c.Res.Links[j] = markdown.Link{Dest: d.str(), Line: d.varint(), Col: d.varint()}
				if b := d.raw(1); b != nil {
					c.Res.Links[j].Image = b[0] == 1
				}
			}
		}
		if n := d.count(); n > 0 {
			c.Res.RawHTML = make([]markdown.Raw, n)
			for j := range c.Res.RawHTML {
				c.Res.RawHTML[j] = markdown.Raw{Place: markdown.Place{Line: d.varint(), Col: d.varint()}, Tag: d.str()}
			}
		}
		out = append(out, c)
	}
	return out, d.err == nil
}

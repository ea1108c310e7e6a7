package depparse

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
)

// The model file is gzip-compressed binary: a magic line, the vocabulary,
// tags and labels as length-prefixed strings, then the transition rows and
// the label and tagger rows, keys ascending and delta-coded, weights as
// quantised 16-bit integers, all integers as varints. The same model gives the
// same bytes.
const magic = "polgraph-depparse 2\n"

// WriteTo writes the model in its compressed binary form.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	var b []byte
	b = append(b, magic...)
	for _, list := range [][]string{m.words, m.tags, m.xpos, m.labels} {
		b = binary.AppendUvarint(b, uint64(len(list)))
		for _, s := range list {
			b = binary.AppendUvarint(b, uint64(len(s)))
			b = append(b, s...)
		}
	}
	rows := m.act.sorted()
	b = binary.AppendUvarint(b, uint64(len(rows)))
	var prev uint64
	for _, r := range rows {
		b = binary.AppendUvarint(b, r.key-prev)
		prev = r.key
		for _, v := range r.w {
			b = binary.AppendVarint(b, int64(v))
		}
	}
	b = appendSparse(b, m.lab)
	b = appendSparse(b, m.tagger)
	var entries int
	for _, t := range m.dict {
		if t > 0 {
			entries++
		}
	}
	b = binary.AppendUvarint(b, uint64(entries))
	prevWord := -1
	for k, t := range m.dict {
		if t > 0 {
			b = binary.AppendUvarint(b, uint64(k-prevWord))
			b = append(b, t)
			prevWord = k
		}
	}
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	if _, err := zw.Write(b); err != nil {
		return cw.n, fmt.Errorf("write model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return cw.n, fmt.Errorf("write model: %w", err)
	}
	return cw.n, nil
}

// appendSparse writes a sparse table: the row count, then per row the key
// delta, the entry count and the entries (class byte, weight varint).
func appendSparse(b []byte, t *sparseTable) []byte {
	rows := t.idx.sorted()
	b = binary.AppendUvarint(b, uint64(len(rows)))
	var prev uint64
	for _, r := range rows {
		b = binary.AppendUvarint(b, r.key-prev)
		prev = r.key
		b = binary.AppendUvarint(b, uint64(r.hi-r.lo))
		for _, e := range t.e[r.lo:r.hi] {
			b = append(b, byte(e>>16))
			b = binary.AppendVarint(b, int64(int16(e)))
		}
	}
	return b
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

var errCorrupt = errors.New("corrupt model")

// Load reads a model written by WriteTo.
func Load(r io.Reader) (*Model, error) {
	gz, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	return loadBytes(gz)
}

// loadBytes decodes a compressed model, decompressing into one buffer of the
// size the gzip trailer gives (when it is plausible), to keep the peak memory
// of loading near the model's own.
func loadBytes(gz []byte) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	var buf bytes.Buffer
	if len(gz) >= 4 {
		if size := int(binary.LittleEndian.Uint32(gz[len(gz)-4:])); size > 0 && size < 64*len(gz) {
			buf.Grow(size + 1)
		}
	}
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	m, err := decode(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	return m, nil
}

// decoder reads the uncompressed model; the first error sticks.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) byte() byte {
	if d.err != nil {
		return 0
	}
	if len(d.b) == 0 {
		d.err = errCorrupt
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) bytes(n int) []byte {
	if d.err != nil {
		return nil
	}
	if len(d.b) < n {
		d.err = errCorrupt
		return nil
	}
	out := d.b[:n]
	d.b = d.b[n:]
	return out
}

func (d *decoder) count(limit int) int {
	v := d.uvarint()
	if d.err == nil && v > uint64(limit) {
		d.err = errCorrupt
	}
	return int(v)
}

// int16 reads a quantised weight.
func (d *decoder) int16() int16 {
	v := d.varint()
	if d.err == nil && (v < -32767 || v > 32767) {
		d.err = errCorrupt
	}
	return int16(v)
}

func decode(raw []byte) (*Model, error) {
	if !bytes.HasPrefix(raw, []byte(magic)) {
		return nil, fmt.Errorf("not a depparse model: %w", errCorrupt)
	}
	d := &decoder{b: raw[len(magic):]}
	limit := len(raw)
	var lists [4][]string
	for i := range lists {
		n := d.count(limit)
		for range n {
			buf := d.bytes(d.count(limit))
			if d.err != nil {
				break
			}
			lists[i] = append(lists[i], string(buf))
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	if len(lists[3]) < 2 || len(lists[3]) > 255 || !slices.Contains(lists[3], "root") || len(lists[2]) == 0 || len(lists[2]) > 255 {
		return nil, fmt.Errorf("tags or labels: %w", errCorrupt)
	}
	m := newModel(lists[0], lists[1], lists[2], lists[3])
	n := d.count(limit)
	m.act = newActTable(n)
	var k uint64
	for range n {
		delta := d.uvarint()
		var w [nActions]int16
		for a := range nActions {
			w[a] = d.int16()
		}
		if d.err != nil {
			return nil, d.err
		}
		if delta == 0 {
			return nil, fmt.Errorf("keys out of order: %w", errCorrupt)
		}
		k += delta
		m.act.put(k, w)
	}
	var err error
	if m.lab, err = d.sparse(limit, len(m.labels)); err != nil {
		return nil, err
	}
	if m.tagger, err = d.sparse(limit, len(m.xpos)); err != nil {
		return nil, err
	}
	m.dict = make([]uint8, len(m.words))
	word := -1
	for range d.count(len(m.words)) {
		word += int(min(d.uvarint(), uint64(len(m.words)+1)))
		t := d.byte()
		if d.err != nil || word < 0 || word >= len(m.dict) || int(t) > len(m.xpos) {
			return nil, fmt.Errorf("tag dictionary: %w", errCorrupt)
		}
		m.dict[word] = t
	}
	if d.err != nil {
		return nil, d.err
	}
	if len(d.b) > 0 {
		return nil, fmt.Errorf("trailing bytes: %w", errCorrupt)
	}
	return m, nil
}

func (d *decoder) sparse(limit, classes int) (*sparseTable, error) {
	n := d.count(limit)
	t := &sparseTable{idx: newRowIndex(n)}
	var k uint64
	for range n {
		delta := d.uvarint()
		if d.err == nil && delta == 0 {
			return nil, fmt.Errorf("keys out of order: %w", errCorrupt)
		}
		k += delta
		lo := int32(len(t.e))
		c := d.count(classes)
		for range c {
			cls := d.byte()
			q := d.int16()
			if int(cls) >= classes {
				return nil, errCorrupt
			}
			t.e = append(t.e, entry(int(cls), q))
		}
		if d.err != nil {
			return nil, d.err
		}
		t.idx.put(k, lo, int32(len(t.e)))
	}
	return t, d.err
}

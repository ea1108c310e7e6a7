package depparse

import (
	"math"
)

// sparseTable holds a trained classifier's weights for many classes: a
// feature's row is entries e[lo:hi], each a class (high 16 bits) and a
// quantised weight (low 16 bits, signed). Scores are sums of the quantised
// weights: one scale for the whole table does not change the best class.
type sparseTable struct {
	idx rowIndex
	e   []uint32
}

func entry(class int, q int16) uint32 { return uint32(class)<<16 | uint32(uint16(q)) }

func (t *sparseTable) scores(keys []uint64, out []int32) {
	clear(out)
	for _, k := range keys {
		if r := t.idx.get(k); r != nil {
			for _, e := range t.e[r.lo:r.hi] {
				out[e>>16] += int32(int16(e))
			}
		}
	}
}

// denseTable is a perceptron being trained: dense rows of n classes, the
// running weights w and the sums u of step*update for averaging.
type denseTable struct {
	n     int
	idx   map[uint64]int32
	w     []float32
	u     []float64
	steps float64 // decisions so far, plus one
}

func newDenseTable(n int) *denseTable {
	return &denseTable{n: n, idx: map[uint64]int32{}, steps: 1}
}

func (t *denseTable) scores(keys []uint64, out []float32) {
	clear(out)
	for _, k := range keys {
		if r, ok := t.idx[k]; ok {
			for c, w := range t.w[int(r)*t.n : int(r+1)*t.n] {
				out[c] += w
			}
		}
	}
}

func (t *denseTable) update(keys []uint64, good, bad int) {
	for _, k := range keys {
		r, ok := t.idx[k]
		if !ok {
			r = int32(len(t.idx))
			t.idx[k] = r
			t.w = append(t.w, make([]float32, t.n)...)
			t.u = append(t.u, make([]float64, t.n)...)
		}
		i := int(r) * t.n
		t.w[i+good]++
		t.u[i+good] += t.steps
		t.w[i+bad]--
		t.u[i+bad] -= t.steps
	}
}

// sparse returns the averaged weights, those smaller than prune in magnitude
// dropped and the rest quantised to 16 bits.
func (t *denseTable) sparse(prune float64) *sparseTable {
	keys := sortedMapKeys(t.idx)
	avg := func(i int) float64 { return float64(t.w[i]) - t.u[i]/t.steps }
	maxAbs := 0.0
	for i := range t.w {
		maxAbs = max(maxAbs, math.Abs(avg(i)))
	}
	scale := quantScale(maxAbs)
	s := &sparseTable{}
	type row struct {
		k      uint64
		lo, hi int32
	}
	var rows []row
	for _, k := range keys {
		i := int(t.idx[k]) * t.n
		start := len(s.e)
		for c := range t.n {
			v := avg(i + c)
			if math.Abs(v) < prune {
				continue
			}
			if q := quantise(v, scale); q != 0 {
				s.e = append(s.e, entry(c, q))
			}
		}
		if len(s.e) > start {
			rows = append(rows, row{k, int32(start), int32(len(s.e))})
		}
	}
	s.idx = newRowIndex(len(rows))
	for _, r := range rows {
		s.idx.put(r.k, r.lo, r.hi)
	}
	return s
}

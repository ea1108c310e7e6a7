package depparse

// Transitions of the arc-hybrid system (Kuhlmann et al. 2011). The buffer
// holds the words left to right and, last, an artificial root; a tree is
// complete when only the root is left and the stack is empty.
const (
	shift = iota // push the buffer's front onto the stack
	left         // pop S0 and attach it to the buffer's front N0
	right        // pop S0 and attach it to S1
	nActions
)

// state is one sentence being parsed: the configuration, the children found
// so far, and the encoded tokens. Index n is the root, n+1 "no token".
type state struct {
	n      int
	stack  []int32
	b      int32
	heads  []int32 // -1 until attached; n for the root
	labels []uint8 // label id + 1
	l1, l2 []int32 // leftmost and second leftmost child
	r1, r2 []int32 // rightmost and second rightmost child
	nl, nr []uint8 // left and right valency
	lset   []uint64
	rset   []uint64
	// encoded tokens
	w, t, suf, shp, pre  []uint32
	pt, suf1, suf2, pre1 []uint32 // input tag; more affixes for the tagger
	wc                   []uint32 // the word as written, hashed
	keys                 []uint64
	norm, shape          []byte
}

func (s *state) reset(n int) {
	s.n = n
	m := n + 2
	grow := func(x []int32) []int32 {
		if cap(x) < m {
			return make([]int32, m)
		}
		return x[:m]
	}
	grow32 := func(x []uint32) []uint32 {
		if cap(x) < m {
			return make([]uint32, m)
		}
		return x[:m]
	}
	grow8 := func(x []uint8) []uint8 {
		if cap(x) < m {
			return make([]uint8, m)
		}
		return x[:m]
	}
	grow64 := func(x []uint64) []uint64 {
		if cap(x) < m {
			return make([]uint64, m)
		}
		return x[:m]
	}
	s.heads, s.l1, s.l2, s.r1, s.r2 = grow(s.heads), grow(s.l1), grow(s.l2), grow(s.r1), grow(s.r2)
	s.labels, s.nl, s.nr = grow8(s.labels), grow8(s.nl), grow8(s.nr)
	s.lset, s.rset = grow64(s.lset), grow64(s.rset)
	s.w, s.t, s.suf, s.shp, s.pre = grow32(s.w), grow32(s.t), grow32(s.suf), grow32(s.shp), grow32(s.pre)
	s.pt, s.suf1, s.suf2, s.pre1 = grow32(s.pt), grow32(s.suf1), grow32(s.suf2), grow32(s.pre1)
	s.wc = grow32(s.wc)
	none := int32(n + 1)
	for i := range m {
		s.heads[i] = -1
		s.labels[i] = 0
		s.l1[i], s.l2[i], s.r1[i], s.r2[i] = none, none, none, none
		s.nl[i], s.nr[i] = 0, 0
		s.lset[i], s.rset[i] = 0, 0
	}
	s.stack = s.stack[:0]
	s.b = 0
	for _, x := range [][]uint32{s.w, s.t, s.suf, s.shp, s.pre, s.pt, s.suf1, s.suf2, s.pre1, s.wc} {
		x[n], x[n+1] = idRoot, idNone
	}
}

func (s *state) done() bool { return int(s.b) == s.n && len(s.stack) == 0 }

func (s *state) valid(a int) bool {
	switch a {
	case shift:
		return int(s.b) < s.n
	case left:
		// Only one word may attach to the root: with the root at the front,
		// reduce the stack to one word first.
		return len(s.stack) >= 1 && (int(s.b) < s.n || len(s.stack) == 1)
	case right:
		return len(s.stack) >= 2
	}
	return false
}

// arc returns the head and dependent of an arc transition.
func (s *state) arc(a int) (h, d int32) {
	d = s.stack[len(s.stack)-1]
	if a == left {
		return s.b, d
	}
	return s.stack[len(s.stack)-2], d
}

// apply performs a transition; for arcs, lab is the label id (0-based) and
// univ its universal relation's bit.
func (s *state) apply(a int, lab int, univ uint8) {
	switch a {
	case shift:
		s.stack = append(s.stack, s.b)
		s.b++
		return
	}
	h, d := s.arc(a)
	s.stack = s.stack[:len(s.stack)-1]
	s.heads[d] = h
	s.labels[d] = uint8(lab + 1)
	if a == left {
		s.l2[h] = s.l1[h]
		s.l1[h] = d
		s.nl[h]++
		s.lset[h] |= 1 << (univ & 63)
	} else {
		s.r2[h] = s.r1[h]
		s.r1[h] = d
		s.nr[h]++
		s.rset[h] |= 1 << (univ & 63)
	}
}

// costs fills the number of gold arcs each transition would make
// unreachable (Goldberg & Nivre 2013); gold heads use n for the root.
func (s *state) costs(gold []int32, out *[nActions]int) {
	n := int32(s.n)
	for a := range out {
		out[a] = 0
	}
	b := s.b
	if len(s.stack) > 0 {
		s0 := s.stack[len(s.stack)-1]
		var s1 int32 = -1
		if len(s.stack) > 1 {
			s1 = s.stack[len(s.stack)-2]
		}
		deps := 0 // dependents of S0 still in the buffer
		for d := b; d < n; d++ {
			if gold[d] == s0 {
				deps++
			}
		}
		g := gold[s0]
		out[left] = deps
		if g != b && (g == s1 || g > b) {
			out[left]++
		}
		out[right] = deps
		if g >= b {
			out[right]++
		}
	}
	if b < n {
		c := 0
		for k, x := range s.stack {
			if gold[x] == b {
				c++
			}
			if gold[b] == x && k != len(s.stack)-1 {
				c++
			}
		}
		out[shift] = c
	}
}

// minCost returns the least cost of a valid transition: 0 on a path to the
// gold tree, and after a mistake usually 0 too, but when the root is at the
// front of the buffer only one word may attach to it, and every transition
// can cost an arc.
func minCost(s *state, costs *[nActions]int) int {
	least := -1
	for a := range nActions {
		if s.valid(a) && (least < 0 || costs[a] < least) {
			least = costs[a]
		}
	}
	return least
}

// actionFeatures fills s.keys with the transition features of the state.
func (s *state) actionFeatures() []uint64 {
	none := int32(s.n + 1)
	at := func(k int) int32 {
		if k < len(s.stack) {
			return s.stack[len(s.stack)-1-k]
		}
		return none
	}
	s0, s1, s2 := at(0), at(1), at(2)
	n0 := s.b
	n1, n2 := none, none
	if n0+1 <= int32(s.n) {
		n1 = n0 + 1
	}
	if n0+2 <= int32(s.n) {
		n2 = n0 + 2
	}
	w, t := s.w, s.t
	lab := func(i int32) uint32 { return uint32(s.labels[i]) }
	s0L, s0L2, s0R, s0R2 := s.l1[s0], s.l2[s0], s.r1[s0], s.r2[s0]
	n0L, n0L2 := s.l1[n0], s.l2[n0]
	s1L, s1R := s.l1[s1], s.r1[s1]

	k := s.keys[:0]
	k = append(k, key(fBias, 0, 0, 0),
		key(fS0w, w[s0], 0, 0), key(fS0t, t[s0], 0, 0), key(fS0wt, w[s0], t[s0], 0),
		key(fS1w, w[s1], 0, 0), key(fS1t, t[s1], 0, 0), key(fS1wt, w[s1], t[s1], 0),
		key(fS2w, w[s2], 0, 0), key(fS2t, t[s2], 0, 0), key(fS2wt, w[s2], t[s2], 0),
		key(fN0w, w[n0], 0, 0), key(fN0t, t[n0], 0, 0), key(fN0wt, w[n0], t[n0], 0),
		key(fN1w, w[n1], 0, 0), key(fN1t, t[n1], 0, 0), key(fN1wt, w[n1], t[n1], 0),
		key(fN2w, w[n2], 0, 0), key(fN2t, t[n2], 0, 0), key(fN2wt, w[n2], t[n2], 0),
	)
	for p, c := range [...]int32{s0L, s0L2, s0R, s0R2, n0L, n0L2, s1L, s1R} {
		k = append(k, key(fChildW, uint32(p), w[c], 0), key(fChildT, uint32(p), t[c], 0), key(fChildLab, uint32(p), lab(c), 0))
	}
	k = append(k,
		key(fS0wtN0wt, w[s0], w[n0], pair(t[s0], t[n0])),
		key(fS0wtN0w, w[s0], w[n0], t[s0]),
		key(fS0wN0wt, w[s0], w[n0], t[n0]),
		key(fS0wtN0t, w[s0], t[s0], t[n0]),
		key(fS0tN0wt, w[n0], t[n0], t[s0]),
		key(fS0wN0w, w[s0], w[n0], 0),
		key(fS0tN0t, t[s0], t[n0], 0),
		key(fN0tN1t, t[n0], t[n1], 0),
		key(fS1wS0w, w[s1], w[s0], 0),
		key(fS1tS0t, t[s1], t[s0], 0),
		key(fS1tS0w, t[s1], w[s0], 0),
		key(fS1wS0t, w[s1], t[s0], 0),
		key(fN0wN1w, w[n0], w[n1], 0),
		key(fN0wN1t, w[n0], t[n1], 0),
		key(fN0tN1tN2t, t[n0], t[n1], t[n2]),
		key(fS0tN0tN1t, t[s0], t[n0], t[n1]),
		key(fS1tS0tN0t, t[s1], t[s0], t[n0]),
		key(fS0tS0LtN0t, t[s0], t[s0L], t[n0]),
		key(fS0tS0RtN0t, t[s0], t[s0R], t[n0]),
		key(fS0tN0tN0Lt, t[s0], t[n0], t[n0L]),
		key(fS2tS1tS0t, t[s2], t[s1], t[s0]),
		key(fS1tS1RtS0t, t[s1], t[s1R], t[s0]),
		key(fS0tS0LtS0L2t, t[s0], t[s0L], t[s0L2]),
		key(fS0tS0RtS0R2t, t[s0], t[s0R], t[s0R2]),
		key(fN0tN0LtN0L2t, t[n0], t[n0L], t[n0L2]),
		key(fS1tS0tS0Lt, t[s1], t[s0], t[s0L]),
		key(fS1tS0tS0Rt, t[s1], t[s0], t[s0R]),
	)
	var d uint32
	if s0 != none {
		d = distBucket(int(n0 - s0))
	}
	k = append(k,
		key(fS0wDist, w[s0], d, 0), key(fS0tDist, t[s0], d, 0),
		key(fN0wDist, w[n0], d, 0), key(fN0tDist, t[n0], d, 0),
		key(fS0wN0wDist, w[s0], w[n0], d), key(fS0tN0tDist, t[s0], t[n0], d),
		key(fS0wVR, w[s0], capCount(s.nr[s0]), 0), key(fS0tVR, t[s0], capCount(s.nr[s0]), 0),
		key(fS0wVL, w[s0], capCount(s.nl[s0]), 0), key(fS0tVL, t[s0], capCount(s.nl[s0]), 0),
		key(fN0wVL, w[n0], capCount(s.nl[n0]), 0), key(fN0tVL, t[n0], capCount(s.nl[n0]), 0),
		key(fS0tLeftLabels, t[s0], hash64to20(s.lset[s0]), 0),
		key(fS0tRightLabels, t[s0], hash64to20(s.rset[s0]), 0),
		key(fN0tLeftLabels, t[n0], hash64to20(s.lset[n0]), 0),
		key(fS1tRightLabels, t[s1], hash64to20(s.rset[s1]), 0),
		key(fN0suffix, s.suf[n0], t[n0], 0), key(fS0suffix, s.suf[s0], t[s0], 0), key(fN1suffix, s.suf[n1], 0, 0),
		key(fN0shape, s.shp[n0], 0, 0), key(fS0shape, s.shp[s0], 0, 0), key(fN0prefix, s.pre[n0], 0, 0),
		key(fS0tS0Lab, t[s0], lab(s0L), lab(s0R)),
		key(fS0wN0wN0t, w[s0], w[n0], t[n1]),
		key(fS0pt, s.pt[s0], t[s0], 0), key(fN0pt, s.pt[n0], t[n0], 0),
		key(fN1pt, s.pt[n1], t[n1], 0), key(fS1pt, s.pt[s1], t[s1], 0),
	)
	// surface neighbours of S0 and N0 (the words just before and after)
	if s0 != none {
		prev, next := none, none
		if s0 > 0 {
			prev = s0 - 1
		}
		if int(s0)+1 <= s.n {
			next = s0 + 1
		}
		k = append(k, key(fS0nextT, t[s0], t[prev], t[next]))
	}
	if n0 > 0 {
		k = append(k, key(fN0prevT, t[n0], t[n0-1], t[s0]))
	}
	s.keys = k
	return k
}

// labelFeatures fills s.keys with the features for labelling the arc h -> d.
func (s *state) labelFeatures(h, d int32) []uint64 {
	none := int32(s.n + 1)
	var dir uint32
	if d > h {
		dir = 1 << 19
	}
	w, t := s.w, s.t
	lab := func(i int32) uint32 { return uint32(s.labels[i]) }
	dist := int(h - d)
	if dist < 0 {
		dist = -dist
	}
	dl1, dr1 := s.l1[d], s.r1[d]
	hl1, hr1 := s.l1[h], s.r1[h]
	nb := func(i int32) (int32, int32) {
		p, q := none, none
		if i > 0 {
			p = i - 1
		}
		if int(i)+1 < s.n {
			q = i + 1
		}
		return p, q
	}
	dp, dn := nb(d)
	hp, hn := nb(h)
	k := s.keys[:0]
	k = append(k,
		key(lBias, dir, 0, 0),
		key(lDw, dir, w[d], 0), key(lDt, dir, t[d], 0), key(lDwt, dir|t[d], w[d], 0),
		key(lHw, dir, w[h], 0), key(lHt, dir, t[h], 0), key(lHwt, dir|t[h], w[h], 0),
		key(lHwDw, dir|w[h]&0x7ffff, w[d], 0),
		key(lHtDt, dir, t[h], t[d]),
		key(lHwDt, dir|t[d], w[h], 0),
		key(lHtDw, dir|t[h], w[d], 0),
		key(lHtDtDist, dir|t[h], t[d], distBucket(dist)),
		key(lDL1w, dir, w[dl1], t[d]),
		key(lDL1tLab, dir|t[d], t[dl1], lab(dl1)),
		key(lDL1wDt, dir|t[d], w[dl1], t[h]),
		key(lDR1Lab, dir|t[d], lab(dr1), 0),
		key(lDLeftLabels, dir|t[d], hash64to20(s.lset[d]), 0),
		key(lDRightLabels, dir|t[d], hash64to20(s.rset[d]), 0),
		key(lHLeftLabels, dir|t[d], hash64to20(s.lset[h]), t[h]),
		key(lHRightLabels, dir|t[d], hash64to20(s.rset[h]), t[h]),
		key(lHL1Lab, dir|t[d], lab(hl1), t[h]),
		key(lHR1Lab, dir|t[d], lab(hr1), t[h]),
		key(lDNeighbours, dir|t[d], t[dp], t[dn]),
		key(lHNeighbours, dir|t[d], t[hp], pair(t[hn], t[h])),
		key(lDsuffix, dir|t[d], s.suf[d], 0),
		key(lDshape, dir|t[d], s.shp[d], 0),
		key(lHsuffix, dir|t[d], s.suf[h], t[h]),
		key(lDwHw2, dir|w[dl1]&0x7ffff, w[d], pair(t[h], t[d])),
		key(lDtHtHL1t, dir|t[d], t[h], pair(t[hl1], t[hr1])),
		key(lDtVal, dir|t[d], capCount(s.nl[d])<<4|capCount(s.nr[d]), t[h]),
		key(lDpt, dir|t[d], s.pt[d], t[h]),
		key(lHpt, dir|t[h], s.pt[h], t[d]),
		key(lDL2Lab, dir|t[d], lab(s.l2[d]), lab(dl1)),
		key(lHwDL1w, dir|w[h]&0x7ffff, w[dl1], t[d]),
	)
	s.keys = k
	return k
}

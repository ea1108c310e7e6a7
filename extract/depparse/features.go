package depparse

import (
	"unicode"
	"unicode/utf8"
)

// Word, tag and label ids shared by the feature templates. Unknown words are
// represented by their shape, in [shapeBase, wordBase); known words (in the
// training vocabulary after the frequency cut-off) from wordBase up.
const (
	idNone    = 1 // no token at this position
	idRoot    = 2 // the artificial root at the end of the buffer
	tagBase   = 3 // first id of a real tag
	shapeBase = 16
	wordBase  = 1 << 16
	maxIDBits = 20
	idMask    = 1<<maxIDBits - 1
)

// Feature templates. Each key packs a template number and up to three values
// (two of 20 bits and one of 16); the names say what the values are.
const (
	fBias = iota + 1
	// unigrams of the stack (S0-S2), the buffer (N0-N2) and children
	fS0w
	fS0t
	fS0wt
	fS1w
	fS1t
	fS1wt
	fS2w
	fS2t
	fS2wt
	fN0w
	fN0t
	fN0wt
	fN1w
	fN1t
	fN1wt
	fN2w
	fN2t
	fN2wt
	fChildW   // (position, word) for S0L, S0L2, S0R, S0R2, N0L, N0L2, S1L, S1R
	fChildT   // (position, tag)
	fChildLab // (position, label)
	// pairs
	fS0wtN0wt
	fS0wtN0w
	fS0wN0wt
	fS0wtN0t
	fS0tN0wt
	fS0wN0w
	fS0tN0t
	fN0tN1t
	fS1wS0w
	fS1tS0t
	fS1tS0w
	fS1wS0t
	fN0wN1w
	fN0wN1t
	// tag trigrams
	fN0tN1tN2t
	fS0tN0tN1t
	fS1tS0tN0t
	fS0tS0LtN0t
	fS0tS0RtN0t
	fS0tN0tN0Lt
	fS2tS1tS0t
	fS1tS1RtS0t
	fS0tS0LtS0L2t
	fS0tS0RtS0R2t
	fN0tN0LtN0L2t
	fS1tS0tS0Lt
	fS1tS0tS0Rt
	// distance between S0 and N0
	fS0wDist
	fS0tDist
	fN0wDist
	fN0tDist
	fS0wN0wDist
	fS0tN0tDist
	// valency
	fS0wVR
	fS0tVR
	fS0wVL
	fS0tVL
	fN0wVL
	fN0tVL
	// label sets of the children
	fS0tLeftLabels
	fS0tRightLabels
	fN0tLeftLabels
	fS1tRightLabels
	// spelling and surface neighbours
	fN0suffix
	fS0suffix
	fN1suffix
	fN0shape
	fS0shape
	fN0prefix
	fS0nextT // S0's tag and the tags of the words just before and after it
	fN0prevT // N0's tag and the tag of the word just before it
	fS0wN0wN0t
	fS0tS0Lab
	fS0pt // the input (prose) tag beside the re-tagger's
	fN0pt
	fN1pt
	fS1pt
)

// Label templates: the arc's head h and dependent d, and dir (0 when d is
// left of h). Every label key carries dir in its first value's top bits.
const (
	lBias = iota + 100
	lDw
	lDt
	lDwt
	lHw
	lHt
	lHwt
	lHwDw
	lHtDt
	lHwDt
	lHtDw
	lHtDtDist
	lDL1w // d's leftmost child: word, tag, label (the case or mark word)
	lDL1tLab
	lDL1wDt
	lDR1Lab
	lDLeftLabels
	lDRightLabels
	lHLeftLabels
	lHRightLabels
	lHL1Lab
	lHR1Lab
	lDNeighbours // tags around d
	lHNeighbours // tags around h
	lDsuffix
	lDshape
	lHsuffix
	lDwHw2 // d's and h's word with d's left child's word
	lDtHtHL1t
	lDtVal
	lDpt // the input (prose) tags beside the re-tagger's
	lHpt
	lDL2Lab
	lHwDL1w
)

func key(t int, a, b, c uint32) uint64 {
	return uint64(t)<<56 | uint64(a&idMask)<<36 | uint64(b&idMask)<<16 | uint64(c&0xffff)
}

func pair(a, b uint32) uint32 { return (a&0xff)<<8 | b&0xff }

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hash64to20 mixes a 64-bit value (a set of labels) into 20 bits.
func hash64to20(x uint64) uint32 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	return uint32(x) & idMask
}

// hashBytes hashes b after a one-byte kind tag into 20 bits (FNV-1a).
func hashBytes(kind byte, b []byte) uint32 {
	h := uint64(fnvOffset)
	h = (h ^ uint64(kind)) * fnvPrime
	for _, c := range b {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return hash64to20(h)
}

// hashString is hashBytes for a string.
func hashString(kind byte, s string) uint32 {
	h := uint64(fnvOffset)
	h = (h ^ uint64(kind)) * fnvPrime
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return hash64to20(h)
}

// normWord lower-cases w, writes digits as 0 and curly quotes as straight
// ones (prose's output), appending to buf[:0].
func normWord(buf []byte, w string) []byte {
	buf = buf[:0]
	for _, r := range w {
		switch {
		case r >= '0' && r <= '9':
			r = '0'
		case r == '\u201c' || r == '\u201d' || r == '\u201e':
			r = '"'
		case r == '\u2018' || r == '\u2019' || r == '\u201a':
			r = '\''
		default:
			r = unicode.ToLower(r)
		}
		buf = utf8.AppendRune(buf, r)
	}
	return buf
}

// appendShape appends w's shape to buf: X for upper case, x for lower, d for
// digits, other characters as they are, runs collapsed and at most 8 long
// ("McCain" -> "XxXx", "U.S." -> "X.X.", "2,000" -> "d,d").
func appendShape(buf []byte, w string) []byte {
	var last rune = -1
	n := 0
	for _, r := range w {
		c := r
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		}
		if c == last {
			continue
		}
		last = c
		buf = utf8.AppendRune(buf, c)
		if n++; n >= 8 {
			break
		}
	}
	return buf
}

// suffixOf returns the last k runes of norm; prefixOf the first k.
func suffixOf(norm []byte, k int) []byte {
	i := len(norm)
	for j := 0; j < k && i > 0; j++ {
		_, size := utf8.DecodeLastRune(norm[:i])
		i -= size
	}
	return norm[i:]
}

func prefixOf(norm []byte, k int) []byte {
	i := 0
	for j := 0; j < k && i < len(norm); j++ {
		_, size := utf8.DecodeRune(norm[i:])
		i += size
	}
	return norm[:i]
}

func distBucket(d int) uint32 {
	switch {
	case d <= 0:
		return 0
	case d <= 4:
		return uint32(d)
	case d <= 6:
		return 5
	case d <= 9:
		return 6
	case d <= 14:
		return 7
	}
	return 8
}

func capCount(c uint8) uint32 {
	if c > 6 {
		return 6
	}
	return uint32(c)
}

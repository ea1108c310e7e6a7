package depparse

// The parser re-tags its input: prose's tags (the pipeline's) are one
// feature among the words, suffixes and neighbouring tags of a greedy
// averaged-perceptron tagger trained on EWT's gold XPOS, and the parser reads
// the tags it predicts. prose tags web text much less accurately than this
// tagger, and parsing follows tag accuracy.

// Tagger feature templates.
const (
	tBias = iota + 200
	tW
	tPT
	tWPT
	tSuf1
	tSuf2
	tSuf3
	tPre1
	tPre2
	tShape
	tPrevW
	tNextW
	tPrev2W
	tNext2W
	tPrevPT
	tNextPT
	tPT3
	tP1
	tP12
	tP1W
	tNextSuf3
	tPrevSuf3
	tWNextW
	tPrevWW
	tFirstShape
	tP1PT
	tNextPTW
)

// tagFeatures fills s.keys with the features for tagging word i, p1 and p2
// being the tags predicted for the two words before it.
func (s *state) tagFeatures(i int, p1, p2 uint32) []uint64 {
	none := s.n + 1
	at := func(j int) int {
		if j < 0 || j >= s.n {
			return none
		}
		return j
	}
	w, pt := s.w, s.pt
	prev, next, prev2, next2 := at(i-1), at(i+1), at(i-2), at(i+2)
	var first uint32
	if i == 0 {
		first = 1
	}
	k := s.keys[:0]
	k = append(k,
		key(tBias, 0, 0, 0),
		key(tW, w[i], 0, 0), key(tPT, pt[i], 0, 0), key(tWPT, w[i], pt[i], 0),
		key(tSuf1, s.suf1[i], 0, 0), key(tSuf2, s.suf2[i], 0, 0), key(tSuf3, s.suf[i], 0, 0),
		key(tPre1, s.pre1[i], 0, 0), key(tPre2, s.pre[i], 0, 0), key(tShape, s.shp[i], 0, 0),
		key(tPrevW, w[prev], 0, 0), key(tNextW, w[next], 0, 0),
		key(tPrev2W, w[prev2], 0, 0), key(tNext2W, w[next2], 0, 0),
		key(tPrevPT, pt[prev], pt[i], 0), key(tNextPT, pt[i], pt[next], 0),
		key(tPT3, pt[prev], pt[i], pt[next]),
		key(tP1, p1, 0, 0), key(tP12, p1, p2, 0), key(tP1W, p1, w[i], 0),
		key(tNextSuf3, s.suf[next], 0, 0), key(tPrevSuf3, s.suf[prev], 0, 0),
		key(tWNextW, w[i], w[next], 0), key(tPrevWW, w[prev], w[i], 0),
		key(tFirstShape, first, s.shp[i], 0),
		key(tP1PT, p1, pt[i], pt[next]),
		key(tNextPTW, w[i], pt[next], pt[prev]),
	)
	s.keys = k
	return k
}

// tagScorer scores tags: the trainer's dense table or a model's sparse one.
type tagScorer interface {
	scores(keys []uint64, out []float32)
}

// retag fills s.t with the tags tg predicts, left to right.
func (s *state) retag(tg tagScorer, scores []float32) {
	p1, p2 := uint32(idNone), uint32(idNone)
	for i := range s.n {
		tg.scores(s.tagFeatures(i, p1, p2), scores)
		best := 0
		for c, v := range scores {
			if v > scores[best] {
				best = c
			}
		}
		s.t[i] = uint32(tagBase + best)
		p2, p1 = p1, s.t[i]
	}
}

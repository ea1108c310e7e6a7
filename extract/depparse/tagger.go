package depparse

import "slices"

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
	tCased // the word as written
	tPTSuf
	tPrevNextW
	tSufP1
	tNextWPT
	tPTNext2
	tPTPrev2
)

// dictTag returns the dictionary tag id + 1 of word id w, 0 if none.
func dictTag(dict []uint8, w uint32) int {
	if w >= wordBase && int(w-wordBase) < len(dict) {
		return int(dict[w-wordBase])
	}
	return 0
}

// Words seen at least dictMinCount times with one tag at least dictMinShare
// of the time are tagged by the dictionary, not the classifier (punctuation,
// most function words): faster, and as accurate.
const (
	dictMinCount = 20
	dictMinShare = 0.995
)

// buildTagDict returns the tag dictionary of the training sentences.
func (m *Model) buildTagDict(data []TrainSentence) []uint8 {
	counts := make([]map[int]int, len(m.words))
	var buf []byte
	for _, s := range data {
		for i, w := range s.Words {
			buf = normWord(buf, w)
			id, ok := m.vocab[string(buf)]
			if !ok {
				continue
			}
			t, found := slices.BinarySearch(m.xpos, s.XPOS[i])
			if !found {
				continue
			}
			k := int(id - wordBase)
			if counts[k] == nil {
				counts[k] = map[int]int{}
			}
			counts[k][t]++
		}
	}
	dict := make([]uint8, len(m.words))
	for k, c := range counts {
		total, best, bestN := 0, 0, -1
		for t, n := range c {
			total += n
			if n > bestN || (n == bestN && t < best) {
				best, bestN = t, n
			}
		}
		if total >= dictMinCount && float64(bestN) >= dictMinShare*float64(total) {
			dict[k] = uint8(best + 1)
		}
	}
	return dict
}

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
		key(tCased, s.wc[i], 0, 0),
		key(tPTSuf, s.suf[i], pt[i], 0),
		key(tPrevNextW, w[prev], w[next], 0),
		key(tSufP1, s.suf[i], p1, 0),
		key(tNextWPT, w[next], pt[next], 0),
		key(tPTNext2, pt[i], pt[next], pt[next2]),
		key(tPTPrev2, pt[prev2], pt[prev], pt[i]),
	)
	s.keys = k
	return k
}

// retag fills s.t with the tags tg predicts, left to right.
// Words in dict (by word id - wordBase, tag id + 1) take their tag from it.
func (s *state) retag(tg *sparseTable, dict []uint8, scores []int32) {
	p1, p2 := uint32(idNone), uint32(idNone)
	for i := range s.n {
		if t := dictTag(dict, s.w[i]); t > 0 {
			s.t[i] = uint32(tagBase + t - 1)
			p2, p1 = p1, s.t[i]
			continue
		}
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

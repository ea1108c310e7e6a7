package depparse

// Scores are attachment scores over all words, punctuation included (the
// CoNLL 2018 convention); LAS compares relations on their universal part.
type Scores struct {
	Words int
	UAS   float64
	LAS   float64
}

// Evaluate scores predicted trees against gold sentences, pairwise; a pair of
// different lengths counts its gold words as wrong.
func Evaluate(gold []TrainSentence, pred []Tree) Scores {
	var words, ua, la int
	for k, g := range gold {
		words += len(g.Heads)
		if k >= len(pred) || len(pred[k].Heads) != len(g.Heads) || len(pred[k].Labels) != len(g.Heads) {
			continue
		}
		p := pred[k]
		for i, h := range g.Heads {
			if p.Heads[i] == h {
				ua++
				if Universal(p.Labels[i]) == Universal(g.Labels[i]) {
					la++
				}
			}
		}
	}
	if words == 0 {
		return Scores{}
	}
	return Scores{Words: words, UAS: float64(ua) / float64(words), LAS: float64(la) / float64(words)}
}

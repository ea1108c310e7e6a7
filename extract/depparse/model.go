// Package depparse is a greedy transition-based dependency parser: the
// arc-hybrid system, an averaged perceptron over sparse features in the
// style of Zhang & Nivre (2011), trained with a dynamic oracle (Goldberg &
// Nivre 2013) on Universal Dependencies English EWT. It reads words and Penn
// Treebank tags and returns a labelled UD tree. It uses the standard library
// only; the default model is embedded (Default).
package depparse

import (
	"errors"
	"fmt"
	"math"
	"sync"
)

// MaxWords is the longest sentence Parse parses; longer ones get a flat tree
// and ErrTooLong.
const MaxWords = 250

// ErrTooLong is returned (wrapped) by Parse for a sentence of more than
// MaxWords words.
var ErrTooLong = errors.New("sentence too long to parse")

// A Model is a trained parser. Its weights are read-only after Load or
// Train, so Parse is safe for concurrent use.
type Model struct {
	words  []string // known words by id-wordBase, lower-cased and normalised
	tags   []string // input (prose) tags by id-tagBase
	xpos   []string // the tagger's tags (EWT XPOS) by id-tagBase
	labels []string // relations by id
	vocab  map[string]int32
	tagIDs map[string]int32
	univ   []uint8 // a bit number per label for the label-set features
	root   int     // the id of "root"

	act    actTable     // transition weights
	lab    *sparseTable // label weights
	tagger *sparseTable // re-tagging weights

	pool sync.Pool
}

// Labels returns the relations the model predicts, in id order.
func (m *Model) Labels() []string { return append([]string(nil), m.labels...) }

// newModel builds the vocabulary side of a model.
func newModel(words, tags, xpos, labels []string) *Model {
	m := &Model{words: words, tags: tags, xpos: xpos, labels: labels,
		vocab: make(map[string]int32, len(words)), tagIDs: make(map[string]int32, len(tags)), root: -1}
	for i, w := range words {
		m.vocab[w] = int32(wordBase + i)
	}
	for i, t := range tags {
		m.tagIDs[t] = int32(tagBase + i)
	}
	univ := map[string]uint8{}
	for i, l := range labels {
		u := Universal(l)
		if _, ok := univ[u]; !ok {
			univ[u] = uint8(len(univ) % 64)
		}
		m.univ = append(m.univ, univ[u])
		if l == "root" {
			m.root = i
		}
	}
	return m
}

// encodeWords fills the word, affix and input tag ids of st for s.
func (m *Model) encodeWords(st *state, s Sentence) {
	n := len(s.Words)
	st.reset(n)
	for i, word := range s.Words {
		st.norm = normWord(st.norm, word)
		st.shape = appendShape(st.shape[:0], word)
		if id, ok := m.vocab[string(st.norm)]; ok {
			st.w[i] = uint32(id)
		} else {
			st.w[i] = shapeBase + hashBytes('w', st.shape)%(wordBase-shapeBase)
		}
		st.pt[i] = uint32(m.tagIDs[s.Tags[i]])
		st.suf[i] = hashBytes('s', suffixOf(st.norm, 3))
		st.suf1[i] = hashBytes('s', suffixOf(st.norm, 1))
		st.suf2[i] = hashBytes('s', suffixOf(st.norm, 2))
		st.pre[i] = hashBytes('p', prefixOf(st.norm, 2))
		st.pre1[i] = hashBytes('p', prefixOf(st.norm, 1))
		st.shp[i] = hashBytes('h', st.shape)
	}
}

// scorer is what a parse needs from weights: the trainer's or a Model's.
type scorer interface {
	actionScores(keys []uint64, out *[nActions]float32)
	labelScores(keys []uint64, out []float32)
}

func (m *Model) actionScores(keys []uint64, out *[nActions]float32) {
	*out = [nActions]float32{}
	for _, k := range keys {
		if s := m.act.get(k); s != nil {
			w := &s.w
			out[0] += w[0]
			out[1] += w[1]
			out[2] += w[2]
		}
	}
}

func (m *Model) labelScores(keys []uint64, out []float32) { m.lab.scores(keys, out) }

// bestAction returns the highest-scoring valid transition.
func bestAction(st *state, sc *[nActions]float32) int {
	best, bestScore := -1, float32(math.Inf(-1))
	for a := range nActions {
		if st.valid(a) && (best < 0 || sc[a] > bestScore) {
			best, bestScore = a, sc[a]
		}
	}
	return best
}

// bestLabel returns the highest-scoring label other than root.
func bestLabel(scores []float32, root int) int {
	best := -1
	for l, v := range scores {
		if l != root && (best < 0 || v > scores[best]) {
			best = l
		}
	}
	return best
}

// parseWith runs a greedy parse of the encoded sentence in st.
func parseWith(st *state, sc scorer, root int, univ []uint8, labScores []float32) {
	var scores [nActions]float32
	for !st.done() {
		sc.actionScores(st.actionFeatures(), &scores)
		a := bestAction(st, &scores)
		lab := root
		if a != shift {
			if h, d := st.arc(a); int(h) != st.n {
				sc.labelScores(st.labelFeatures(h, d), labScores)
				lab = bestLabel(labScores, root)
			}
		}
		st.apply(a, lab, univ[lab])
	}
}

type parseBuf struct {
	st        state
	labScores []float32
	tagScores []float32
}

// Parse parses one sentence: len(s.Tags) must equal len(s.Words). The tree
// is projective with exactly one root. A sentence of more than MaxWords words
// gets a flat tree (the first word the root, the others its "dep") and an
// error wrapping ErrTooLong. Parse allocates only the returned tree.
func (m *Model) Parse(s Sentence) (Tree, error) {
	n := len(s.Words)
	if len(s.Tags) != n {
		return Tree{}, fmt.Errorf("parse: %d words but %d tags", n, len(s.Tags))
	}
	if n == 0 {
		return Tree{Words: s.Words}, nil
	}
	if n > MaxWords {
		t := Tree{Words: s.Words, Tags: s.Tags, Heads: make([]int, n), Labels: make([]string, n)}
		t.Heads[0], t.Labels[0] = -1, "root"
		for i := 1; i < n; i++ {
			t.Labels[i] = "dep"
		}
		return t, fmt.Errorf("parse %d words (at most %d): %w", n, MaxWords, ErrTooLong)
	}
	pb, _ := m.pool.Get().(*parseBuf)
	if pb == nil {
		pb = &parseBuf{labScores: make([]float32, len(m.labels)), tagScores: make([]float32, len(m.xpos))}
	}
	m.encodeWords(&pb.st, s)
	pb.st.retag(m.tagger, pb.tagScores)
	parseWith(&pb.st, m, m.root, m.univ, pb.labScores)
	t := Tree{Words: s.Words, Tags: make([]string, n), Heads: make([]int, n), Labels: make([]string, n)}
	for i := range n {
		t.Tags[i] = m.xpos[pb.st.t[i]-tagBase]
		h := int(pb.st.heads[i])
		if h == n {
			h = -1
		}
		t.Heads[i] = h
		t.Labels[i] = m.labels[pb.st.labels[i]-1]
	}
	m.pool.Put(pb)
	return t, nil
}

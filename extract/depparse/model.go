package depparse

import (
	"errors"
	"fmt"
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
	dict   []uint8      // tag id + 1 by word id - wordBase, 0 for the tagger to decide

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
		st.wc[i] = hashString('c', word)
	}
}

func (m *Model) actionScores(keys []uint64, out *[nActions]int32) {
	*out = [nActions]int32{}
	for _, k := range keys {
		if s := m.act.get(k); s != nil {
			out[0] += int32(s.w[0])
			out[1] += int32(s.w[1])
			out[2] += int32(s.w[2])
		}
	}
}

// bestAction returns the highest-scoring valid transition.
func bestAction[T int32 | float32](st *state, sc *[nActions]T) int {
	best := -1
	for a := range nActions {
		if st.valid(a) && (best < 0 || sc[a] > sc[best]) {
			best = a
		}
	}
	return best
}

// bestLabel returns the highest-scoring label other than root.
func bestLabel[T int32 | float32](scores []T, root int) int {
	best := -1
	for l, v := range scores {
		if l != root && (best < 0 || v > scores[best]) {
			best = l
		}
	}
	return best
}

// parse runs a greedy parse of the encoded and tagged sentence in st.
func (m *Model) parse(st *state, labScores []int32) {
	var scores [nActions]int32
	for !st.done() {
		m.actionScores(st.actionFeatures(), &scores)
		a := bestAction(st, &scores)
		lab := m.root
		if a != shift {
			if h, d := st.arc(a); int(h) != st.n {
				m.lab.scores(st.labelFeatures(h, d), labScores)
				lab = bestLabel(labScores, m.root)
			}
		}
		st.apply(a, lab, m.univ[lab])
	}
}

type parseBuf struct {
	st        state
	labScores []int32
	tagScores []int32
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
		pb = &parseBuf{labScores: make([]int32, len(m.labels)), tagScores: make([]int32, len(m.xpos))}
	}
	m.encodeWords(&pb.st, s)
	pb.st.retag(m.tagger, m.dict, pb.tagScores)
	m.parse(&pb.st, pb.labScores)
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

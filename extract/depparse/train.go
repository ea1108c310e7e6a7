package depparse

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// Options control Train. Zero values take the defaults.
type Options struct {
	Epochs       int     // passes over the training set (default 12); the best on dev is kept
	Seed         uint64  // shuffling and exploration seed (default 1)
	Explore      float64 // probability of following a wrong prediction after epoch 1 (default 0.9)
	WordMinCount int     // words seen fewer times are represented by their shape (default 2)
	Prune        float64 // averaged weights smaller in magnitude are dropped (default 0.5)
	// PruneTransitions drops the transition features whose weights are all
	// smaller than this fraction of the table's largest (default 0.02; on EWT
	// it halves the table at no cost in accuracy).
	PruneTransitions float64
	TagEpochs        int // passes of the re-tagger (default 6)
	TagFolds         int // folds for jackknifing the training tags (default 5)
	// Logf, if not nil, receives one line per epoch.
	Logf func(format string, args ...any)
}

// EpochFigures are the dev scores after one epoch.
type EpochFigures struct {
	Epoch   int
	Dev     Scores
	Seconds float64 // training time of the epoch
}

// Figures describe a training run.
type Figures struct {
	Sentences     int // training sentences used
	Projectivised int // of which were non-projective and lifted
	Epochs        []EpochFigures
	Best          int     // the epoch whose model was kept
	TagAccuracy   float64 // the re-tagger's accuracy on dev XPOS
	JackknifeAcc  float64 // its accuracy on the training sentences, jackknifed
	Features      int     // feature rows of the kept model: transitions, relations and tagger
}

// Train trains a model on train, evaluating on dev after each epoch and
// keeping the best epoch's averaged weights (the last epoch if dev is empty).
// Non-projective training trees are projectivised by lifting arcs. Training
// is deterministic: the same input and options give the same model.
func Train(train, dev []TrainSentence, opts Options) (*Model, Figures, error) {
	if opts.Epochs <= 0 {
		opts.Epochs = 12
	}
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	if opts.Explore == 0 {
		opts.Explore = 0.9
	}
	if opts.WordMinCount <= 0 {
		opts.WordMinCount = 2
	}
	if opts.Prune == 0 {
		opts.Prune = 0.5
	}
	if opts.PruneTransitions == 0 {
		opts.PruneTransitions = 0.02
	}
	if opts.TagEpochs <= 0 {
		opts.TagEpochs = 6
	}
	if opts.TagFolds <= 1 {
		opts.TagFolds = 5
	}
	var fig Figures
	var data []TrainSentence
	for _, s := range train {
		if len(s.Words) == 0 || len(s.Words) > MaxWords || len(s.Tags) != len(s.Words) || len(s.Heads) != len(s.Words) || len(s.Labels) != len(s.Words) {
			continue
		}
		if len(s.XPOS) != len(s.Words) {
			s.XPOS = s.Tags
		}
		heads, lifted := projectivise(s.Heads)
		if lifted {
			fig.Projectivised++
			s.Heads = heads
		}
		data = append(data, s)
	}
	if len(data) == 0 {
		return nil, fig, fmt.Errorf("train: no usable sentences among %d", len(train))
	}
	fig.Sentences = len(data)
	tr := newTrainer(data, opts.WordMinCount)
	tr.m.dict = tr.m.buildTagDict(data)
	rng := rand.New(rand.NewPCG(opts.Seed, 0x9e3779b97f4a7c15))

	// Tags for training the parser are predicted by a tagger that has not
	// seen the sentence (jackknifing), so they are as good as at run time.
	tr.tags = make([][]uint32, len(data))
	fold := make([]int, len(data))
	for i := range fold {
		fold[i] = rng.IntN(opts.TagFolds)
	}
	ok, all := 0, 0
	for f := range opts.TagFolds {
		var in []int
		for i := range data {
			if fold[i] != f {
				in = append(in, i)
			}
		}
		tg := tr.trainTagger(data, in, opts.TagEpochs, rng).sparse(opts.Prune)
		for i := range data {
			if fold[i] == f {
				tr.tags[i] = tr.tagWith(tg, data[i])
				for j, id := range tr.tags[i] {
					if tr.m.xpos[id-tagBase] == data[i].XPOS[j] {
						ok++
					}
					all++
				}
			}
		}
	}
	fig.JackknifeAcc = float64(ok) / float64(all)
	every := make([]int, len(data))
	for i := range every {
		every[i] = i
	}
	tr.m.tagger = tr.trainTagger(data, every, opts.TagEpochs, rng).sparse(opts.Prune)
	if len(dev) > 0 {
		fig.TagAccuracy = tr.tagAccuracy(dev)
	}
	if opts.Logf != nil {
		opts.Logf("re-tagger: %.4f jackknifed on train, %.4f on dev", fig.JackknifeAcc, fig.TagAccuracy)
	}
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	var best *Model
	bestLAS := -1.0
	for ep := 1; ep <= opts.Epochs; ep++ {
		start := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			tr.learn(data[k], tr.tags[k], ep > 1, opts.Explore, rng)
		}
		secs := time.Since(start).Seconds()
		m := tr.model(opts.Prune, opts.PruneTransitions)
		ef := EpochFigures{Epoch: ep, Seconds: secs}
		if len(dev) > 0 {
			ef.Dev = Evaluate(dev, m.ParseAll(dev))
		}
		fig.Epochs = append(fig.Epochs, ef)
		if opts.Logf != nil {
			opts.Logf("epoch %d: dev UAS %.4f LAS %.4f, %.1fs, %d features", ep, ef.Dev.UAS, ef.Dev.LAS, secs, m.numFeatures())
		}
		if len(dev) == 0 || ef.Dev.LAS > bestLAS {
			best, bestLAS, fig.Best = m, ef.Dev.LAS, ep
		}
	}
	fig.Features = best.numFeatures()
	return best, fig, nil
}

// ParseAll parses the sentences of a treebank with their own tags; a
// sentence that fails to parse gets an empty tree.
func (m *Model) ParseAll(sents []TrainSentence) []Tree {
	out := make([]Tree, len(sents))
	for i, s := range sents {
		t, err := m.Parse(s.Sentence())
		if err == nil {
			out[i] = t
		}
	}
	return out
}

func (m *Model) numFeatures() int { return m.act.n + m.lab.idx.n + m.tagger.idx.n }

// trainer holds the weights being trained.
type trainer struct {
	m      *Model // vocabulary and the final re-tagger
	actIdx map[uint64]int32
	actW   []float32 // running transition weights, nActions per row
	actU   []float64 // sums of step*update, for averaging
	steps  float64   // transition decisions so far, plus one
	lab    *denseTable
	tags   [][]uint32 // jackknifed tags of the training sentences

	st        state
	gold      []int32
	goldLab   []int
	labScores []float32
	tagScores []float32
	tagInts   []int32
}

func newTrainer(data []TrainSentence, minCount int) *trainer {
	counts := map[string]int{}
	tagSet := map[string]bool{}
	xposSet := map[string]bool{}
	labSet := map[string]bool{"root": true}
	var buf []byte
	for _, s := range data {
		for i, w := range s.Words {
			buf = normWord(buf, w)
			counts[string(buf)]++
			tagSet[s.Tags[i]] = true
			xposSet[s.XPOS[i]] = true
			labSet[s.Labels[i]] = true
		}
	}
	var words []string
	for w, c := range counts {
		if c >= minCount {
			words = append(words, w)
		}
	}
	slices.SortFunc(words, func(a, b string) int {
		if c := cmp.Compare(counts[b], counts[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	if len(words) > idMask>>1-wordBase {
		words = words[:idMask>>1-wordBase]
	}
	xpos := sortedKeys(xposSet)
	if len(xpos) > 250 {
		xpos = xpos[:250]
	}
	labels := sortedKeys(labSet)
	if len(labels) > 250 {
		labels = labels[:250]
	}
	m := newModel(words, sortedKeys(tagSet), xpos, labels)
	return &trainer{m: m, actIdx: map[uint64]int32{}, lab: newDenseTable(len(labels)), steps: 1,
		labScores: make([]float32, len(labels)), tagScores: make([]float32, len(xpos)), tagInts: make([]int32, len(xpos))}
}

func sortedKeys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func (tr *trainer) actionScores(keys []uint64, out *[nActions]float32) {
	*out = [nActions]float32{}
	for _, k := range keys {
		if r, ok := tr.actIdx[k]; ok {
			w := tr.actW[int(r)*nActions : int(r)*nActions+nActions]
			out[0] += w[0]
			out[1] += w[1]
			out[2] += w[2]
		}
	}
}

func (tr *trainer) labelScores(keys []uint64, out []float32) { tr.lab.scores(keys, out) }

func (tr *trainer) updateAction(keys []uint64, good, bad int) {
	for _, k := range keys {
		r, ok := tr.actIdx[k]
		if !ok {
			r = int32(len(tr.actIdx))
			tr.actIdx[k] = r
			tr.actW = append(tr.actW, 0, 0, 0)
			tr.actU = append(tr.actU, 0, 0, 0)
		}
		i := int(r) * nActions
		tr.actW[i+good]++
		tr.actU[i+good] += tr.steps
		tr.actW[i+bad]--
		tr.actU[i+bad] -= tr.steps
	}
}

// trainTagger trains a re-tagger on the sentences data[i] for i in use.
func (tr *trainer) trainTagger(data []TrainSentence, use []int, epochs int, rng *rand.Rand) *denseTable {
	m := tr.m
	tg := newDenseTable(len(m.xpos))
	order := append([]int(nil), use...)
	st := &tr.st
	for range epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			s := data[k]
			m.encodeWords(st, s.Sentence())
			p1, p2 := uint32(idNone), uint32(idNone)
			for i := range s.Words {
				if t := dictTag(m.dict, st.w[i]); t > 0 {
					p2, p1 = p1, uint32(tagBase+t-1)
					continue
				}
				keys := st.tagFeatures(i, p1, p2)
				tg.scores(keys, tr.tagScores)
				best := 0
				for c, v := range tr.tagScores {
					if v > tr.tagScores[best] {
						best = c
					}
				}
				gold, found := slices.BinarySearch(m.xpos, s.XPOS[i])
				if found && gold != best {
					tg.update(keys, gold, best)
				}
				tg.steps++
				p2, p1 = p1, uint32(tagBase+best)
			}
		}
	}
	return tg
}

// tagWith returns the tag ids tg predicts for s.
func (tr *trainer) tagWith(tg *sparseTable, s TrainSentence) []uint32 {
	tr.m.encodeWords(&tr.st, s.Sentence())
	tr.st.retag(tg, tr.m.dict, tr.tagInts)
	return append([]uint32(nil), tr.st.t[:len(s.Words)]...)
}

// tagAccuracy scores the final re-tagger on the gold XPOS of sents.
func (tr *trainer) tagAccuracy(sents []TrainSentence) float64 {
	ok, all := 0, 0
	for _, s := range sents {
		if len(s.Words) == 0 || len(s.Tags) != len(s.Words) || len(s.XPOS) != len(s.Words) {
			continue
		}
		for j, id := range tr.tagWith(tr.m.tagger, s) {
			if tr.m.xpos[id-tagBase] == s.XPOS[j] {
				ok++
			}
			all++
		}
	}
	if all == 0 {
		return 0
	}
	return float64(ok) / float64(all)
}

// learn parses one sentence with the dynamic oracle, updating the weights
// on every wrong decision. With explore, it follows a wrong transition with
// probability p (and its own labels), else the best zero-cost transition.
func (tr *trainer) learn(s TrainSentence, tags []uint32, explore bool, p float64, rng *rand.Rand) {
	m := tr.m
	st := &tr.st
	m.encodeWords(st, s.Sentence())
	copy(st.t, tags)
	n := len(s.Words)
	tr.gold = tr.gold[:0]
	tr.goldLab = tr.goldLab[:0]
	for i, h := range s.Heads {
		if h < 0 {
			h = n
		}
		tr.gold = append(tr.gold, int32(h))
		lab, _ := slices.BinarySearch(m.labels, s.Labels[i])
		tr.goldLab = append(tr.goldLab, lab)
	}
	var scores [nActions]float32
	var costs [nActions]int
	for !st.done() {
		keys := st.actionFeatures()
		tr.actionScores(keys, &scores)
		st.costs(tr.gold, &costs)
		pred := bestAction(st, &scores)
		least := minCost(st, &costs)
		good := -1
		for a := range nActions {
			if st.valid(a) && costs[a] == least && (good < 0 || scores[a] > scores[good]) {
				good = a
			}
		}
		next := pred
		if costs[pred] > least {
			tr.updateAction(keys, good, pred)
			if !explore || rng.Float64() >= p {
				next = good
			}
		}
		tr.steps++
		lab := m.root
		if next != shift {
			h, d := st.arc(next)
			if int(h) != n {
				keys := st.labelFeatures(h, d)
				tr.labelScores(keys, tr.labScores)
				lab = bestLabel(tr.labScores, m.root)
				if tr.gold[d] == h {
					if g := tr.goldLab[d]; g != lab {
						tr.lab.update(keys, g, lab)
						if !explore {
							lab = g
						}
					}
					tr.lab.steps++
				}
			}
		}
		st.apply(next, lab, m.univ[lab])
	}
}

// model returns the averaged weights as a Model: rows whose weights are all
// smaller than prune in magnitude dropped (transition rows also when smaller
// than pruneRel times the largest transition weight), the rest quantised to
// 16 bits.
func (tr *trainer) model(prune, pruneRel float64) *Model {
	src := tr.m
	m := newModel(src.words, src.tags, src.xpos, src.labels)
	avg := func(w float32, u, steps float64) float64 { return float64(w) - u/steps }

	// transitions
	keys := sortedMapKeys(tr.actIdx)
	type row struct {
		k uint64
		w [nActions]float64
	}
	rows := make([]row, 0, len(keys))
	maxAbs := 0.0
	for _, k := range keys {
		i := int(tr.actIdx[k]) * nActions
		var r row
		r.k = k
		keep := false
		for a := range nActions {
			r.w[a] = avg(tr.actW[i+a], tr.actU[i+a], tr.steps)
			if math.Abs(r.w[a]) >= prune {
				keep = true
			}
		}
		if keep {
			rows = append(rows, r)
			for _, v := range r.w {
				maxAbs = max(maxAbs, math.Abs(v))
			}
		}
	}
	scale := quantScale(maxAbs)
	kept := rows[:0]
	for _, r := range rows {
		if math.Abs(r.w[0]) >= pruneRel*maxAbs || math.Abs(r.w[1]) >= pruneRel*maxAbs || math.Abs(r.w[2]) >= pruneRel*maxAbs {
			kept = append(kept, r)
		}
	}
	rows = kept
	m.act = newActTable(len(rows))
	for _, r := range rows {
		var w [nActions]int16
		for a, v := range r.w {
			w[a] = quantise(v, scale)
		}
		m.act.put(r.k, w)
	}

	m.lab = tr.lab.sparse(prune)
	m.tagger, m.dict = src.tagger, src.dict
	return m
}

func sortedMapKeys(m map[uint64]int32) []uint64 {
	keys := make([]uint64, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// quantScale is the weight of one step of a 16-bit quantised weight.
func quantScale(maxAbs float64) float64 {
	if maxAbs == 0 {
		return 1
	}
	return maxAbs / 32767
}

func quantise(v, scale float64) int16 {
	return int16(max(-32767, min(32767, math.Round(v/scale))))
}

// projectivise returns heads made projective by lifting, repeatedly, the
// shortest non-projective arc's dependent to its head's head, and whether
// anything changed.
func projectivise(heads []int) ([]int, bool) {
	h := append([]int(nil), heads...)
	changed := false
	for range len(h) * len(h) {
		d := shortestNonProjective(h)
		if d < 0 {
			return h, changed
		}
		h[d] = h[h[d]]
		changed = true
	}
	return h, changed
}

// shortestNonProjective returns the dependent of the shortest arc that some
// word between its ends is not dominated by, or -1.
func shortestNonProjective(h []int) int {
	best, bestLen := -1, 0
	for d, hd := range h {
		if hd < 0 {
			continue
		}
		lo, hi := min(d, hd), max(d, hd)
		for k := lo + 1; k < hi; k++ {
			if !dominates(h, hd, k) {
				if best < 0 || hi-lo < bestLen {
					best, bestLen = d, hi-lo
				}
				break
			}
		}
	}
	return best
}

func dominates(h []int, a, k int) bool {
	for steps := 0; k >= 0 && steps <= len(h); steps++ {
		if k == a {
			return true
		}
		k = h[k]
	}
	return false
}

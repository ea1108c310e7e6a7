package extract

import (
	"fmt"
	"sort"
	"strings"

	"github.com/polgraph/polgraph"
)

// A Candidate is a pair of actors named in one sentence, with the features
// the relation model (extract/relmodel) reads to decide whether and how the
// sentence relates them. First is the actor named first in the sentence.
type Candidate struct {
	Sentence      int    // index of the sentence in the article
	First, Second string // actor ids
	Features      []string
	// Ruled is set when a rule already related the two in this sentence;
	// the model is not asked about such pairs.
	Ruled bool

	fm, sm int // the two mentions (closest pair of the two actors)
}

// maxCandidateGap is the widest distance, in tokens, between two mentions
// the model considers: farther apart, a sentence seldom relates them.
const maxCandidateGap = 40

// candidates returns the pairs of distinct actors named in sentence si,
// each with the nearest two of their mentions, in sentence order.
func (d *analysis) candidates(si int) []Candidate {
	var ms []int
	for k := range d.ments {
		m := &d.ments[k]
		if m.sent == si && m.actor >= 0 && !d.onlyPlace[m.actor] {
			ms = append(ms, k)
		}
	}
	sort.Slice(ms, func(a, b int) bool { return d.ments[ms[a]].i < d.ments[ms[b]].i })
	type pair struct{ a, b int }
	best := map[pair][2]int{}
	var order []pair
	for x := 0; x < len(ms); x++ {
		for y := x + 1; y < len(ms); y++ {
			m1, m2 := &d.ments[ms[x]], &d.ments[ms[y]]
			if m1.actor == m2.actor || m2.i < m1.j || m2.i-m1.j > maxCandidateGap {
				continue
			}
			p := pair{m1.actor, m2.actor}
			if q := (pair{m2.actor, m1.actor}); hasPair(best, q) {
				p = q // keep one candidate per unordered pair
			}
			cur, seen := best[p]
			if !seen {
				order = append(order, p)
			}
			if !seen || m2.i-m1.j < d.ments[cur[1]].i-d.ments[cur[0]].j {
				best[p] = [2]int{ms[x], ms[y]}
			}
		}
	}
	ruled := d.ruledPairs(si)
	out := make([]Candidate, 0, len(order))
	for _, p := range order {
		mm := best[p]
		m1, m2 := &d.ments[mm[0]], &d.ments[mm[1]]
		a, b := d.actors[m1.actor], d.actors[m2.actor]
		c := Candidate{Sentence: si, First: a.ID, Second: b.ID, fm: mm[0], sm: mm[1],
			Ruled: ruled[[2]string{a.ID, b.ID}] || ruled[[2]string{b.ID, a.ID}]}
		c.Features = d.pairFeatures(si, m1, m2)
		out = append(out, c)
	}
	return out
}

func hasPair[K comparable, V any](m map[K]V, k K) bool { _, ok := m[k]; return ok }

// ruledPairs returns the actor pairs that relations of sentence si already
// join.
func (d *analysis) ruledPairs(si int) map[[2]string]bool {
	s := d.sents[si]
	out := map[[2]string]bool{}
	for _, r := range d.relations {
		if r.Start == s.Start && r.End == s.End {
			out[[2]string{r.Subject, r.Object}] = true
		}
	}
	return out
}

// pairFeatures describes two mentions of sentence si, m1 before m2: their
// types and kinds, the words and triggers between them, the titles they
// carry. Each feature is a readable name: "between:meet", "lex:MET_WITH".
func (d *analysis) pairFeatures(si int, m1, m2 *mention) []string {
	toks := d.sents[si].Tokens
	a, b := d.actors[m1.actor], d.actors[m2.actor]
	types := string(a.Type) + "|" + string(b.Type)
	f := []string{"types:" + types, "kinds:" + mentionKindName(m1) + "|" + mentionKindName(m2)}
	gap := m2.i - m1.j
	dist := "dist:" + bucket(gap)
	f = append(f, dist, dist+"|"+types)
	commas, verbs := 0, 0
	for k := m1.j; k < m2.i; k++ {
		t := toks[k]
		switch {
		case t.Text == ",":
			commas++
		case t.Text == "(" || t.Text == ")":
			f = append(f, "between-paren")
		case strings.HasPrefix(t.Tag, "VB"):
			verbs++
			l := d.lemma(t)
			f = append(f, "verb:"+l, "verb:"+l+"|"+types)
		case t.Tag == "NN" || t.Tag == "NNS" || t.Tag == "IN" || t.Tag == "TO":
			f = append(f, "word:"+d.lemma(t))
		}
		if d.cover[si][k] != 0 {
			f = append(f, "mention-between")
		}
	}
	f = append(f, fmt.Sprintf("commas:%d", min(commas, 2)), fmt.Sprintf("verbs:%d", min(verbs, 2)))
	if gap == 1 {
		f = append(f, "just:"+toks[m1.j].Lower)
	}
	if gap == 0 {
		f = append(f, "adjacent")
	}
	if m2.j < len(toks) {
		f = append(f, "after2:"+toks[m2.j].Lower)
	}
	if m1.i > 0 {
		f = append(f, "before1:"+toks[m1.i-1].Lower)
	}
	for _, h := range d.lexiconHits(si, m1.j, m2.i) {
		f = append(f, "lex:"+string(h.t.Pred), "lex:"+string(h.t.Pred)+"|"+types)
		if h.t.Code != "" {
			f = append(f, "cameo:"+h.t.Code[:2])
		}
	}
	for _, h := range d.lexiconHits(si, max(0, m1.i-6), m1.i) {
		f = append(f, "lex-before:"+string(h.t.Pred))
	}
	for _, h := range d.lexiconHits(si, m2.j, min(len(toks), m2.j+6)) {
		f = append(f, "lex-after:"+string(h.t.Pred))
	}
	if m1.title != nil {
		f = append(f, "title1:"+string(m1.title.Relation), "title1-class:"+m1.title.Class)
	}
	if m2.title != nil {
		f = append(f, "title2:"+string(m2.title.Relation), "title2-class:"+m2.title.Class)
		if m2.titleOf >= 0 && d.ments[m2.titleOf].actor == m1.actor {
			f = append(f, "title2-of-1:"+string(m2.title.Relation))
		}
	}
	if m1.title != nil && m1.titleOf >= 0 && d.ments[m1.titleOf].actor == m2.actor {
		f = append(f, "title1-of-2:"+string(m1.title.Relation))
	}
	f = append(f, d.pathFeatures(si, m1, m2, types)...)
	if m1.modifier {
		f = append(f, "modifier1")
	}
	if m2.modifier {
		f = append(f, "modifier2")
	}
	return f
}

// lexiconHits returns the lexicon words that start a trigger pattern in
// tokens [from, to) of sentence si, matched as in triggers but without
// their arguments.
func (d *analysis) lexiconHits(si, from, to int) []hit {
	toks := d.sents[si].Tokens
	var out []hit
	for i := from; i < to && i < len(toks); i++ {
		for _, t := range d.x.lex.byFirst[toks[i].Lower] {
			if h, ok := d.matchWords(si, i, t); ok && h.last < to {
				out = append(out, h)
				break
			}
		}
	}
	return out
}

// lemma is a token's lexicon lemma where the lexicon knows the form, else
// its lower-case form without a plural or tense ending.
func (d *analysis) lemma(t token) string {
	if ts := d.x.lex.byFirst[t.Lower]; len(ts) > 0 {
		return ts[0].Words[0]
	}
	w := t.Lower
	for _, suf := range []string{"ing", "ed", "es", "s"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			return strings.TrimSuffix(w, suf)
		}
	}
	return w
}

func bucket(n int) string {
	switch {
	case n <= 2:
		return fmt.Sprint(n)
	case n <= 5:
		return "3-5"
	case n <= 10:
		return "6-10"
	case n <= 20:
		return "11-20"
	}
	return "21+"
}

func mentionKindName(m *mention) string {
	return [...]string{"kb", "demonym", "capital", "person", "org", "surname", "pronoun", "description", "bare-org"}[m.kind]
}

// Candidates returns the article's result as the rules alone give it and the
// candidate pairs the relation model would be asked about, with their
// features. The relation model's trainer (internal/cmd/train-relations)
// labels them from gold annotations.
func (x *Extractor) Candidates(a polgraph.Article) (polgraph.Result, []Candidate, error) {
	res := polgraph.Result{Article: a}
	res.Article.Text = ""
	if strings.TrimSpace(a.Text) == "" {
		return res, nil, &ArticleError{a.ID, ErrNoText}
	}
	d := x.recognise(a)
	var cands []Candidate
	for si := range d.sents {
		d.relate(si)
		cands = append(cands, d.candidates(si)...)
	}
	res.Actors = d.actorList()
	res.Relations = d.relations
	return res, cands, nil
}

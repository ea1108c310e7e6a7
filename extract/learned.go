package extract

import (
	"fmt"
	"strings"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/extract/relmodel"
)

// learned asks the relation model about the candidate pairs of sentence si
// that no rule related, and emits the relations it is sure enough of.
func (d *analysis) learned(si int) {
	m := d.x.relModel
	if m == nil {
		return
	}
	for _, c := range d.candidates(si) {
		if c.Ruled {
			continue
		}
		sc := m.Predict(c.Features)
		if sc.Class == relmodel.None || sc.Prob < m.Threshold {
			continue
		}
		p, firstIsSubject := relmodel.SplitClass(sc.Class)
		pred := polgraph.Predicate(p)
		if !pred.Valid() {
			continue
		}
		m1, m2 := &d.ments[c.fm], &d.ments[c.sm]
		subj, obj := m1.actor, m2.actor
		if !firstIsSubject {
			subj, obj = obj, subj
		}
		trig, at := d.pairTrigger(si, m1, m2)
		h := hit{t: &trigger{Kind: verbTrigger}, pos: []int{at}, first: at, last: at}
		rule := fmt.Sprintf("model: %s p=%.2f (%s)", sc.Class, sc.Prob, strings.Join(sc.Top, ", "))
		role := ""
		if pred == polgraph.Leads || pred == polgraph.OfficialOf {
			role = d.pairRole(m1, m2, firstIsSubject)
		}
		d.emit(si, subj, obj, pred, d.modality(si, h), role, trig, rule, sc.Prob)
	}
}

// pairTrigger names the words that relate two mentions, for the evidence:
// the first lexicon pattern between them, else the first verb, else the
// words between when they are few. at is the token modality is read from.
func (d *analysis) pairTrigger(si int, m1, m2 *mention) (string, int) {
	toks := d.sents[si].Tokens
	if hs := d.lexiconHits(si, m1.j, m2.i); len(hs) > 0 {
		return spanText(d.art.Text, toks, hs[0].first, hs[0].last+1), hs[0].first
	}
	for k := m1.j; k < m2.i; k++ {
		if strings.HasPrefix(toks[k].Tag, "VB") {
			return toks[k].Text, k
		}
	}
	if m2.i > m1.j && m2.i-m1.j <= 4 {
		return spanText(d.art.Text, toks, m1.j, m2.i), m1.j
	}
	return "", m2.i
}

// pairRole is the title a person holds in a LEADS or OFFICIAL_OF relation
// the model found, where a mention carries one.
func (d *analysis) pairRole(m1, m2 *mention, firstIsSubject bool) string {
	person := m1
	if !firstIsSubject {
		person = m2
	}
	if person.title != nil {
		return person.title.Title
	}
	return ""
}

package extract

import "github.com/polgraph/polgraph"

// Reported speech: "X said the decision was a big mistake" criticises the
// actors the statement is about; "X called Trump's order swift and
// decisive" supports them. The judgement comes from evaluative words in
// what was said, so these relations are weaker than a trigger's.

const confSpeech = 0.5

var speechVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "told": true, "tells": true, "stated": true, "states": true,
	"called": true, "calls": true, "described": true, "describes": true, "wrote": true, "writes": true,
	"tweeted": true, "tweets": true, "added": true, "claimed": true, "claims": true, "argued": true, "argues": true,
	"declared": true, "declares": true, "characterized": true, "characterised": true, "termed": true,
	"labelled": true, "labeled": true, "insisted": true, "warned": true, "stressed": true, "remarked": true,
	"continued": true, "spoke": true, "noted": true, "explained": true, "recalled": true, "responded": true, "replied": true, "posted": true,
}

var negativeWords = map[string]bool{
	"mistake": true, "wrong": true, "lousy": true, "failed": true, "failure": true, "disaster": true, "disastrous": true,
	"shameful": true, "illegal": true, "unlawful": true, "violation": true, "aggression": true, "terrorist": true,
	"terrorism": true, "unacceptable": true, "irresponsible": true, "reckless": true, "dangerous": true,
	"outrageous": true, "betrayal": true, "betrayed": true, "lies": true, "lied": true, "liar": true, "corrupt": true,
	"corruption": true, "criminal": true, "crime": true, "crimes": true, "hypocrisy": true, "hypocritical": true,
	"oppressive": true, "repression": true, "anti-democratic": true, "undemocratic": true, "authoritarian": true,
	"brutal": true, "brutality": true, "atrocity": true, "atrocities": true, "provocation": true, "provocative": true,
	"hostile": true, "threat": true, "destabilizing": true, "destabilising": true, "interference": true,
	"incompetent": true, "incompetence": true, "catastrophic": true, "appalling": true, "deplorable": true,
	"disgraceful": true, "disgrace": true, "scandal": true, "scandalous": true, "absurd": true, "ridiculous": true,
	"non-starter": true, "suffering": true, "instability": true, "violence": true, "blackmail": true, "bullying": true,
}

var positiveWords = map[string]bool{
	"justified": true, "decisive": true, "courageous": true, "brave": true, "historic": true, "welcome": true,
	"welcomed": true, "right": false, "great": true, "excellent": true, "successful": true, "success": true,
	"friend": true, "partner": true, "grateful": true, "thank": true, "thanks": true, "congratulate": true,
	"congratulations": true, "praise": true, "admire": true, "support": true, "supports": true, "backing": true,
	"strong": false, "wise": true, "important": false, "positive": true, "constructive": true, "forceful": true,
	"swift": true, "heard": true, "commend": true, "applaud": true, "proud": true,
}

// speech emits CRITICIZED or SUPPORTED from a speaker to the actors named
// in what they said, when the statement's evaluative words lean one way.
func (d *analysis) speech(si int) {
	toks := d.sents[si].Tokens
	for v := 1; v < len(toks); v++ {
		if !speechVerbs[toks[v].Lower] || !(len(toks[v].Tag) >= 2 && toks[v].Tag[:2] == "VB") {
			continue
		}
		speaker, pen := d.subjectOf(si, v)
		if len(speaker) != 1 {
			continue
		}
		// The statement's topic: its first actor not behind a preposition.
		target := -1
		for k := v + 1; k < len(toks) && k < v+8; k++ {
			m := d.mentionAt(si, k)
			if m < 0 || d.ments[m].i != k {
				continue
			}
			mm := d.ments[m]
			k = mm.j - 1
			if mm.actor < 0 || mm.actor == speaker[0] || mm.modifier || mm.kind == mPronoun || governed(toks, mm.i) {
				continue
			}
			// A speaker talking about their own state is no judgement of it.
			if ta, sa := d.actors[mm.actor], d.actors[speaker[0]]; ta.Type == polgraph.Country && (ta.Country == sa.Country || sa.holds(ta.ID)) {
				continue
			}
			target = m
			break
		}
		if target < 0 {
			continue
		}
		neg, pos := 0, 0
		for k := d.ments[target].j; k < len(toks) && k < d.ments[target].j+12; k++ {
			switch {
			case negativeWords[toks[k].Lower]:
				neg++
			case positiveWords[toks[k].Lower]:
				pos++
			}
		}
		var p polgraph.Predicate
		switch {
		case neg > 0 && neg > pos:
			p = polgraph.Criticized
		case pos > 0 && pos > neg && !negatedNear(toks, v):
			p = polgraph.Supported
		default:
			continue
		}
		a := d.ments[target].actor
		if d.related(si, speaker[0], a) {
			continue
		}
		d.emit(si, speaker[0], a, p, polgraph.Asserted, "", toks[v].Text, "speech: evaluative words after "+toks[v].Lower, confSpeech-pen)
	}
}

func negatedNear(toks []token, v int) bool {
	for k := v + 1; k < len(toks) && k < v+6; k++ {
		if toks[k].Lower == "not" || toks[k].Lower == "n't" || toks[k].Lower == "never" {
			return true
		}
	}
	return false
}

// related reports whether the sentence already has a relation between the
// two actors (in either direction).
func (d *analysis) related(si, a, b int) bool {
	sent := d.sents[si]
	ia, ib := d.actors[a].ID, d.actors[b].ID
	for _, r := range d.relations {
		if r.Start == sent.Start && (r.Subject == ia && r.Object == ib || r.Subject == ib && r.Object == ia) {
			return true
		}
	}
	return false
}

package extract

import "github.com/polgraph/polgraph"

// representatives are nouns that stand for the actor of their "of" phrase:
// "the government of X" is X for the relation.
var representatives = map[string]bool{
	"government": true, "administration": true, "regime": true, "forces": true, "troops": true, "army": true,
	"military": true, "people": true, "citizens": true, "leadership": true, "authorities": true, "officials": true,
	"representatives": true, "delegation": true, "allies": true, "supporters": true, "members": true, "leaders": true,
	"cabinet": true, "envoy": true, "embassy": true, "president": true, "office": true,
}

// possessor returns the actor a nominal trigger at token pos belongs to:
// "Iran's attack on", "US sanctions on", "his meeting with".
func (d *analysis) possessor(si, pos int) ([]int, float64) {
	toks := d.sents[si].Tokens
	k := pos - 1
	for g := 0; k >= 0 && g < 2 && (toks[k].Tag == "JJ" || toks[k].Tag == "NN") && d.mentionAt(si, k) < 0; g++ {
		k--
	}
	if k >= 0 && (toks[k].Lower == "'s" || toks[k].Text == "'" || toks[k].Text == "’") {
		k--
	}
	m := d.mentionAt(si, k)
	if m < 0 || d.ments[m].actor < 0 {
		return nil, 0
	}
	if d.ments[m].kind == mPronoun {
		return []int{d.ments[m].actor}, pronounPenalty
	}
	// "U.S.-Iran dialogue" is a between pattern, not a possessor.
	if i := d.ments[m].i; i >= 2 && toks[i-1].Text == "-" {
		return nil, 0
	}
	return []int{d.ments[m].actor}, 0
}

var beForms = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true, "get": true, "got": true, "gets": true, "'s": true}

// isPassive reports whether the verb at token i is a passive participle:
// "was attacked", "has been accused".
func (d *analysis) isPassive(si, i int) bool {
	toks := d.sents[si].Tokens
	if toks[i].Tag != "VBN" && toks[i].Tag != "VBD" {
		return false
	}
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if beForms[toks[j].Lower] {
			return true
		}
		if toks[j].Tag != "RB" {
			return false
		}
	}
	return false
}

// attach finds the two sides of a hit and emits its relations.
func (d *analysis) attach(si int, h hit) {
	toks := d.sents[si].Tokens
	trig := spanText(d.art.Text, toks, h.first, h.last+1)
	conf := h.t.Conf
	rule := h.t.Kind.String() + ": " + h.t.Pattern + " (" + h.t.Source + ")"
	switch h.t.Kind {
	case ofTrigger:
		// "the exit of the United Kingdom from the European Union"
		subj, end := d.argsRightEnd(si, h.last+1)
		if len(subj) == 0 {
			return
		}
		k := end
		for w := h.t.OfAt; w < len(h.t.Words); w++ {
			if k >= len(toks) || !contains(h.t.Forms[w], toks[k].Lower) {
				return
			}
			k++
		}
		obj := d.argsRight(si, k)
		mod := d.modality(si, h)
		for _, a := range subj {
			for _, o := range obj {
				d.emit(si, a, o, h.t.Pred, mod, "", spanText(d.art.Text, toks, h.first, k), rule, conf)
			}
		}
		return
	case verbTrigger:
		d.attachVerb(si, h, trig, rule, conf)
	case verbNoObject:
		subj, sconf := d.subjectOf(si, h.first)
		if h.last+1 < len(toks) && d.cover[si][h.last+1] != 0 {
			return // it has an object: another pattern's business
		}
		mod := d.modality(si, h)
		for a := 0; a < len(subj); a++ {
			for b := a + 1; b < len(subj); b++ {
				d.emit(si, subj[a], subj[b], h.t.Pred, mod, "", trig, rule, conf-sconf)
			}
		}
	case nounTrigger:
		obj := d.argsRight(si, h.last+1)
		if len(obj) == 0 {
			return
		}
		subj, sconf := d.possessor(si, h.first)
		if len(subj) == 0 {
			// "Qasem Soleimani, head of Iran's Quds Force": an apposition
			// belongs to the name before its comma.
			subj = d.appositionHead(si, h.first)
		}
		if len(subj) == 0 {
			if h.t.Pred.Structural() && h.t.Pred != polgraph.InConflictWith && h.t.Pred != polgraph.AlliedWith && !afterCopula(toks, h.first) || !d.nounTakesClauseSubject(si, h.first) {
				return // "leader of Y" needs its person beside it, or "X is the leader of Y"
			}
			subj, sconf = d.subjectOf(si, h.first)
			sconf += clausePenalty
		}
		mod := d.modality(si, h)
		for _, a := range subj {
			for _, o := range obj {
				d.emit(si, a, o, h.t.Pred, mod, "", trig, rule, conf-sconf)
			}
		}
	case betweenTrigger:
		sides := d.argsRight(si, h.last+1)
		if len(sides) < 2 {
			return
		}
		mod := d.modality(si, h)
		for b := 1; b < len(sides); b++ {
			d.emit(si, sides[0], sides[b], h.t.Pred, mod, "", trig, rule, conf)
		}
	}
}

// lightVerbs take a nominal trigger as their object and give it their
// subject: "X held talks with Y", "X imposed sanctions on Y".
var lightVerbs = map[string]bool{
	"hold": true, "held": true, "holds": true, "holding": true, "have": true, "had": true, "has": true, "having": true,
	"make": true, "made": true, "makes": true, "making": true, "launch": true, "launched": true, "launches": true, "launching": true,
	"conduct": true, "conducted": true, "sign": true, "signed": true, "signs": true, "signing": true, "reach": true, "reached": true,
	"strike": true, "struck": true, "announce": true, "announced": true, "announces": true, "propose": true, "proposed": true,
	"begin": true, "began": true, "begun": true, "start": true, "started": true, "attend": true, "attended": true,
	"join": true, "joined": true, "resume": true, "resumed": true, "seek": true, "sought": true, "seeks": true, "want": true, "wants": true,
	"impose": true, "imposed": true, "imposes": true, "imposing": true, "levy": true, "levied": true, "issue": true, "issued": true,
	"express": true, "expressed": true, "voice": true, "voiced": true, "offer": true, "offered": true, "give": true, "gave": true,
	"provide": true, "provided": true, "carry": true, "carried": true, "continue": true, "continued": true, "pursue": true, "pursued": true,
	"signal": true, "signals": true, "signaled": true, "signalled": true, "open": true, "opened": true, "host": true, "hosted": true,
	"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "became": true, "become": true, "remains": true, "remained": true,
	"called": true, "call": true, "calls": true, "urged": true, "demanded": true, "backed": true, "led": true, "leads": true,
	"file": true, "filed": true, "files": true, "bring": true, "brought": true, "lodge": true, "lodged": true,
	"submit": true, "submitted": true, "raise": true, "raised": true, "renew": true, "renewed": true,
	"ordered": true, "order": true, "authorized": true, "authorised": true, "approved": true, "threatened": true, "vowed": true,
}

// nounTakesClauseSubject reports whether a nominal trigger at pos belongs to
// its clause's subject: it is the object of a light verb or a copula ("X
// held talks with", "X is a member of"), or it stands in an adjunct
// ("Speaking during a meeting with Y, X ..."). "He won votes of members of
// the party" says nothing about his membership.
func (d *analysis) nounTakesClauseSubject(si, pos int) bool {
	if d.sents[si].Headline {
		return true // headlines are telegraphic: "Khamenei Signals Openness to Dialogue with America"
	}
	toks := d.sents[si].Tokens
	k := pos - 1
	for g := 0; k >= 0 && g < 4; g++ {
		t := toks[k]
		if t.Tag == "DT" || t.Tag == "JJ" || t.Tag == "JJR" || t.Tag == "PRP$" || t.Tag == "CD" || t.Tag == "RB" || t.Tag == "NN" || t.Tag == "NNS" || t.Tag == "VBG" || t.Tag == "TO" || t.Lower == "for" || t.Lower == "to" {
			k--
			continue
		}
		break
	}
	if k < 0 {
		return true // a headline or a sentence that opens with the noun
	}
	t := toks[k]
	switch {
	case lightVerbs[t.Lower]:
		return true
	case t.Lower == "during" || t.Lower == "amid" || t.Lower == "at":
		return true
	case t.Lower == "in" && onlyAdjectives(toks, k+1, pos):
		return true // "in support of", "in humanitarian aid to": an adverbial of the clause
	case t.Lower == "after" || t.Lower == "following" || t.Lower == "before" || t.Lower == "in" || t.Lower == "on":
		// only an adjunct of its own: "In talks with Y, X ...", "X, on a
		// trip to Y,"; not "involved in the assassination of Y"
		return k == 0 || toks[k-1].Text == "," || k == 1 && toks[0].Tag == "VBG"
	case t.Text == ",":
		return true // an apposition: "X, a member of Y"
	}
	return false
}

// appositionHead returns the actor an apposition starting before pos
// describes: "NAME, [the|a|an] [adjectives] NOUN ..." gives NAME.
func (d *analysis) appositionHead(si, pos int) []int {
	toks := d.sents[si].Tokens
	k := pos - 1
	for g := 0; k >= 0 && g < 4; g++ {
		if m := d.mentionAt(si, k); m >= 0 && d.ments[m].kind == mDemonym {
			k = d.ments[m].i - 1 // "the Lebanese group"
			continue
		}
		if toks[k].Tag != "DT" && toks[k].Tag != "JJ" && toks[k].Tag != "VBN" {
			break
		}
		k--
	}
	if k < 1 || toks[k].Text != "," {
		return nil
	}
	// "the Popular Mobilization Forces (PMF), an Iranian-backed militia"
	if toks[k-1].Text == ")" {
		for j := k - 2; j >= 1 && j >= k-6; j-- {
			if toks[j].Text == "(" {
				k = j
				break
			}
		}
	}
	m := d.mentionAt(si, k-1)
	if m < 0 || d.ments[m].actor < 0 || d.ments[m].j != k {
		return nil
	}
	return []int{d.ments[m].actor}
}

// followedBy reports whether the words (each a set of forms) follow token k
// in order, with up to two other tokens before each.
func followedBy(toks []token, k int, words [][]string) bool {
	for _, forms := range words {
		found := false
		for g := 0; g <= 4 && k < len(toks); g, k = g+1, k+1 {
			if contains(forms, toks[k].Lower) {
				found = true
				k++
				break
			}
			if !modifierTags[toks[k].Tag] {
				break // "a full and unconditional pardon", not across a noun or a clause
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// modifierTags may stand between the words of a pattern after its object.
var modifierTags = map[string]bool{"DT": true, "JJ": true, "JJR": true, "JJS": true, "CC": true, "RB": true, "CD": true, "PRP$": true, "VBN": true}

// afterCopula reports whether the noun at pos is the predicate of a copula:
// "X are all members of Y", "X was the leader of Y".
func afterCopula(toks []token, pos int) bool {
	k := pos - 1
	for k >= 0 && (toks[k].Tag == "DT" || toks[k].Tag == "JJ" || toks[k].Lower == "all" || toks[k].Lower == "both" || toks[k].Tag == "RB") {
		k--
	}
	if k < 0 {
		return false
	}
	switch toks[k].Lower {
	case "is", "are", "was", "were", "became", "become", "becomes", "remains", "remained", "been":
		return true
	}
	return false
}

func onlyAdjectives(toks []token, from, to int) bool {
	for k := from; k < to; k++ {
		if toks[k].Tag != "JJ" {
			return false
		}
	}
	return true
}

// relativeObject returns the antecedent of an object relative clause whose
// verb is at pos: "X, whom Y replaced" gives X.
func (d *analysis) relativeObject(si, pos int) []int {
	toks := d.sents[si].Tokens
	for k := pos - 1; k >= 1 && k >= pos-8; k-- {
		if toks[k].Lower != "whom" && !(toks[k].Lower == "which" || toks[k].Lower == "that") {
			continue
		}
		j := k - 1
		if toks[j].Text == "," {
			j--
		}
		if m := d.mentionAt(si, j); m >= 0 && d.ments[m].actor >= 0 && toks[k].Lower == "whom" {
			return []int{d.ments[m].actor}
		}
		return nil
	}
	return nil
}

// attachVerb attaches a verb pattern: the clause subject and the object
// after the pattern, the agent of a passive, the antecedent of a relative
// clause, or the parse where the windows find no side.
func (d *analysis) attachVerb(si int, h hit, trig, rule string, conf float64) {
	toks := d.sents[si].Tokens
	subj, sconf := d.subjectOf(si, h.first)
	obj, end := d.argsRightEnd(si, h.last+1)
	if len(h.t.After) > 0 && !followedBy(toks, end, h.t.After) {
		return // "designated the IRGC" without "as a terrorist ..."
	}
	if d.isPassive(si, h.first) && len(h.t.Words) == 1 {
		// "X was attacked by Y": the agent is the subject.
		k := h.last + 1
		for k < len(toks) && k <= h.last+3 && toks[k].Lower != "by" {
			k++
		}
		if k < len(toks) && toks[k].Lower == "by" {
			agents := d.argsRight(si, k+1)
			mod := d.modality(si, h)
			for _, o := range subj {
				for _, a := range agents {
					d.emit(si, a, o, h.t.Pred, mod, "", trig, "passive "+rule, conf-0.05-sconf)
				}
			}
		}
		return
	}
	if len(obj) == 0 {
		// "Imran Khan, whom Shehbaz Sharif replaced": the object of a
		// relative clause is its antecedent.
		obj = d.relativeObject(si, h.first)
	}
	if t := d.tree(si); t != nil && (len(subj) == 0 || len(obj) == 0) {
		// The windows found one side at most: ask the parse.
		if len(subj) == 0 {
			subj, sconf = d.parseSubjects(si, t, h.first), parsePenalty
		}
		if len(obj) == 0 {
			obj = d.parseObjects(si, t, h.first, h.pos[1:], lastPrep(h.t))
		}
		rule = "parse " + rule
	}
	mod := d.modality(si, h)
	for _, a := range subj {
		for _, o := range obj {
			d.emit(si, a, o, h.t.Pred, mod, "", trig, rule, conf-sconf)
		}
	}
	// "Raisi succeeded Rouhani as president of Iran": the successor
	// holds the office.
	if (h.t.Pred == polgraph.Succeeded || h.t.Pred == polgraph.Leads) && len(subj) == 1 && end+1 < len(toks) && toks[end].Lower == "as" {
		if r, ok := d.titleAfter(toks, d.cover[si], end+1); ok && r.t.Relation != "" && r.of >= 0 && d.ments[r.of].actor >= 0 {
			d.emit(si, subj[0], d.ments[r.of].actor, r.t.Relation, mod, r.text, r.text, "succession title", confApposition)
		}
	}
}

package extract

import (
	"strings"

	"github.com/polgraph/polgraph"
)

// mentionAt returns the mention covering token k of sentence si, or -1.
func (d *analysis) mentionAt(si, k int) int {
	if k < 0 || k >= len(d.cover[si]) {
		return -1
	}
	return d.cover[si][k] - 1
}

var prepositions = map[string]bool{
	"of": true, "in": true, "at": true, "from": true, "with": true, "to": true, "for": true, "on": true,
	"by": true, "against": true, "between": true, "among": true, "under": true, "over": true, "into": true,
	"about": true, "during": true, "like": true, "toward": true, "towards": true, "near": true, "across": true,
	"than": true, "including": true, "via": true, "amid": true, "despite": true, "without": true, "within": true,
}

// clauseBreak reports whether a token ends the clause that contains what
// follows it, for the search of a subject to the left.
func clauseBreak(t token) bool {
	switch t.Lower {
	case ";", "but", "while", "whereas", "although", "though", "because", "since", "however", "meanwhile":
		return true
	case "that":
		return t.Tag == "IN" || t.Tag == "WDT"
	case "said", "says", "say", "told", "tells", "stated", "added", "announced", "claimed", "insisted", "noted", "argued", "stressed", "emphasized", "emphasised", "expressed", "believes", "believed", "thinks", "reported", "reports", "wrote", "writes", "according":
		return true
	}
	return false
}

// clauseBreakAt is clauseBreak with the next token in view: a verb of
// saying starts a new clause only when what follows can begin one ("said
// the US would", "announced he had"), not before its object ("announced
// plans to pull out").
func clauseBreakAt(toks []token, k int) bool {
	if !clauseBreak(toks[k]) {
		return false
	}
	if toks[k].Tag == "IN" || toks[k].Tag == "WDT" || toks[k].Text == ";" || toks[k].Tag == "CC" || toks[k].Tag == "RB" {
		return true
	}
	if k+1 >= len(toks) {
		return true
	}
	// 'said on Friday "We made ...': a quotation soon after opens it.
	for j := k + 1; j < len(toks) && j <= k+5; j++ {
		if t := toks[j].Text; t == "\"" || t == "``" || t == "“" || t == ":" {
			return true
		}
	}
	switch nx := toks[k+1]; {
	case nx.Lower == "that", nx.Text == ",", nx.Text == ":", nx.Text == "\"", nx.Text == "``", nx.Text == "“":
		return true
	case nx.Tag == "PRP", nx.Tag == "DT", nx.Tag == "NNP", nx.Tag == "NNPS", nx.Tag == "EX":
		return true
	}
	return false
}

// subjectOf finds the subject of a trigger at token pos: the first argument
// mention of its clause that is not the object of a preposition, with the
// actors coordinated with it. It returns a confidence penalty for subjects
// reached through a pronoun, a description or another clause.
func (d *analysis) subjectOf(si, pos int) ([]int, float64) {
	toks := d.sents[si].Tokens
	start := 0
	for k := pos - 1; k >= 0; k-- {
		if toks[k].Lower == "who" || toks[k].Lower == "which" {
			// "X, who heads Y": the antecedent is the subject;
			// "YPG militia which support": over a noun or two.
			j := k - 1
			if j >= 0 && toks[j].Text == "," {
				j--
			}
			for g := 0; g < 2 && j >= 0 && d.mentionAt(si, j) < 0 && (toks[j].Tag == "NN" || toks[j].Tag == "NNS"); g++ {
				j--
			}
			if m := d.mentionAt(si, j); m >= 0 && d.ments[m].actor >= 0 {
				return d.group(si, m), 0
			}
			start = k + 1
			break
		}
		if clauseBreakAt(toks, k) {
			start = k + 1
			break
		}
	}
	if g, pen := d.firstArg(si, start, pos); len(g) > 0 {
		return g, pen
	}
	// "They called on Turkey": a plural pronoun subject is the group the
	// previous sentences were about.
	if k := d.firstContentToken(si, start, pos); k >= 0 && toks[k].Lower == "they" {
		if g := d.previousGroup(si); len(g) > 0 {
			return g, pronounPenalty
		}
	}
	// '"... we warn the Saudis ...", Saree said': a first person inside a
	// quotation is its speaker.
	if k := d.firstContentToken(si, start, pos); k >= 0 && (toks[k].Lower == "we" || toks[k].Lower == "i") {
		if sp := d.speaker(si); sp >= 0 {
			return []int{sp}, pronounPenalty
		}
	}
	// "Speaking during a meeting with Y, X emphasized": an initial
	// participial or prepositional phrase takes the main clause's subject.
	if comma := firstComma(toks); comma > pos && len(toks) > 0 && (toks[0].Tag == "VBG" || toks[0].Tag == "VBN" || toks[0].Tag == "IN") {
		if g, pen := d.leftmostArg(si, comma+1, len(toks)); len(g) > 0 {
			return g, pen + 0.15
		}
	}
	// A complement clause with no subject of its own ("X said there would
	// be talks with Y") takes the outer clause's.
	if start > 0 {
		outer := 0
		for k := start - 2; k >= 0; k-- {
			if clauseBreakAt(toks, k) {
				outer = k + 1
				break
			}
		}
		if g, pen := d.leftmostArg(si, outer, start); len(g) > 0 {
			return g, pen + 0.1
		}
	}
	return nil, 0
}

func firstComma(toks []token) int {
	for k, t := range toks {
		if t.Text == "," {
			return k
		}
	}
	return -1
}

// firstArg returns the subject among tokens [from, to): the argument
// mention nearest to `to` with no finite verb between them ("with Johnson
// succeeding her"), else the first argument of the span ("Pompeo posted a
// message blaming Iran"); never one governed by a preposition. The actors
// coordinated with it come too.
func (d *analysis) firstArg(si, from, to int) ([]int, float64) {
	if g, pen := d.nearestArg(si, from, to); len(g) > 0 {
		return g, pen
	}
	return d.leftmostArg(si, from, to)
}

// nearestArg returns the argument mention right before token `to` with no
// finite verb, comma or conjunction between them.
func (d *analysis) nearestArg(si, from, to int) ([]int, float64) {
	toks := d.sents[si].Tokens
	// Step over the trigger's own verb group first: "have announced plans
	// to pull out", "has repeatedly been accused".
	k0 := to - 1
	for k0 >= from && d.mentionAt(si, k0) < 0 && inVerbGroup(toks, k0) {
		k0--
	}
	// "his brother, former prime minister Nawaz Sharif, congratulated him":
	// an apposition closed by a comma right before the verb is the subject.
	if k0 >= from+2 && toks[k0].Text == "," {
		if m := d.mentionAt(si, k0-1); m >= 0 && d.ments[m].typ == polgraph.Person && d.ments[m].actor >= 0 && !d.ments[m].modifier {
			b := d.ments[m].i - 1
			for b > from && d.mentionAt(si, b) < 0 && toks[b].Text != "," && (toks[b].Tag == "JJ" || toks[b].Tag == "NN" || toks[b].Tag == "NNP" || toks[b].Tag == "DT") {
				b--
			}
			if toks[b].Text == "," && b-1 >= from && d.mentionAt(si, b-1) < 0 {
				return []int{d.ments[m].actor}, 0
			}
		}
	}
	for k := k0; k >= from; k-- {
		t := toks[k]
		if t.Tag == "VBD" || t.Tag == "VBZ" || t.Tag == "VBP" || t.Tag == "MD" || t.Text == "," || t.Lower == "and" || t.Lower == "or" || t.Lower == "who" || t.Lower == "which" {
			break
		}
		m := d.mentionAt(si, k)
		if m < 0 {
			continue
		}
		mm := &d.ments[m]
		k = mm.i
		// "with Johnson succeeding her": an absolute phrase's subject
		// stands behind "with" right before its verb.
		absolute := mm.i > 0 && (toks[mm.i-1].Lower == "with" || toks[mm.i-1].Lower == "without") && mm.j == k0+1
		if mm.modifier || mm.actor < 0 || governed(toks, mm.i) && !absolute || (mm.kind == mPronoun && toks[mm.i].Tag == "PRP$") {
			break
		}
		pen := 0.0
		if mm.kind == mPronoun || mm.kind == mDescription {
			pen = pronounPenalty
		}
		return d.group(si, d.listStart(si, m, from)), pen
	}
	return nil, 0
}

// leftmostArg returns the first argument mention of [from, to) that is not
// governed by a preposition.
func (d *analysis) leftmostArg(si, from, to int) ([]int, float64) {
	toks := d.sents[si].Tokens
	for k := from; k < to; k++ {
		m := d.mentionAt(si, k)
		if m < 0 || d.ments[m].i != k {
			continue
		}
		mm := &d.ments[m]
		if mm.modifier || mm.actor < 0 || (mm.kind == mPronoun && toks[k].Tag == "PRP$") || (mm.kind == mPronoun && toks[k].Lower == "him") {
			continue
		}
		if governed(toks, k) {
			continue
		}
		pen := 0.0
		if mm.kind == mPronoun || mm.kind == mDescription {
			pen = pronounPenalty
		}
		return d.group(si, m), pen
	}
	return nil, 0
}

// governed reports whether the mention at token k is the object of a
// preposition ("in Iran", "with the United States", "of Iran's").
func governed(toks []token, k int) bool {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		t := toks[j]
		if prepositions[t.Lower] {
			// "Thousands of Georgians protested": a quantity's "of"
			// does not govern the subject.
			return !(t.Lower == "of" && j > 0 && quantities[toks[j-1].Lower])
		}
		if t.Tag == "DT" || t.Tag == "JJ" || t.Tag == "PRP$" || t.Tag == "CD" || t.Tag == "VBN" || t.Tag == "RB" {
			continue
		}
		return false
	}
	return false
}

// group returns the actor of mention m and the actors coordinated with it:
// "X and Y", "X, Y and Z", "American and Iranian officials".
func (d *analysis) group(si, m int) []int {
	g, _ := d.groupEnd(si, m)
	return g
}

// groupEnd is group with the token after the list's last member.
func (d *analysis) groupEnd(si, m int) ([]int, int) {
	toks := d.sents[si].Tokens
	out := []int{d.ments[m].actor}
	k := d.ments[m].j
	end := k
	closed := 1 // members up to here are part of a list that ended with "and"
	for k < len(toks) {
		if k+2 < len(toks) && toks[k].Lower == "as" && toks[k+1].Lower == "well" && toks[k+2].Lower == "as" {
			k += 2 // "Hamas as well as the Israeli military"
		} else if toks[k].Text != "," && toks[k].Lower != "and" && toks[k].Lower != "or" {
			break
		}
		j := k + 1
		conj := toks[k].Lower == "and" || toks[k].Lower == "or" || toks[k].Lower == "as"
		if toks[k].Text == "," && j < len(toks) && (toks[j].Lower == "and" || toks[j].Lower == "or") {
			j++
			conj = true
		}
		for j < len(toks) && (toks[j].Lower == "both" || toks[j].Lower == "either") {
			j++
		}
		// "X and his Greek and French counterparts, A and B, respectively"
		if cl, ok := d.counterpartsAt[[2]int{si, j}]; ok && conj {
			for _, nm := range cl.names {
				if a := d.ments[nm].actor; a >= 0 && !containsInt(out, a) {
					out = append(out, a)
				}
			}
			k = cl.to
			closed, end = len(out), k
			continue
		}
		for j < len(toks) && (toks[j].Tag == "DT" || toks[j].Tag == "JJ") && d.mentionAt(si, j) < 0 {
			j++
		}
		n := d.headAt(si, j)
		if n < 0 {
			break
		}
		if a := d.ments[n].actor; a >= 0 && !containsInt(out, a) {
			out = append(out, a)
		}
		k = d.ments[n].j
		if conj {
			closed, end = len(out), k
		}
	}
	// "X, Y and Z" is a list; "Pezeshkian, Khamenei emphasized" is not.
	if closed == 1 {
		end = d.ments[m].j
	}
	return out[:closed], end
}

// headAt returns the argument mention that starts at token k, stepping over
// modifiers and titles: at "Iranian President Hassan Rouhani" it returns
// Rouhani.
func (d *analysis) headAt(si, k int) int {
	toks := d.sents[si].Tokens
	for steps := 0; k < len(toks) && steps < 8; steps++ {
		m := d.mentionAt(si, k)
		if m >= 0 && d.ments[m].i == k {
			if !d.ments[m].modifier {
				if d.ments[m].actor < 0 {
					return -1
				}
				// "the Islamic Revolutionary Guard Corps-Quds Force" is
				// the Quds Force.
				if j := d.ments[m].j; j+1 < len(toks) && toks[j].Text == "-" {
					if n := d.mentionAt(si, j+1); n >= 0 && d.ments[n].i == j+1 && d.ments[n].typ == polgraph.Organization && d.ments[n].actor >= 0 {
						return n
					}
				}
				return m
			}
			k = d.ments[m].j
			if k < len(toks) && toks[k].Lower == "'s" {
				k++
			}
			continue
		}
		// title words before a name: "President", "Foreign Minister"
		if t, j := d.x.titles.match(toks, k); t != nil && startsUpper(toks[k].Text) {
			k = j
			continue
		}
		return -1
	}
	return -1
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// argsRight returns the object actors starting at token k: after at most a
// few determiners, adjectives and titles, a mention and its coordinated ones.
func (d *analysis) argsRight(si, k int) []int {
	g, _ := d.argsRightEnd(si, k)
	return g
}

// argsRightEnd is argsRight with the token after the arguments.
func (d *analysis) argsRightEnd(si, k int) ([]int, int) {
	toks := d.sents[si].Tokens
	for skip := 0; k < len(toks) && skip < 4; skip++ {
		if d.mentionAt(si, k) >= 0 {
			break
		}
		t := toks[k]
		if t.Tag == "DT" || t.Tag == "JJ" || t.Tag == "PRP$" || t.Tag == "CD" || t.Tag == "RB" || t.Lower == "fellow" || t.Lower == "newly" || t.Lower == "elected" || t.Text == "[" || t.Text == "(" {
			k++
			continue
		}
		if tt, j := d.x.titles.match(toks, k); tt != nil && startsUpper(t.Text) {
			k = j
			continue
		}
		break
	}
	// "the government of Abdrabbuh Mansur Hadi", "the people of Iran"
	if k+1 < len(toks) && representatives[toks[k].Lower] && toks[k+1].Lower == "of" && d.mentionAt(si, k) < 0 {
		k += 2
		if k < len(toks) && toks[k].Lower == "the" {
			k++
		}
	}
	m := d.headAt(si, k)
	if m < 0 {
		// "opposition senator Carla Vaca": a common noun or two before a name
		for g, j := 0, k; g < 2 && j < len(toks) && (toks[j].Tag == "NN" || toks[j].Tag == "JJ") && !startsUpper(toks[j].Text); g, j = g+1, j+1 {
			if p := d.headAt(si, j+1); p >= 0 && d.ments[p].typ == polgraph.Person {
				m = p
				break
			}
		}
		if m < 0 {
			return nil, k
		}
	}
	if mm := d.ments[m]; mm.kind == mDemonym {
		// "British-Iranian aid worker Leila Farahani": the demonyms
		// describe the person named after them.
		for j := mm.j; j < len(toks) && j < mm.j+6; j++ {
			p := d.mentionAt(si, j)
			if p >= 0 && d.ments[p].typ != polgraph.Country && d.ments[p].i == j {
				m = p
				break
			}
			if p < 0 && !(toks[j].Tag == "NN" || toks[j].Tag == "NNS" || toks[j].Tag == "JJ" || toks[j].Text == "-") {
				break
			}
		}
	}
	if d.ments[m].kind == mPronoun && toks[d.ments[m].i].Tag == "PRP$" {
		return nil, k // "met his counterpart": the possessor is not the object
	}
	return d.groupEnd(si, m)
}

// listStart returns the first member of the coordination that mention m
// closes: at "Yoon" in "Kishida and Yoon met" it returns Kishida.
func (d *analysis) listStart(si, m, from int) int {
	toks := d.sents[si].Tokens
	for {
		k := d.ments[m].i - 1
		if k < from || (toks[k].Lower != "and" && toks[k].Text != "," && toks[k].Lower != "or") {
			return m
		}
		if toks[k].Lower == "and" && k-1 >= from && toks[k-1].Text == "," {
			k--
		}
		p := d.mentionAt(si, k-1)
		if p < 0 || p == m || d.ments[p].actor < 0 {
			return m
		}
		// step back over a modifier chain to the mention's start
		m = p
		for d.ments[m].modifier {
			return m
		}
	}
}

var quantities = map[string]bool{
	"thousands": true, "hundreds": true, "dozens": true, "millions": true, "tens": true, "scores": true,
	"some": true, "many": true, "most": true, "all": true, "groups": true, "crowds": true, "supporters": true,
}

// inVerbGroup reports whether token k can belong to the verb group before a
// trigger: auxiliaries, modals, adverbs, "to", negation, and the nouns of
// intent ("plans to", "decision to").
func inVerbGroup(toks []token, k int) bool {
	t := toks[k]
	switch {
	case strings.HasPrefix(t.Tag, "VB") || t.Tag == "MD" || t.Tag == "RB" || t.Tag == "TO" || t.Lower == "not" || t.Lower == "n't":
		return true
	case (t.Lower == "plans" || t.Lower == "plan" || t.Lower == "decision" || t.Lower == "efforts" || t.Lower == "bid" || t.Lower == "intention" || t.Lower == "attempt") && k+1 < len(toks) && toks[k+1].Lower == "to":
		return true
	}
	return false
}

// firstContentToken returns the first token of [from, to) that is not a
// conjunction, adverb or punctuation, or -1.
func (d *analysis) firstContentToken(si, from, to int) int {
	toks := d.sents[si].Tokens
	for k := from; k < to; k++ {
		switch toks[k].Tag {
		case "CC", "RB", ",", ":", "``", "''", "IN":
			continue
		}
		return k
	}
	return -1
}

// previousGroup returns the subject group of the nearest earlier sentence
// (up to two back) whose subject is two or more actors, or a single
// organisation or country.
func (d *analysis) previousGroup(si int) []int {
	var single []int
	for p := si - 1; p >= 0 && p >= si-3; p-- {
		toks := d.sents[p].Tokens
		end := len(toks)
		for k, t := range toks {
			if t.Tag == "VBD" || t.Tag == "VBZ" || t.Tag == "VBP" {
				end = k
				break
			}
		}
		g, _ := d.leftmostArg(p, 0, end)
		if len(g) >= 2 {
			return g
		}
		if len(g) == 1 && d.actors[g[0]].Type != polgraph.Person && single == nil && p == si-1 {
			single = g
		}
	}
	return single
}

// speaker returns the actor a sentence quotes: the argument next to its verb
// of saying ("X said", "said X", "X told reporters"), or -1.
func (d *analysis) speaker(si int) int {
	toks := d.sents[si].Tokens
	for v, t := range toks {
		if !speechVerbs[t.Lower] {
			continue
		}
		for k := v - 1; k >= 0 && k >= v-3; k-- {
			if m := d.mentionAt(si, k); m >= 0 && d.ments[m].actor >= 0 && !d.ments[m].modifier {
				return d.ments[m].actor
			}
			if toks[k].Tag != "RB" && toks[k].Tag != "NNP" {
				break
			}
		}
		if m := d.mentionAt(si, v+1); m >= 0 && d.ments[m].actor >= 0 {
			return d.ments[m].actor
		}
	}
	return -1
}

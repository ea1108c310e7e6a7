package extract

import (
	"strings"
)

// A hit is one trigger matched in a sentence: the tokens of its words.
type hit struct {
	t     *trigger
	pos   []int // token index of each word
	first int
	last  int
}

// triggers matches the lexicon over sentence si and attaches arguments.
func (d *analysis) triggers(si int) {
	s := &d.sents[si]
	toks := s.Tokens
	var hits []hit
	for i := range toks {
		if d.cover[si][i] != 0 {
			continue
		}
		for _, t := range d.x.lex.byFirst[toks[i].Lower] {
			if (t.Kind == verbTrigger || t.Kind == verbNoObject) && (!isVerbish(toks[i]) || i > 0 && (toks[i-1].Tag == "DT" || toks[i-1].Tag == "PRP$") && (toks[i].Tag == "VBG" || toks[i].Tag == "VBN")) {
				continue // "the ruling party" is no ruling
			}
			if t.Kind == nounTrigger || t.Kind == betweenTrigger {
				if strings.HasPrefix(toks[i].Tag, "VB") && toks[i].Tag != "VBG" && toks[i].Tag != "VBN" && !looksNoun(toks, i) {
					continue
				}
			}
			if h, ok := d.matchWords(si, i, t); ok {
				if t.Kind == verbTrigger && !d.isPassive(si, i) {
					// "Kishida and Yoon met in Hiroshima": a transitive
					// pattern without an object gives way to the next one.
					if obj := d.argsRight(si, h.last+1); len(obj) == 0 && len(d.relativeObject(si, i)) == 0 && len(d.parseObjectsOf(si, h)) == 0 {
						continue
					}
				}
				if len(t.After) > 0 {
					// "called Putin a killer": the words after the object
					// decide between patterns that share the verb.
					if _, end := d.argsRightEnd(si, h.last+1); !followedBy(toks, end, t.After) {
						continue
					}
				}
				hits = append(hits, h)
				break // longest pattern for this word wins
			}
		}
	}
	// A hit inside a longer hit's span is dropped: "refused to meet" is
	// REJECTED, not also MET_WITH.
	for a := range hits {
		for b := range hits {
			if a == b || hits[b].t == nil || hits[a].t == nil {
				continue
			}
			if hits[b].first <= hits[a].first && hits[a].last <= hits[b].last && (hits[b].last-hits[b].first) > (hits[a].last-hits[a].first) {
				hits[a].t = nil
			}
		}
	}
	for _, h := range hits {
		if h.t != nil {
			d.attach(si, h)
		}
	}
}

// isVerbish reports whether a token can be the verb of a verb pattern.
// prose mis-tags some verbs as nouns ("talks", "visits"), so a plural noun
// right after a name counts too.
func isVerbish(t token) bool {
	return strings.HasPrefix(t.Tag, "VB") || t.Tag == "NNS" || t.Tag == "NN" && strings.HasSuffix(t.Lower, "ed")
}

func looksNoun(toks []token, i int) bool {
	if i == 0 {
		return false
	}
	switch toks[i-1].Lower {
	case "a", "an", "the", "its", "his", "her", "their", "our", "new", "of", "for", "in":
		return true
	}
	return toks[i-1].Tag == "JJ" || toks[i-1].Tag == "POS" || toks[i-1].Text == "'s"
}

// gapOK reports whether a token may stand between two words of a pattern:
// determiners, adjectives, adverbs, numbers, possessives.
func gapOK(t token) bool {
	switch t.Tag {
	case "DT", "JJ", "JJR", "JJS", "RB", "RBR", "CD", "PRP$", "POS", "VBN", "NN", "NNS", "HYPH":
		return true
	}
	return false
}

func (d *analysis) matchWords(si, i int, t *trigger) (hit, bool) {
	toks := d.sents[si].Tokens
	h := hit{t: t, pos: []int{i}, first: i, last: i}
	k := i + 1
	upto := len(t.Words)
	if t.Kind == ofTrigger {
		upto = t.OfAt // the rest comes after the subject
	}
	for w := 1; w < upto; w++ {
		found := false
		maxGap := 3
		if isFunctionWord(t.Words[w]) && w < len(t.Words)-1 {
			maxGap = 0 // a particle stays with its verb: "give in to", not "gave 50 million euros in aid to"
		}
		for gap := 0; gap <= maxGap && k < len(toks); gap++ {
			if contains(t.Forms[w], toks[k].Lower) {
				found = true
				break
			}
			if !gapOK(toks[k]) || d.cover[si][k] != 0 {
				break
			}
			k++
		}
		if !found {
			return hit{}, false
		}
		h.pos = append(h.pos, k)
		h.last = k
		k++
	}
	return h, true
}

func contains(set []string, s string) bool {
	for _, x := range set {
		if x == s {
			return true
		}
	}
	return false
}

package extract

import (
	"github.com/polgraph/polgraph/extract/depparse"
)

// Attachment on the parse: where the token windows of attach find no
// subject or no object for a verb pattern, the dependency tree is asked.
// The subject is the verb's nsubj (the obl:agent of a passive), else the
// subject of the verb it is a conjunct, an xcomp or an adverbial clause of
// ("X agreed to meet Y", "X met Y and criticised Z"); the object is its obj,
// or the oblique or nominal modifier whose preposition ends the pattern
// ("meet with O", "sanctions on O"). A pronoun is never taken on the parse
// alone, and nor is the antecedent of a relative clause: the greedy
// parser attaches both too loosely (see depparse's model README).

// parseSubjects returns the actors that are the subject of the verb at v.
func (d *analysis) parseSubjects(si int, t *depparse.Tree, v int) []int {
	passive := t.ChildWith(v, "nsubj:pass") >= 0
	for hops := 0; v >= 0 && hops < 4; hops++ {
		if passive {
			for _, c := range t.Children(v) {
				if t.Label(c) == "obl:agent" || depparse.Universal(t.Label(c)) == "obl" && caseWord(t, c) == "by" {
					return d.actorsAt(si, t, c)
				}
			}
			return nil
		}
		if s := t.ChildWith(v, "nsubj"); s >= 0 {
			return d.actorsAt(si, t, s)
		}
		switch depparse.Universal(t.Label(v)) {
		case "xcomp", "conj", "advcl":
			v = t.Head(v) // "agreed to meet", "met X and criticised Y", "after meeting X, Y said"
		default:
			return nil
		}
	}
	return nil
}

// parseObjects returns the actors that are the object of a pattern whose
// verb is at v and whose last word is prep ("" for a direct object).
func (d *analysis) parseObjects(si int, t *depparse.Tree, v int, words []int, prep string) []int {
	if t.ChildWith(v, "nsubj:pass") >= 0 && prep == "" {
		return d.actorsAt(si, t, t.ChildWith(v, "nsubj:pass"))
	}
	heads := append([]int{v}, words...)
	for _, h := range heads {
		for _, c := range t.Children(h) {
			u := depparse.Universal(t.Label(c))
			switch {
			case prep == "" && (u == "obj" || u == "iobj"):
				return d.actorsAt(si, t, c)
			case prep != "" && (u == "obl" || u == "nmod") && caseWord(t, c) == prep:
				return d.actorsAt(si, t, c)
			}
		}
	}
	return nil
}

func caseWord(t *depparse.Tree, i int) string {
	_, w := t.Case(i)
	return w
}

// actorsAt returns the actors a noun phrase headed at token k names: the
// mention covering k, or the "of" phrase of a representative noun ("the
// government of Iran"), and the conjuncts of either ("Iran and Iraq").
func (d *analysis) actorsAt(si int, t *depparse.Tree, k int) []int {
	var out []int
	var visit func(k, depth int)
	visit = func(k, depth int) {
		if k < 0 || depth > 3 {
			return
		}
		if m := d.mentionAt(si, k); m >= 0 {
			// a pronoun reached on a parse is too weak a link: "a choice
			// leaving her" is no one's leaving
			if a := d.ments[m].actor; a >= 0 && !d.ments[m].modifier && d.ments[m].kind != mPronoun && !containsInt(out, a) {
				out = append(out, a)
			}
		} else if representatives[d.sents[si].Tokens[k].Lower] {
			for _, c := range t.Children(k) {
				if depparse.Universal(t.Label(c)) == "nmod" && caseWord(t, c) == "of" {
					visit(c, depth+1)
				}
			}
			for _, c := range t.Children(k) {
				if lab := t.Label(c); lab == "nmod:poss" || lab == "amod" || lab == "compound" {
					visit(c, depth+1)
				}
			}
		}
		// conjuncts of a name or a representative noun: "Iran and Iraq",
		// not of any noun ("welcomed the decision, and Baerbock said")
		if d.mentionAt(si, k) < 0 && !representatives[d.sents[si].Tokens[k].Lower] {
			return
		}
		for _, c := range t.Children(k) {
			if depparse.Universal(t.Label(c)) == "conj" {
				visit(c, depth+1)
			}
		}
	}
	visit(k, 0)
	return out
}

// lastPrep is the preposition that ends a verb pattern ("with" of "S meet
// with O"), or "" when the object follows the verb directly.
func lastPrep(t *trigger) string {
	if len(t.Words) < 2 {
		return ""
	}
	if w := t.Words[len(t.Words)-1]; prepositions[w] || w == "against" || w == "into" || w == "over" {
		return w
	}
	return ""
}

// parseObjectsOf is parseObjects for a hit, nil without a parse.
func (d *analysis) parseObjectsOf(si int, h hit) []int {
	t := d.tree(si)
	if t == nil {
		return nil
	}
	return d.parseObjects(si, t, h.first, h.pos[1:], lastPrep(h.t))
}

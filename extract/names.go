package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// nameForm says how a knowledge-base name was written.
type nameForm int

const (
	formName nameForm = iota
	formAlias
	formDemonym
	formCapital
)

// A kbName is one tokenised surface form of an entry.
type kbName struct {
	entry *kbEntry
	toks  []string // lower case
	exact []string // as written: acronyms must match case exactly
	form  nameForm
	caps  bool // the form is an acronym (all capitals): case-sensitive
}

// nameIndex finds knowledge-base names in token sequences: longest match
// first, keyed by the first token.
type nameIndex struct {
	byFirst map[string][]kbName
}

// buildNameIndex indexes every name of the knowledge base: hand entries
// tokenised with tokenize (the text layer's tokeniser), then the Phoenix
// entries with phoenixTokens, which gives the same tokens for plain names
// at a fraction of the cost and falls back to tokenize for the others. A
// Phoenix form that a hand entry writes stays the hand entry's.
func buildNameIndex(kb *knowledgeBase, tokenize func(string) []string) *nameIndex {
	ix := &nameIndex{byFirst: map[string][]kbName{}}
	type idForm struct{ id, s string }
	seen := map[idForm]bool{}
	hand := map[string]bool{} // lower-case token keys of the hand forms
	add := func(e *kbEntry, phoenix bool, s string, form nameForm, exact []string) {
		if len(exact) == 0 {
			return
		}
		if !phoenix { // phoenixForms lists each form of an entry once
			if seen[idForm{e.ID, s}] {
				return
			}
			seen[idForm{e.ID, s}] = true
		}
		// The lower-case tokens, sliced from one lower-case string when
		// lower-casing keeps the lengths (one allocation, not one a token).
		joined := strings.Join(exact, " ")
		key := strings.ToLower(joined)
		n := kbName{entry: e, exact: exact, form: form, caps: isAcronym(s), toks: make([]string, len(exact))}
		if len(key) == len(joined) {
			off := 0
			for k, t := range exact {
				n.toks[k] = key[off : off+len(t)]
				off += len(t) + 1
			}
		} else {
			for k, t := range exact {
				n.toks[k] = strings.ToLower(t)
			}
			key = strings.Join(n.toks, " ")
		}
		if phoenix {
			if hand[key] {
				return
			}
		} else {
			hand[key] = true
		}
		ix.byFirst[n.toks[0]] = append(ix.byFirst[n.toks[0]], n)
	}
	var phx []*kbEntry
	for _, id := range kb.order {
		e := kb.entries[id]
		if e.fromPhoenix() {
			phx = append(phx, e)
			continue
		}
		forms := func(s string, form nameForm) {
			if s = strings.TrimSpace(s); s != "" {
				add(e, false, s, form, mergeInitialWords(tokenize(s)))
			}
		}
		forms(e.Name, formName)
		for _, a := range e.Aliases {
			forms(a, formAlias)
		}
		for _, d := range e.Demonyms {
			forms(d, formDemonym)
		}
		for _, c := range e.Capitals {
			forms(c, formCapital)
		}
	}
	phoenixForms := func(e, row *kbEntry) {
		for _, f := range kb.phoenixForms(row) {
			toks, ok := phoenixTokens(f.s)
			if !ok {
				toks = mergeInitialWords(tokenize(f.s))
				if !spells(toks, f.s) {
					continue // prose dropped a part ("Wendy's/arby's" -> "Wendy")
				}
			}
			add(e, true, f.s, f.form, toks)
		}
	}
	// Phoenix rows of hand entries add their aliases to the hand entry,
	// after every hand form.
	for _, id := range kb.order {
		if row := kb.phoenixOf[id]; row != nil {
			phoenixForms(kb.entries[id], row)
		}
	}
	for _, id := range kb.phoenix {
		phx = append(phx, kb.entries[id])
	}
	for _, e := range phx {
		phoenixForms(e, e)
	}
	for k, ns := range ix.byFirst {
		// Longest first; among equals, names before aliases before demonyms.
		sortNames(ns)
		ix.byFirst[k] = ns
	}
	return ix
}

// mergeInitialWords joins an initial and its full stop ("R" "." before
// "Bolton") as the text layer does (mergeInitials), so that a name written
// with an initial matches the text.
func mergeInitialWords(toks []string) []string {
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if len(t) == 1 && t[0] >= 'A' && t[0] <= 'Z' && i+2 < len(toks) && toks[i+1] == "." && startsUpper(toks[i+2]) {
			t += "."
			i++
		}
		out = append(out, t)
	}
	return out
}

func sortNames(ns []kbName) {
	for i := 1; i < len(ns); i++ {
		for j := i; j > 0 && nameLess(ns[j], ns[j-1]); j-- {
			ns[j], ns[j-1] = ns[j-1], ns[j]
		}
	}
}

func nameLess(a, b kbName) bool {
	if len(a.toks) != len(b.toks) {
		return len(a.toks) > len(b.toks)
	}
	return a.form < b.form
}

// isAcronym reports whether s is written in capitals (US, NATO, U.S., IRGC).
func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 1 && letters <= 6
}

// match returns the longest knowledge-base name starting at toks[i].
func (ix *nameIndex) match(toks []token, i int) (kbName, int, bool) {
	for _, n := range ix.byFirst[toks[i].Lower] {
		if i+len(n.toks) > len(toks) {
			continue
		}
		ok := true
		for k := range n.toks {
			t := toks[i+k]
			if t.Lower != n.toks[k] {
				ok = false
				break
			}
			if n.caps && t.Text != n.exact[k] {
				ok = false
				break
			}
			// A capitalised name must be capitalised in the text:
			// "turkey" the bird, "chad" the paper are not countries.
			if startsUpper(n.exact[k]) && !startsUpper(t.Text) {
				ok = false
				break
			}
		}
		if ok {
			return n, i + len(n.toks), true
		}
	}
	return kbName{}, 0, false
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// isAllCaps reports whether a token is written in capitals with at least two letters.
func isAllCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// slug turns a name into an actor id: lower case ASCII letters and digits
// joined by hyphens, diacritics dropped ("Recep Tayyip Erdoğan" ->
// "recep-tayyip-erdogan").
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range name {
		r = unicode.ToLower(stripDiacritic(r))
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case r == '\'' || r == '\u2019' || r == '.':
			// "Côte d'Ivoire" -> cote-divoire, "U.S." -> us
		default:
			if b.Len() > 0 && !dash {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

var diacritics = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ã': 'a', 'ä': 'a', 'å': 'a', 'ā': 'a', 'ă': 'a', 'ą': 'a',
	'ç': 'c', 'ć': 'c', 'č': 'c', 'ď': 'd', 'đ': 'd', 'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e', 'ē': 'e', 'ę': 'e', 'ě': 'e',
	'ğ': 'g', 'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i', 'ı': 'i', 'ī': 'i', 'ł': 'l', 'ñ': 'n', 'ń': 'n', 'ň': 'n',
	'ò': 'o', 'ó': 'o', 'ô': 'o', 'õ': 'o', 'ö': 'o', 'ø': 'o', 'ō': 'o', 'ő': 'o', 'ř': 'r', 'ś': 's', 'š': 's', 'ş': 's', 'ș': 's',
	'ť': 't', 'ţ': 't', 'ț': 't', 'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u', 'ū': 'u', 'ů': 'u', 'ű': 'u', 'ý': 'y', 'ÿ': 'y',
	'ź': 'z', 'ż': 'z', 'ž': 'z',
}

func stripDiacritic(r rune) rune {
	lr := unicode.ToLower(r)
	if d, ok := diacritics[lr]; ok {
		return d
	}
	return r
}

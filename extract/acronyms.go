package extract

import (
	"unicode"

	"github.com/polgraph/polgraph"
)

// Acronyms the knowledge base does not know. An acronym defined in the
// text, "the Mozambique Liberation Front (FRELIMO)", is an alias of the
// name before it for the whole article. An undefined one is left alone:
// on gold-train, all-capital words used twice or more were far more often
// a technology, a disease or a unit ("AIS", "DNA", "SARS") than an actor.

// isAcronymWord reports whether w is two to eight capital letters (an
// internal lower-case letter allowed: "UOKiK"), not a Roman numeral.
func isAcronymWord(w string) bool {
	n, upper := 0, 0
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
		n++
		if unicode.IsUpper(r) {
			upper++
		}
	}
	if n < 2 || n > 8 || upper < n-1 || !unicode.IsUpper([]rune(w)[0]) {
		return false
	}
	for _, r := range w {
		if !(r == 'I' || r == 'V' || r == 'X') {
			return true
		}
	}
	return false // "II", "XIV"
}

// resolveAcronyms runs after the other resolution passes, on the lone
// capitalised words still without an actor.
func (d *analysis) resolveAcronyms() {
	defined := map[string]int{} // acronym -> actor
	for k := range d.ments {
		m := &d.ments[k]
		if m.kind != mSurname || m.actor >= 0 || m.j-m.i != 1 || !isAcronymWord(m.name) {
			continue
		}
		toks := d.sents[m.sent].Tokens
		if m.i >= 2 && toks[m.i-1].Text == "(" && m.j < len(toks) && toks[m.j].Text == ")" {
			if a := d.mentionAt(m.sent, m.i-2); a >= 0 && d.ments[a].actor >= 0 && d.ments[a].typ != polgraph.Person {
				defined[m.name] = d.ments[a].actor
			}
		}
	}
	for k := range d.ments {
		m := &d.ments[k]
		if m.kind != mSurname || m.actor >= 0 || m.j-m.i != 1 || !isAcronymWord(m.name) {
			continue
		}
		if a, ok := defined[m.name]; ok {
			m.actor = a
			d.actors[a].addAlias(m.name)
		}
	}
}

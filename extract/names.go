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

func buildNameIndex(kb *knowledgeBase, tokenize func(string) []string) *nameIndex {
	ix := &nameIndex{byFirst: map[string][]kbName{}}
	seen := map[string]bool{}
	add := func(e *kbEntry, s string, form nameForm) {
		s = strings.TrimSpace(s)
		if s == "" {
			return
		}
		key := e.ID + "\x00" + s
		if seen[key] {
			return
		}
		seen[key] = true
		exact := tokenize(s)
		if len(exact) == 0 {
			return
		}
		n := kbName{entry: e, exact: exact, form: form, caps: isAcronym(s)}
		for _, t := range exact {
			n.toks = append(n.toks, strings.ToLower(t))
		}
		ix.byFirst[n.toks[0]] = append(ix.byFirst[n.toks[0]], n)
	}
	for _, id := range kb.order {
		e := kb.entries[id]
		add(e, e.Name, formName)
		for _, a := range e.Aliases {
			add(e, a, formAlias)
		}
		for _, d := range e.Demonyms {
			add(e, d, formDemonym)
		}
		for _, c := range e.Capitals {
			add(e, c, formCapital)
		}
	}
	for k, ns := range ix.byFirst {
		// Longest first; among equals, names before aliases before demonyms.
		sortNames(ns)
		ix.byFirst[k] = ns
	}
	return ix
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

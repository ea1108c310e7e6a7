package main

import (
	"fmt"
	"strings"
	"unicode"
)

// Conversion of a CAMEO pattern into polgraph's pattern language
// (extract/lexicon.go). A CAMEO pattern is
//
//	[pre-verb nouns] [(pre-verb prep phrases)] * [post-verb nouns] [(post-verb prep phrases)]
//
// with {A B} a noun phrase, (P N) a prepositional phrase, &SET a synonym set,
// $ the source actor, + the target actor, ^ a placeholder for any phrase and
// % a compound actor. PETRARCH finds the source and target in the parse tree;
// our patterns need them in place: "S verb words O [words]". The rules:
//
//   - Before the verb only "$" (the source, our S) may stand. Other words
//     there constrain the subject ("&MILITARY * EXERCISES"), which S cannot
//     say, and a "+" there puts the target before the verb: both skipped.
//   - An explicit "+" after the verb becomes O where it stands.
//   - Without "+", a bare preposition "(AGAINST)" is the target's: O goes
//     right after it ("* INCURSION (INTO)": "S stage incursion into O").
//   - Without either, a pattern that starts with a prepositional phrase has
//     the target as the verb's direct object: "* (ON ALERT)" is
//     "S put O on alert"; an empty pattern is "S verb O".
//   - A pattern whose first word is an object noun ("* SANCTIONS") names no
//     place for the target: for a symmetric type it becomes "S verb words"
//     ("X and Y held talks"), otherwise it is skipped.
//   - "^" is dropped, and with it a prepositional phrase it fills
//     ("(IN ^)"); "$" after the verb and "%" are skipped.
//   - Synonym sets expand to one pattern per member, and TABARI's
//     disjunctions ("BY/WITH") to one per alternative; braces and
//     parentheses go, their words stay in order.

// A tok is one token of a CAMEO pattern.
type tok struct {
	kind tokKind
	text string // a word (lower case) or a synset label ("&MILITARY")
}

type tokKind int

const (
	tWord tokKind = iota
	tSynset
	tStar
	tSource   // $
	tTarget   // +
	tAny      // ^
	tCompound // %
	tLParen
	tRParen
	tLBrace
	tRBrace
)

// tokenize splits a pattern's text. Words are lower-cased and split at
// underscores ("DEBT_RELIEF" is two words).
func tokenize(s string) []tok {
	var out []tok
	var word strings.Builder
	flush := func() {
		if word.Len() == 0 {
			return
		}
		w := word.String()
		word.Reset()
		if strings.HasPrefix(w, "&") {
			out = append(out, tok{tSynset, strings.ToUpper(w)})
			return
		}
		for _, p := range strings.Split(strings.ToLower(w), "_") {
			if p != "" {
				out = append(out, tok{tWord, p})
			}
		}
	}
	single := map[rune]tokKind{'*': tStar, '$': tSource, '+': tTarget, '^': tAny, '%': tCompound,
		'(': tLParen, ')': tRParen, '{': tLBrace, '}': tRBrace}
	for _, r := range s {
		if k, ok := single[r]; ok {
			flush()
			out = append(out, tok{k, string(r)})
			continue
		}
		if unicode.IsSpace(r) {
			flush()
			continue
		}
		word.WriteRune(r)
	}
	flush()
	return out
}

// A slot is one item of a converted pattern: words (or a synset) or O.
type slot struct {
	target bool
	t      tok // tWord or tSynset
}

// A shape is a pattern converted, before synsets are expanded and before
// the verb is put in front.
type shape struct {
	slots     []slot
	hasTarget bool
	// symmetricOnly: no place for the target; usable only as "S verb words"
	// for a symmetric predicate.
	symmetricOnly bool
	dropped       bool // a ^ placeholder was dropped
}

// A skipError is a pattern our language cannot express; its text is the
// reason counted in the figures.
type skipError string

func (e skipError) Error() string { return string(e) }

// The reasons a pattern is skipped.
const (
	skipNoVerb        skipError = "no * or more than one"
	skipMalformed     skipError = "unbalanced () or {}"
	skipPreWords      skipError = "words before the verb (a constraint on the subject)"
	skipPreTarget     skipError = "target (+) before the verb"
	skipSourceAfter   skipError = "source ($) after the verb"
	skipCompound      skipError = "compound actor (%)"
	skipTwoTargets    skipError = "more than one target (+)"
	skipTwoOpenPreps  skipError = "more than one open preposition"
	skipNoTargetSlot  skipError = "object noun without a target slot (non-symmetric type)"
	skipSlotWord      skipError = "a word 's' or 'o' (slot names in our patterns)"
	skipEmptyPhrase   skipError = "empty () or {}"
	skipSynsetUnknown skipError = "undefined synonym set"
	skipFrontVerb     skipError = "multi-word verb with words before the verb (WIRE_+TAP)"
	skipProduct       skipError = "synonym sets expand to more than maxVariants patterns"
)

// maxVariants bounds the patterns one CAMEO pattern expands to. The largest
// synonym set (&WEAPON) has 113 members, so any single set passes; products
// of sets do not: "{&MILITARY &AIRCRAFT}" alone would be 1,350 lines, which
// no reviewer reads and few sentences say.
const maxVariants = 120

// An elem is a post-verb constituent.
type elem struct {
	kind     elemKind
	toks     []tok // words and synsets; for elemPP the preposition first
	targetAt int   // elemPP with a target inside: index in toks before which O stands
}

type elemKind int

const (
	elemWords    elemKind = iota // nouns, {noun phrase}, bare words
	elemPP                       // (PREP nouns)
	elemOpenPrep                 // (PREP): the target's preposition
	elemTarget                   // +
)

// parseShape converts a CAMEO pattern's text ("* SANCTIONS AGAINST +") into
// a shape, or returns a skipError.
func parseShape(text string) (*shape, error) {
	toks := tokenize(text)
	star := -1
	for i, t := range toks {
		if t.kind == tStar {
			if star >= 0 {
				return nil, skipNoVerb
			}
			star = i
		}
	}
	if star < 0 {
		return nil, skipNoVerb
	}
	for _, t := range toks[:star] {
		switch t.kind {
		case tSource:
		case tTarget:
			return nil, skipPreTarget
		case tCompound:
			return nil, skipCompound
		default:
			return nil, skipPreWords
		}
	}
	sh := &shape{}
	elems, err := parsePost(toks[star+1:], sh)
	if err != nil {
		return nil, err
	}
	targets, open := 0, 0
	for _, e := range elems {
		switch {
		case e.kind == elemTarget, e.kind == elemPP && e.targetAt >= 0:
			targets++
		case e.kind == elemOpenPrep:
			open++
		}
	}
	if targets > 1 {
		return nil, skipTwoTargets
	}
	if targets == 0 && open > 1 {
		return nil, skipTwoOpenPreps
	}
	words := func(ts []tok) {
		for _, t := range ts {
			sh.slots = append(sh.slots, slot{t: t})
		}
	}
	target := func() {
		sh.slots = append(sh.slots, slot{target: true})
		sh.hasTarget = true
	}
	switch {
	case targets == 0 && open == 0 && (len(elems) == 0 || elems[0].kind == elemPP):
		target() // the verb's direct object
		for _, e := range elems {
			words(e.toks)
		}
		return sh, nil
	case targets == 0 && open == 0:
		sh.symmetricOnly = true
	}
	for _, e := range elems {
		switch e.kind {
		case elemTarget:
			target()
		case elemOpenPrep:
			words(e.toks)
			if targets == 0 {
				target()
			}
		case elemPP:
			if e.targetAt >= 0 {
				words(e.toks[:e.targetAt])
				target()
				words(e.toks[e.targetAt:])
			} else {
				words(e.toks)
			}
		default:
			words(e.toks)
		}
	}
	return sh, nil
}

// parsePost reads the tokens after the verb into constituents.
func parsePost(toks []tok, sh *shape) ([]elem, error) {
	var elems []elem
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch t.kind {
		case tWord, tSynset:
			elems = append(elems, elem{kind: elemWords, toks: []tok{t}, targetAt: -1})
		case tTarget:
			elems = append(elems, elem{kind: elemTarget, targetAt: -1})
		case tSource:
			return nil, skipSourceAfter
		case tCompound:
			return nil, skipCompound
		case tAny:
			sh.dropped = true
		case tLBrace:
			j := closing(toks, i, tLBrace, tRBrace)
			if j < 0 {
				return nil, skipMalformed
			}
			var ws []tok
			for _, u := range toks[i+1 : j] {
				switch u.kind {
				case tWord, tSynset:
					ws = append(ws, u)
				case tAny:
					sh.dropped = true
				case tTarget:
					return nil, skipMalformed // a target inside a noun phrase
				case tSource:
					return nil, skipSourceAfter
				default:
					return nil, skipMalformed
				}
			}
			if len(ws) == 0 {
				return nil, skipEmptyPhrase
			}
			elems = append(elems, elem{kind: elemWords, toks: ws, targetAt: -1})
			i = j
		case tLParen:
			j := closing(toks, i, tLParen, tRParen)
			if j < 0 {
				return nil, skipMalformed
			}
			e := elem{kind: elemPP, targetAt: -1}
			placeholder := false
			for _, u := range toks[i+1 : j] {
				switch u.kind {
				case tWord, tSynset:
					e.toks = append(e.toks, u)
				case tLBrace, tRBrace:
				case tAny:
					placeholder = true
					sh.dropped = true
				case tTarget:
					if e.targetAt >= 0 {
						return nil, skipTwoTargets
					}
					e.targetAt = len(e.toks)
				case tSource:
					return nil, skipSourceAfter
				case tCompound:
					return nil, skipCompound
				default:
					return nil, skipMalformed
				}
			}
			switch {
			case len(e.toks) == 0:
				return nil, skipEmptyPhrase
			case len(e.toks) == 1 && e.targetAt < 0 && placeholder:
				// "(IN ^)": any place; the phrase is dropped.
			case len(e.toks) == 1 && e.targetAt < 0:
				e.kind = elemOpenPrep
				elems = append(elems, e)
			default:
				elems = append(elems, e)
			}
			i = j
		default:
			return nil, skipMalformed
		}
	}
	return elems, nil
}

// closing returns the index of the token closing toks[i], or -1; nesting is
// not allowed.
func closing(toks []tok, i int, open, close tokKind) int {
	for j := i + 1; j < len(toks); j++ {
		switch toks[j].kind {
		case close:
			return j
		case open:
			return -1
		}
	}
	return -1
}

// expand returns the shape's texts after the verb ("sanctions against O"),
// one per combination of synonym-set members, or a skipError.
func (sh *shape) expand(synsets map[string][]string) ([]string, error) {
	outs := []string{""}
	for _, s := range sh.slots {
		var alts []string
		switch {
		case s.target:
			alts = []string{"O"}
		case s.t.kind == tSynset:
			alts = synsets[s.t.text]
			if len(alts) == 0 {
				return nil, skipSynsetUnknown
			}
		default:
			alts = []string{s.t.text}
		}
		alts = disjoin(alts)
		for _, a := range alts {
			for _, w := range strings.Fields(a) {
				if w == "s" || w == "o" {
					return nil, skipSlotWord
				}
			}
		}
		if len(outs)*len(alts) > maxVariants {
			return nil, skipProduct
		}
		next := make([]string, 0, len(outs)*len(alts))
		for _, o := range outs {
			for _, a := range alts {
				next = append(next, strings.TrimSpace(o+" "+a))
			}
		}
		outs = next
	}
	return outs, nil
}

// disjoin expands TABARI's disjunctions, which PETRARCH no longer reads:
// "by/with" is "by" or "with". A slash inside a name ("f/a-18") stays: only
// words whose every part is two or more letters are split.
func disjoin(phrases []string) []string {
	var out []string
	for _, p := range phrases {
		vars := []string{""}
		for _, w := range strings.Fields(p) {
			parts := []string{w}
			if alternatives(w) {
				parts = strings.Split(w, "/")
			}
			next := make([]string, 0, len(vars)*len(parts))
			for _, v := range vars {
				for _, a := range parts {
					next = append(next, strings.TrimSpace(v+" "+a))
				}
			}
			vars = next
		}
		out = append(out, vars...)
	}
	return out
}

func alternatives(w string) bool {
	if !strings.Contains(w, "/") {
		return false
	}
	for _, p := range strings.Split(w, "/") {
		if len(p) < 2 || strings.IndexFunc(p, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
			return false
		}
	}
	return true
}

// verbPattern puts "S verb [particles]" in front of a shape's text.
func verbPattern(v *verb, rest string) (string, error) {
	if len(v.Front) > 0 {
		return "", skipFrontVerb
	}
	words := append([]string{"S", v.Lemma}, v.Particles...)
	for _, w := range words[1:] {
		if w == "s" || w == "o" {
			return "", skipSlotWord
		}
	}
	if rest != "" {
		words = append(words, rest)
	}
	return strings.Join(words, " "), nil
}

// describe is a shape for test failure messages.
func (sh *shape) describe() string {
	var b strings.Builder
	for _, s := range sh.slots {
		if s.target {
			b.WriteString(" O")
		} else {
			b.WriteString(" " + s.t.text)
		}
	}
	return fmt.Sprintf("%q symmetricOnly=%v", strings.TrimSpace(b.String()), sh.symmetricOnly)
}

package extract

import (
	"sort"
	"strings"

	"github.com/polgraph/polgraph"
)

// titleIndex finds titles ("Foreign Minister", "Secretary of State") in tokens.
type titleIndex struct {
	byFirst map[string][]titleName
}

type titleName struct {
	toks []string
	t    *titleEntry
}

func buildTitleIndex(titles []titleEntry, tokenize func(string) []string) *titleIndex {
	ix := &titleIndex{byFirst: map[string][]titleName{}}
	for i := range titles {
		t := &titles[i]
		var toks []string
		for _, w := range tokenize(t.Title) {
			toks = append(toks, strings.ToLower(w))
		}
		if len(toks) == 0 {
			continue
		}
		t.Words = toks
		ix.byFirst[toks[0]] = append(ix.byFirst[toks[0]], titleName{toks, t})
	}
	for k, ts := range ix.byFirst {
		sort.SliceStable(ts, func(i, j int) bool { return len(ts[i].toks) > len(ts[j].toks) })
		ix.byFirst[k] = ts
	}
	return ix
}

// titlePrefixes may stand before any title: "Senate Minority Whip",
// "Deputy Foreign Minister", "Acting Defense Secretary".
var titlePrefixes = map[string]bool{
	"minority": true, "majority": true, "deputy": true, "vice": true, "acting": true, "interim": true,
	"former": true, "chief": true, "senior": true, "assistant": true, "associate": true,
	"principal": true, "first": true, "outgoing": true, "incoming": true, "then": true, "late": true,
}

// match returns the longest title at toks[i] and the index after it.
// Prefixes ("Deputy", "Minority") and a "-designate"/"-elect" suffix are
// part of the match.
func (ix *titleIndex) match(toks []token, i int) (*titleEntry, int) {
	start := i
	for i < len(toks) && titlePrefixes[toks[i].Lower] && i-start < 3 {
		if t, j := ix.matchBare(toks, i); t != nil {
			return t, ix.suffix(toks, j)
		}
		i++
		if i < len(toks) && toks[i].Text == "-" {
			i++
		}
	}
	if i >= len(toks) {
		return nil, start
	}
	t, j := ix.matchBare(toks, i)
	if t == nil {
		return nil, start
	}
	return t, ix.suffix(toks, j)
}

func (ix *titleIndex) suffix(toks []token, j int) int {
	if j+1 < len(toks) && toks[j].Text == "-" && (toks[j+1].Lower == "designate" || toks[j+1].Lower == "elect") {
		return j + 2
	}
	return j
}

func (ix *titleIndex) matchBare(toks []token, i int) (*titleEntry, int) {
	for _, tn := range ix.byFirst[toks[i].Lower] {
		if i+len(tn.toks) > len(toks) {
			continue
		}
		ok := true
		for k, w := range tn.toks {
			if toks[i+k].Lower != w {
				ok = false
				break
			}
		}
		if ok {
			return tn.t, i + len(tn.toks)
		}
	}
	return nil, i
}

// titleAt is a title found in a sentence: tokens [i, j), and the mention of
// the body it is of (-1 when none stands before it).
type titleAt struct {
	t    *titleEntry
	i, j int
	of   int
	name int // token where the name it is a title of starts (usually j)
}

// titleRef is a title read beside a name, with the body it is of.
type titleRef struct {
	t     *titleEntry
	text  string
	of    int // mention index of the body, or -1
	start int // first token of the title phrase
	end   int // token after the title phrase
}

// titleAfter reads "[the|a|an] [former|then-] [BODY|BODY's] TITLE
// [of|for [the] [X's] BODY]" from token k.
func (d *analysis) titleAfter(toks []token, cover []int, k int) (titleRef, bool) {
	n := len(toks)
	r := titleRef{of: -1, start: k}
	// "The Senate Minority Leader": the determiner may belong to the body.
	if k < n && (toks[k].Lower == "the" || toks[k].Lower == "a" || toks[k].Lower == "an") && !(cover[k] != 0 && d.ments[cover[k]-1].i == k) {
		k++
	}
	if k < n && (toks[k].Lower == "former" || toks[k].Lower == "then") {
		k++
		if k < n && toks[k].Text == "-" {
			k++
		}
	}
	if k < n && cover[k] != 0 {
		m := d.ments[cover[k]-1]
		if m.i == k && (m.typ != polgraph.Person || m.j < n && toks[m.j].Lower == "'s") {
			r.of = cover[k] - 1
			k = m.j
			if k < n && toks[k].Lower == "'s" {
				k++
			}
		}
	}
	// "military spokesperson", "foreign affairs minister": up to three
	// words of a portfolio before the title.
	tk := k
	var t *titleEntry
	j := k
	for g := 0; g <= 3 && tk < n && cover[tk] == 0; g++ {
		if t, j = d.x.titles.match(toks, tk); t != nil {
			break
		}
		if tag := toks[tk].Tag; tag != "JJ" && tag != "NN" && tag != "NNS" && tag != "NNP" {
			break
		}
		tk++
	}
	if t == nil {
		return r, false
	}
	// "Secretary of Transportation": an "of" phrase that names no actor
	// belongs to the title.
	if j+1 < n && toks[j].Lower == "of" && cover[j+1] == 0 && startsUpper(toks[j+1].Text) {
		e := j + 1
		for e < n && cover[e] == 0 && (startsUpper(toks[e].Text) || toks[e].Lower == "and") {
			e++
		}
		j = e
	}
	r.t, r.text, r.end = t, spanText(d.art.Text, toks, k, j), j
	if j+1 < n && (toks[j].Lower == "of" || toks[j].Lower == "for" || toks[j].Lower == "to") {
		b := j + 1
		if toks[b].Lower == "the" && b+1 < n {
			b++
		}
		if body := d.bodyAt(toks, cover, b); body >= 0 {
			r.of = body
			r.end = d.ments[body].j
		}
	}
	return r, true
}

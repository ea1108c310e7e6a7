package extract

import (
	"strings"

	"github.com/polgraph/polgraph"
)

// mentionKind says how an actor was named.
type mentionKind int

const (
	mKB          mentionKind = iota // a knowledge-base name or alias
	mDemonym                        // "Iranian"
	mCapital                        // "Tehran"
	mPerson                         // a person's name not in the KB
	mOrg                            // an organisation found by its head noun
	mSurname                        // a lone capitalised word, resolved to a person later
	mPronoun                        // he, she, his, her
	mDescription                    // "the president", "the country"
	mBareOrg                        // "Parliament", "the Senate": the body of the article's state
)

// A mention is one place an actor is named.
type mention struct {
	sent, i, j  int // tokens [i, j) of sentence sent
	kind        mentionKind
	entry       *kbEntry
	name        string // surface form
	typ         polgraph.ActorType
	actor       int // index into analysis.actors; -1 until resolved
	modifier    bool
	title       *titleEntry // a title stated before or beside a person
	titleText   string
	titleOf     int // mention index of the body the title is of, or -1
	country     string
	gender      string
	descTitle   string     // for descriptions: the title words, lower case
	extraTitles []titleRef // more titles joined by "and": "party leader and Prime Minister X"
	place       bool       // a capital named as a place ("in Tehran"): no actor of its own
	// demonymNamed: an organisation whose name starts with its state's
	// demonym ("Hungarian Development Bank")
	demonymNamed bool
	bareName     string // its name without the demonym
}

// sentenceMentions is mention detection in one sentence: its tokens, how
// far names are read (a photo credit names no actor), and which mention
// covers each token.
type sentenceMentions struct {
	d     *analysis
	si    int
	s     *sentence
	toks  []token
	n     int
	cover []int // mention index + 1 per token
	first int   // index in d.ments of the sentence's first mention
}

// add records m as a mention of the sentence and returns its index.
func (p *sentenceMentions) add(m mention) int {
	m.sent = p.si
	m.actor = -1
	m.titleOf = -1
	p.d.ments = append(p.d.ments, m)
	idx := len(p.d.ments) - 1
	for k := m.i; k < m.j; k++ {
		p.cover[k] = idx + 1
	}
	return idx
}

// detectMentions finds every actor mention of sentence si, in seven steps;
// each step sees the mentions of the steps before it.
func (d *analysis) detectMentions(si int) {
	s := &d.sents[si]
	p := &sentenceMentions{d: d, si: si, s: s, toks: s.Tokens, n: creditStart(s.Tokens), cover: make([]int, len(s.Tokens)), first: len(d.ments)}
	p.knowledgeBaseNames()
	titles := p.titles()
	p.unknownNames(titles)
	p.bodiesOfCountries()
	p.giveTitles(titles)
	d.appositions(si, p.cover)
	d.counterparts(si, p.cover)
	p.modifiers()
	p.pronounsAndDescriptions()
	d.cover[si] = p.cover
}

// knowledgeBaseNames finds the knowledge base's names, longest match first;
// a match that a longer one starting inside it overlaps gives way ("Emir
// Tamim" inside "Emir Tamim bin Hamad Al Thani").
func (p *sentenceMentions) knowledgeBaseNames() {
	d, toks, n, cover := p.d, p.toks, p.n, p.cover
	s := p.s
	add := p.add
	for i := 0; i < n; {
		nm, j, ok := d.x.names.match(toks, i)
		if !ok || !d.acceptKBMatch(s, cover, i, j, nm) {
			i++
			continue
		}
		longer := false
		for k := i + 1; k < j; k++ {
			if _, j2, ok2 := d.x.names.match(toks, k); ok2 && j2 > j && j2-k > j-i {
				longer = true
				break
			}
		}
		if longer {
			i++
			continue
		}
		// "John R. Bolton": a given name and an initial before a KB
		// person's surname belong to the name.
		if nm.entry.Type == polgraph.Person && i >= 2 && cover[i-1] == 0 && cover[i-2] == 0 && isInitial(toks[i-1].Text) && d.x.kb.givenNames[toks[i-2].Text] {
			i -= 2
		}
		m := mention{i: i, j: j, entry: nm.entry, name: spanText(d.art.Text, toks, i, j), typ: nm.entry.Type, kind: mKB, country: nm.entry.Country, gender: nm.entry.Gender}
		if nm.entry.Type == polgraph.Organization && d.orgHead(toks[j-1].Lower) != "" && (j == i+1 || j == i+2 && toks[i].Lower == "the") {
			// "Senate" is the US Senate in the KB, but "the Senate of
			// Puerto Rico" and "the Puerto Rico Senate" are not, and a bare
			// "the Senate" is decided by the article's state.
			if d.ofCountryAt(toks, j) {
				i = j
				continue
			}
			if i > 0 && cover[i-1] != 0 {
				if c := d.ments[cover[i-1]-1]; c.typ == polgraph.Country && c.country != nm.entry.Country {
					d.ments[cover[i-1]-1].modifier = true
					add(mention{i: i, j: j, name: c.name + " " + toks[i].Text, typ: polgraph.Organization, kind: mOrg, country: c.country})
					i = j
					continue
				}
			}
			m.kind = mBareOrg
		}
		switch nm.form {
		case formDemonym:
			m.kind = mDemonym
		case formCapital:
			m.kind = mCapital
			// "in London", "parts of Tehran": a place, not its
			// government; it is an argument only where a pattern asks.
			m.place = locative(toks, i)
		}
		// "King Abdullah II of Jordan": a title inside a KB alias still
		// states the office.
		if nm.entry.Type == polgraph.Person {
			if t, tj := d.x.titles.match(toks, i); t != nil && tj < j {
				m.title, m.titleText = t, spanText(d.art.Text, toks, i, tj)
			}
		}
		add(m)
		i = j
	}
}

// titles finds titles, with the body they are of when it stands right
// before them ("Iranian President", "Iran's Foreign Minister", "US
// Secretary of State").
func (p *sentenceMentions) titles() []titleAt {
	d, toks, n, cover := p.d, p.toks, p.n, p.cover
	var titles []titleAt
	for i := 0; i < n; i++ {
		if cover[i] != 0 {
			continue
		}
		t, j := d.x.titles.match(toks, i)
		if t == nil {
			continue
		}
		// "John Major", "Theresa May": a one-word title right after a
		// given name is a surname.
		if j == i+1 && i > 0 && cover[i-1] == 0 && d.x.kb.givenNames[toks[i-1].Text] {
			continue
		}
		// "Michigan Taxpayers Party chairman": a title that starts with an
		// organisation's head noun ends a name before it; the title is
		// what follows the head.
		if i > 0 && cover[i-1] == 0 && isNameToken(toks[i-1]) && startsUpper(toks[i].Text) && d.orgHead(toks[i].Lower) != "" {
			if t2, j2 := d.x.titles.match(toks, i+1); t2 != nil && j2 == j {
				continue
			}
		}
		// A title in lower case counts only right before a name:
		// "national security advisor John Bolton".
		if !startsUpper(toks[i].Text) && !(j < n && startsUpper(toks[j].Text) && (cover[j] == 0 || d.ments[cover[j]-1].typ == polgraph.Person)) {
			// "party leader and Prime Minister X": a chain of titles
			if t2, _ := d.x.titles.match(toks, min(j+1, n-1)); !(j+1 < n && toks[j].Lower == "and" && t2 != nil && startsUpper(toks[j+1].Text)) {
				continue
			}
		}
		ta := titleAt{t: t, i: i, j: j, of: -1, name: j}
		// "Labour MP (Member of Parliament) Tom Watson"
		if j < n && toks[j].Text == "(" {
			for c := j + 1; c < n && c < j+8; c++ {
				if toks[c].Text == ")" {
					if c+1 < n && startsUpper(toks[c+1].Text) {
						ta.name = c + 1
					}
					break
				}
			}
		}
		// "First Minister of Scotland Nicola Sturgeon"; "US Special
		// Representative for Iran Brian Hook" (for: the body is not Iran)
		if j+2 < n && (toks[j].Lower == "for" || toks[j].Lower == "to") {
			b := j + 1
			if b < n && cover[b] != 0 {
				if bm := d.ments[cover[b]-1]; bm.i == b && bm.typ != polgraph.Person && bm.j < n && startsUpper(toks[bm.j].Text) && (cover[bm.j] == 0 || d.ments[cover[bm.j]-1].typ == polgraph.Person) {
					ta.name = bm.j
					ta.j = bm.j
				}
			}
		}
		if j+2 < n && toks[j].Lower == "of" {
			b := j + 1
			if toks[b].Lower == "the" {
				b++
			}
			if b < n && cover[b] != 0 {
				if bm := d.ments[cover[b]-1]; bm.i == b && bm.typ != polgraph.Person && bm.j < n && startsUpper(toks[bm.j].Text) && (cover[bm.j] == 0 || d.ments[cover[bm.j]-1].typ == polgraph.Person) {
					ta.of, ta.name = cover[b]-1, bm.j
					titles = append(titles, ta)
					i = bm.j - 1
					continue
				}
			}
		}
		k := i - 1
		// "Houthi military spokesperson": adjectives may stand between.
		for g := 0; g < 2 && k >= 0 && cover[k] == 0 && (toks[k].Tag == "JJ" || toks[k].Tag == "NN") && !startsUpper(toks[k].Text); g++ {
			k--
		}
		if k >= 0 && toks[k].Lower == "'s" {
			k--
		}
		if k >= 0 && cover[k] != 0 {
			if m := &d.ments[cover[k]-1]; m.typ != polgraph.Person {
				ta.of = cover[k] - 1
			}
		}
		titles = append(titles, ta)
		i = j - 1
	}
	return titles
}

// bodiesOfCountries finds "the Parliament of Iraq": an organisation head
// followed by "of" and a country.
func (p *sentenceMentions) bodiesOfCountries() {
	d, toks, n, cover := p.d, p.toks, p.n, p.cover
	add := p.add
	for i := 0; i+2 < n; i++ {
		if cover[i] != 0 || !startsUpper(toks[i].Text) || d.orgHead(toks[i].Lower) == "" || toks[i+1].Lower != "of" {
			continue
		}
		k := i + 2
		if toks[k].Lower == "the" && k+1 < n {
			k++
		}
		if cover[k] == 0 {
			continue
		}
		body := cover[k] - 1
		bm := &d.ments[body]
		if bm.typ == polgraph.Person || bm.j != k+(bm.j-bm.i) {
			continue
		}
		start := i
		if i > 0 && toks[i-1].Lower != "the" && cover[i-1] == 0 && isNameToken(toks[i-1]) && !d.x.kb.stopCaps[toks[i-1].Text] {
			start = i - 1
		}
		name := spanText(d.art.Text, toks, start, bm.j)
		add(mention{i: start, j: i + 1, name: name, typ: polgraph.Organization, kind: mOrg, country: bm.country})
		bm.modifier = true
	}
}

// giveTitles gives people their title; a title before a person makes the
// body before the title a modifier.
func (p *sentenceMentions) giveTitles(titles []titleAt) {
	d, toks, n, cover := p.d, p.toks, p.n, p.cover
	for ti, t := range titles {
		if t.name >= n || cover[t.name] == 0 {
			continue
		}
		pm := &d.ments[cover[t.name]-1]
		if pm.typ != polgraph.Person || pm.i != t.name {
			continue
		}
		pm.title = t.t
		pm.titleText = spanText(d.art.Text, toks, t.i, t.j)
		pm.titleOf = t.of
		if t.of >= 0 {
			d.ments[t.of].modifier = true
		}
		// "Conservative Party leader and Prime Minister Boris Johnson"
		for p := ti - 1; p >= 0; p-- {
			prev := titles[p]
			if prev.name+1 != titles[p+1].i || toks[prev.name].Lower != "and" {
				break
			}
			pm.extraTitles = append(pm.extraTitles, titleRef{t: prev.t, text: spanText(d.art.Text, toks, prev.i, prev.j), of: prev.of, end: prev.j})
			if prev.of >= 0 {
				d.ments[prev.of].modifier = true
			}
		}
	}
}

// modifiers marks a demonym or a possessive country before another mention
// ("Iranian officials" stays an argument: officials is no mention).
func (p *sentenceMentions) modifiers() {
	d, toks, n, cover := p.d, p.toks, p.n, p.cover
	si, first := p.si, p.first
	for k := first; k < len(d.ments); k++ {
		m := &d.ments[k]
		if m.sent != si || m.typ == polgraph.Person {
			continue
		}
		next := m.j
		if next < n && toks[next].Lower == "'s" {
			next++
		}
		if next < n && cover[next] != 0 && cover[next]-1 != k {
			nm := &d.ments[cover[next]-1]
			if nm.i == next && !(m.typ == polgraph.Country && nm.typ == polgraph.Country) {
				m.modifier = true
				if nm.typ == polgraph.Organization && nm.country == "" {
					nm.country = m.country
				}
			}
		}
	}
}

// pronounsAndDescriptions adds pronouns and descriptions ("the president",
// "the country"), resolved later.
func (p *sentenceMentions) pronounsAndDescriptions() {
	d, toks, n, cover := p.d, p.toks, p.n, p.cover
	add := p.add
	for i := 0; i < n; i++ {
		if cover[i] != 0 {
			continue
		}
		switch toks[i].Lower {
		case "he", "him", "his":
			add(mention{i: i, j: i + 1, kind: mPronoun, typ: polgraph.Person, gender: "m", name: toks[i].Text})
		case "she", "her":
			add(mention{i: i, j: i + 1, kind: mPronoun, typ: polgraph.Person, gender: "f", name: toks[i].Text})
		case "the":
			if i+1 >= n || cover[i+1] != 0 {
				continue
			}
			// "the country", "the Middle Eastern nation", "the kingdom"
			c := i + 1
			for c < n && c < i+4 && cover[c] == 0 && (toks[c].Tag == "JJ" || toks[c].Tag == "NNP" && !countryNouns[toks[c].Lower]) {
				c++
			}
			if c < n && countryNouns[toks[c].Lower] && cover[c] == 0 && (c+1 >= n || toks[c+1].Lower != "of") {
				add(mention{i: i, j: c + 1, kind: mDescription, typ: polgraph.Country, name: spanText(d.art.Text, toks, i, c+1), descTitle: toks[c].Lower})
				i = c
				continue
			}
			t, j := d.x.titles.match(toks, i+1)
			if t == nil || t.Relation == "" {
				continue
			}
			// "the president" but not "the President of France" or "the president, X".
			if j < n && (toks[j].Lower == "of" || cover[j] != 0 || isNameToken(toks[j])) {
				continue
			}
			add(mention{i: i, j: j, kind: mDescription, typ: polgraph.Person, name: spanText(d.art.Text, toks, i, j), descTitle: strings.Join(t.Words, " "), title: t, titleText: spanText(d.art.Text, toks, i+1, j)})
		}
	}
}

// acceptKBMatch rejects knowledge-base matches that are part of a longer
// name: "Mehr" is a news agency, but not in "Ali Alghasi Mehr".
func (d *analysis) acceptKBMatch(s *sentence, cover []int, i, j int, nm kbName) bool {
	if j-i > 1 || nm.entry.Type != polgraph.Organization || nm.caps {
		return true
	}
	if i > 0 && cover[i-1] == 0 && isNameToken(s.Tokens[i-1]) && !d.x.kb.stopCaps[s.Tokens[i-1].Text] {
		return false
	}
	return true
}

// isNameToken reports whether a token can be part of a proper name.
func isNameToken(t token) bool {
	if !startsUpper(t.Text) {
		return false
	}
	switch t.Tag {
	case "NNP", "NNPS", "NN", "NNS", "JJ", "FW", "VBN", "VBG", "VB", "VBZ", "VBD", "VBP", "CD", "RB":
	default:
		return false
	}
	return true
}

func (d *analysis) orgHead(w string) string {
	return d.x.kb.orgHeads[w]
}

// spanText is the article text of tokens [i, j).
func spanText(text string, toks []token, i, j int) string {
	if i >= j {
		return ""
	}
	return text[toks[i].Start:toks[j-1].End]
}

// creditStart returns where a photo credit ("Image: Garry Knight.",
// "Photo: Reuters") begins in a sentence, or its length.
func creditStart(toks []token) int {
	for i := 0; i+1 < len(toks); i++ {
		switch toks[i].Lower {
		case "image", "photo", "photograph", "picture", "credit", "credits", "video":
			if toks[i+1].Text == ":" {
				return i
			}
		}
	}
	return len(toks)
}

// locative reports whether the name at i is governed by a preposition of
// place: "in Tehran", "from London", "parts of Kyiv".
func locative(toks []token, i int) bool {
	if i == 0 {
		return false
	}
	switch toks[i-1].Lower {
	case "in", "from", "at", "near", "to", "across", "around", "outside", "inside", "into", "through", "via", "toward", "towards", "within", "throughout":
		return true
	case "of":
		return i >= 2 && (toks[i-2].Lower == "parts" || toks[i-2].Lower == "streets" || toks[i-2].Lower == "centre" || toks[i-2].Lower == "center" || toks[i-2].Lower == "outskirts" || toks[i-2].Lower == "city" || toks[i-2].Lower == "mayor")
	}
	return false
}

// ofCountryAt reports whether "of [the] COUNTRY" starts at token k.
func (d *analysis) ofCountryAt(toks []token, k int) bool {
	if k >= len(toks) || toks[k].Lower != "of" {
		return false
	}
	k++
	if k < len(toks) && toks[k].Lower == "the" {
		k++
	}
	if k >= len(toks) {
		return false
	}
	nm, _, ok := d.x.names.match(toks, k)
	return ok && nm.entry.Type == polgraph.Country
}

// countryNouns describe a state: "the country", "the kingdom".
var countryNouns = map[string]bool{"country": true, "nation": true, "kingdom": true, "republic": true, "emirate": true, "state": false}

// isInitial reports whether s is a capital initial with its full stop: "R.".
func isInitial(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] == '.'
}

var appointVerbs = map[string]bool{
	"elect": true, "elected": true, "elects": true, "appoint": true, "appointed": true, "appoints": true,
	"name": true, "named": true, "names": true, "nominate": true, "nominated": true, "choose": true, "chose": true,
	"chosen": true, "select": true, "selected": true, "install": true, "installed": true, "confirm": true, "confirmed": true,
}

// skipAdjectives steps over "the new", "a former": a determiner and
// lower-case adjectives before a title.
func skipAdjectives(toks []token, k int) int {
	if k < len(toks) && (toks[k].Lower == "the" || toks[k].Lower == "a" || toks[k].Lower == "an") {
		k++
	}
	for k < len(toks) && toks[k].Tag == "JJ" && !startsUpper(toks[k].Text) {
		k++
	}
	return k
}

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
	entry       *Entry
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
}

// detectMentions finds every actor mention of sentence si.
func (d *analysis) detectMentions(si int) {
	s := &d.sents[si]
	toks := s.Tokens
	n := creditStart(toks)          // a photo credit names no actor
	cover := make([]int, len(toks)) // mention index + 1 per token
	add := func(m mention) int {
		m.sent = si
		m.actor = -1
		m.titleOf = -1
		d.ments = append(d.ments, m)
		idx := len(d.ments) - 1
		for k := m.i; k < m.j; k++ {
			cover[k] = idx + 1
		}
		return idx
	}
	first := len(d.ments)

	// 1. Knowledge-base names, longest match first; a match that a longer
	// one starting inside it overlaps gives way ("Emir Tamim" inside
	// "Emir Tamim bin Hamad Al Thani").
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

	// 2. Titles, with the body they are of when it stands right before them
	//    ("Iranian President", "Iran's Foreign Minister", "US Secretary of State").
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
	titleEnds := map[int]titleAt{}
	titleCover := make([]bool, n)
	for _, t := range titles {
		titleEnds[t.name] = t
		for k := t.i; k < t.j; k++ {
			titleCover[k] = true
		}
	}

	// 3. Capitalised runs the KB does not know: organisations by their head
	//    noun, people by a title before them or a given name first.
	for i := 0; i < n; {
		if cover[i] != 0 || titleCover[i] || !isNameToken(toks[i]) {
			i++
			continue
		}
		j := i + 1
		for j < n && cover[j] == 0 && !titleCover[j] {
			if isNameToken(toks[j]) {
				j++
				continue
			}
			// "Ministry of Foreign Affairs", "Bank for International Settlements"
			if isNameConnector(toks[j].Lower) && j+1 < n && cover[j+1] == 0 && isNameToken(toks[j+1]) {
				j += 2
				continue
			}
			// "Abdul-Mahdi", "al-Assadi"
			if toks[j].Text == "-" && j+1 < n && cover[j+1] == 0 && isNameToken(toks[j+1]) {
				j += 2
				continue
			}
			if isNameConnector(toks[j].Lower) && j+2 < n && toks[j+1].Text == "-" && cover[j+2] == 0 && isNameToken(toks[j+2]) {
				j += 3
				continue
			}
			break
		}
		d.nameRun(si, i, j, titleEnds, cover, add)
		i = j
	}

	// "the Parliament of Iraq": an organisation head followed by "of" and a country.
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

	// 4. Titles give people their title; a title before a person makes the
	//    body before the title a modifier.
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

	// 5. Appositions: "Mike Pence, the Vice President," and "The Vice
	//    President, Mike Pence,".
	d.appositions(si, cover)
	d.counterparts(si, cover)

	// 6. Modifiers: a demonym or a possessive country before another
	//    mention ("Iranian officials" stays an argument: officials is no mention).
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

	// 7. Pronouns and descriptions, resolved later.
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
	d.cover[si] = cover
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

func isNameConnector(w string) bool {
	switch w {
	case "of", "for", "and", "on", "de", "del", "da", "al", "bin", "ibn", "von", "van", "der", "la", "le":
		return true
	}
	return false
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

// nameRun splits a capitalised run [i, j) the KB does not know into names:
// organisations up to their head noun ("House Intelligence Committee"),
// titles, and people (after a title, or from a given name on).
func (d *analysis) nameRun(si, i, j int, titleEnds map[int]titleAt, cover []int, add func(mention) int) {
	toks := d.sents[si].Tokens
	kb := d.x.kb
	for i < j {
		// Leading function words and connectors ("However", "The", "of");
		// capitalised nouns on the stop list ("House", "State") may still
		// start an organisation's name, so they go only if no head follows.
		if _, titled := titleEnds[i]; !titled && (isNameConnector(toks[i].Lower) || kb.stopCaps[toks[i].Text] && (isFunctionTag(toks[i].Tag) || !d.headWithin(toks, i, j))) {
			i++
			continue
		}
		// A title inside the run: "Represenative Adam Schiff" is not, but
		// "Senator Adam Schiff" is; titles the first pass missed are skipped.
		if t, k := d.x.titles.match(toks, i); t != nil && k <= j && k > i {
			titleEnds[k] = titleAt{t: t, i: i, j: k, of: -1}
			i = k
			continue
		}
		// An organisation: the shortest prefix ending in a head noun,
		// extended over "of X" ("Ministry of Foreign Affairs").
		h := -1
		for k := i; k < j; k++ {
			if d.orgHead(toks[k].Lower) != "" && !(k == i && k+1 < j && toks[k+1].Lower != "of") {
				h = k
				if k+2 < j && toks[k+1].Lower == "of" {
					h = j - 1
				}
				break
			}
		}
		if h >= 0 && !d.startsPerson(toks, i, h+1, titleEnds) {
			end := h + 1
			for end > i && isNameConnector(toks[end-1].Lower) {
				end--
			}
			_, titled := titleEnds[i]
			if end-i > 1 || titled {
				m := mention{i: i, j: end, name: spanText(d.art.Text, toks, i, end), typ: polgraph.Organization, kind: mOrg}
				m.country = d.countryBefore(cover, toks, i)
				// "the Supreme Court of Puerto Rico"
				if d.ofCountryAt(toks, end) {
					b := end + 1
					if toks[b].Lower == "the" {
						b++
					}
					if c := cover[b]; c != 0 && d.ments[c-1].typ == polgraph.Country {
						m.name = spanText(d.art.Text, toks, i, d.ments[c-1].j)
						m.country = d.ments[c-1].country
						d.ments[c-1].modifier = true
					}
				}
				add(m)
			} else if end-i == 1 && (i > 0 || d.sents[si].Headline) {
				// A bare "Parliament" or "Senate": the body of the
				// article's state, decided once the state is known.
				add(mention{i: i, j: end, name: toks[i].Text, typ: polgraph.Organization, kind: mBareOrg})
			}
			i = h + 1
			continue
		}
		// "Iranian airline Mahan Air", "companies such as Deutsche Bahn,
		// Daimler and Siemens": a class noun before the name makes it an
		// organisation.
		if _, titled := titleEnds[i]; !titled && orgClassBefore(toks, i) {
			end := j
			for end > i && isNameConnector(toks[end-1].Lower) {
				end--
			}
			m := mention{i: i, j: end, name: spanText(d.art.Text, toks, i, end), typ: polgraph.Organization, kind: mOrg}
			m.country = d.countryBefore(cover, toks, i)
			add(m)
			i = j
			continue
		}
		// A person: after a title, or from a given name.
		end := j
		// Trailing connectors and capitalised common words go, except after
		// a given name: "John Major", "Ruth Ginsburg".
		for end > i && (isNameConnector(toks[end-1].Lower) || kb.stopCaps[toks[end-1].Text] && !(end-1 > i && kb.givenNames[toks[end-2].Text])) {
			end--
		}
		if end <= i {
			i++
			continue
		}
		if end-i > 4 {
			end = i + 4
		}
		name := spanText(d.art.Text, toks, i, end)
		last := toks[end-1].Lower
		_, titled := titleEnds[i]
		switch {
		case end-i >= 2 && kb.givenNames[toks[i].Text] && !isAllCaps(toks[i].Text):
			if e := d.kbPersonByFirstLast(toks[i].Lower, last); e != nil {
				add(mention{i: i, j: end, name: name, typ: polgraph.Person, kind: mKB, entry: e, country: e.Country, gender: e.Gender})
			} else {
				add(mention{i: i, j: end, name: name, typ: polgraph.Person, kind: mPerson})
			}
		case titled:
			add(mention{i: i, j: end, name: name, typ: polgraph.Person, kind: mPerson})
		case end-i == 1 && !kb.stopCaps[toks[i].Text]:
			// A lone capitalised word: a surname if a person of the article
			// has it (decided once all sentences are read).
			add(mention{i: i, j: end, name: name, typ: polgraph.Person, kind: mSurname})
		case end-i >= 2:
			// A given name further in ("Represenative Adam Schiff"), else
			// each word may be a surname.
			g := i + 1
			for g < end-1 && !kb.givenNames[toks[g].Text] {
				g++
			}
			if g < end-1 {
				add(mention{i: g, j: end, name: spanText(d.art.Text, toks, g, end), typ: polgraph.Person, kind: mPerson})
				end = g
			}
			if end-i == 2 && !kb.stopCaps[toks[i].Text] && !kb.stopCaps[toks[i+1].Text] && !isAllCaps(toks[i].Text) && !isAllCaps(toks[i+1].Text) {
				// "Rivera Schatz": a two-word surname, resolved as one
				add(mention{i: i, j: end, name: spanText(d.art.Text, toks, i, end), typ: polgraph.Person, kind: mSurname})
			} else {
				for k := i; k < end; k++ {
					if !kb.stopCaps[toks[k].Text] {
						add(mention{i: k, j: k + 1, name: toks[k].Text, typ: polgraph.Person, kind: mSurname})
					}
				}
			}
			end = max(end, g)
			if g < j && cover[g] != 0 {
				end = d.ments[cover[g]-1].j
			}
		}
		i = end
	}
}

func isFunctionTag(tag string) bool {
	switch tag {
	case "DT", "IN", "PRP", "PRP$", "RB", "CC", "WDT", "WP", "WRB", "MD", "TO", "EX", "PDT":
		return true
	}
	return false
}

// headWithin reports whether an organisation head noun stands in [i, j).
func (d *analysis) headWithin(toks []token, i, j int) bool {
	for k := i; k < j; k++ {
		if d.orgHead(toks[k].Lower) != "" {
			return true
		}
	}
	return false
}

// startsPerson reports whether run [i, h) begins with a person's name, so
// that "Adam Schiff Committee" is not read as one organisation.
func (d *analysis) startsPerson(toks []token, i, h int, titleEnds map[int]titleAt) bool {
	return h-i >= 3 && d.x.kb.givenNames[toks[i].Text] && d.orgHead(toks[i+1].Lower) == ""
}

// countryBefore returns the country of a country mention right before token
// i ("US Federal Court", "Germany's Federal Aviation Office").
func (d *analysis) countryBefore(cover []int, toks []token, i int) string {
	k := i - 1
	if k >= 0 && toks[k].Lower == "'s" {
		k--
	}
	if k >= 0 && cover[k] != 0 {
		if bm := d.ments[cover[k]-1]; bm.typ == polgraph.Country {
			return bm.country
		}
	}
	return ""
}

func (d *analysis) kbPersonByFirstLast(first, last string) *Entry {
	for _, n := range d.x.names.byFirst[first] {
		if n.entry.Type == polgraph.Person && len(n.toks) >= 2 && n.toks[len(n.toks)-1] == last {
			return n.entry
		}
	}
	return nil
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

// orgClasses are common nouns that introduce an organisation's name.
var orgClasses = map[string]bool{
	"airline": true, "airlines": true, "carrier": true, "carriers": true, "company": true, "companies": true,
	"firm": true, "firms": true, "group": true, "groups": true, "militia": true, "militias": true,
	"newspaper": true, "newspapers": true, "broadcaster": true, "broadcasters": true, "network": true,
	"agency": true, "agencies": true, "bank": true, "banks": true, "manufacturer": true, "manufacturers": true,
	"automaker": true, "automakers": true, "giant": true, "conglomerate": true, "organisation": true,
	"organization": true, "organisations": true, "organizations": true, "charity": true, "charities": true,
	"outlet": true, "outlets": true, "website": true, "platform": true, "insurer": true, "retailer": true,
	"operator": true, "contractor": true, "producer": true, "corporation": true, "corporations": true,
	"businesses": true, "startup": true, "brand": true, "tabloid": true, "daily": true, "magazine": true,
	"channel": true,
}

// orgClassBefore reports whether a class noun introduces the name at i:
// "airline Mahan Air", "the newspaper Le Monde", or a list after "companies
// such as", "firms including".
func orgClassBefore(toks []token, i int) bool {
	if i > 0 && orgClasses[toks[i-1].Lower] && !startsUpper(toks[i-1].Text) {
		return true
	}
	// a list: walk back over names, commas and "and" to "such as"/"including"
	k := i - 1
	for k >= 0 && (startsUpper(toks[k].Text) || toks[k].Text == "," || toks[k].Lower == "and") && i-k < 16 {
		k--
	}
	switch {
	case k >= 2 && toks[k].Lower == "as" && toks[k-1].Lower == "such":
		return orgClasses[toks[k-2].Lower]
	case k >= 1 && (toks[k].Lower == "including" || toks[k].Lower == "like"):
		return orgClasses[toks[k-1].Lower]
	}
	return false
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

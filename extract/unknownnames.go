package extract

import "github.com/polgraph/polgraph"

// unknownNames reads the capitalised runs the knowledge base does not know:
// organisations by their head noun, people by a title before them or a
// given name first.
func (p *sentenceMentions) unknownNames(titles []titleAt) {
	toks, n, cover := p.toks, p.n, p.cover
	titleEnds := map[int]titleAt{}
	titleCover := make([]bool, n)
	for _, t := range titles {
		titleEnds[t.name] = t
		for k := t.i; k < t.j; k++ {
			titleCover[k] = true
		}
	}
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
		p.nameRun(i, j, titleEnds)
		i = j
	}
}

func isNameConnector(w string) bool {
	switch w {
	case "of", "for", "and", "on", "de", "del", "da", "al", "bin", "ibn", "von", "van", "der", "la", "le":
		return true
	}
	return false
}

// placeHeads end the names of places and things, never of people.
var placeHeads = map[string]bool{
	"Square": true, "Street": true, "Avenue": true, "Road": true, "Airport": true, "Station": true, "Park": true,
	"Bridge": true, "Beach": true, "Hall": true, "Tower": true, "Centre": true, "Center": true, "Stadium": true,
	"Arena": true, "Shuttle": true, "Prize": true, "Award": true, "Cup": true, "Festival": true,
	"County": true, "Islands": true, "Island": true, "Bay": true, "Boulevard": true, "Lane": true, "Highway": true,
	"One": true, // "Air Force One", "Marine One"
}

// calendarWords never start a name: "Friday Ford Motor Company" is Ford.
var calendarWords = map[string]bool{
	"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true, "Saturday": true, "Sunday": true,
	"January": true, "February": true, "March": true, "April": true, "June": true, "July": true, "August": true,
	"September": true, "October": true, "November": true, "December": true,
}

// personBreak are the name connectors that end a person's name.
var personBreak = map[string]bool{"and": true, "of": true, "for": true, "on": true}

// nameRun splits a capitalised run [i, j) the KB does not know into names:
// organisations up to their head noun ("House Intelligence Committee"),
// titles, and people (after a title, or from a given name on).
func (p *sentenceMentions) nameRun(i, j int, titleEnds map[int]titleAt) {
	d, toks, kb := p.d, p.toks, p.d.x.kb
	for i < j {
		// Leading function words and connectors ("However", "The", "of");
		// capitalised nouns on the stop list ("House", "State") may still
		// start an organisation's name, so they go only if no head follows.
		if _, titled := titleEnds[i]; !titled && (isNameConnector(toks[i].Lower) || calendarWords[toks[i].Text] || kb.stopCaps[toks[i].Text] && (isFunctionTag(toks[i].Tag) || !d.headWithin(toks, i, j))) {
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
		if h := p.orgHeadIn(i, j); h >= 0 && !d.startsPerson(toks, i, h+1, titleEnds) {
			p.organisation(i, h, titleEnds)
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
			p.countryOf(&m)
			p.add(m)
			i = j
			continue
		}
		i = p.person(i, j, titleEnds)
	}
}

// orgHeadIn returns the head noun ending the organisation name of run
// [i, j), or -1: the first head noun, carried over a connector to the end of
// the run ("Ministry of Foreign Affairs", "Commission on Presidential
// Debates", "Centers for Disease Control and Prevention") and over heads
// that follow it ("El Paso Police Department"). A head that starts the run
// needs a connector after it: "Ministry of X" is a name, "Parliament
// Speaker" is not.
func (p *sentenceMentions) orgHeadIn(i, j int) int {
	toks := p.toks
	for k := i; k < j; k++ {
		if p.d.orgHead(toks[k].Lower) == "" {
			continue
		}
		connected := k+2 < j && isNameConnector(toks[k+1].Lower) && toks[k+1].Lower != "and"
		if k == i && k+1 < j && !connected {
			continue
		}
		if connected {
			// to the end of the run, short of a day or a month ("the Federal
			// Court on Wednesday")
			end := j
			for n := k + 2; n < j; n++ {
				if p.d.x.kb.stopCaps[toks[n].Text] && !isNameConnector(toks[n].Lower) {
					end = n
					break
				}
			}
			for end > k+2 && isNameConnector(toks[end-1].Lower) {
				end--
			}
			if end > k+2 {
				return end - 1
			}
			return k
		}
		h := k
		for n := k + 1; n < j && isNameToken(toks[n]); n++ {
			if p.d.orgHead(toks[n].Lower) != "" {
				h = n
			}
		}
		return h
	}
	return -1
}

// organisation adds the organisation [i, h] of a run, h its head noun.
func (p *sentenceMentions) organisation(i, h int, titleEnds map[int]titleAt) {
	d, si, toks, cover, add := p.d, p.si, p.toks, p.cover, p.add
	end := h + 1
	for end > i && isNameConnector(toks[end-1].Lower) {
		end--
	}
	_, titled := titleEnds[i]
	if end-i > 1 || titled {
		m := mention{i: i, j: end, name: spanText(d.art.Text, toks, i, end), typ: polgraph.Organization, kind: mOrg}
		p.countryOf(&m)
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
}

// person adds the people of run [i, j) that starts with no organisation:
// after a title, or from a given name. It returns where the run goes on.
func (p *sentenceMentions) person(i, j int, titleEnds map[int]titleAt) int {
	d, toks, cover, add, kb := p.d, p.toks, p.cover, p.add, p.d.x.kb
	// "and", "of", "for" and "on" join the words of an organisation's name,
	// never a person's: "Bob Behnken and Doug Hurley" are two people and
	// "Bernie Sanders of Vermont" is one.
	if personBreak[toks[i].Lower] {
		return i + 1
	}
	for k := i + 1; k < j; k++ {
		if personBreak[toks[k].Lower] {
			j = k
			break
		}
	}
	end := j
	// Trailing connectors and capitalised common words go, except after
	// a given name: "John Major", "Ruth Ginsburg".
	for end > i && (isNameConnector(toks[end-1].Lower) || kb.stopCaps[toks[end-1].Text] && !(end-1 > i && kb.givenNames[toks[end-2].Text])) {
		end--
	}
	if end <= i {
		return i + 1
	}
	if placeHeads[toks[end-1].Text] {
		return j // "Santa Barbara County", "Karl Marx Avenue": a place
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
	return end
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

// countryOf gives organisation mention m the country of a country mention
// right before it ("US Federal Court", "Germany's Federal Aviation Office").
// A demonym before it is part of its name: "Hungarian Development Bank",
// "German Aerospace Center".
func (p *sentenceMentions) countryOf(m *mention) {
	k := m.i - 1
	if k >= 0 && p.toks[k].Lower == "'s" {
		k--
	}
	if k < 0 || p.cover[k] == 0 {
		return
	}
	bm := p.d.ments[p.cover[k]-1]
	if bm.typ != polgraph.Country {
		return
	}
	m.country = bm.country
	if bm.kind == mDemonym && bm.j == m.i {
		m.bareName = m.name
		m.name = spanText(p.d.art.Text, p.toks, bm.i, m.j)
		m.demonymNamed = true
	}
}

func (d *analysis) kbPersonByFirstLast(first, last string) *kbEntry {
	for _, n := range d.x.names.byFirst[first] {
		if n.entry.Type == polgraph.Person && len(n.toks) >= 2 && n.toks[len(n.toks)-1] == last {
			return n.entry
		}
	}
	return nil
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

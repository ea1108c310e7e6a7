package extract

import (
	"sort"
	"strings"

	"github.com/polgraph/polgraph"
)

// resolve clusters mentions into actors: knowledge-base entries by id,
// unknown people by full name (surnames join them), organisations by name,
// then pronouns and descriptions to the actor they most recently refer to.
func (d *analysis) resolve() {
	d.resolveNames()
	d.confirmPhoenixPersons()
	d.resolveSurnames()
	d.pickMainCountry()
	d.resolveStateBodies()
	d.resolveAcronyms()
	d.dropUnsupportedSurnames()
	d.resolveReferences()
	d.countMentions()
}

// resolveNames gives an actor to the names that stand on their own: KB
// names, demonyms and capitals, full names of people, organisations whose
// state is known.
func (d *analysis) resolveNames() {
	for k := range d.ments {
		m := &d.ments[k]
		switch m.kind {
		case mKB, mDemonym, mCapital:
			m.actor = d.actorFor(m.entry.ID, m.entry.Name, m.entry.Type, m.entry.Country, m.entry)
		case mPerson:
			if e := d.kbPersonBySurname(m.name); e != nil && !strings.Contains(m.name, " ") {
				m.actor = d.actorFor(e.ID, e.Name, polgraph.Person, e.Country, e)
				break
			}
			if strings.Contains(m.name, " ") {
				if a := d.samePerson(m.name); a >= 0 {
					// "Pedro R. Pierluisi Urrutia" and "Pedro Pierluisi"
					m.actor = a
					break
				}
				m.actor = d.actorFor(slug(m.name), m.name, polgraph.Person, "", nil)
			}
		case mOrg:
			if m.country == "" && d.genericOrg(m.name) {
				continue // "Supreme Court": whose, once the article's state is known
			}
			m.actor = d.orgActor(m)
		}
		if m.actor >= 0 {
			d.actors[m.actor].addAlias(m.name)
		}
	}
}

// resolveSurnames joins lone surnames and titled single names to a person of
// the article with that last name ("Mahan" to "Mahan Air" for organisations).
func (d *analysis) resolveSurnames() {
	d.recurringNames()
	for k := range d.ments {
		m := &d.ments[k]
		if m.actor >= 0 || (m.kind != mSurname && m.kind != mPerson) {
			continue
		}
		a := d.personByLastName(m.name)
		if a < 0 && m.kind == mSurname && strings.Contains(m.name, " ") {
			// a two-word run that is no known surname: its last word may be
			a = d.personByLastName(m.name[strings.LastIndex(m.name, " ")+1:])
		}
		if a >= 0 {
			m.actor = a
			d.actors[a].addAlias(m.name)
			continue
		}
		if a := d.orgByFirstWord(m.name); a >= 0 && m.kind == mSurname {
			// "Mahan" after "Mahan Air"
			m.actor = a
			d.actors[a].addAlias(m.name)
			continue
		}
		if m.kind == mPerson {
			m.actor = d.actorFor(slug(m.name), m.name, polgraph.Person, "", nil)
			d.actors[m.actor].addAlias(m.name)
		}
	}
}

// recurringNames makes a person of a two-word name no list knows ("Kobe
// Bryant", "Stormy Daniels") when its last word stands alone elsewhere in
// the article: news names a person in full once and by surname after.
func (d *analysis) recurringNames() {
	alone := map[string]bool{}
	for _, m := range d.ments {
		if m.kind == mSurname && !strings.Contains(m.name, " ") {
			alone[m.name] = true
		}
	}
	for k := range d.ments {
		m := &d.ments[k]
		if m.actor >= 0 || m.kind != mSurname || strings.Count(m.name, " ") != 1 {
			continue
		}
		last := m.name[strings.LastIndex(m.name, " ")+1:]
		toks := d.sents[m.sent].Tokens[m.i:m.j]
		if len(toks) != 2 || toks[0].Tag != "NNP" || toks[1].Tag != "NNP" || genericWords[toks[0].Lower] || placeHeads[toks[1].Text] {
			continue // "International Women", "Trafalgar Square"
		}
		if alone[last] && d.personByLastName(m.name) < 0 && d.personByLastName(last) < 0 {
			m.actor = d.actorFor(slug(m.name), m.name, polgraph.Person, "", nil)
			d.actors[m.actor].addAlias(m.name)
		}
	}
}

// dropUnsupportedSurnames undoes a knowledge-base person reached only
// through a one-word alias ("Abe", "Kerry", "Rudd") when nothing else in
// the article points to them: no full name, no title, neither their
// country nor a body of their roles named, and no office held on the
// article's date. A surname alone is someone
// else's as often as not outside the news of that person's state.
func (d *analysis) dropUnsupportedSurnames() {
	full := map[int]bool{}
	for _, m := range d.ments {
		if m.actor >= 0 && (m.kind != mKB || strings.Contains(m.name, " ") || m.title != nil) {
			full[m.actor] = true
		}
	}
	named := map[string]bool{} // ids and countries the article names
	for i, a := range d.actors {
		if full[i] || a.Type != polgraph.Person {
			named[a.ID] = true
			if a.Type == polgraph.Country {
				named["iso:"+a.Country] = true
			}
		}
	}
	for k := range d.ments {
		m := &d.ments[k]
		if m.actor < 0 || full[m.actor] || m.kind != mKB || m.typ != polgraph.Person || m.entry == nil {
			continue
		}
		e := m.entry
		supported := e.Country != "" && named["iso:"+e.Country]
		for _, r := range e.Roles {
			// a body of theirs named, or an office held on the article's
			// date: news calls a sitting leader by surname alone
			supported = supported || named[r.Of] || r.activeOn(d.date)
		}
		if !supported {
			m.actor = -1
		}
	}
}

// resolveStateBodies resolves what needs the article's state: organisations
// named without a state ("Supreme Court") and bare bodies ("the Senate").
func (d *analysis) resolveStateBodies() {
	for k := range d.ments {
		if m := &d.ments[k]; m.kind == mOrg && m.actor < 0 {
			if d.mainCountry >= 0 {
				m.country = d.actors[d.mainCountry].Country
			}
			m.actor = d.orgActor(m)
			d.actors[m.actor].addAlias(m.name)
		}
	}
	for k := range d.ments {
		m := &d.ments[k]
		if m.kind != mBareOrg {
			continue
		}
		word := strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(m.name, "the "), "The "))
		switch {
		case d.namedBody(word) >= 0:
			// the article's own "Senate of Puerto Rico"
			m.actor = d.namedBody(word)
		case d.mainCountry >= 0 && d.bodyOf(d.actors[d.mainCountry].Country, word) != nil:
			e := d.bodyOf(d.actors[d.mainCountry].Country, word)
			m.actor = d.actorFor(e.ID, e.Name, e.Type, e.Country, e)
		case m.entry != nil && (d.mainCountry < 0 || d.actors[d.mainCountry].Country == m.entry.Country):
			// the KB's "Senate" only where the article is about its state
			m.actor = d.actorFor(m.entry.ID, m.entry.Name, m.entry.Type, m.entry.Country, m.entry)
		}
		if m.actor >= 0 {
			d.actors[m.actor].addAlias(m.name)
		}
	}
}

// resolveReferences resolves pronouns and descriptions, in reading order, to
// the actor they most recently refer to.
func (d *analysis) resolveReferences() {
	order := make([]int, len(d.ments))
	for k := range order {
		order[k] = k
	}
	sort.SliceStable(order, func(a, b int) bool {
		ma, mb := &d.ments[order[a]], &d.ments[order[b]]
		if ma.sent != mb.sent {
			return ma.sent < mb.sent
		}
		return ma.i < mb.i
	})
	for oi, k := range order {
		m := &d.ments[k]
		if m.actor >= 0 || (m.kind != mPronoun && m.kind != mDescription) {
			continue
		}
		m.actor = d.antecedent(order[:oi], m)
		if m.actor >= 0 && m.kind == mDescription {
			d.actors[m.actor].addAlias(m.name)
		}
	}
}

// countMentions counts every named reference of each actor and keeps its
// titles.
func (d *analysis) countMentions() {
	for k := range d.ments {
		m := &d.ments[k]
		if m.actor < 0 {
			continue
		}
		a := d.actors[m.actor]
		if m.kind != mPronoun {
			a.Mentions++
		}
		if m.title != nil {
			a.titles = append(a.titles, m.titleText)
		}
	}
}

func (d *analysis) countryName(iso string) string {
	for _, id := range d.x.kb.order {
		if e := d.x.kb.entries[id]; e.Type == polgraph.Country && e.Country == iso {
			return e.Name
		}
	}
	return iso
}

// kbPersonBySurname finds the KB person whose name ends with this single
// word and who is already an actor of the article.
func (d *analysis) kbPersonBySurname(w string) *kbEntry {
	if a := d.personByLastName(w); a >= 0 {
		return d.actors[a].entry
	}
	return nil
}

// personByLastName returns the person actor of the article whose name
// ends with w (or -1). With several, the one mentioned most wins.
func (d *analysis) personByLastName(w string) int {
	best, bestN := -1, -1
	lw := strings.ToLower(w)
	for i, a := range d.actors {
		if a.Type != polgraph.Person {
			continue
		}
		name := strings.ToLower(a.Name)
		parts := strings.Fields(name)
		// "Schatz" or "Rivera Schatz" for Thomas Rivera Schatz; "Rosselló"
		// for Ricardo Rosselló Nevares (a first surname in the middle)
		middle := len(parts) >= 3 && !strings.Contains(lw, " ") && parts[len(parts)-2] == lw
		if len(parts) < 2 || !(strings.HasSuffix(name, " "+lw) || middle) || len(strings.Fields(lw)) >= len(parts) {
			continue
		}
		if len(a.aliasSeen) > bestN {
			best, bestN = i, len(a.aliasSeen)
		}
	}
	return best
}

func (d *analysis) actorFor(id, name string, typ polgraph.ActorType, country string, e *kbEntry) int {
	if i, ok := d.actorByID[id]; ok {
		return i
	}
	a := &actorBuild{Actor: polgraph.Actor{ID: id, Name: name, Type: typ, Country: country}, entry: e, aliasSeen: map[string]bool{}, firstSeen: len(d.actors)}
	d.actors = append(d.actors, a)
	d.actorByID[id] = len(d.actors) - 1
	return len(d.actors) - 1
}

func (d *analysis) pickMainCountry() {
	count := map[int]int{}
	for _, m := range d.ments {
		if m.actor >= 0 && d.actors[m.actor].Type == polgraph.Country {
			count[m.actor]++
		}
	}
	best := -1
	for a, n := range count {
		if best < 0 || n > count[best] || (n == count[best] && a < best) {
			best = a
		}
	}
	d.mainCountry = best
}

// antecedent resolves a pronoun or a description to the most recent
// compatible actor among the mentions before it (in reading order), looking
// back at most two sentences; "the president" may also be the KB's office
// holder of the article's main country on the article's date.
func (d *analysis) antecedent(before []int, m *mention) int {
	if m.kind == mPronoun {
		return d.pronounAntecedent(before, m)
	}
	for k := len(before) - 1; k >= 0; k-- {
		c := &d.ments[before[k]]
		if c.sent < m.sent-2 {
			break
		}
		if c.actor < 0 || c.kind == mPronoun || c == m {
			continue
		}
		a := d.actors[c.actor]
		switch m.kind {
		case mPronoun:
			if a.Type != polgraph.Person {
				continue
			}
			if g := a.gender(); g != "" && g != m.gender {
				continue
			}
			return c.actor
		case mDescription:
			if m.typ == polgraph.Country {
				// "German firms ... the Middle Eastern nation": a demonym
				// modifies; the country named by name is the antecedent.
				if a.Type == polgraph.Country && c.kind != mDemonym {
					return c.actor
				}
				continue
			}
			if a.Type == polgraph.Person && d.holdsTitle(c.actor, m.descTitle) {
				return c.actor
			}
		}
	}
	if m.kind == mDescription && m.typ == polgraph.Person && d.mainCountry >= 0 {
		if e := d.officeHolder(d.actors[d.mainCountry].ID, m.descTitle); e != nil {
			return d.actorFor(e.ID, e.Name, polgraph.Person, e.Country, e)
		}
	}
	return -1
}

// holdsTitle reports whether the actor was given this title in the article
// or holds it in the KB on the article's date.
func (d *analysis) holdsTitle(ai int, title string) bool {
	a := d.actors[ai]
	for _, t := range a.titles {
		if titleMatches(t, title) {
			return true
		}
	}
	if a.entry != nil {
		for _, r := range a.entry.Roles {
			if r.activeOn(d.date) && titleMatches(r.Title, title) {
				return true
			}
		}
	}
	return false
}

// officeHolder is the KB person holding title of body on the article's date.
func (d *analysis) officeHolder(body, title string) *kbEntry {
	for _, id := range d.x.kb.order {
		e := d.x.kb.entries[id]
		if e.Type != polgraph.Person {
			continue
		}
		for _, r := range e.Roles {
			if r.Of == body && r.activeOn(d.date) && titleMatches(r.Title, title) {
				return e
			}
		}
	}
	return nil
}

// titleMatches compares titles loosely: case, "Minister of Foreign Affairs"
// and "Foreign Minister", "Defense" and "Defence".
func titleMatches(a, b string) bool {
	na, nb := normTitle(a), normTitle(b)
	return na == nb || strings.HasSuffix(na, " "+nb) || strings.HasSuffix(nb, " "+na)
}

var titleSynonyms = strings.NewReplacer(
	"minister of foreign affairs", "foreign minister",
	"minister of defence", "defence minister",
	"minister of defense", "defence minister",
	"defense", "defence",
	"secretary-general", "secretary general",
	"director-general", "director general",
	"-", " ",
)

func normTitle(t string) string {
	t = strings.ToLower(strings.TrimSpace(t))
	t = strings.TrimPrefix(t, "former ")
	t = strings.TrimPrefix(t, "the ")
	return titleSynonyms.Replace(t)
}

// actorList returns the article's actors with a mention, in order of first
// mention, each with its KB roles valid on the article's date.
func (d *analysis) actorList() []polgraph.Actor {
	used := map[int]bool{}
	d.onlyPlace = map[int]bool{}
	for _, m := range d.ments {
		if m.actor >= 0 {
			if !used[m.actor] {
				d.onlyPlace[m.actor] = m.place
			} else if !m.place {
				d.onlyPlace[m.actor] = false
			}
			used[m.actor] = true
		}
	}
	inRelation := map[string]bool{}
	for _, r := range d.relations {
		inRelation[r.Subject], inRelation[r.Object] = true, true
	}
	// Every actor a relation names is listed, mentioned by name or not.
	for i, a := range d.actors {
		if inRelation[a.ID] {
			used[i] = true
		}
	}
	var out []polgraph.Actor
	for i, a := range d.actors {
		if !used[i] || d.passing(a, inRelation[a.ID]) || !inRelation[a.ID] && d.onlyPlace[i] {
			continue
		}
		act := a.Actor
		if act.Aliases == nil {
			act.Aliases = []string{}
		}
		if a.entry != nil {
			for _, r := range a.entry.Roles {
				if r.activeOn(d.date) {
					act.Roles = append(act.Roles, polgraph.Role{Title: r.Title, Of: r.Of, From: r.From, To: r.To})
				}
			}
		}
		out = append(out, act)
	}
	return out
}

// pronounAntecedent resolves he/she/him/her/his. A pronoun that starts its
// sentence prefers the subject of the previous sentence (the topic); an
// object pronoun ("who succeeded him") never refers to its own clause's
// subject; otherwise the most recent compatible person wins.
func (d *analysis) pronounAntecedent(before []int, m *mention) int {
	toks := d.sents[m.sent].Tokens
	compatible := func(c *mention) bool {
		if c.actor < 0 || c.kind == mPronoun || c.modifier {
			return false
		}
		a := d.actors[c.actor]
		if a.Type != polgraph.Person {
			return false
		}
		g := a.gender()
		return g == "" || g == m.gender
	}
	if m.i <= 1 && toks[m.i].Tag == "PRP" {
		// The first person mention of the previous sentence.
		for k := 0; k < len(before); k++ {
			c := &d.ments[before[k]]
			if c.sent == m.sent-1 && compatible(c) {
				return c.actor
			}
		}
	}
	exclude := -1
	if toks[m.i].Lower == "him" || (toks[m.i].Lower == "her" && toks[m.i].Tag == "PRP") {
		if subj, _ := d.subjectOf(m.sent, m.i); len(subj) > 0 {
			exclude = subj[0]
		}
	}
	for k := len(before) - 1; k >= 0; k-- {
		c := &d.ments[before[k]]
		if c.sent < m.sent-2 {
			break
		}
		if compatible(c) && c.actor != exclude {
			return c.actor
		}
	}
	return -1
}

// passing reports whether an actor is only mentioned in passing and is not
// worth a node: a name the KB does not know, or a company or outlet, named
// once and taking part in no relation (a photo credit, a source quoted).
func (d *analysis) passing(a *actorBuild, related bool) bool {
	if related || a.Mentions > 1 {
		return false
	}
	if a.entry == nil {
		return false
	}
	return a.entry.Kind == "media" || a.entry.Kind == "company"
}

// bodyOf returns the KB organisation of the state with this ISO code that a
// bare head noun names: "Parliament" in a British article is the UK
// Parliament. The body's name must end with the word, or the word must be
// one of its aliases; with several, the first in the KB wins.
func (d *analysis) bodyOf(iso, word string) *kbEntry {
	if iso == "" {
		return nil
	}
	lw := strings.ToLower(word)
	for _, id := range d.x.kb.order {
		e := d.x.kb.entries[id]
		if e.Type != polgraph.Organization || e.Country != iso {
			continue
		}
		switch e.Kind {
		case "legislature", "government", "court", "military":
		default:
			continue
		}
		if strings.HasSuffix(strings.ToLower(e.Name), " "+lw) || strings.HasPrefix(strings.ToLower(e.Name), lw+" of ") {
			return e
		}
		for _, a := range e.Aliases {
			if strings.EqualFold(a, word) {
				return e
			}
		}
	}
	return nil
}

// namedBody returns the organisation actor of the article whose name ends
// with the head word or starts with it before "of": "the Senate" after "the
// Senate of Puerto Rico" or "the Puerto Rico Senate". -1 when none.
func (d *analysis) namedBody(word string) int {
	for i, a := range d.actors {
		if a.Type != polgraph.Organization {
			continue
		}
		n := strings.ToLower(a.Name)
		if n != word && (strings.HasSuffix(n, " "+word) || strings.HasPrefix(n, word+" of ")) {
			return i
		}
	}
	return -1
}

// orgByFirstWord returns the organisation of the article, not from the
// knowledge base, whose name has two or more words and starts with w; -1
// when there is none or more than one.
func (d *analysis) orgByFirstWord(w string) int {
	found := -1
	for i, a := range d.actors {
		if a.Type != polgraph.Organization || a.entry != nil {
			continue
		}
		parts := strings.Fields(a.Name)
		if len(parts) >= 2 && parts[0] == w {
			if found >= 0 {
				return -1
			}
			found = i
		}
	}
	return found
}

// samePerson returns the person actor of the article, not from the
// knowledge base, that a full name names in another form: the same first
// name and, of two names, the shorter one's last word among the longer
// one's words ("Pedro Pierluisi", "Pedro R. Pierluisi Urrutia"). -1 when
// none.
func (d *analysis) samePerson(name string) int {
	w := strings.Fields(name)
	for i, a := range d.actors {
		if a.Type != polgraph.Person || a.entry != nil {
			continue
		}
		v := strings.Fields(a.Name)
		if len(v) < 2 || v[0] != w[0] || len(v) == len(w) {
			continue
		}
		short, long := v, w
		if len(w) < len(v) {
			short, long = w, v
		}
		last := short[len(short)-1]
		for _, x := range long[1:] {
			if x == last {
				return i
			}
		}
	}
	return -1
}

// orgActor returns the actor of an organisation mention the knowledge base
// does not know. A body of a state is named with its state, so that one
// country's "Foreign Ministry" or "Supreme Court" is not another's. An
// organisation named with and without its demonym ("American Solidarity
// Party", "the Solidarity Party") is one actor, under the longer name.
func (d *analysis) orgActor(m *mention) int {
	name, bare := m.name, m.name
	if m.demonymNamed {
		bare = m.bareName
	} else if m.country != "" && !strings.HasPrefix(slug(name), slug(d.countryName(m.country))) && !strings.Contains(name, d.countryName(m.country)) {
		name = d.countryName(m.country) + " " + name
	}
	key := slug(bare)
	if i, ok := d.orgByBare[key]; ok && (d.actors[i].Country == m.country || d.actors[i].Country == "" || m.country == "") {
		if a := d.actors[i]; m.demonymNamed && a.Name == bare {
			d.renameActor(i, slug(name), name, m.country)
		}
		return i
	}
	i := d.actorFor(slug(name), name, polgraph.Organization, m.country, nil)
	if _, ok := d.orgByBare[key]; !ok {
		d.orgByBare[key] = i
	}
	return i
}

// renameActor gives actor i a better name and id (and its country, where
// it had none), before any relation refers to it.
func (d *analysis) renameActor(i int, id, name, country string) {
	if _, taken := d.actorByID[id]; taken {
		return
	}
	a := d.actors[i]
	delete(d.actorByID, a.ID)
	a.ID, a.Name = id, name
	if a.Country == "" {
		a.Country = country
	}
	d.actorByID[id] = i
}

// genericWords describe bodies that every state has.
var genericWords = map[string]bool{
	"national": true, "supreme": true, "constitutional": true, "legislative": true, "federal": true, "central": true,
	"high": true, "electoral": true, "foreign": true, "interior": true, "defence": true, "defense": true, "justice": true,
	"health": true, "finance": true, "state": true, "people's": true, "general": true, "armed": true, "security": true,
	"intelligence": true, "election": true, "constituent": true, "district": true, "appeals": true, "military": true,
	"the": true, "of": true, "and": true, "for": true,
}

// genericOrg reports whether an organisation's name says nothing of whose
// it is: "Supreme Court", "Legislative Assembly", "Foreign Ministry".
func (d *analysis) genericOrg(name string) bool {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if !genericWords[w] && d.orgHead(w) == "" {
			return false
		}
	}
	return true
}

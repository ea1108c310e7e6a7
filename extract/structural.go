package extract

import (
	"strings"

	"github.com/polgraph/polgraph"
)

// structural emits LEADS, OFFICIAL_OF and MEMBER_OF from titles stated in
// the sentence: the body is the one named with the title, else the body of
// the person's KB role with that title on the article's date, else the
// person's own country for offices of state.
func (d *analysis) structural(si int) {
	for k := range d.ments {
		m := &d.ments[k]
		if m.sent != si || m.actor < 0 || m.kind == mDescription {
			continue
		}
		for _, r := range m.extraTitles {
			if r.t.Relation == "" || r.of < 0 || d.ments[r.of].actor < 0 || d.actors[d.ments[r.of].actor].Type == polgraph.Person {
				continue
			}
			d.emit(si, m.actor, d.ments[r.of].actor, r.t.Relation, polgraph.Asserted, r.text, r.text, "title", confTitle)
		}
		if m.title == nil || m.title.Relation == "" {
			continue
		}
		// "Labour MP Tom Watson" is also a member of Parliament.
		if chamber := legislatureWord(m.title.Title); chamber != "" {
			iso := d.actors[m.actor].Country
			if m.titleOf >= 0 && d.ments[m.titleOf].typ == polgraph.Country {
				iso = d.ments[m.titleOf].country // "US Senator" in a British article
			}
			if iso == "" && d.mainCountry >= 0 {
				iso = d.actors[d.mainCountry].Country
			}
			if e := d.bodyOf(iso, chamber); e != nil {
				b := d.actorFor(e.ID, e.Name, e.Type, e.Country, e)
				d.emit(si, m.actor, b, polgraph.MemberOf, polgraph.Asserted, m.titleText, m.titleText, "title+chamber", confKBTitle-0.1)
			}
		}
		person := d.actors[m.actor]
		body, conf, rule := -1, confTitle, "title"
		if m.titleOf >= 0 && d.ments[m.titleOf].actor >= 0 {
			body = d.ments[m.titleOf].actor
			// "London Mayor Sadiq Khan": a capital before a local title
			// names the city, not the state.
			if d.ments[m.titleOf].kind == mCapital && !stateTitle(m.title) {
				continue
			}
		}
		if m.i > 0 && d.sents[si].Tokens[m.i-1].Text == "," {
			rule, conf = "apposition", confApposition
		}
		if body < 0 && person.entry != nil {
			for _, r := range person.entry.Roles {
				if r.activeOn(d.date) && titleMatches(r.Title, m.titleText) {
					// Only a body the article names: the KB says which
					// body, the text must still be about it.
					if b, ok := d.actorByID[r.Of]; ok {
						body = b
						rule, conf = rule+"+kb-role", confKBTitle
					} else if e := d.x.kb.entries[r.Of]; e != nil && strings.Contains(m.name, e.Name) {
						// "King Abdullah II of Jordan" names Jordan inside the name
						body = d.actorFor(e.ID, e.Name, e.Type, e.Country, e)
						rule, conf = rule+"+kb-role", confKBTitle
					}
					break
				}
			}
		}
		if body < 0 && stateTitle(m.title) && m.title.Relation == polgraph.OfficialOf {
			// An office of state with no body named: the person's own
			// state, else the state the article is about.
			if person.Country != "" {
				if b, ok := d.countryActor(person.Country); ok {
					body, rule, conf = b, rule+"+person-country", confKBTitle-0.1
				}
			} else if d.mainCountry >= 0 {
				body, rule, conf = d.mainCountry, rule+"+article-country", 0.6
			}
		}
		if body < 0 {
			continue
		}
		if m.title.Class == "legislator" && legislatureWord(m.title.Title) != "" && d.actors[body].Type == polgraph.Country {
			continue // "US Senator X" is a member of the Senate (above), not of the United States
		}
		if d.actors[body].Type == polgraph.Person {
			// "Merkel's spokesperson": an official of a person is an
			// official of the person's state.
			b, ok := d.countryActor(d.actors[body].Country)
			if !ok || b == m.actor {
				continue
			}
			body, rule = b, rule+"+principal-country"
		}
		d.emit(si, m.actor, body, m.title.Relation, polgraph.Asserted, m.titleText, m.titleText, rule, conf)
	}
}

// stateTitle reports whether a title is an office of a state or an
// international body, as opposed to a city's or a region's.
func stateTitle(t *titleEntry) bool {
	switch t.Class {
	case "head-of-state", "head-of-government", "minister", "diplomat", "military", "royal":
		return true
	}
	return false
}

// countryActor returns the article's actor for the state with this ISO
// code, if the article names it.
func (d *analysis) countryActor(iso string) (int, bool) {
	a, ok := d.actorByID[d.x.kb.stateByISO[iso]]
	return a, ok
}

// legislatureWord names the chamber a legislator's title implies: "MP" sits
// in parliament, "Senator" in the senate.
func legislatureWord(title string) string {
	switch strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(title, "Former "), "former "), ".")) {
	case "mp", "member of parliament", "parliamentarian", "lawmaker", "legislator":
		return "parliament"
	case "senator", "sen", "state senator":
		return "senate"
	case "representative", "rep", "congressman", "congresswoman", "congressperson":
		return "house of representatives"
	}
	return ""
}

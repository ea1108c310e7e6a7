package extract

import (
	"fmt"
	"strings"

	"github.com/polgraph/polgraph"
)

// Confidence of each kind of evidence, before modality and pronoun
// adjustments. Direct verb patterns with both arguments are the strongest;
// patterns whose subject comes from outside their phrase are weaker.
const (
	confTitle      = 0.9  // "Iranian President Hassan Rouhani"
	confApposition = 0.85 // "Nancy Pelosi, the Speaker of the House,"
	confKBTitle    = 0.8  // "President Trump", the body from the KB's role
	pronounPenalty = 0.1  // an argument reached through he/she/the president
	clausePenalty  = 0.1  // a nominal trigger's subject taken from the clause
)

// relate finds the relations of sentence si.
func (d *doc) relate(si int) {
	d.structural(si)
	d.triggers(si)
	d.compounds(si)
	d.backedCompounds(si)
	d.speech(si)
}

// emit adds a relation once per (subject, predicate, object, modality,
// sentence), keeping the most confident.
func (d *doc) emit(si, subj, obj int, p polgraph.Predicate, mod polgraph.Modality, role, trig, rule string, conf float64) {
	if subj < 0 || obj < 0 || subj == obj {
		return
	}
	s, o := d.actors[subj], d.actors[obj]
	if p.Symmetric() && s.ID > o.ID {
		s, o = o, s
	}
	if conf > 1 {
		conf = 1
	}
	sent := d.sents[si]
	key := fmt.Sprintf("%s|%s|%s|%s|%d", s.ID, p, o.ID, mod, si)
	if d.relSeen[key] {
		return
	}
	d.relSeen[key] = true
	d.relations = append(d.relations, polgraph.Relation{
		Subject: s.ID, Predicate: p, Object: o.ID, Category: p.Category(), Modality: mod, Role: role,
		Evidence: polgraph.Evidence{Sentence: sent.Text, Start: sent.Start, End: sent.End, Trigger: trig, Confidence: round2(conf), Rule: rule},
	})
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

// structural emits LEADS, OFFICIAL_OF and MEMBER_OF from titles stated in
// the sentence: the body is the one named with the title, else the body of
// the person's KB role with that title on the article's date, else the
// person's own country for offices of state.
func (d *doc) structural(si int) {
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
			if iso == "" && d.mainCountry >= 0 {
				iso = d.actors[d.mainCountry].Country
			}
			if e := d.bodyOf(iso, chamber); e != nil {
				if b, named := d.actorByID[e.ID]; named {
					d.emit(si, m.actor, b, polgraph.MemberOf, polgraph.Asserted, m.titleText, m.titleText, "title+chamber", confKBTitle-0.1)
				}
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
func (d *doc) countryActor(iso string) (int, bool) {
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

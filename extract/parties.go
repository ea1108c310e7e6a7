package extract

import (
	"strings"

	"github.com/polgraph/polgraph"
)

// Party labels: the words news puts before a person to say which party
// they belong to ("Democrat Rod Blagojevich", "Republican US Senator
// Elizabeth Dole", "Labour MP Tom Watson") or after a copula ("Trump is a
// Republican"). They are derived from the knowledge base's parties, not
// listed by hand: the adjective of "<Adjective> Party" and the singular of a
// one-word plural alias ("Democrats" -> "Democrat", "Tories" -> "Tory").

// partyLabels maps a label to the parties it may name, the one owning the
// plural alias first.
type partyLabels map[string][]*kbEntry

func buildPartyLabels(kb *knowledgeBase) partyLabels {
	out := partyLabels{}
	add := func(label string, e *kbEntry, first bool) {
		if label == "" || !startsUpper(label) || strings.ContainsAny(label, " .") {
			return
		}
		for _, have := range out[label] {
			if have == e {
				return
			}
		}
		if first {
			out[label] = append([]*kbEntry{e}, out[label]...)
		} else {
			out[label] = append(out[label], e)
		}
	}
	for _, id := range kb.order {
		e := kb.entries[id]
		if e.Kind != "party" {
			continue
		}
		for _, a := range e.Aliases {
			if strings.Contains(a, " ") {
				continue
			}
			switch {
			case strings.HasSuffix(a, "ies"):
				add(strings.TrimSuffix(a, "ies")+"y", e, true) // Tories
			case strings.HasSuffix(a, "s") && !isAllCaps(a):
				add(strings.TrimSuffix(a, "s"), e, true) // Democrats, Conservatives
			}
		}
		if adj, ok := strings.CutSuffix(e.Name, " Party"); ok && !strings.Contains(adj, " ") {
			add(adj, e, false) // Democratic Party, Labour Party
		}
	}
	return out
}

// party returns the party a label names in this article: the one of the
// article's state when the label is shared, else the first.
func (d *analysis) party(label string) *kbEntry {
	es := d.x.parties[label]
	if len(es) == 0 {
		return nil
	}
	if d.mainCountry >= 0 {
		for _, e := range es {
			if e.Country == d.actors[d.mainCountry].Country {
				return e
			}
		}
	}
	return es[0]
}

// partyMembers finds party labels before a person ("Democrat Rod
// Blagojevich", "Republican members of the House of Representatives Darin
// LaHood and Mike Bost", "the city's Democratic mayor Muriel Bowser") and
// after "is a" or ", a" ("Trump is a Republican"), and emits MEMBER_OF.
func (d *analysis) partyMembers(si int) {
	toks := d.sents[si].Tokens
	for k, t := range toks {
		if len(d.x.parties[t.Text]) == 0 {
			continue
		}
		// A label read as a lone name that resolved to no one is free.
		if m := d.mentionAt(si, k); m >= 0 && (d.ments[m].actor >= 0 || d.ments[m].j-d.ments[m].i > 1) {
			continue
		}
		var people []int
		if k >= 2 && toks[k-1].Lower == "a" && (beForms[toks[k-2].Lower] || toks[k-2].Text == ",") {
			// "Trump is a Republican", "Blankenship, a Republican,"
			if m := d.mentionAt(si, k-3); m >= 0 && d.ments[m].typ == polgraph.Person && d.ments[m].actor >= 0 {
				people = append(people, d.ments[m].actor)
			}
		} else {
			people = d.labelledPeople(si, k+1)
		}
		if len(people) == 0 {
			continue
		}
		e := d.party(t.Text)
		if e == nil {
			continue
		}
		p := d.actorFor(e.ID, e.Name, e.Type, e.Country, e)
		d.actors[p].addAlias(t.Text)
		d.actors[p].Mentions++
		for _, a := range people {
			d.emit(si, a, p, polgraph.MemberOf, polgraph.Asserted, "", t.Text, "party label", confTitle-0.1)
		}
	}
}

// labelledPeople returns the people a label at token k-1 stands before:
// the person named next, past titles, "members of the X" and the like,
// with those coordinated to them ("Darin LaHood and Mike Bost").
func (d *analysis) labelledPeople(si, k int) []int {
	toks := d.sents[si].Tokens
	for end := min(len(toks), k+10); k < end; k++ {
		if m := d.mentionAt(si, k); m >= 0 {
			mm := &d.ments[m]
			if mm.typ != polgraph.Person {
				if mm.modifier || mm.typ == polgraph.Country || mm.kind == mBareOrg || mm.kind == mKB && mm.typ == polgraph.Organization {
					k = mm.j - 1 // "Republican US Senator", "members of the House of Representatives"
					continue
				}
				return nil
			}
			if mm.actor < 0 || mm.kind == mPronoun {
				return nil
			}
			return d.coordinated(si, m)
		}
		t := toks[k]
		if t.Text == "," || t.Text == "." || t.Text == ";" || strings.HasPrefix(t.Tag, "VB") || t.Tag == "CC" {
			return nil
		}
	}
	return nil
}

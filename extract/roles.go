package extract

import (
	"strings"

	"github.com/polgraph/polgraph"
)

// Roles in organisations the title list does not know. News puts a
// person's role between the organisation and the name ("Valiant
// Entertainment editor Heather Antos", "Michigan Taxpayers Party chairman
// William Mohr", "NASA astronauts Bob Behnken and Doug Hurley") or names the
// organisation after the person ("Tristan Smith of University College
// London"). Both make the person part of the organisation: LEADS where the
// role's head noun is a leader's, else MEMBER_OF.

// leaderNouns head the roles that lead what they are a role in.
var leaderNouns = map[string]bool{
	"leader": true, "head": true, "chief": true, "chairman": true, "chairwoman": true, "chairperson": true,
	"chair": true, "president": true, "director": true, "director-general": true, "founder": true, "co-founder": true,
	"owner": true, "commander": true, "governor": true, "mayor": true, "ceo": true, "boss": true, "administrator": true,
	"sheriff": true, "coach": true, "manager": true, "secretary-general": true, "executive": true,
}

// maxRoleWords is the longest role read between an organisation and a name
// ("medical anthropologist", "public health expert").
const maxRoleWords = 4

// organisationRoles emits the relations of roles in sentence si.
func (d *analysis) organisationRoles(si int) {
	toks := d.sents[si].Tokens
	for k := range d.ments {
		p := &d.ments[k]
		if p.sent != si || p.typ != polgraph.Person || p.actor < 0 || p.kind == mPronoun || p.kind == mDescription {
			continue
		}
		if org, role, at, ok := d.roleBefore(si, p); ok {
			rel := d.roleRelation(si, at, role)
			for _, a := range d.coordinated(si, k) {
				d.emit(si, a, org, rel, polgraph.Asserted, role, role, "organisation role", confTitle-0.1)
			}
		}
		// "Leon van Biljon, owner of Mahala View Lion Lodge", "Adrian
		// Wojnarowski, US sport columnist from ESPN"
		if p.title == nil {
			if org, role, at, ok := d.roleAfter(si, p); ok {
				d.emit(si, p.actor, org, d.roleRelation(si, at, role), polgraph.Asserted, role, role, "organisation role apposition", confApposition-0.1)
			}
		}
		// "Tristan Smith of University College London", "Mick Jagger of
		// The Rolling Stones"
		if j := p.j; j+1 < len(toks) && toks[j].Lower == "of" {
			b := j + 1
			if toks[b].Lower == "the" && b+1 < len(toks) && !startsUpper(toks[b].Text) {
				b++
			}
			if m := d.bodyAt(toks, d.cover[si], b); m >= 0 && d.ments[m].typ == polgraph.Organization && d.ments[m].actor >= 0 {
				// "Director Anthony Fauci of the NIAID": the title says how
				rel, role := polgraph.MemberOf, ""
				if p.title != nil && p.title.Relation != "" {
					rel, role = p.title.Relation, p.titleText
				}
				d.emit(si, p.actor, d.ments[m].actor, rel, polgraph.Asserted, role, "of", "person of organisation", confTitle-0.2)
			}
		}
	}
}

// roleBefore reads "ORG role" or "ORG's role" right before person p: the
// organisation's actor and the role's words.
func (d *analysis) roleBefore(si int, p *mention) (org int, role string, at int, ok bool) {
	toks := d.sents[si].Tokens
	k := p.i - 1
	n := 0
	for k >= 0 && n < maxRoleWords && d.mentionAt(si, k) < 0 && isRoleWord(toks[k]) {
		k--
		n++
	}
	if n == 0 || k < 0 {
		return -1, "", 0, false
	}
	if toks[k].Lower == "'s" && k > 0 {
		k--
	}
	m := d.mentionAt(si, k)
	if m < 0 || d.ments[m].j != k+1 || d.ments[m].typ != polgraph.Organization || d.ments[m].actor < 0 {
		return -1, "", 0, false
	}
	return d.ments[m].actor, spanText(d.art.Text, toks, p.i-n, p.i), p.i - n, true
}

// roleAfter reads ", [a|the] role of|for|from|at ORG" after person p.
func (d *analysis) roleAfter(si int, p *mention) (org int, role string, at int, ok bool) {
	toks := d.sents[si].Tokens
	k := p.j
	if k+3 >= len(toks) {
		return -1, "", 0, false
	}
	switch {
	case toks[k].Text == ",":
		k++
	case skipCopula(toks, k) > k:
		k = skipCopula(toks, k) // "Guy was a mathematics professor at the University of Calgary"
	default:
		return -1, "", 0, false
	}
	if w := toks[k].Lower; w == "a" || w == "an" || w == "the" {
		k++
	}
	// "Joe Biden, the Democratic Party's presumptive nominee": the
	// organisation before the role
	if m := d.mentionAt(si, k); m >= 0 && d.ments[m].i == k && d.ments[m].typ == polgraph.Organization && d.ments[m].actor >= 0 {
		if e := d.ments[m].j; e+1 < len(toks) && toks[e].Lower == "'s" {
			start, n := e+1, 0
			for j := start; j < len(toks) && n < maxRoleWords && d.mentionAt(si, j) < 0 && isRoleWord(toks[j]); j++ {
				n++
			}
			if n > 0 {
				return d.ments[m].actor, spanText(d.art.Text, toks, start, start+n), start, true
			}
		}
	}
	// a country or a demonym may qualify the role: "US sport columnist"
	if m := d.mentionAt(si, k); m >= 0 && d.ments[m].i == k && d.ments[m].typ == polgraph.Country {
		k = d.ments[m].j
	}
	start, n := k, 0
	for k < len(toks) && n < maxRoleWords && d.mentionAt(si, k) < 0 && isRoleWord(toks[k]) {
		k++
		n++
	}
	if n == 0 || k+1 >= len(toks) {
		return -1, "", 0, false
	}
	switch toks[k].Lower {
	case "of", "for", "from", "at", "with":
	default:
		return -1, "", 0, false
	}
	k++
	if toks[k].Lower == "the" && k+1 < len(toks) {
		k++
	}
	b := d.bodyAt(toks, d.cover[si], k) // "head of the IRGC's Quds Force" is the Quds Force's
	if b < 0 || d.ments[b].typ != polgraph.Organization || d.ments[b].actor < 0 {
		return -1, "", 0, false
	}
	// "the Islamic Revolutionary Guard Corps-Quds Force" is the Quds Force
	if e := d.ments[b].j; e+1 < len(toks) && toks[e].Text == "-" {
		if c := d.mentionAt(si, e+1); c >= 0 && d.ments[c].typ == polgraph.Organization && d.ments[c].actor >= 0 {
			b = c
		}
	}
	return d.ments[b].actor, spanText(d.art.Text, toks, start, start+n), start, true
}

// isRoleWord reports whether a token can be a word of a role before a
// name: a lower-case noun or adjective ("editor", "medical", "half").
func isRoleWord(t token) bool {
	if startsUpper(t.Text) || t.Text == "-" {
		return t.Text == "-"
	}
	switch t.Tag {
	case "NN", "NNS", "JJ", "VBG":
		return true
	}
	return false
}

// roleRelation is the relation a role starting at token at gives: the
// title list's where it knows the role's last word ("spokesperson",
// "official": OFFICIAL_OF), LEADS for a leader's noun not qualified by
// "deputy", "vice" or "assistant", else MEMBER_OF.
func (d *analysis) roleRelation(si, at int, role string) polgraph.Predicate {
	toks := d.sents[si].Tokens
	words := strings.Fields(strings.ToLower(role))
	last := at + len(words) - 1
	for k := at; k <= last; k++ {
		if t, j := d.x.titles.matchBare(toks, k); t != nil && j == last+1 && t.Relation != "" {
			return t.Relation
		}
	}
	for _, w := range words {
		if w == "deputy" || w == "vice" || w == "assistant" {
			return polgraph.OfficialOf
		}
	}
	if leaderNouns[strings.TrimSuffix(words[len(words)-1], "s")] {
		// "foreign policy chief", "security chief": the head of a part of
		// the organisation is its official, not its leader
		if last > at && (toks[last-1].Tag == "NN" || toks[last-1].Tag == "NNS") {
			return polgraph.OfficialOf
		}
		return polgraph.Leads
	}
	return polgraph.MemberOf
}

// coordinated returns the actor of person mention k and of the people
// joined to it by "and" or commas after it ("Bob Behnken and Doug Hurley").
func (d *analysis) coordinated(si, k int) []int {
	toks := d.sents[si].Tokens
	out := []int{d.ments[k].actor}
	for j := d.ments[k].j; j+1 < len(toks) && (toks[j].Lower == "and" || toks[j].Text == ","); {
		n := d.mentionAt(si, j+1)
		if n < 0 || d.ments[n].typ != polgraph.Person || d.ments[n].actor < 0 || d.ments[n].kind == mPronoun {
			break
		}
		out = append(out, d.ments[n].actor)
		j = d.ments[n].j
	}
	return out
}

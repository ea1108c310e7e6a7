package extract

import (
	"strings"

	"github.com/polgraph/polgraph"
)

// appositions attaches titles written beside a name: "Nancy Pelosi, the
// Speaker of the House,", "The Vice President, Mike Pence,", "X, who was
// Trump's envoy", "X was the deputy commander of the PMF", "a spokesman for
// the PMF, Ahmed al-Assadi,".
func (d *analysis) appositions(si int, cover []int) {
	toks := d.sents[si].Tokens
	n := len(toks)
	set := func(m *mention, r titleRef) {
		if r.of < 0 {
			// "The Senate Minority Leader": the body inside the title
			for k := r.start; k < r.end && k < n; k++ {
				if c := cover[k]; c != 0 && d.ments[c-1].typ != polgraph.Person {
					r.of = c - 1
					break
				}
			}
		}
		m.title, m.titleText, m.titleOf = r.t, r.text, r.of
		if r.of >= 0 {
			d.ments[r.of].modifier = true
		}
	}
	for k := range d.ments {
		m := &d.ments[k]
		if m.sent != si || m.typ != polgraph.Person || m.title != nil || m.kind == mPronoun || m.kind == mDescription {
			continue
		}
		// "NAME, TITLE ...", "NAME — TITLE, ... —" and "NAME, who was TITLE"
		if m.j+1 < n && (toks[m.j].Text == "," || toks[m.j].Text == "—" || toks[m.j].Text == "--" || toks[m.j].Text == "(") {
			start := m.j + 1
			if toks[start].Lower == "who" {
				start = skipCopula(toks, start+1)
			}
			if r, ok := d.titleAfter(toks, cover, start); ok && (r.end >= n || appositionEnd(toks[r.end])) {
				set(m, r)
				continue
			}
		}
		// "NAME was the deputy commander of the PMF"
		if c := skipCopula(toks, m.j); c > m.j {
			if r, ok := d.titleAfter(toks, cover, c); ok {
				set(m, r)
				continue
			}
		}
		// "voted to elect Boris Johnson — former Foreign Secretary — as the
		// new Conservative leader"
		if m.i > 0 && appointVerbs[toks[m.i-1].Lower] {
			k := m.j
			if k < n && (toks[k].Text == "—" || toks[k].Text == "(" || toks[k].Text == "--") {
				for k++; k < n && k < m.j+20 && toks[k].Text != "—" && toks[k].Text != ")" && toks[k].Text != "--"; k++ {
				}
				k++
			}
			if k < n && toks[k].Lower == "as" {
				if r, ok := d.titleAfter(toks, cover, skipAdjectives(toks, k+1)); ok {
					set(m, r)
					continue
				}
			}
		}
		// "[the|a] TITLE, NAME," and "Merkel's spokesperson, Steffen Seibert,"
		if m.i >= 2 && toks[m.i-1].Text == "," {
			// The earliest start wins: "German Chancellor Angela Merkel's
			// spokesperson, Steffen Seibert" is Merkel's spokesperson.
			for start := max(0, m.i-10); start <= m.i-2; start++ {
				if r, ok := d.titleAfter(toks, cover, start); ok && r.end == m.i-1 {
					set(m, r)
					break
				}
			}
		}
	}
}

// bodyAt returns the non-person mention starting at token b, following a
// possessive to its head ("Argentina's Amnesty International"), or -1.
func (d *analysis) bodyAt(toks []token, cover []int, b int) int {
	if b >= len(toks) || cover[b] == 0 {
		return -1
	}
	m := d.ments[cover[b]-1]
	if m.i != b {
		return -1
	}
	if m.j+1 < len(toks) && toks[m.j].Lower == "'s" {
		if next := d.bodyAt(toks, cover, m.j+1); next >= 0 {
			return next
		}
	}
	if m.typ == polgraph.Person {
		return -1
	}
	return cover[b] - 1
}

// skipCopula steps over "is", "was", "has been", "served as", "became" and
// returns where the predicate starts (k itself when there is no copula).
func skipCopula(toks []token, k int) int {
	start := k
	for k < len(toks) && k < start+4 {
		switch toks[k].Lower {
		case "is", "was", "has", "had", "been", "became", "becomes", "serves", "served", "as", "also", "then", "currently", "now", "remains", "remained", "named", "appointed",
			"elected", "sworn", "in", "chosen", "installed", "confirmed", "nominated", "will", "be", "set", "to":
			k++
			continue
		}
		break
	}
	if k == start || (k == start+1 && (toks[start].Lower == "also" || toks[start].Lower == "then" || toks[start].Lower == "as" || toks[start].Lower == "now")) {
		return start
	}
	return k
}

func appositionEnd(t token) bool {
	return t.Text == "," || t.Text == "." || t.Text == "(" || t.Text == ")" || t.Text == ";" || t.Text == "—" || t.Text == "--" || t.Lower == "and" || strings.HasPrefix(t.Tag, "VB")
}

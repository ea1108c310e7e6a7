package extract

import "github.com/polgraph/polgraph"

// Diplomatic news names officials through their opposite numbers:
// "Egyptian Foreign Minister Sameh Shoukry and his Greek, Cypriot and French
// counterparts, Nikos Dendias, Nikos Christodoulides and Jean-Yves Le Drian,
// respectively" gives each of the three the title of the first and the
// state of their demonym, and makes all four one coordinated group.

// A counterpartList is the names a "his X counterparts" phrase introduces.
type counterpartList struct {
	from, to int   // tokens of the phrase, from "his" to the last name (exclusive)
	names    []int // mention indices of the people, in order
}

// counterparts finds "POSS DEMONYM[, DEMONYM][ and DEMONYM] counterpart(s)[,]
// NAME[, NAME][ and NAME][, respectively]" in sentence si.
func (d *analysis) counterparts(si int, cover []int) {
	toks := d.sents[si].Tokens
	n := len(toks)
	for c := 1; c < n; c++ {
		if toks[c].Lower != "counterpart" && toks[c].Lower != "counterparts" {
			continue
		}
		// demonyms before, back to the possessive
		var dems []int
		k := c - 1
		for k >= 0 {
			if m := cover[k]; m != 0 && d.ments[m-1].kind == mDemonym {
				dems = append([]int{m - 1}, dems...)
				k = d.ments[m-1].i - 1
				continue
			}
			if toks[k].Text == "," || toks[k].Lower == "and" {
				k--
				continue
			}
			break
		}
		if k < 0 || len(dems) == 0 || (toks[k].Lower != "his" && toks[k].Lower != "her" && toks[k].Lower != "their" && toks[k].Lower != "its") {
			continue
		}
		head := d.personBefore(si, cover, k)
		// names after
		var names []int
		j := c + 1
		for j < n {
			if toks[j].Text == "," || toks[j].Lower == "and" {
				j++
				continue
			}
			if m := cover[j]; m != 0 && d.ments[m-1].typ == polgraph.Person && d.ments[m-1].i == j {
				names = append(names, m-1)
				j = d.ments[m-1].j
				continue
			}
			break
		}
		if len(names) != len(dems) {
			continue
		}
		end := j
		if end < n && toks[end].Lower == "respectively" {
			end++
		}
		for i, nm := range names {
			p := &d.ments[nm]
			d.ments[dems[i]].modifier = true
			if p.title != nil || head < 0 || d.ments[head].title == nil {
				continue
			}
			h := d.ments[head]
			p.title, p.titleText, p.titleOf = h.title, h.titleText, dems[i]
		}
		if d.counterpartsAt == nil {
			d.counterpartsAt = map[[2]int]counterpartList{}
		}
		d.counterpartsAt[[2]int{si, k}] = counterpartList{from: k, to: end, names: names}
	}
}

// personBefore returns the person mention right before "and his" at k
// ("Sameh Shoukry and his ..."), or -1.
func (d *analysis) personBefore(si int, cover []int, k int) int {
	toks := d.sents[si].Tokens
	j := k - 1
	if j >= 0 && toks[j].Lower == "and" {
		j--
	}
	if j >= 0 && cover[j] != 0 && d.ments[cover[j]-1].typ == polgraph.Person {
		return cover[j] - 1
	}
	return -1
}

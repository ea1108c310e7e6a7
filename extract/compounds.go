package extract

import "github.com/polgraph/polgraph"

// compounds finds "the X-Y summit" and "U.S.-Iran talks": two actors joined
// by a hyphen before the noun of a between pattern.
func (d *analysis) compounds(si int) {
	toks := d.sents[si].Tokens
	for k := 2; k+1 < len(toks); k++ {
		if toks[k].Text != "-" {
			continue
		}
		a, b := d.mentionAt(si, k-1), d.mentionAt(si, k+1)
		if a < 0 || b < 0 || d.ments[a].actor < 0 || d.ments[b].actor < 0 {
			continue
		}
		n := d.ments[b].j
		if n >= len(toks) {
			continue
		}

		for _, t := range d.x.lex.byFirst[toks[n].Lower] {
			if t.Kind != betweenTrigger {
				continue
			}
			h := hit{t: t, pos: []int{n}, first: n, last: n}
			rule := "compound: " + t.Pattern + " (" + t.Source + ")"
			d.emit(si, d.ments[a].actor, d.ments[b].actor, t.Pred, d.modality(si, h), "", spanText(d.art.Text, toks, k-1, n+1), rule, t.Conf-0.05)
			break
		}
	}
}

// backers are participles that, after "X-", make X a supporter of what they
// describe: "the Iranian-backed militia", "Saudi-led coalition".
var backers = map[string]polgraph.Predicate{
	"backed": polgraph.Supported, "funded": polgraph.Aided, "sponsored": polgraph.Supported, "supported": polgraph.Supported, "armed": polgraph.Aided,
	"allied": polgraph.AlliedWith, "aligned": polgraph.AlliedWith, "trained": polgraph.Aided, "financed": polgraph.Aided, "led": polgraph.Leads,
}

// backedCompounds finds "X-backed Y" (Y the mention right after the
// compound, or the name an apposition ", an X-backed militia" describes).
func (d *analysis) backedCompounds(si int) {
	toks := d.sents[si].Tokens
	// "Hezbollah, the Lebanese group backed by Tehran": the agent backs the
	// name the phrase describes.
	for k := 1; k+2 < len(toks); k++ {
		p, ok := backers[toks[k].Lower]
		if !ok || toks[k+1].Lower != "by" || toks[k].Tag != "VBN" && toks[k].Tag != "VBD" {
			continue
		}
		agents := d.argsRight(si, k+2)
		start := k
		for start > 0 && d.mentionAt(si, start-1) < 0 && (toks[start-1].Tag == "DT" || toks[start-1].Tag == "JJ" || toks[start-1].Tag == "NN" || toks[start-1].Tag == "NNS") {
			start--
		}
		heads := d.appositionHead(si, start)
		if len(heads) == 0 && start == k {
			if m := d.mentionAt(si, k-1); m >= 0 && d.ments[m].actor >= 0 && !d.ments[m].modifier {
				heads = []int{d.ments[m].actor}
			}
		}
		for _, a := range agents {
			for _, h := range heads {
				d.emit(si, a, h, p, polgraph.Asserted, "", spanText(d.art.Text, toks, k, k+2), "passive participle: "+toks[k].Lower+" by", 0.7)
			}
		}
	}
	for k := 1; k+1 < len(toks); k++ {
		p, ok := backers[toks[k+1].Lower]
		if !ok || toks[k].Text != "-" {
			continue
		}
		x := d.mentionAt(si, k-1)
		if x < 0 || d.ments[x].actor < 0 || d.ments[x].j != k {
			continue
		}
		var ys []int
		if m := d.headAt(si, k+2); m >= 0 {
			ys = []int{d.ments[m].actor}
		} else {
			// ", an Iranian-backed militia": the name before the comma
			start := d.ments[x].i - 1
			for start >= 0 && (toks[start].Tag == "DT" || toks[start].Tag == "JJ") {
				start--
			}
			ys = d.appositionHead(si, start+1)
		}
		trig := spanText(d.art.Text, toks, d.ments[x].i, k+2)
		for _, y := range ys {
			d.emit(si, d.ments[x].actor, y, p, polgraph.Asserted, "", trig, "compound: X-"+toks[k+1].Lower, 0.7)
		}
	}
}

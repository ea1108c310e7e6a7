package extract

import (
	"strings"

	"github.com/polgraph/polgraph"
)

// modality reads the words before a trigger: negation, then intent, then
// possibility. A refusal is not here: "refused to meet" is its own pattern.
func (d *analysis) modality(si int, h hit) polgraph.Modality {
	if m := d.sentenceModality(si, h); m != polgraph.Asserted || h.t.Modality == "" {
		return m
	}
	return h.t.Modality // the pattern states it: "express intent to meet"
}

// sentenceModality is the modality the words around a trigger give it.
func (d *analysis) sentenceModality(si int, h hit) polgraph.Modality {
	toks := d.sents[si].Tokens
	from := h.first - 6
	if h.t.Kind == nounTrigger || h.t.Kind == betweenTrigger {
		from = h.first - 8
	}
	if from < 0 {
		from = 0
	}
	window := toks[from:h.first]
	// Stop at the clause's start, and at a comma: "Vaca, who is not
	// related to the senator, met" is asserted.
	for k := len(window) - 1; k >= 0; k-- {
		next := toks[h.first] // the token after window[k]
		if k+1 < len(window) {
			next = window[k+1]
		}
		vpAnd := window[k].Tag == "CC" && strings.HasPrefix(next.Tag, "VB") // "urged X and spoke with Y"
		if window[k].Text == ";" || window[k].Text == "." || window[k].Text == "," || vpAnd || clauseBreak(window[k]) && window[k].Lower != "that" {
			window = window[k+1:]
			break
		}
	}
	// "A meeting between Putin and Trump is possible": for nominal
	// triggers the predicate after the phrase counts too.
	if h.t.Kind == nounTrigger || h.t.Kind == betweenTrigger {
		after := " "
		for k := h.last + 1; k < len(toks) && k <= h.last+10; k++ {
			after += toks[k].Lower + " "
		}
		for _, w := range []string{" is possible ", " was possible ", " is likely ", " could ", " may ", " might ", " remains possible "} {
			if strings.Contains(after, w) {
				return polgraph.Possible
			}
		}
		for _, w := range []string{" is planned ", " was planned ", " is scheduled ", " was scheduled ", " is expected ", " will ", " is set "} {
			if strings.Contains(after, w) {
				return polgraph.Intended
			}
		}
	}
	text := " "
	for _, t := range window {
		text += t.Lower + " "
	}
	has := func(ws ...string) bool {
		for _, w := range ws {
			if strings.Contains(text, " "+w+" ") {
				return true
			}
		}
		return false
	}
	switch {
	case has("no barriers", "no barrier", "no obstacles", "no obstacle", "no objection"):
		return polgraph.Intended
	case has("not", "n't", "never", "no longer", "neither", "nor", "without", "failed to", "fail to"):
		return polgraph.Negated
	case has("plans to", "plan to", "planned to", "planning to", "plans for", "intends to", "intend to", "intended to",
		"wants to", "want to", "wanted to", "seeks to", "seek to", "sought to", "seeking to", "hopes to", "hope to", "hoped to",
		"aims to", "aim to", "offered to", "offers to", "offer to", "proposed", "proposes", "ready to", "willing to", "prepared to",
		"will", "'ll", "would like", "expected to", "set to", "scheduled to", "due to", "going to", "agreed to", "vowed to", "pledged to",
		"called for", "calls for", "call for", "openness to", "open to", "invitation", "invited", "promise", "promised to",
		"looking to", "considering", "prospect of", "trying to", "tried to", "try to", "attempt to", "attempted to", "push for", "pushed for",
		"plans on", "plan on", "planning on", "intends", "aims", "would", "is to", "are to", "was to", "were to",
		"plot to", "plotted to", "plotting to", "plots to", "voted to", "vote to", "votes to", "voting to", "resolution to",
		"motion to", "bill to", "decided to", "decision to", "decides to", "announced plans", "threatened to", "threatens to", "threaten to",
		"ordered", "orders", "called on", "urged", "asked", "demanded", "wants", "sought", "seeks", "willingness", "intention", "intent",
		"pending", "planned", "upcoming", "proposed", "efforts", "effort", "process of", "bid to", "would-be", "impending"):
		return polgraph.Intended
	case has("could", "may", "might", "possibly", "possible", "potential", "speculation", "likely", "perhaps", "reportedly", "allegedly", "rumoured", "rumored", "possibility", "chance", "risk",
		"than to", "if", "whether", "fear", "fears", "feared"):
		return polgraph.Possible
	}
	return polgraph.Asserted
}

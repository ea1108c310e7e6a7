package extract

import (
	"fmt"

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
	parsePenalty   = 0.1  // a side found on the dependency parse, not beside the trigger
)

// relate finds the relations of sentence si.
func (d *analysis) relate(si int) {
	d.structural(si)
	d.partyMembers(si)
	d.organisationRoles(si)
	d.triggers(si)
	d.compounds(si)
	d.backedCompounds(si)
	d.speech(si)
}

// emit adds a relation once per (subject, predicate, object, modality,
// sentence), keeping the most confident.
func (d *analysis) emit(si, subj, obj int, p polgraph.Predicate, mod polgraph.Modality, role, trig, rule string, conf float64) {
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

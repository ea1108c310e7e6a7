package graph

import (
	"context"
	"fmt"

	"github.com/polgraph/polgraph"
)

// This file holds the analyses of two actors behind `polgraph query dyad`
// and `query balance`.

// A DyadRelation is what one month's claims say for one relation between
// two actors: Subject -[Predicate]-> Object, with every claim, most
// confident first.
type DyadRelation struct {
	Month      string         `json:"month"` // YYYY-MM, or "" for undated claims
	Subject    ActorRef       `json:"subject"`
	Predicate  string         `json:"predicate"`
	Category   string         `json:"category"`
	Object     ActorRef       `json:"object"`
	Count      int            `json:"count"`
	Modalities map[string]int `json:"modalities"`
	Evidence   []Evidence     `json:"evidence"`
}

// dyadCypher returns the claims between $a and $b in the period.
const dyadCypher = `MATCH (a:Actor {id: $a})<-[:SUBJECT|OBJECT]-(c:Claim)
WHERE (c.subject = $b OR c.object = $b) AND ` + claimInPeriod + `
RETURN substring(c.published, 0, 7) AS month, c.subject AS subject, c.predicate AS predicate, c.category AS category,
  c.object AS object, c.sentence AS sentence, c.article AS article, c.published AS published,
  c.modality AS modality, c.confidence AS confidence, c.trigger AS trigger
ORDER BY month, predicate, subject, confidence DESC, published, c.id`

// dyadClaims returns the claims between a and b, both resolved.
func (g *DB) dyadClaims(ctx context.Context, a, b string, p Period) (map[string]ActorRef, []map[string]any, error) {
	if a == b {
		return nil, nil, fmt.Errorf("relations of %s with itself", a)
	}
	refs := map[string]ActorRef{}
	for _, id := range []string{a, b} {
		info, err := g.ActorByID(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		refs[id] = info.ActorRef
	}
	recs, err := g.readQuery(ctx, dyadCypher, p.params(map[string]any{"a": a, "b": b}))
	if err != nil {
		return nil, nil, fmt.Errorf("claims between %s and %s: %w", a, b, err)
	}
	rows := make([]map[string]any, len(recs))
	for i, r := range recs {
		rows[i] = r.AsMap()
	}
	return refs, rows, nil
}

// Dyad returns the relations between two actors month by month (undated
// claims first), in the order month, predicate, subject.
func (g *DB) Dyad(ctx context.Context, a, b string, p Period) ([]DyadRelation, error) {
	refs, rows, err := g.dyadClaims(ctx, a, b, p)
	if err != nil {
		return nil, err
	}
	out := []DyadRelation{}
	for _, m := range rows {
		month, s, pr, o := getStr(m, "month"), getStr(m, "subject"), getStr(m, "predicate"), getStr(m, "object")
		n := len(out)
		if n == 0 || out[n-1].Month != month || out[n-1].Predicate != pr || out[n-1].Subject.ID != s || out[n-1].Object.ID != o {
			out = append(out, DyadRelation{Month: month, Subject: refs[s], Predicate: pr, Category: getStr(m, "category"),
				Object: refs[o], Modalities: map[string]int{}, Evidence: []Evidence{}})
			n++
		}
		d := &out[n-1]
		ev := evidence(m)
		d.Count++
		d.Modalities[ev.Modality]++
		d.Evidence = append(d.Evidence, ev)
	}
	return out, nil
}

// BalanceWeights is the cooperation (+) or conflict (-) weight of one
// asserted claim of each category, on a Goldstein-like scale from -10 to
// +10. Structural categories without a tone (LEADS, OFFICIAL_OF,
// MEMBER_OF, SUCCEEDED) weigh 0. A negated claim counts 0, an intended or
// possible one half its weight.
var BalanceWeights = map[polgraph.Category]float64{
	"AID": 6, "AGREE": 5, "COOPERATE": 5, "ALLIED_WITH": 5, "CONCEDE": 4, "SUPPORT": 3,
	"RETREAT": 2, "CONSULT": 1,
	"LEADS": 0, "OFFICIAL_OF": 0, "MEMBER_OF": 0, "SUCCEEDED": 0,
	"REQUEST": -1, "ACCUSE": -2, "REJECT": -3, "PROTEST": -4, "SANCTION": -5, "IN_CONFLICT_WITH": -5,
	"MOBILIZE": -6, "THREATEN": -6, "COERCE": -7, "ASSAULT": -9,
}

// ModalityFactor is the share of its category's weight a claim of each
// modality contributes to Balance.
var ModalityFactor = map[polgraph.Modality]float64{
	polgraph.Asserted: 1, polgraph.Negated: 0, polgraph.Intended: 0.5, polgraph.Possible: 0.5,
}

// A BalanceMonth sums the weighted claims between two actors in one month.
type BalanceMonth struct {
	Month       string  `json:"month"`       // YYYY-MM, or "" for undated claims
	Claims      int     `json:"claims"`      // all claims, whatever their weight
	Cooperation float64 `json:"cooperation"` // sum of the positive weights
	Conflict    float64 `json:"conflict"`    // sum of the negative weights (<= 0)
	Net         float64 `json:"net"`         // Cooperation + Conflict
}

// Balance weighs the claims between two actors (both directions) by
// BalanceWeights and ModalityFactor and sums them per month, undated
// claims first.
func (g *DB) Balance(ctx context.Context, a, b string, p Period) ([]BalanceMonth, error) {
	_, rows, err := g.dyadClaims(ctx, a, b, p)
	if err != nil {
		return nil, err
	}
	out := []BalanceMonth{}
	for _, m := range rows {
		month := getStr(m, "month")
		if n := len(out); n == 0 || out[n-1].Month != month {
			out = append(out, BalanceMonth{Month: month})
		}
		bm := &out[len(out)-1]
		bm.Claims++
		w := BalanceWeights[polgraph.Category(getStr(m, "category"))] * ModalityFactor[polgraph.Modality(getStr(m, "modality"))]
		if w > 0 {
			bm.Cooperation += w
		} else {
			bm.Conflict += w
		}
		bm.Net = bm.Cooperation + bm.Conflict
	}
	return out, nil
}

package evaluate

import (
	"encoding/json"
	"fmt"

	"github.com/polgraph/polgraph"
)

// An Alignment ties one extracted article to its gold annotation the way
// Score matches them: which gold actor each predicted actor is, and the gold
// relations between gold actors. Trainers use it to label what the
// extractor proposes.
type Alignment struct {
	Actor     map[string]int // predicted actor id -> gold actor index, or -1
	Relations []GoldRelation
}

// A GoldRelation is one relation of a gold article, between gold actor
// indices.
type GoldRelation struct {
	Subject, Object int
	Predicates      []polgraph.Predicate // every type a careful coder accepts, most likely first
	Modality        polgraph.Modality    // empty for asserted
	Optional        bool
}

// Align aligns an extraction with the gold article of the same id; ok is
// false when gold has no such article.
func Align(gold *Articles, res polgraph.Result) (al Alignment, ok bool, err error) {
	g, ok := gold.byID[res.Article.ID]
	if !ok {
		return al, false, nil
	}
	raw, err := json.Marshal(res)
	if err != nil {
		return al, true, err
	}
	var pred map[string]any
	if err := json.Unmarshal(raw, &pred); err != nil {
		return al, true, err
	}
	ga, err := dicts(or(g["actors"], []any{}), "actors")
	if err != nil {
		return al, true, err
	}
	pa, err := dicts(or(pred["actors"], []any{}), "predicted actors")
	if err != nil {
		return al, true, err
	}
	goldNames, err := goldActorNames(ga)
	if err != nil {
		return al, true, err
	}
	assign, err := matchActors(goldNames, pa)
	if err != nil {
		return al, true, err
	}
	al.Actor = make(map[string]int, len(res.Actors))
	for _, a := range res.Actors {
		key, err := hashKey(a.ID) // matchActors keys ids as Python values
		if err != nil {
			return al, true, err
		}
		al.Actor[a.ID] = assign[key]
	}
	index := map[string]int{}
	for i, a := range ga {
		index[norm(a["name"].(string))] = i // checked by goldActorNames
	}
	rels, err := dicts(or(g["relations"], []any{}), "relations")
	if err != nil {
		return al, true, err
	}
	for _, r := range rels {
		s, sok := r["subject"].(string)
		o, ook := r["object"].(string)
		si, sfound := index[norm(s)]
		oi, ofound := index[norm(o)]
		if !sok || !ook || !sfound || !ofound {
			return al, true, fmt.Errorf("gold %s: relation names an actor not in its actors: %s", res.Article.ID, repr(r))
		}
		gr := GoldRelation{Subject: si, Object: oi, Optional: truthy(r["optional"])}
		if m, ok := r["modality"].(string); ok {
			gr.Modality = polgraph.Modality(m)
		}
		preds, isList := r["predicate"].([]any)
		if !isList {
			preds = []any{r["predicate"]}
		}
		for _, p := range preds {
			if ps, ok := p.(string); ok {
				gr.Predicates = append(gr.Predicates, polgraph.Predicate(ps))
			}
		}
		al.Relations = append(al.Relations, gr)
	}
	return al, true, nil
}

package evaluate

import (
	"strings"
	"testing"

	"github.com/polgraph/polgraph"
)

func TestAlign(t *testing.T) {
	gold, err := Read(strings.NewReader(`{"id": "a1", "actors": [{"name": "Ali Khamenei", "aliases": ["Khamenei"], "type": "Person"}, {"name": "Iran", "type": "Country"}, {"name": "Oman", "type": "Country", "optional": true}], "relations": [{"subject": "Ali Khamenei", "predicate": ["LEADS"], "object": "Iran"}, {"subject": "Iran", "predicate": "MET_WITH", "object": "Oman", "modality": "intended", "optional": true}]}`), "gold")
	if err != nil {
		t.Fatal(err)
	}
	res := polgraph.Result{
		Article: polgraph.Article{ID: "a1"},
		Actors: []polgraph.Actor{
			{ID: "khamenei", Name: "Khamenei", Type: polgraph.Person, Aliases: []string{"Khamenei"}},
			{ID: "iran", Name: "Iran", Type: polgraph.Country},
			{ID: "iraq", Name: "Iraq", Type: polgraph.Country},
		},
	}
	al, ok, err := Align(gold, res)
	if err != nil || !ok {
		t.Fatalf("Align: ok %v, err %v", ok, err)
	}
	if al.Actor["khamenei"] != 0 || al.Actor["iran"] != 1 || al.Actor["iraq"] != -1 {
		t.Errorf("actors aligned as %v, want khamenei 0, iran 1, iraq -1", al.Actor)
	}
	if len(al.Relations) != 2 {
		t.Fatalf("%d gold relations, want 2", len(al.Relations))
	}
	r := al.Relations[1]
	if r.Subject != 1 || r.Object != 2 || r.Predicates[0] != polgraph.MetWith || r.Modality != polgraph.Intended || !r.Optional {
		t.Errorf("second relation read as %+v", r)
	}
	if _, ok, _ := Align(gold, polgraph.Result{Article: polgraph.Article{ID: "other"}}); ok {
		t.Error("Align found an article gold does not have")
	}
}

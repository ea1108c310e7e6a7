package polgraph

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestVocabulary(t *testing.T) {
	if len(Predicates) != 24 {
		t.Fatalf("%d predicates, want the 24 of ontology.md", len(Predicates))
	}
	tests := []struct {
		p          Predicate
		category   Category
		symmetric  bool
		structural bool
	}{
		{Leads, "LEADS", false, true},
		{AlliedWith, "ALLIED_WITH", true, true},
		{MetWith, "CONSULT", true, false},
		{Visited, "CONSULT", false, false},
		{Criticized, "ACCUSE", false, false},
		{Attacked, "ASSAULT", false, false},
		{"MET", "", false, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.p), func(t *testing.T) {
			if got := tt.p.Category(); got != tt.category {
				t.Errorf("Category() = %q, want %q", got, tt.category)
			}
			if got := tt.p.Symmetric(); got != tt.symmetric {
				t.Errorf("Symmetric() = %v, want %v", got, tt.symmetric)
			}
			if got := tt.p.Structural(); got != tt.structural {
				t.Errorf("Structural() = %v, want %v", got, tt.structural)
			}
			if got := tt.p.Valid(); got != (tt.category != "") {
				t.Errorf("Valid() = %v", got)
			}
		})
	}
	seen := map[Predicate]bool{}
	for _, p := range Predicates {
		if seen[p] || !p.Valid() {
			t.Errorf("%s listed twice or not valid", p)
		}
		seen[p] = true
	}
}

func TestValidate(t *testing.T) {
	good := func() Result {
		return Result{
			Article: Article{ID: "a"},
			Actors: []Actor{
				{ID: "iran", Name: "Iran", Type: Country},
				{ID: "israel", Name: "Israel", Type: Country},
			},
			Relations: []Relation{{Subject: "iran", Predicate: InConflictWith, Object: "israel",
				Category: "IN_CONFLICT_WITH", Modality: Asserted, Evidence: Evidence{Confidence: 0.8}}},
		}
	}
	tests := []struct {
		name  string
		spoil func(*Result)
		want  string // substring of the error; "" for valid
	}{
		{"valid", func(*Result) {}, ""},
		{"no article id", func(r *Result) { r.Article.ID = "" }, "no id"},
		{"actor type", func(r *Result) { r.Actors[0].Type = "Group" }, "unknown type"},
		{"predicate", func(r *Result) { r.Relations[0].Predicate = "HATES" }, "unknown predicate"},
		{"category", func(r *Result) { r.Relations[0].Category = "CONSULT" }, "does not match"},
		{"modality", func(r *Result) { r.Relations[0].Modality = "maybe" }, "unknown modality"},
		{"unknown actor", func(r *Result) { r.Relations[0].Object = "iraq" }, "not in actors"},
		{"self", func(r *Result) { r.Relations[0].Object = "iran" }, "with itself"},
		{"confidence", func(r *Result) { r.Relations[0].Confidence = 1.5 }, "outside"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := good()
			tt.spoil(&r)
			err := r.Validate()
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("Validate() = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestMarshalNoNulls(t *testing.T) {
	b, err := json.Marshal(Result{Article: Article{ID: "a"}, Actors: []Actor{{ID: "x"}}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "null") {
		t.Errorf("marshal wrote null: %s", b)
	}
}

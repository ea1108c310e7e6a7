package polgraph

import (
	"encoding/json"
	"fmt"
)

// An Article is one news article as read from the input.
type Article struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Text      string `json:"text,omitempty"`
	Published string `json:"published"` // ISO date (YYYY-MM-DD) or empty
	URL       string `json:"url"`
	Source    string `json:"source"`
}

// ActorType is the closed set of actor kinds.
type ActorType string

const (
	Person       ActorType = "Person"
	Country      ActorType = "Country"
	Organization ActorType = "Organization"
)

// Valid reports whether t is one of the three actor types.
func (t ActorType) Valid() bool {
	return t == Person || t == Country || t == Organization
}

// A Role is an office an actor holds, as the knowledge base knows it.
type Role struct {
	Title string `json:"title"`
	Of    string `json:"of"`             // actor id of the country or organisation
	From  string `json:"from,omitempty"` // ISO date or year; empty when unknown
	To    string `json:"to,omitempty"`   // empty while in office
}

// An Actor is one real-world entity as seen in one article.
type Actor struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Type     ActorType `json:"type"`
	Country  string    `json:"country"` // ISO 3166-1 alpha-3, or empty
	Aliases  []string  `json:"aliases"`
	Mentions int       `json:"mentions"`
	Roles    []Role    `json:"roles,omitempty"`
}

// Modality says how a relation is asserted.
type Modality string

const (
	Asserted Modality = "asserted"
	Negated  Modality = "negated"
	Intended Modality = "intended"
	Possible Modality = "possible"
)

// Valid reports whether m is one of the four modalities.
func (m Modality) Valid() bool {
	return m == Asserted || m == Negated || m == Intended || m == Possible
}

// Evidence is where a relation was read: the sentence, its byte offsets in
// the article text, the trigger that fired and how sure the rule is.
type Evidence struct {
	Sentence   string  `json:"sentence"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Trigger    string  `json:"trigger"`
	Confidence float64 `json:"confidence"`
	Rule       string  `json:"rule,omitempty"` // the pattern that fired, for --explain
}

// A Relation is one claim of one sentence: Subject did Predicate to Object.
type Relation struct {
	Subject   string    `json:"subject"` // Actor.ID
	Predicate Predicate `json:"predicate"`
	Object    string    `json:"object"` // Actor.ID
	Category  Category  `json:"category"`
	Modality  Modality  `json:"modality"`
	Role      string    `json:"role"` // set for LEADS and OFFICIAL_OF
	Evidence
}

// A Result is everything read from one article.
type Result struct {
	Article   Article    `json:"article"`
	Actors    []Actor    `json:"actors"`
	Relations []Relation `json:"relations"`
}

// Validate checks the invariants a consumer relies on: known predicate,
// category and modality, both sides present among the actors and distinct.
func (r *Result) Validate() error {
	if r.Article.ID == "" {
		return fmt.Errorf("article has no id")
	}
	ids := make(map[string]bool, len(r.Actors))
	for _, a := range r.Actors {
		if a.ID == "" {
			return fmt.Errorf("actor %q has no id", a.Name)
		}
		if !a.Type.Valid() {
			return fmt.Errorf("actor %q has unknown type %q", a.ID, a.Type)
		}
		ids[a.ID] = true
	}
	for i, rel := range r.Relations {
		if !rel.Predicate.Valid() {
			return fmt.Errorf("relation %d: unknown predicate %q", i, rel.Predicate)
		}
		if rel.Category != rel.Predicate.Category() {
			return fmt.Errorf("relation %d: category %q does not match predicate %s", i, rel.Category, rel.Predicate)
		}
		if !rel.Modality.Valid() {
			return fmt.Errorf("relation %d: unknown modality %q", i, rel.Modality)
		}
		if !ids[rel.Subject] || !ids[rel.Object] {
			return fmt.Errorf("relation %d: %s %s %s names an actor not in actors", i, rel.Subject, rel.Predicate, rel.Object)
		}
		if rel.Subject == rel.Object {
			return fmt.Errorf("relation %d: %s with itself", i, rel.Predicate)
		}
		if rel.Confidence < 0 || rel.Confidence > 1 {
			return fmt.Errorf("relation %d: confidence %v outside [0, 1]", i, rel.Confidence)
		}
	}
	return nil
}

// MarshalJSON writes nil slices as [] so that consumers never see null.
func (r Result) MarshalJSON() ([]byte, error) {
	type plain Result
	p := plain(r)
	if p.Actors == nil {
		p.Actors = []Actor{}
	}
	if p.Relations == nil {
		p.Relations = []Relation{}
	}
	for i := range p.Actors {
		if p.Actors[i].Aliases == nil {
			p.Actors[i].Aliases = []string{}
		}
	}
	return json.Marshal(p)
}

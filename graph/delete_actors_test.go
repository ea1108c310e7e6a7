package graph

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/polgraph/polgraph"
)

// TestDeleteRefoldsActors deletes the article that gave an actor its type,
// longest name, an alias and a role, and checks that the actor is what the
// remaining articles give, type label included; then, with one remaining
// mention stripped of its view (as a graph loaded before mentions kept
// views), that a delete leaves the actor as it is.
func TestDeleteRefoldsActors(t *testing.T) {
	l, p := openTest(t, Config{})
	ctx := context.Background()
	x, y := p+"x", p+"y"
	art := func(id, source string, actors ...polgraph.Actor) polgraph.Result {
		return polgraph.Result{Article: polgraph.Article{ID: p + id, Source: p + source}, Actors: actors}
	}
	plain := polgraph.Actor{ID: x, Name: "Xa", Type: polgraph.Person, Mentions: 1}
	withCountry := plain
	withCountry.Country = "USA"
	rich := polgraph.Actor{ID: x, Name: "X the longer", Type: polgraph.Country, Aliases: []string{"Ex"}, Mentions: 2,
		Roles: []polgraph.Role{{Title: "president", Of: y}}}
	other := polgraph.Actor{ID: y, Name: "Y", Type: polgraph.Organization, Mentions: 1}
	batch := []polgraph.Result{art("1", "keep", plain), art("2", "gone", rich, other), art("3", "keep", withCountry)}
	actor := func() string {
		rows := query(t, l, `MATCH (a:Actor {id: $id}) RETURN labels(a) AS labels, properties(a) AS props`, map[string]any{"id": x})
		if len(rows) != 1 {
			t.Fatalf("%d actors %s", len(rows), x)
		}
		labels := toStrings(rows[0]["labels"])
		slices.Sort(labels)
		return fmt.Sprint(labels, " ", mustJSON(t, rows[0]["props"]))
	}
	del := func() {
		t.Helper()
		if _, err := l.Delete(ctx, DeleteOptions{Selection: Selection{Source: p + "gone"}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := l.Write(ctx, batch[:1]); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Write(ctx, batch[2:]); err != nil {
		t.Fatal(err)
	}
	want := actor()
	if _, err := l.Write(ctx, batch[1:2]); err != nil {
		t.Fatal(err)
	}
	merged := actor()
	if merged == want {
		t.Fatalf("the deleted article changes nothing: %s", merged)
	}
	del()
	if got := actor(); got != want {
		t.Errorf("after delete:\n got %s\nwant %s", got, want)
	}
	if n := len(query(t, l, `MATCH (a:Actor {id: $id}) RETURN a`, map[string]any{"id": y})); n != 0 {
		t.Errorf("actor named only by the deleted article: %d left", n)
	}

	if _, err := l.Write(ctx, batch[1:2]); err != nil {
		t.Fatal(err)
	}
	query(t, l, `MATCH (:Article {id: $id})-[m:MENTIONS]->() REMOVE m.name, m.type, m.country, m.aliases, m.kbRoles`,
		map[string]any{"id": p + "1"})
	del()
	if got := actor(); got != merged {
		t.Errorf("a mention without a view: the actor changed\n got %s\nwant %s", got, merged)
	}
}

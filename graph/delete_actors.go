package graph

import (
	"context"
	"fmt"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/polgraph/polgraph"
)

// An actor's properties are the merge (actorRow.merge, the rules of
// doc.go) of the views of it that the articles naming it give, and each
// MENTIONS relationship keeps its article's view. A delete therefore folds
// the views on the mentions that remain into each actor the deleted
// articles named, which gives the actor a load without those articles
// gives.

// remainingViewsCypher reads, for each actor of $ids that is still
// mentioned, its stored properties and the views on its mentions;
// complete is false when a mention has no view (written before views were
// stored: every view has a type).
const remainingViewsCypher = `UNWIND $ids AS id
MATCH (x:Actor {id: id})
WHERE EXISTS { (x)<-[:MENTIONS]-() }
CALL (x) {
  MATCH (x)<-[m:MENTIONS]-()
  RETURN collect(m {.name, .type, .country, .aliases, .kbRoles}) AS views, count(m.type) = count(m) AS complete
}
RETURN x.id AS id, x.name AS name, x.type AS type, x.country AS country, x.aliases AS aliases,
  x.kbRoles AS roles, views, complete`

// kbKeysCypher reads the keys of the LEADS and OFFICIAL_OF claims whose
// subject is one of $ids: their roll-ups' from and to follow the subject's
// kbRoles.
const kbKeysCypher = `UNWIND $ids AS id
MATCH (:Actor {id: id})<-[:SUBJECT]-(c:Claim)
WHERE c.predicate IN $preds
RETURN DISTINCT c.key AS key`

// refoldActors recomputes the actors of ids that are still mentioned from
// the views on their mentions, writes those that change (with the
// loader's per-type statements, retyping first) and returns the ids of
// those whose kbRoles changed. An actor with a mention that has no view
// (a graph loaded before mentions kept views) is left as it is: its
// properties cannot be recomputed, and folding only the views present
// would lose what the others gave. An actor no longer mentioned is left
// too: it has no claim either (a claim's ends are mentioned by its
// article), and the delete removes it unless told to keep it.
func (l *DB) refoldActors(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	res, err := tx.Run(ctx, remainingViewsCypher, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("read the views of %d actors: %w", len(ids), err)
	}
	var retype, rolesChanged []string
	byType := make(map[polgraph.ActorType][]any)
	for res.Next(ctx) {
		r := res.Record()
		if !field[bool](r, "complete") {
			continue
		}
		old := &actorRow{id: field[string](r, "id"), name: field[string](r, "name"), typ: field[string](r, "type"),
			country: field[string](r, "country"), aliases: stringList(field[any](r, "aliases")), roles: stringList(field[any](r, "roles"))}
		folded := foldViews(old.id, field[[]any](r, "views"))
		if folded == nil || folded.equal(old) {
			continue
		}
		if folded.typ != old.typ {
			retype = append(retype, old.id)
		}
		if !slices.Equal(folded.roles, old.roles) {
			rolesChanged = append(rolesChanged, old.id)
		}
		t := polgraph.ActorType(folded.typ)
		byType[t] = append(byType[t], folded.props())
	}
	if err := res.Err(); err != nil {
		return nil, fmt.Errorf("read the views of %d actors: %w", len(ids), err)
	}
	if len(retype) > 0 {
		if err := run(ctx, tx, retypeActorsCypher, map[string]any{"ids": retype}); err != nil {
			return nil, fmt.Errorf("retype %d actors: %w", len(retype), err)
		}
	}
	for _, t := range actorTypes {
		if rows := byType[t]; len(rows) > 0 {
			if err := run(ctx, tx, l.writeActor[t], map[string]any{"rows": rows}); err != nil {
				return nil, fmt.Errorf("write %d %s actors: %w", len(rows), t, err)
			}
		}
	}
	return rolesChanged, nil
}

// foldViews merges the views read from an actor's mentions; nil when there
// are none.
func foldViews(id string, views []any) *actorRow {
	var out *actorRow
	for _, v := range views {
		m, ok := v.(map[string]any)
		if !ok {
			continue
		}
		name, _ := m["name"].(string)
		typ, _ := m["type"].(string)
		country, _ := m["country"].(string)
		view := &actorRow{id: id, name: name, typ: typ, country: country,
			aliases: union(stringList(m["aliases"]), nil), roles: union(stringList(m["kbRoles"]), nil)}
		if out == nil {
			out = view
		} else {
			out.merge(view)
		}
	}
	return out
}

// kbKeys returns the LEADS and OFFICIAL_OF claim keys with a subject in
// ids, to be recomputed when the subjects' kbRoles change.
func kbKeys(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	preds := []string{string(polgraph.Leads), string(polgraph.OfficialOf)}
	return column(ctx, tx, kbKeysCypher, map[string]any{"ids": ids, "preds": preds})
}

package graph

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/polgraph/polgraph"
)

// Pages are read in id order, from the unique index: each page starts
// after the last id of the one before, so no page costs more than its rows.
const actorPageCypher = `MATCH (a:Actor) WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $n
RETURN a.id AS id, COUNT { MATCH (b:Actor {id: a.id}) } AS same`

// pageRollUpsCypher reads the relationships between actors that leave the
// actors of $ids.
const pageRollUpsCypher = `UNWIND $ids AS id
MATCH (a:Actor {id: id})-[r]->(b:Actor)
RETURN id AS a, type(r) AS type, b.id AS b, elementId(r) AS eid, properties(r) AS props`

// pageKeysCypher reads the roll-up keys of the claims whose roll-up leaves
// an actor of $ids (the key index answers STARTS WITH).
const pageKeysCypher = `UNWIND $ids AS id
MATCH (c:Claim) WHERE c.key STARTS WITH id + '|'
RETURN DISTINCT id, c.key AS key`

const deleteRelCypher = `UNWIND $eids AS eid
MATCH ()-[r]->() WHERE elementId(r) = eid
DELETE r`

// A stored roll-up relationship.
type storedRel struct {
	eid   string
	props map[string]any
}

// verifyRollUps checks every roll-up against its claims, one page of
// subject actors at a time.
func (l *DB) verifyRollUps(ctx context.Context, opts VerifyOptions, rep *VerifyReport) error {
	after := ""
	for {
		rows, err := l.readMaps(ctx, actorPageCypher, map[string]any{"after": after, "n": int64(opts.PageSize)})
		if err != nil {
			return fmt.Errorf("read actors after %q: %w", after, err)
		}
		if len(rows) == 0 {
			return nil
		}
		ids := make([]string, len(rows))
		for i, r := range rows {
			ids[i], _ = r["id"].(string)
			if n, _ := r["same"].(int64); n > 1 {
				rep.add(ProblemDuplicateID, ids[i], "%d Actor nodes have this id", n)
			}
		}
		rep.Actors += len(rows)
		after = ids[len(ids)-1]
		if err := l.verifyRollUpPage(ctx, ids, opts, rep); err != nil {
			return err
		}
	}
}

// verifyRollUpPage checks the roll-ups leaving the actors of ids.
func (l *DB) verifyRollUpPage(ctx context.Context, ids []string, opts VerifyOptions, rep *VerifyReport) error {
	params := map[string]any{"ids": ids}
	rels, err := l.readMaps(ctx, pageRollUpsCypher, params)
	if err != nil {
		return fmt.Errorf("read roll-ups of %d actors: %w", len(ids), err)
	}
	stored := make(map[string][]storedRel)
	rollUps := make(map[string]*rollUp)
	bad := make(map[string]bool) // keys to recompute and rewrite
	var drop []string            // element ids of reversed roll-ups
	for _, r := range rels {
		a, _ := r["a"].(string)
		b, _ := r["b"].(string)
		typ, _ := r["type"].(string)
		p := polgraph.Predicate(typ)
		if !p.Valid() {
			continue // verifyTypes reports them
		}
		rep.RollUps++
		eid, _ := r["eid"].(string)
		if p.Symmetric() && b < a {
			key := rollUpKey(b, p, a)
			rep.add(ProblemReversed, rollUpKey(a, p, b), "symmetric roll-up stored from the larger id; %s is the canonical one", key)
			drop = append(drop, eid)
			bad[key] = true
			rollUps[key] = newRollUp(b, p, a)
			continue
		}
		key := rollUpKey(a, p, b)
		props, _ := r["props"].(map[string]any)
		stored[key] = append(stored[key], storedRel{eid, props})
		rollUps[key] = newRollUp(a, p, b)
	}
	keys, err := l.readMaps(ctx, pageKeysCypher, params)
	if err != nil {
		return fmt.Errorf("read claim keys of %d actors: %w", len(ids), err)
	}
	for _, k := range keys {
		id, _ := k["id"].(string)
		key, _ := k["key"].(string)
		p, b, ok := strings.Cut(key[len(id)+1:], "|")
		if ok && polgraph.Predicate(p).Valid() && rollUps[key] == nil {
			rollUps[key] = newRollUp(id, polgraph.Predicate(p), b)
		}
	}
	kbRoles, err := l.aggregateRead(ctx, rollUps)
	if err != nil {
		return err
	}
	for key, ru := range rollUps {
		compareRollUp(key, ru, stored[key], kbRoles[key], bad, rep)
	}
	if !opts.Repair || len(bad) == 0 && len(drop) == 0 {
		return nil
	}
	n, err := l.repairKeys(ctx, slices.Sorted(maps.Keys(bad)), drop)
	rep.Repaired += n
	return err
}

// aggregateRead fills rollUps from their claims in a read transaction.
func (l *DB) aggregateRead(ctx context.Context, rollUps map[string]*rollUp) (map[string][]string, error) {
	if len(rollUps) == 0 {
		return nil, nil
	}
	recompute := make(map[string]bool, len(rollUps))
	for key := range rollUps {
		recompute[key] = true
	}
	session := l.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: l.db, AccessMode: neo4j.AccessModeRead})
	defer session.Close(ctx)
	kb, err := neo4j.ExecuteRead(ctx, session, func(tx neo4j.ManagedTransaction) (map[string][]string, error) {
		for _, ru := range rollUps { // the function may run again
			*ru = *newRollUp(ru.a, ru.p, ru.b)
		}
		return aggregate(ctx, tx, rollUps, recompute, nil)
	}, neo4j.WithTxTimeout(txTimeout))
	if err != nil {
		return nil, fmt.Errorf("aggregate claims: %w", err)
	}
	return kb, nil
}

// compareRollUp reports how the stored roll-ups of key differ from ru, the
// aggregate of its claims, and marks the key bad if they do.
func compareRollUp(key string, ru *rollUp, stored []storedRel, kbRoles []string, bad map[string]bool, rep *VerifyReport) {
	switch {
	case ru.n == 0 && len(stored) == 0:
		return
	case ru.n == 0:
		rep.add(ProblemOrphanRollUp, key, "no claim has this key")
	case len(stored) == 0:
		if !bad[key] { // a reversed one was reported
			rep.add(ProblemMissingRollUp, key, "%d claims, no roll-up", ru.n)
		}
	case len(stored) > 1:
		rep.add(ProblemDuplicate, key, "stored %d times", len(stored))
	default:
		want := ru.props(kbRoles)
		var diffs []string
		for _, k := range rollUpProps {
			got, exp := normalise(stored[0].props[k]), normalise(want[k])
			if !reflect.DeepEqual(got, exp) {
				diffs = append(diffs, fmt.Sprintf("%s stored %v, claims say %v", k, show(got), show(exp)))
			}
		}
		if len(diffs) == 0 {
			return
		}
		rep.add(ProblemRollUp, key, "%s", strings.Join(diffs, "; "))
	}
	bad[key] = true
}

// normalise turns lists into []any, so that stored and computed values
// compare equal.
func normalise(v any) any {
	switch x := v.(type) {
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	case []int64:
		out := make([]any, len(x))
		for i, n := range x {
			out[i] = n
		}
		return out
	}
	return v
}

func show(v any) string {
	if v == nil {
		return "nothing"
	}
	return fmt.Sprint(v)
}

// repairKeys recomputes the roll-ups of keys from their claims in one write
// transaction, after deleting the reversed roll-ups of drop (element ids).
// It returns the number of keys rewritten or deleted.
func (l *DB) repairKeys(ctx context.Context, keys, drop []string) (int, error) {
	done := 0
	err := l.writeTx(ctx, func(tx neo4j.ManagedTransaction) error {
		if len(drop) > 0 {
			if err := run(ctx, tx, deleteRelCypher, map[string]any{"eids": drop}); err != nil {
				return fmt.Errorf("delete %d reversed roll-ups: %w", len(drop), err)
			}
		}
		var err error
		done, err = l.rewriteKeys(ctx, tx, keys)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("repair %d roll-ups: %w", len(keys), err)
	}
	return done, nil
}

// rewriteKeys recomputes the roll-ups of keys from the claims stored in tx:
// every stored relationship of a key (both directions for a symmetric
// predicate) is deleted, and the roll-up written again when the key has
// claims and both its actors exist. It returns the number of keys done.
func (l *DB) rewriteKeys(ctx context.Context, tx neo4j.ManagedTransaction, keys []string) (int, error) {
	rollUps := make(map[string]*rollUp, len(keys))
	recompute := make(map[string]bool, len(keys))
	var ends []string
	for _, key := range keys {
		ru, ok := parseKey(key)
		if !ok {
			continue
		}
		rollUps[key], recompute[key] = ru, true
		ends = append(ends, ru.a, ru.b)
	}
	if len(rollUps) == 0 {
		return 0, nil
	}
	kbRoles, err := aggregate(ctx, tx, rollUps, recompute, nil)
	if err != nil {
		return 0, err
	}
	eids := make(map[string]string)
	if err := readEids(ctx, tx, actorEidsCypher, map[string]any{"ids": ends}, eids); err != nil {
		return 0, fmt.Errorf("find %d actors: %w", len(ends), err)
	}
	drop := make(map[polgraph.Predicate][]any)
	write := make(map[polgraph.Predicate][]any)
	for _, key := range slices.Sorted(maps.Keys(recompute)) {
		ru := rollUps[key]
		drop[ru.p] = append(drop[ru.p], map[string]any{"a": ru.a, "b": ru.b})
		if ru.p.Symmetric() {
			drop[ru.p] = append(drop[ru.p], map[string]any{"a": ru.b, "b": ru.a})
		}
		if ru.n == 0 || eids[ru.a] == "" || eids[ru.b] == "" {
			continue
		}
		row := ru.setProps(kbRoles[key])
		row["a"], row["b"] = eids[ru.a], eids[ru.b]
		write[ru.p] = append(write[ru.p], row)
	}
	for _, p := range polgraph.Predicates {
		if rows := drop[p]; len(rows) > 0 {
			if err := run(ctx, tx, l.rollDown[p], map[string]any{"rows": rows}); err != nil {
				return 0, fmt.Errorf("delete %d %s roll-ups: %w", len(rows), p, err)
			}
		}
		if rows := write[p]; len(rows) > 0 {
			if err := run(ctx, tx, l.rollUp[p], map[string]any{"rows": rows}); err != nil {
				return 0, fmt.Errorf("write %d %s roll-ups: %w", len(rows), p, err)
			}
		}
	}
	return len(recompute), nil
}

// parseKey returns an empty roll-up for a key subject|PREDICATE|object.
func parseKey(key string) (*rollUp, bool) {
	for i := 0; i < len(key); i++ {
		if key[i] != '|' {
			continue
		}
		p, b, ok := strings.Cut(key[i+1:], "|")
		if ok && polgraph.Predicate(p).Valid() {
			return newRollUp(key[:i], polgraph.Predicate(p), b), true
		}
	}
	return nil, false
}

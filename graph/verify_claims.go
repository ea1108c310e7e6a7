package graph

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/polgraph/polgraph"
)

const claimPageCypher = `MATCH (c:Claim) WHERE c.id > $after
WITH c ORDER BY c.id LIMIT $n
RETURN c.id AS id, c.key AS key, c.subject AS subject, c.predicate AS predicate, c.object AS object,
  c.article AS article, COUNT { MATCH (x:Claim {id: c.id}) } AS same,
  [(c)-[:SUBJECT]->(s) | s.id] AS subjects, [(c)-[:OBJECT]->(o) | o.id] AS objects,
  [(ar)-[:STATES]->(c) | ar.id] AS articles`

// repairClaimLinksCypher links each claim of $ids to the actors and article
// its properties name, once each, when they exist.
const repairClaimLinksCypher = `UNWIND $ids AS id
MATCH (c:Claim {id: id})
CALL (c) {
  MATCH (c)-[r:SUBJECT|OBJECT]->() DELETE r
}
CALL (c) {
  MATCH (ar)-[r:STATES]->(c) DELETE r
}
CALL (c) {
  MATCH (s:Actor {id: c.subject}) WITH s LIMIT 1 CREATE (c)-[:SUBJECT]->(s)
}
CALL (c) {
  MATCH (o:Actor {id: c.object}) WITH o LIMIT 1 CREATE (c)-[:OBJECT]->(o)
}
CALL (c) {
  MATCH (ar:Article {id: c.article}) WITH ar LIMIT 1 CREATE (ar)-[:STATES]->(c)
}`

const setClaimKeyCypher = `UNWIND $rows AS row
MATCH (c:Claim {id: row.id})
SET c.key = row.key`

// verifyClaims checks each claim's links and key, one page at a time.
// Repair links a claim again to the actors and the article its properties
// name, and corrects its key (recomputing the roll-ups of both keys).
func (l *DB) verifyClaims(ctx context.Context, opts VerifyOptions, rep *VerifyReport) error {
	after := ""
	for {
		rows, err := l.readMaps(ctx, claimPageCypher, map[string]any{"after": after, "n": int64(opts.PageSize)})
		if err != nil {
			return fmt.Errorf("read claims after %q: %w", after, err)
		}
		if len(rows) == 0 {
			return nil
		}
		rep.Claims += len(rows)
		after, _ = rows[len(rows)-1]["id"].(string)
		var relink []string
		var rekey []any
		var keys []string
		for _, r := range rows {
			id, _ := r["id"].(string)
			if n, _ := r["same"].(int64); n > 1 {
				rep.add(ProblemDuplicateID, id, "%d Claim nodes have this id", n)
			}
			if checkClaimLinks(id, r, rep) {
				relink = append(relink, id)
			}
			if key, ok := checkClaimKey(id, r, rep); ok {
				old, _ := r["key"].(string)
				rekey = append(rekey, map[string]any{"id": id, "key": key})
				keys = append(keys, old, key)
			}
		}
		if !opts.Repair || len(relink)+len(rekey) == 0 {
			continue
		}
		err = l.writeTx(ctx, func(tx neo4j.ManagedTransaction) error {
			if err := run(ctx, tx, repairClaimLinksCypher, map[string]any{"ids": nonNil(relink)}); err != nil {
				return err
			}
			return run(ctx, tx, setClaimKeyCypher, map[string]any{"rows": append([]any{}, rekey...)})
		})
		if err != nil {
			return fmt.Errorf("repair %d claims: %w", len(relink)+len(rekey), err)
		}
		rep.Repaired += len(relink) + len(rekey)
		if len(keys) > 0 {
			if _, err := l.repairKeys(ctx, keys, nil); err != nil {
				return err
			}
		}
	}
}

// checkClaimLinks reports a claim without exactly one SUBJECT, OBJECT and
// STATES relationship to the nodes its properties name.
func checkClaimLinks(id string, r map[string]any, rep *VerifyReport) bool {
	broken := false
	for _, link := range []struct{ rel, list, prop string }{
		{"SUBJECT", "subjects", "subject"}, {"OBJECT", "objects", "object"}, {"STATES", "articles", "article"},
	} {
		got := stringList(r[link.list])
		want, _ := r[link.prop].(string)
		if len(got) == 1 && got[0] == want {
			continue
		}
		broken = true
		rep.add(ProblemClaimLinks, id, "%d %s relationships to %v; want one, to %q", len(got), link.rel, got, want)
	}
	return broken
}

// checkClaimKey reports a claim whose predicate is outside the vocabulary
// or whose key is not the one its subject, predicate and object give; it
// returns the right key when that can be repaired.
func checkClaimKey(id string, r map[string]any, rep *VerifyReport) (string, bool) {
	s, _ := r["subject"].(string)
	p, _ := r["predicate"].(string)
	o, _ := r["object"].(string)
	key, _ := r["key"].(string)
	rel := polgraph.Relation{Subject: s, Predicate: polgraph.Predicate(p), Object: o}
	if !rel.Predicate.Valid() {
		rep.add(ProblemClaimKey, id, "predicate %q is not in the vocabulary", p)
		return "", false
	}
	a, b := rollUpEnds(rel)
	if want := rollUpKey(a, rel.Predicate, b); key != want {
		rep.add(ProblemClaimKey, id, "key %q, want %q", key, want)
		return want, true
	}
	return "", false
}

const articlePageCypher = `MATCH (ar:Article) WHERE ar.id > $after
WITH ar ORDER BY ar.id LIMIT $n
RETURN ar.id AS id, COUNT { MATCH (x:Article {id: ar.id}) } AS same, ar.actors AS actors, ar.relations AS relations,
  COUNT { (ar)-[:MENTIONS]->() } AS mentions, COUNT { (ar)-[:STATES]->() } AS claims`

// verifyArticles checks that each article's actors and relations are the
// numbers of its mentions and claims. A difference means claims or
// mentions were lost: load the article again with --reload.
func (l *DB) verifyArticles(ctx context.Context, opts VerifyOptions, rep *VerifyReport) error {
	after := ""
	for {
		rows, err := l.readMaps(ctx, articlePageCypher, map[string]any{"after": after, "n": int64(opts.PageSize)})
		if err != nil {
			return fmt.Errorf("read articles after %q: %w", after, err)
		}
		if len(rows) == 0 {
			return nil
		}
		rep.Articles += len(rows)
		after, _ = rows[len(rows)-1]["id"].(string)
		for _, r := range rows {
			id, _ := r["id"].(string)
			if n, _ := r["same"].(int64); n > 1 {
				rep.add(ProblemDuplicateID, id, "%d Article nodes have this id", n)
			}
			if r["actors"] != r["mentions"] || r["relations"] != r["claims"] {
				rep.add(ProblemArticleCounts, id, "actors %v and relations %v, but %v mentions and %v claims",
					r["actors"], r["relations"], r["mentions"], r["claims"])
			}
		}
	}
}

const countLabelCypher = `MATCH (n:$($label)) RETURN count(n) AS n`

// verifyIDs compares the pages read with the count store: nodes without an
// id (or with one that is not a string) were not paged.
func (l *DB) verifyIDs(ctx context.Context, _ VerifyOptions, rep *VerifyReport) error {
	for _, c := range []struct {
		label string
		read  int
	}{{"Actor", rep.Actors}, {"Article", rep.Articles}, {"Claim", rep.Claims}} {
		rows, err := l.readMaps(ctx, countLabelCypher, map[string]any{"label": c.label})
		if err != nil {
			return fmt.Errorf("count %s nodes: %w", c.label, err)
		}
		if n, _ := rows[0]["n"].(int64); int(n) != c.read {
			rep.add(ProblemMissingID, c.label, "%d %s nodes, %d with a string id", n, c.label, c.read)
		}
	}
	return nil
}

package graph

import (
	"context"
	"fmt"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Delete removes articles with their claims and mentions, batch by batch,
// each batch one transaction: the roll-ups the batch's claims belonged to
// are recomputed from the claims that remain (and deleted when none
// remain), the actors still mentioned are recomputed from the views of
// them kept on their remaining mentions (see refoldActors; an actor with a
// mention written before mentions kept views is left as it is), and the
// actors left with no claim and no mention are removed.
// A batch commits whole or not at all, and the next batch is selected
// again from what is stored, so a delete that stops (even killed) is
// finished by running it again.

// A Selection picks articles. Every field that is set must match; at least
// one must be set.
type Selection struct {
	Articles []string // these ids
	Source   string   // this source
	Before   string   // published before this date (YYYY-MM-DD); undated articles never match
	After    string   // published after this date; undated articles never match
}

// Empty reports whether s selects nothing.
func (s Selection) Empty() bool {
	return len(s.Articles) == 0 && s.Source == "" && s.Before == "" && s.After == ""
}

func (s Selection) params() map[string]any {
	p := map[string]any{"ids": nil, "source": nil, "before": nil, "after": nil}
	if len(s.Articles) > 0 {
		p["ids"] = s.Articles
	}
	for k, v := range map[string]string{"source": s.Source, "before": s.Before, "after": s.After} {
		if v != "" {
			p[k] = v
		}
	}
	return p
}

// selected is the Cypher condition of a Selection on ar (parameters only).
const selected = `($ids IS NULL OR ar.id IN $ids) AND ($source IS NULL OR ar.source = $source)
  AND ($before IS NULL OR (ar.published <> '' AND ar.published < $before))
  AND ($after IS NULL OR (ar.published <> '' AND ar.published > $after))`

// selectPageCypher reads the next page of selected articles after $after_id.
const selectPageCypher = `MATCH (ar:Article) WHERE ar.id > $afterID AND ` + selected + `
WITH ar ORDER BY ar.id LIMIT $n
RETURN ar.id AS id, ar.published AS published, ar.source AS source, COUNT { (ar)-[:STATES]->() } AS claims,
  COUNT { (ar)-[:MENTIONS]->() } AS mentions`

// deleteSummaryCypher counts the roll-ups and actors a delete touches and
// removes (for --dry-run).
const deleteSummaryCypher = `CALL () {
  MATCH (ar:Article) WHERE ` + selected + `
  MATCH (ar)-[:STATES]->(c:Claim)
  RETURN count(DISTINCT c.key) AS keys
}
CALL () {
  MATCH (ar:Article) WHERE ` + selected + `
  MATCH (ar)-[:MENTIONS|STATES]->()-[:SUBJECT|OBJECT*0..1]->(x:Actor)
  WITH DISTINCT x
  WHERE NOT EXISTS { MATCH (ar:Article)-[:MENTIONS]->(x) WHERE NOT (` + selected + `) }
    AND NOT EXISTS { MATCH (ar:Article)-[:STATES]->(:Claim)-[:SUBJECT|OBJECT]->(x) WHERE NOT (` + selected + `) }
  RETURN count(x) AS actors
}
RETURN keys, actors`

const batchKeysCypher = `UNWIND $ids AS id
MATCH (:Article {id: id})-[:STATES]->(c:Claim)
RETURN DISTINCT c.key AS key`

const batchActorsCypher = `UNWIND $ids AS id
MATCH (:Article {id: id})-[:MENTIONS|STATES]->()-[:SUBJECT|OBJECT*0..1]->(x:Actor)
RETURN DISTINCT x.id AS id`

const deleteBatchClaimsCypher = `UNWIND $ids AS id
MATCH (:Article {id: id})-[:STATES]->(c:Claim)
DETACH DELETE c
RETURN count(*) AS n`

const deleteBatchArticlesCypher = `UNWIND $ids AS id
MATCH (ar:Article {id: id})
DETACH DELETE ar
RETURN count(*) AS n`

const deleteLoneActorsCypher = `UNWIND $ids AS id
MATCH (x:Actor {id: id})
WHERE NOT EXISTS { (x)<-[:MENTIONS|SUBJECT|OBJECT]-() }
DETACH DELETE x
RETURN count(*) AS n`

// DeleteOptions say what to delete and how.
type DeleteOptions struct {
	Selection
	KeepActors bool // keep actors left with no claim and no mention
	DryRun     bool // count and list, delete nothing
	BatchSize  int  // articles per transaction (0: 500)
	// Each, if set, is called with each selected article before it goes
	// (or, with DryRun, instead).
	Each func(DeletedArticle)
}

// A DeletedArticle is one selected article.
type DeletedArticle struct {
	ID, Published, Source string
	Claims, Mentions      int
}

// DeleteStats is what Delete removed (or, with DryRun, would remove).
type DeleteStats struct {
	Articles, Claims, Mentions int
	RollUps                    int // roll-up keys recomputed (with DryRun: touched)
	Actors                     int // actors removed
	Batches                    int
}

// Delete removes the selected articles; see the top of delete.go. Hold the
// writer lease while deleting.
func (l *DB) Delete(ctx context.Context, opts DeleteOptions) (DeleteStats, error) {
	var st DeleteStats
	if opts.Selection.Empty() {
		return st, fmt.Errorf("delete: empty selection")
	}
	sel := opts.Selection.params()
	batch := opts.BatchSize
	if batch <= 0 {
		batch = 500
	}
	afterID := ""
	for {
		page, err := l.selectPage(ctx, sel, afterID, batch)
		if err != nil {
			return st, err
		}
		if len(page) == 0 {
			break
		}
		ids := make([]string, len(page))
		for i, a := range page {
			ids[i] = a.ID
			st.Articles++
			st.Claims += a.Claims
			st.Mentions += a.Mentions
			if opts.Each != nil {
				opts.Each(a)
			}
		}
		afterID = ids[len(ids)-1]
		if opts.DryRun {
			continue
		}
		keys, actors, err := l.deleteBatch(ctx, ids, opts.KeepActors)
		if err != nil {
			return st, fmt.Errorf("delete %d articles from %s: %w", len(ids), ids[0], err)
		}
		st.RollUps += keys
		st.Actors += actors
		st.Batches++
	}
	if opts.DryRun {
		rows, err := l.readMaps(ctx, deleteSummaryCypher, sel)
		if err != nil {
			return st, fmt.Errorf("count what the delete touches: %w", err)
		}
		keys, _ := rows[0]["keys"].(int64)
		st.RollUps = int(keys)
		if !opts.KeepActors {
			actors, _ := rows[0]["actors"].(int64)
			st.Actors = int(actors)
		}
	}
	return st, nil
}

// selectPage reads up to n selected articles after afterID.
func (l *DB) selectPage(ctx context.Context, sel map[string]any, afterID string, n int) ([]DeletedArticle, error) {
	params := map[string]any{"afterID": afterID, "n": int64(n)}
	for k, v := range sel {
		params[k] = v
	}
	rows, err := l.readMaps(ctx, selectPageCypher, params)
	if err != nil {
		return nil, fmt.Errorf("select articles after %q: %w", afterID, err)
	}
	out := make([]DeletedArticle, len(rows))
	for i, r := range rows {
		a := &out[i]
		a.ID, _ = r["id"].(string)
		a.Published, _ = r["published"].(string)
		a.Source, _ = r["source"].(string)
		c, _ := r["claims"].(int64)
		m, _ := r["mentions"].(int64)
		a.Claims, a.Mentions = int(c), int(m)
	}
	return out, nil
}

// deleteBatch deletes the articles of ids, their claims and mentions, in
// one transaction, recomputes the roll-ups their claims touched and
// removes the actors left alone. It returns the number of roll-up keys
// recomputed and of actors removed.
func (l *DB) deleteBatch(ctx context.Context, ids []string, keepActors bool) (int, int, error) {
	var keys, actors int
	err := l.writeTx(ctx, func(tx neo4j.ManagedTransaction) error {
		params := map[string]any{"ids": ids}
		touched, err := column(ctx, tx, batchKeysCypher, params)
		if err != nil {
			return fmt.Errorf("read roll-up keys: %w", err)
		}
		named, err := column(ctx, tx, batchActorsCypher, params)
		if err != nil {
			return fmt.Errorf("read actors: %w", err)
		}
		if err := run(ctx, tx, deleteBatchClaimsCypher, params); err != nil {
			return fmt.Errorf("delete claims: %w", err)
		}
		if err := run(ctx, tx, deleteBatchArticlesCypher, params); err != nil {
			return fmt.Errorf("delete articles: %w", err)
		}
		rolesChanged, err := l.refoldActors(ctx, tx, named)
		if err != nil {
			return fmt.Errorf("recompute actors: %w", err)
		}
		kb, err := kbKeys(ctx, tx, rolesChanged)
		if err != nil {
			return fmt.Errorf("read the LEADS and OFFICIAL_OF keys of actors whose kbRoles changed: %w", err)
		}
		touched = append(touched, kb...)
		slices.Sort(touched)
		touched = slices.Compact(touched)
		if keys, err = l.rewriteKeys(ctx, tx, touched); err != nil {
			return fmt.Errorf("recompute roll-ups: %w", err)
		}
		actors = 0
		if keepActors || len(named) == 0 {
			return nil
		}
		res, err := tx.Run(ctx, deleteLoneActorsCypher, map[string]any{"ids": named})
		if err != nil {
			return fmt.Errorf("delete actors left alone: %w", err)
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return fmt.Errorf("delete actors left alone: %w", err)
		}
		n, _ := rec.Values[0].(int64)
		actors = int(n)
		return nil
	})
	return keys, actors, err
}

// column runs a statement returning one string column.
func column(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) ([]string, error) {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	var out []string
	for res.Next(ctx) {
		if s, ok := res.Record().Values[0].(string); ok {
			out = append(out, s)
		}
	}
	return out, res.Err()
}

package graph

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/polgraph/polgraph"
)

// GraphCounts sums up what the graph holds.
type GraphCounts struct {
	Nodes         map[string]int // by label: Actor, Person, Country, Organization, Article, Claim
	Relationships map[string]int // by type: MENTIONS, STATES, SUBJECT, OBJECT and each predicate
	RollUps       int            // roll-up relationships, all predicates
	RollUpClaims  int            // sum of the roll-ups' count; equals Nodes["Claim"] when consistent
}

const countNodesCypher = `MATCH (n)
WHERE coalesce(n.article, n.id) STARTS WITH $prefix
UNWIND labels(n) AS label
RETURN label, count(*) AS n`

const countRelationshipsCypher = `MATCH (n)-[r]->()
WHERE coalesce(n.article, n.id) STARTS WITH $prefix
RETURN type(r) AS type, count(*) AS n, sum(CASE WHEN r.count IS NULL THEN 0 ELSE r.count END) AS total`

// Counts counts nodes by label and relationships by type over the whole
// database. It scans the store: meant for a run's summary and for tests.
func (g *DB) Counts(ctx context.Context) (GraphCounts, error) {
	return g.counts(ctx, "")
}

// CountsFor is Counts restricted to the nodes whose id starts with prefix
// (for a Claim, its article's id) and the relationships leaving them: one
// article's or one test's share of the graph.
func (g *DB) CountsFor(ctx context.Context, prefix string) (GraphCounts, error) {
	return g.counts(ctx, prefix)
}

// counts is Counts restricted to the data of one test: nodes whose id (for a
// Claim, its article's id) starts with prefix, and relationships leaving them.
func (g *DB) counts(ctx context.Context, prefix string) (GraphCounts, error) {
	gc := GraphCounts{Nodes: make(map[string]int), Relationships: make(map[string]int)}
	params := map[string]any{"prefix": prefix}
	opts := []neo4j.ExecuteQueryConfigurationOption{neo4j.ExecuteQueryWithDatabase(g.db), neo4j.ExecuteQueryWithReadersRouting()}
	res, err := neo4j.ExecuteQuery(ctx, g.driver, countNodesCypher, params, neo4j.EagerResultTransformer, opts...)
	if err != nil {
		return gc, fmt.Errorf("count nodes: %w", err)
	}
	for _, r := range res.Records {
		gc.Nodes[field[string](r, "label")] = int(field[int64](r, "n"))
	}
	res, err = neo4j.ExecuteQuery(ctx, g.driver, countRelationshipsCypher, params, neo4j.EagerResultTransformer, opts...)
	if err != nil {
		return gc, fmt.Errorf("count relationships: %w", err)
	}
	for _, r := range res.Records {
		typ, n, total := field[string](r, "type"), field[int64](r, "n"), field[int64](r, "total")
		gc.Relationships[typ] = int(n)
		if polgraph.Predicate(typ).Valid() {
			gc.RollUps += int(n)
			gc.RollUpClaims += int(total)
		}
	}
	return gc, nil
}

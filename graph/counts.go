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
func (l *Loader) Counts(ctx context.Context) (GraphCounts, error) {
	return l.counts(ctx, "")
}

// CountsFor is Counts restricted to the nodes whose id starts with prefix
// (for a Claim, its article's id) and the relationships leaving them: one
// article's or one test's share of the graph.
func (l *Loader) CountsFor(ctx context.Context, prefix string) (GraphCounts, error) {
	return l.counts(ctx, prefix)
}

// counts is Counts restricted to the data of one test: nodes whose id (for a
// Claim, its article's id) starts with prefix, and relationships leaving them.
func (l *Loader) counts(ctx context.Context, prefix string) (GraphCounts, error) {
	gc := GraphCounts{Nodes: make(map[string]int), Relationships: make(map[string]int)}
	params := map[string]any{"prefix": prefix}
	opts := []neo4j.ExecuteQueryConfigurationOption{neo4j.ExecuteQueryWithDatabase(l.db), neo4j.ExecuteQueryWithReadersRouting()}
	res, err := neo4j.ExecuteQuery(ctx, l.driver, countNodesCypher, params, neo4j.EagerResultTransformer, opts...)
	if err != nil {
		return gc, fmt.Errorf("count nodes: %w", err)
	}
	for _, r := range res.Records {
		label, _ := r.Values[0].(string)
		n, _ := r.Values[1].(int64)
		gc.Nodes[label] = int(n)
	}
	res, err = neo4j.ExecuteQuery(ctx, l.driver, countRelationshipsCypher, params, neo4j.EagerResultTransformer, opts...)
	if err != nil {
		return gc, fmt.Errorf("count relationships: %w", err)
	}
	for _, r := range res.Records {
		typ, _ := r.Values[0].(string)
		n, _ := r.Values[1].(int64)
		total, _ := r.Values[2].(int64)
		gc.Relationships[typ] = int(n)
		if polgraph.Predicate(typ).Valid() {
			gc.RollUps += int(n)
			gc.RollUpClaims += int(total)
		}
	}
	return gc, nil
}

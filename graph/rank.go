package graph

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// This file holds the rankings behind `polgraph query top` and `query new`.

// ErrNoGDS is returned by Top for RankPageRank when the server lacks the
// Graph Data Science library.
var ErrNoGDS = errors.New("PageRank needs the Neo4j Graph Data Science library, which this server does not have; use --by degree")

// Ranking is how Top ranks actors.
type Ranking string

const (
	RankDegree   Ranking = "degree"   // roll-ups, then distinct partners, then claims
	RankPageRank Ranking = "pagerank" // GDS PageRank over actors linked by claims, weighted by their number
)

// A Ranked is one actor of Top.
type Ranked struct {
	Actor    ActorRef `json:"actor"`
	Degree   int      `json:"degree"`   // roll-ups (relation types per partner) with claims in the period
	Partners int      `json:"partners"` // distinct partners
	Claims   int      `json:"claims"`
	Score    float64  `json:"score,omitempty"` // PageRank
}

// topRollUpsCypher ranks actors by their roll-ups.
const topRollUpsCypher = `MATCH (a:Actor)-[r]-(b:Actor)
WHERE type(r) IN $types
WITH a, count(r) AS degree, count(DISTINCT b) AS partners, sum(r.count) AS claims
ORDER BY degree DESC, partners DESC, claims DESC, a.id
LIMIT $limit
RETURN a.id AS id, a.name AS name, a.type AS type, a.country AS country, degree, partners, claims`

// topClaimsCypher ranks actors by the claims of a period: a claim's key
// is its roll-up, so the distinct keys are the roll-ups of the period.
const topClaimsCypher = `MATCH (c:Claim)
WHERE ` + claimInPeriod + `
UNWIND [[c.subject, c.object], [c.object, c.subject]] AS e
WITH e[0] AS id, count(DISTINCT c.key) AS degree, count(DISTINCT e[1]) AS partners, count(*) AS claims
ORDER BY degree DESC, partners DESC, claims DESC, id
LIMIT $limit
MATCH (a:Actor {id: id})
RETURN a.id AS id, a.name AS name, a.type AS type, a.country AS country, degree, partners, claims
ORDER BY degree DESC, partners DESC, claims DESC, id`

const gdsCypher = `SHOW PROCEDURES YIELD name WHERE name = 'gds.pageRank.stream' RETURN count(*) AS n`

// projectCypher projects actors linked by the period's claims, one
// undirected relationship per ordered pair weighted by its claims.
const projectCypher = `MATCH (c:Claim)
WHERE ` + claimInPeriod + `
WITH c.subject AS s, c.object AS o, count(*) AS w
MATCH (a:Actor {id: s})
MATCH (b:Actor {id: o})
WITH gds.graph.project($graph, a, b, {relationshipProperties: {weight: toFloat(w)}},
  {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.nodeCount AS nodes`

const pageRankCypher = `CALL gds.pageRank.stream($graph, {relationshipWeightProperty: 'weight'})
YIELD nodeId, score
WITH gds.util.asNode(nodeId) AS a, score
ORDER BY score DESC, a.id
LIMIT $limit
RETURN a.id AS id, a.name AS name, a.type AS type, a.country AS country, score`

const dropProjectionCypher = `CALL gds.graph.drop($graph, false) YIELD graphName RETURN graphName`

// Top returns the limit actors ranked by degree over roll-ups (with a
// Period, over the roll-ups with claims in it), or by PageRank with the
// Graph Data Science library (ErrNoGDS when the server lacks it).
func (g *DB) Top(ctx context.Context, by Ranking, limit int, p Period) ([]Ranked, error) {
	switch by {
	case RankDegree:
		q := topRollUpsCypher
		if p != (Period{}) {
			q = topClaimsCypher
		}
		recs, err := g.readQuery(ctx, q, p.params(map[string]any{"limit": int64(limit)}))
		if err != nil {
			return nil, fmt.Errorf("rank actors by degree: %w", err)
		}
		out := make([]Ranked, len(recs))
		for i, r := range recs {
			m := r.AsMap()
			out[i] = Ranked{Actor: actorRef(m, ""), Degree: getInt(m, "degree"), Partners: getInt(m, "partners"), Claims: getInt(m, "claims")}
		}
		return out, nil
	case RankPageRank:
		return g.pageRank(ctx, limit, p)
	}
	return nil, fmt.Errorf("unknown ranking %q", by)
}

func (g *DB) pageRank(ctx context.Context, limit int, p Period) ([]Ranked, error) {
	recs, err := g.readQuery(ctx, gdsCypher, nil)
	if err != nil {
		return nil, fmt.Errorf("look for the Graph Data Science library: %w", err)
	}
	if len(recs) == 0 || field[int64](recs[0], "n") == 0 {
		return nil, ErrNoGDS
	}
	var buf [8]byte
	rand.Read(buf[:])
	name := "polgraph-pagerank-" + hex.EncodeToString(buf[:])
	noGDS := func(err error) error {
		var ne *neo4j.Neo4jError
		if errors.As(err, &ne) && (ne.Code == "Neo.ClientError.Procedure.ProcedureNotFound" ||
			strings.Contains(ne.Msg, "Unknown function 'gds.")) {
			return ErrNoGDS
		}
		return err
	}
	if _, err := g.writeQuery(ctx, projectCypher, p.params(map[string]any{"graph": name})); err != nil {
		return nil, fmt.Errorf("project the actor graph: %w", noGDS(err))
	}
	defer g.writeQuery(context.WithoutCancel(ctx), dropProjectionCypher, map[string]any{"graph": name})
	recs, err = g.writeQuery(ctx, pageRankCypher, map[string]any{"graph": name, "limit": int64(limit)})
	if err != nil {
		return nil, fmt.Errorf("pagerank: %w", noGDS(err))
	}
	out := make([]Ranked, len(recs))
	for i, r := range recs {
		m := r.AsMap()
		score, _ := m["score"].(float64)
		out[i] = Ranked{Actor: actorRef(m, ""), Score: score}
	}
	return out, nil
}

// newRollUpsCypher lists the roll-ups first seen in the period.
const newRollUpsCypher = `MATCH (a:Actor)-[r]->(b:Actor)
WHERE type(r) IN $types AND r.firstSeen >= $since AND ($until = '' OR r.firstSeen <= $until)
RETURN a.id AS sid, a.name AS sname, a.type AS stype, a.country AS scountry, type(r) AS type,
  b.id AS oid, b.name AS oname, b.type AS otype, b.country AS ocountry,
  r.count AS n, r.articles AS articles, r.firstSeen AS first, r.lastSeen AS last
ORDER BY first, type, sid, oid
LIMIT $limit`

// NewRelations returns up to limit roll-ups whose first claim was
// published in the period (Since is required), oldest first, with their
// totals over all time.
func (g *DB) NewRelations(ctx context.Context, p Period, limit int) ([]Edge, error) {
	if p.Since == "" {
		return nil, errors.New("new relations need a start date")
	}
	recs, err := g.readQuery(ctx, newRollUpsCypher, p.params(map[string]any{"limit": int64(limit)}))
	if err != nil {
		return nil, fmt.Errorf("relations first seen since %s: %w", p.Since, err)
	}
	out := make([]Edge, len(recs))
	for i, r := range recs {
		out[i] = edge(r.AsMap())
	}
	return out, nil
}

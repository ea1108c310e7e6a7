package graph

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/polgraph/polgraph"
)

// Verify reads the whole graph, page by page, and checks every invariant of
// doc.go: roll-ups equal the aggregate of their claims (by the same
// aggregate and rollUp.props the DB uses), claims have one subject, one
// object and one article, symmetric roll-ups are stored once from the
// smaller id, relationship types are in the vocabulary, ids are unique, and
// the schema of EnsureSchema is in place. Memory is bounded by the page
// size and the degree of the hottest actor, not by the size of the graph.

// VerifyOptions say how to verify.
type VerifyOptions struct {
	// MaxProblems is how many problems Verify keeps, in the order found;
	// all are counted. Default 20.
	MaxProblems int
	// PageSize is the number of actors, claims or articles read per
	// query. Default 1000.
	PageSize int
	// Repair recomputes what is wrong from the claims, page by page, each
	// page one transaction. Hold the writer lease while repairing.
	Repair bool
}

// Problem kinds.
const (
	ProblemSchema        = "schema"            // a constraint or index of EnsureSchema missing or not online
	ProblemUnknownType   = "unknown-type"      // a relationship type outside the vocabulary
	ProblemDuplicateID   = "duplicate-id"      // two nodes of one label with one id
	ProblemMissingID     = "missing-id"        // nodes of a label without an id
	ProblemRollUp        = "roll-up"           // a roll-up's properties differ from its claims' aggregate
	ProblemMissingRollUp = "missing-roll-up"   // claims without their roll-up
	ProblemOrphanRollUp  = "orphan-roll-up"    // a roll-up without claims
	ProblemDuplicate     = "duplicate-roll-up" // one key stored more than once
	ProblemReversed      = "reversed-roll-up"  // a symmetric roll-up stored from the larger id
	ProblemClaimLinks    = "claim-links"       // a claim without exactly one subject, object or article
	ProblemClaimKey      = "claim-key"         // a claim's key or predicate disagrees with what it says
	ProblemArticleCounts = "article-counts"    // an article's actors or relations property disagrees with its links
)

// A Problem is one broken invariant.
type Problem struct {
	Kind   string
	ID     string // the node's id, or the roll-up's key subject|PREDICATE|object
	Detail string
}

func (p Problem) String() string { return p.Kind + " " + p.ID + ": " + p.Detail }

// A VerifyReport is what Verify found (and repaired).
type VerifyReport struct {
	Actors, Articles, Claims, RollUps int // read
	Problems                          int // found
	ByKind                            map[string]int
	First                             []Problem // the first MaxProblems
	Repaired                          int       // problems repaired (with Repair)
	max                               int
}

// Clean reports whether no problem was found.
func (r *VerifyReport) Clean() bool { return r.Problems == 0 }

func (r *VerifyReport) add(kind, id, format string, args ...any) {
	r.Problems++
	r.ByKind[kind]++
	if len(r.First) < r.max {
		r.First = append(r.First, Problem{kind, id, fmt.Sprintf(format, args...)})
	}
}

// Verify checks the graph; see the comment at the top of verify.go.
func (l *DB) Verify(ctx context.Context, opts VerifyOptions) (*VerifyReport, error) {
	if opts.MaxProblems <= 0 {
		opts.MaxProblems = 20
	}
	if opts.PageSize <= 0 {
		opts.PageSize = 1000
	}
	rep := &VerifyReport{ByKind: make(map[string]int), max: opts.MaxProblems}
	steps := []func(context.Context, VerifyOptions, *VerifyReport) error{
		l.verifySchema, l.verifyTypes, l.verifyRollUps, l.verifyClaims, l.verifyArticles, l.verifyIDs,
	}
	for _, step := range steps {
		if err := step(ctx, opts, rep); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// readMaps runs a read statement and returns its records as maps.
func (l *DB) readMaps(ctx context.Context, cypher string, params map[string]any) ([]map[string]any, error) {
	recs, err := l.readQuery(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	out := make([]map[string]any, len(recs))
	for i, r := range recs {
		out[i] = r.AsMap()
	}
	return out, nil
}

// writeTx runs f in one write transaction, retried on transient errors,
// after the lease fence.
func (l *DB) writeTx(ctx context.Context, f func(tx neo4j.ManagedTransaction) error) error {
	session := l.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: l.db, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		if err := l.fence(ctx, tx); err != nil {
			return nil, err
		}
		return nil, f(tx)
	}, neo4j.WithTxTimeout(txTimeout))
	return err
}

// A schemaItem is one constraint or index of schemaCypher.
type schemaItem struct {
	name, label string
	props       []string
}

var schemaRe = regexp.MustCompile(`^CREATE (?:CONSTRAINT|INDEX|FULLTEXT INDEX) (\w+) IF NOT EXISTS FOR \(n:(\w+)\) ` +
	`(?:REQUIRE n\.(\w+) IS UNIQUE|ON \(n\.(\w+)\)|ON EACH \[(.*)\])$`)

// expectedSchema reads the constraints and indexes out of schemaCypher, so
// that what verify expects is what EnsureSchema creates.
func expectedSchema() []schemaItem {
	var out []schemaItem
	for _, q := range schemaCypher {
		m := schemaRe.FindStringSubmatch(q)
		if m == nil {
			continue
		}
		it := schemaItem{name: m[1], label: m[2]}
		switch {
		case m[3] != "":
			it.props = []string{m[3]}
		case m[4] != "":
			it.props = []string{m[4]}
		default:
			for _, p := range strings.Split(m[5], ",") {
				it.props = append(it.props, strings.TrimPrefix(strings.TrimSpace(p), "n."))
			}
		}
		out = append(out, it)
	}
	return out
}

const showIndexesCypher = `SHOW INDEXES YIELD name, labelsOrTypes, properties, state, owningConstraint
RETURN name, labelsOrTypes, properties, state, owningConstraint`

// verifySchema checks that every constraint and index of EnsureSchema
// exists, on its label and properties, and is online; Repair runs
// EnsureSchema.
func (l *DB) verifySchema(ctx context.Context, opts VerifyOptions, rep *VerifyReport) error {
	rows, err := l.readMaps(ctx, showIndexesCypher, nil)
	if err != nil {
		return fmt.Errorf("list indexes: %w", err)
	}
	byName := make(map[string]map[string]any, len(rows))
	for _, r := range rows {
		name, _ := r["name"].(string)
		byName[name] = r
	}
	found := 0
	for _, it := range expectedSchema() {
		r, ok := byName[it.name]
		switch {
		case !ok:
			rep.add(ProblemSchema, it.name, "missing: constraint or index on :%s(%s)", it.label, strings.Join(it.props, ", "))
		case !slices.Equal(stringList(r["labelsOrTypes"]), []string{it.label}) || !slices.Equal(stringList(r["properties"]), it.props):
			rep.add(ProblemSchema, it.name, "on %v %v, want :%s(%s)", r["labelsOrTypes"], r["properties"], it.label, strings.Join(it.props, ", "))
		case r["state"] != "ONLINE":
			rep.add(ProblemSchema, it.name, "state %v, want ONLINE", r["state"])
		default:
			continue
		}
		found++
	}
	if found > 0 && opts.Repair {
		if err := l.EnsureSchema(ctx); err != nil {
			return fmt.Errorf("repair schema: %w", err)
		}
		rep.Repaired += found
	}
	return nil
}

// structural are the relationship types of the model besides the roll-ups.
var structural = []string{"MENTIONS", "STATES", "SUBJECT", "OBJECT"}

const relTypesCypher = `CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType AS type`

// The type of these statements is a parameter ($()), never spliced.
const (
	countTypeCypher  = `MATCH ()-[r:$($type)]->() RETURN count(r) AS n`
	sampleTypeCypher = `MATCH (x)-[r:$($type)]->(y)
RETURN coalesce(x.id, elementId(x)) AS x, coalesce(y.id, elementId(y)) AS y LIMIT $n`
	deleteTypeCypher = `MATCH ()-[r:$($type)]->()
WITH r LIMIT $n
DELETE r
RETURN count(*) AS n`
)

// verifyTypes finds relationships whose type is outside the vocabulary and
// the model's own; Repair deletes them, in batches.
func (l *DB) verifyTypes(ctx context.Context, opts VerifyOptions, rep *VerifyReport) error {
	rows, err := l.readMaps(ctx, relTypesCypher, nil)
	if err != nil {
		return fmt.Errorf("list relationship types: %w", err)
	}
	for _, r := range rows {
		typ, _ := r["type"].(string)
		if polgraph.Predicate(typ).Valid() || slices.Contains(structural, typ) {
			continue
		}
		counted, err := l.readMaps(ctx, countTypeCypher, map[string]any{"type": typ})
		if err != nil {
			return fmt.Errorf("count %q relationships: %w", typ, err)
		}
		n, _ := counted[0]["n"].(int64)
		if n == 0 {
			continue
		}
		sample, err := l.readMaps(ctx, sampleTypeCypher, map[string]any{"type": typ, "n": int64(opts.MaxProblems)})
		if err != nil {
			return fmt.Errorf("read %q relationships: %w", typ, err)
		}
		for _, s := range sample {
			rep.add(ProblemUnknownType, fmt.Sprintf("%v|%s|%v", s["x"], typ, s["y"]), "relationship type %q is not in the vocabulary", typ)
		}
		if more := int(n) - len(sample); more > 0 { // counted, not listed
			rep.Problems += more
			rep.ByKind[ProblemUnknownType] += more
		}
		if !opts.Repair {
			continue
		}
		for {
			var deleted int64
			err := l.writeTx(ctx, func(tx neo4j.ManagedTransaction) error {
				res, err := tx.Run(ctx, deleteTypeCypher, map[string]any{"type": typ, "n": int64(opts.PageSize)})
				if err != nil {
					return err
				}
				rec, err := res.Single(ctx)
				if err != nil {
					return err
				}
				deleted, _ = rec.Values[0].(int64)
				return nil
			})
			if err != nil {
				return fmt.Errorf("delete %q relationships: %w", typ, err)
			}
			rep.Repaired += int(deleted)
			if deleted < int64(opts.PageSize) {
				break
			}
		}
	}
	return nil
}

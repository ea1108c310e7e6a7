package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/internal/testenv"
)

var schemaOnce sync.Once

// openTest opens a DB on the test database with the schema in place,
// and returns the id prefix that this test's data must use. The prefix's
// data is deleted before the test and after it.
func openTest(t testing.TB, cfg Config) (*DB, string) {
	t.Helper()
	cfg.URI = testenv.URI(t)
	ctx := context.Background()
	l, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var schemaErr error
	schemaOnce.Do(func() { schemaErr = l.EnsureSchema(ctx) })
	if schemaErr != nil {
		t.Fatal(schemaErr)
	}
	prefix := "t-" + strings.NewReplacer("/", "-", " ", "_").Replace(t.Name()) + "-"
	deletePrefix(t, l, prefix)
	t.Cleanup(func() {
		deletePrefix(t, l, prefix)
		l.Close(ctx)
	})
	return l, prefix
}

// deletePrefix deletes a test's nodes: those whose id, or for a Claim whose
// article, starts with prefix.
func deletePrefix(t testing.TB, l *DB, prefix string) {
	t.Helper()
	ctx := context.Background()
	s := l.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: l.db})
	defer s.Close(ctx)
	// Relationships first, in small transactions: a hot actor's thousands
	// of relationships would not fit the transaction memory of one delete.
	var err error
	for _, q := range []string{`MATCH (n)-[r]->()
WHERE coalesce(n.article, n.id) STARTS WITH $prefix
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS`, `MATCH (n)
WHERE coalesce(n.article, n.id) STARTS WITH $prefix
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`} {
		var res neo4j.ResultWithContext
		res, err = s.Run(ctx, q, map[string]any{"prefix": prefix})
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			break
		}
	}
	if err != nil {
		t.Fatalf("delete test data %s: %v", prefix, err)
	}
}

// query runs a read query and returns its records as maps.
func query(t testing.TB, l *DB, cypher string, params map[string]any) []map[string]any {
	t.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), l.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(l.db))
	if err != nil {
		t.Fatalf("%s: %v", cypher, err)
	}
	out := make([]map[string]any, len(res.Records))
	for i, r := range res.Records {
		out[i] = r.AsMap()
	}
	return out
}

// A snapshot is a test's graph: every node and relationship (dump) and the
// counts.
type snapshot struct {
	lines  []string
	counts GraphCounts
}

func takeSnapshot(t testing.TB, l *DB, prefix string) snapshot {
	t.Helper()
	c, err := l.counts(context.Background(), prefix)
	if err != nil {
		t.Fatal(err)
	}
	return snapshot{dump(t, l, prefix), c}
}

// check reports how the graph of prefix in l differs from want, node by
// node, relationship by relationship and count by count.
func (want snapshot) check(t testing.TB, l *DB, prefix, how string) {
	t.Helper()
	got := takeSnapshot(t, l, prefix)
	if !slices.Equal(got.lines, want.lines) {
		t.Errorf("%s: graph differs: %s", how, diffLines(want.lines, got.lines))
	}
	if !reflect.DeepEqual(got.counts, want.counts) {
		t.Errorf("%s: counts %+v, want %+v", how, got.counts, want.counts)
	}
}

// dump lists every node and relationship of a test's data with all labels
// and properties, one sorted line each: two dumps are equal exactly when the
// graphs are.
func dump(t testing.TB, l *DB, prefix string) []string {
	t.Helper()
	var lines []string
	for _, r := range query(t, l, `MATCH (n) WHERE coalesce(n.article, n.id) STARTS WITH $prefix
RETURN labels(n) AS labels, properties(n) AS props`, map[string]any{"prefix": prefix}) {
		labels := toStrings(r["labels"])
		slices.Sort(labels)
		lines = append(lines, fmt.Sprintf("N %v %s", labels, mustJSON(t, r["props"])))
	}
	for _, r := range query(t, l, `MATCH (n)-[r]->(m) WHERE coalesce(n.article, n.id) STARTS WITH $prefix
RETURN type(r) AS type, n.id AS start, m.id AS end, properties(r) AS props`, map[string]any{"prefix": prefix}) {
		lines = append(lines, fmt.Sprintf("R %s %s %s %s", r["type"], r["start"], r["end"], mustJSON(t, r["props"])))
	}
	slices.Sort(lines)
	return lines
}

func toStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

func mustJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// diffLines reports the first few lines that differ between two dumps.
func diffLines(want, got []string) string {
	w := make(map[string]bool, len(want))
	for _, x := range want {
		w[x] = true
	}
	g := make(map[string]bool, len(got))
	for _, x := range got {
		g[x] = true
	}
	var b strings.Builder
	n := 0
	for _, x := range want {
		if !g[x] && n < 5 {
			fmt.Fprintf(&b, "\n- %.300s", x)
			n++
		}
	}
	for _, x := range got {
		if !w[x] && n < 10 {
			fmt.Fprintf(&b, "\n+ %.300s", x)
			n++
		}
	}
	return fmt.Sprintf("%d lines want, %d got%s", len(want), len(got), b.String())
}

// writeAll writes results in batches of size n and sums the stats.
func writeAll(t testing.TB, l *DB, results []polgraph.Result, n int) Stats {
	t.Helper()
	var total Stats
	for i := 0; i < len(results); i += n {
		st, err := l.Write(context.Background(), results[i:min(i+n, len(results))])
		if err != nil {
			t.Fatal(err)
		}
		total = total.Add(st)
	}
	return total
}

// synthOptions shape a synthetic corpus.
type synthOptions struct {
	prefix    string
	articles  int
	relations int // per article
	actors    int // pool size; actor 0 is in every article
	seed      uint64
}

// synth builds a deterministic synthetic corpus: Zipf-distributed actors
// (actor 0 in every article), every predicate and modality, dates with
// gaps, names, countries and aliases that vary between articles (to
// exercise the merge rules), and knowledge-base roles that LEADS and
// OFFICIAL_OF claims match.
func synth(o synthOptions) []polgraph.Result {
	rng := rand.New(rand.NewPCG(o.seed, 1))
	zipf := rand.NewZipf(rng, 1.1, 4, uint64(o.actors-1))
	id := func(i int) string { return fmt.Sprintf("%sa%04d", o.prefix, i) }
	types := []polgraph.ActorType{polgraph.Person, polgraph.Country, polgraph.Organization}
	modalities := []polgraph.Modality{polgraph.Asserted, polgraph.Asserted, polgraph.Negated, polgraph.Intended, polgraph.Possible}
	countries := []string{"IRN", "USA", "ISR", "OMN", ""}
	actor := func(i int) polgraph.Actor {
		a := polgraph.Actor{
			ID:       id(i),
			Name:     fmt.Sprintf("Actor %d", i),
			Type:     types[i%3],
			Country:  countries[rng.IntN(len(countries))],
			Aliases:  []string{fmt.Sprintf("A%d", i), fmt.Sprintf("alias %d/%d", i, rng.IntN(3))},
			Mentions: 1 + rng.IntN(5),
		}
		if rng.IntN(3) == 0 {
			a.Name = fmt.Sprintf("The Actor %d", i) // a longer name, seen now and then
		}
		if i%7 == 3 && rng.IntN(4) == 0 {
			a.Type = polgraph.Organization // a disputed type
		}
		if a.Type == polgraph.Person {
			a.Roles = []polgraph.Role{{Title: "President", Of: id((i + 1) % o.actors), From: "2020-01-01"}}
			if i%2 == 0 {
				a.Roles = append(a.Roles, polgraph.Role{Title: "Minister", Of: id((i + 2) % o.actors), From: "2019", To: "2021"})
			}
		}
		return a
	}
	out := make([]polgraph.Result, o.articles)
	for n := range out {
		art := polgraph.Article{
			ID:     fmt.Sprintf("%sart%05d", o.prefix, n),
			Title:  fmt.Sprintf("Article %d", n),
			URL:    fmt.Sprintf("https://example.org/%d", n),
			Source: "synthetic",
		}
		if n%10 != 9 {
			art.Published = fmt.Sprintf("2024-%02d-%02d", 1+n%12, 1+n%28)
		}
		used := map[int]bool{0: true}
		var rels []polgraph.Relation
		for k := 0; k < o.relations; k++ {
			s := int(zipf.Uint64())
			if k%3 == 0 {
				s = 0
			}
			p := polgraph.Predicates[rng.IntN(len(polgraph.Predicates))]
			ob := int(zipf.Uint64())
			role := ""
			if p == polgraph.Leads || p == polgraph.OfficialOf {
				s = 3 * rng.IntN(o.actors/3) // a Person
				if p == polgraph.Leads {
					ob, role = (s+1)%o.actors, []string{"President", "president", "Leader"}[rng.IntN(3)]
				} else {
					ob, role = (s+2)%o.actors, "Minister"
				}
			}
			if ob == s {
				ob = (s + 1 + rng.IntN(o.actors-1)) % o.actors
			}
			used[s], used[ob] = true, true
			start := 100 * k
			rels = append(rels, polgraph.Relation{
				Subject:   id(s),
				Predicate: p,
				Object:    id(ob),
				Category:  p.Category(),
				Modality:  modalities[rng.IntN(len(modalities))],
				Role:      role,
				Evidence: polgraph.Evidence{
					Sentence:   fmt.Sprintf("Sentence %d of article %d: %s %s %s.", k, n, id(s), p, id(ob)),
					Start:      start,
					End:        start + 60,
					Trigger:    strings.ToLower(string(p)),
					Confidence: float64(50+rng.IntN(50)) / 100,
					Rule:       "synthetic",
				},
			})
		}
		var actors []polgraph.Actor
		for _, i := range slices.Sorted(maps.Keys(used)) {
			actors = append(actors, actor(i))
		}
		out[n] = polgraph.Result{Article: art, Actors: actors, Relations: rels}
	}
	return out
}

// logRecorder is a slog.Handler that keeps the records it is given.
type logRecorder struct {
	mu      sync.Mutex
	records []map[string]any
}

func (h *logRecorder) Enabled(context.Context, slog.Level) bool { return true }
func (h *logRecorder) Handle(_ context.Context, r slog.Record) error {
	m := map[string]any{"level": r.Level.String(), "msg": r.Message}
	r.Attrs(func(a slog.Attr) bool { m[a.Key] = a.Value.Any(); return true })
	h.mu.Lock()
	h.records = append(h.records, m)
	h.mu.Unlock()
	return nil
}
func (h *logRecorder) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *logRecorder) WithGroup(string) slog.Handler      { return h }

// elapsed is a small stopwatch for log lines.
func elapsed(start time.Time) string { return time.Since(start).Round(time.Millisecond).String() }

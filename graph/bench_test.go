package graph

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/polgraph/polgraph"
)

// TestNaiveLoad loads a sample of a real extraction with naiveLoad and
// prints its evidence relations/s: scripts/bench-load.sh runs it in the
// same run as its polgraph load, against the same server, for the ratio
// between the two. POLGRAPH_BENCH_NAIVE names the extraction JSONL;
// POLGRAPH_BENCH_NAIVE_RELATIONS the sample size (default 2,000). Article
// ids get the test's prefix, so the sample is new to the graph; actors
// keep theirs, as in a real load. It prints a figure and asserts none.
func TestNaiveLoad(t *testing.T) {
	path := os.Getenv("POLGRAPH_BENCH_NAIVE")
	if path == "" {
		t.Skip("set POLGRAPH_BENCH_NAIVE to an extraction JSONL to measure the naive loader (scripts/bench-load.sh)")
	}
	want := 2000
	if s := os.Getenv("POLGRAPH_BENCH_NAIVE_RELATIONS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			t.Fatalf("POLGRAPH_BENCH_NAIVE_RELATIONS=%q: want a positive number", s)
		}
		want = n
	}
	l, p := openTest(t, Config{})
	var sample []polgraph.Result
	rels := 0
	eachResult(t, path, func(r polgraph.Result) bool {
		r.Article.ID = p + r.Article.ID
		sample = append(sample, r)
		rels += len(r.Relations)
		return rels < want
	})
	start := time.Now()
	n := naiveLoad(t, l, sample)
	d := time.Since(start)
	t.Logf("naive: %d evidence relations of %d articles, one MERGE statement per relation per transaction, in %s: %.0f evidence relations/s",
		n, len(sample), d.Round(time.Millisecond), float64(n)/d.Seconds())
}

// naiveLoad is the loader one writes first: one transaction per relation,
// each merging its actors, article, claim and roll-up by itself.
func naiveLoad(t testing.TB, l *DB, corpus []polgraph.Result) int {
	t.Helper()
	ctx := context.Background()
	n := 0
	for _, r := range corpus {
		for _, rel := range r.Relations {
			// The relationship type is the predicate, as in the real
			// loader, so only valid relations are loaded.
			one := polgraph.Result{Article: r.Article, Actors: r.Actors, Relations: []polgraph.Relation{rel}}
			if one.Validate() != nil {
				continue
			}
			c := newClaimRow(r.Article, rel)
			q := fmt.Sprintf(`MERGE (s:Actor {id: $s})
MERGE (o:Actor {id: $o})
MERGE (ar:Article {id: $article})
MERGE (c:Claim {id: $id}) SET c += $props
MERGE (ar)-[:STATES]->(c)
MERGE (c)-[:SUBJECT]->(s)
MERGE (c)-[:OBJECT]->(o)
MERGE (ar)-[m1:MENTIONS]->(s) SET m1.count = 1
MERGE (ar)-[m2:MENTIONS]->(o) SET m2.count = 1
WITH s, o
MATCH (a:Actor {id: $a}), (b:Actor {id: $b})
MERGE (a)-[r:%s]->(b)
SET r.count = coalesce(r.count, 0) + 1`, rel.Predicate)
			_, err := neo4j.ExecuteQuery(ctx, l.driver, q, map[string]any{
				"s": rel.Subject, "o": rel.Object, "article": r.Article.ID, "id": c.id, "props": c.props(),
				"a": c.a, "b": c.b,
			}, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(l.db))
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
	}
	return n
}

// BenchmarkLoad writes batches of 1,000 articles (10,000 evidence
// relations) into a graph that grows with each iteration.
func BenchmarkLoad(b *testing.B) {
	l, p := openTest(b, Config{})
	ctx := context.Background()
	i := 0
	claims := 0
	for b.Loop() {
		b.StopTimer()
		batch := synth(synthOptions{prefix: fmt.Sprintf("%s%d-", p, i), articles: 1000, relations: 10, actors: 2000, seed: uint64(i)})
		b.StartTimer()
		st, err := l.Write(ctx, batch)
		if err != nil {
			b.Fatal(err)
		}
		claims += st.Claims
		i++
	}
	b.ReportMetric(float64(claims)/b.Elapsed().Seconds(), "relations/s")
	b.ReportMetric(float64(i*1000)/b.Elapsed().Seconds(), "articles/s")
}

package graph

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/polgraph/polgraph/extract"
)

// TestLoadThroughput loads 100,000 evidence relations (10,000 articles of
// 10 relations among 2,000 Zipf-distributed actors, one of them in every
// article) and prints relations/s and articles/s, then loads a 2,000
// relation sample with naiveLoad and prints the ratio. It takes minutes, so
// it runs only with POLGRAPH_BENCH=1; POLGRAPH_BENCH_BATCH sets the batch
// size (default DefaultBatchSize).
//
// Measured on the 2-vCPU development machine while other work kept its load
// average at 4 to 9: 1,200 to 2,500 relations/s over the whole run (single
// batches of 5,000 relations up to 3,300/s), 7 to 17 times the naive
// loader. Neo4j was CPU-bound there, at about 0.6 ms of server CPU per
// evidence relation (a Claim with 16 properties and 5 index entries, its
// STATES, SUBJECT, OBJECT and MENTIONS relationships, and its share of a
// roll-up).
func TestLoadThroughput(t *testing.T) {
	if os.Getenv("POLGRAPH_BENCH") != "1" {
		t.Skip("set POLGRAPH_BENCH=1 to measure load throughput")
	}
	cfg := Config{}
	if s := os.Getenv("POLGRAPH_BENCH_BATCH"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatal(err)
		}
		cfg.BatchSize = n
	}
	l, p := openTest(t, cfg)
	ctx := context.Background()
	corpus := synth(synthOptions{prefix: p, articles: 10000, relations: 10, actors: 2000, seed: 42})

	start := time.Now()
	var st Stats
	for i := 0; i < len(corpus); i += l.BatchSize() {
		s, err := l.Write(ctx, corpus[i:min(i+l.BatchSize(), len(corpus))])
		if err != nil {
			t.Fatal(err)
		}
		st = st.Add(s)
	}
	d := time.Since(start)
	fast := float64(st.Claims) / d.Seconds()
	t.Logf("loader: %d articles, %d evidence relations, %d roll-ups written, batches of %d, in %s: %.0f relations/s, %.0f articles/s",
		st.Articles, st.Claims, st.RollUps, l.BatchSize(), d.Round(time.Millisecond), fast, float64(st.Articles)/d.Seconds())
	gc, err := l.counts(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if gc.Nodes["Claim"] != 100000 || gc.RollUpClaims != 100000 {
		t.Errorf("counts %+v", gc)
	}

	// The same pipeline again, every article already there: the re-load path.
	start = time.Now()
	writeAll(t, l, corpus[:2000], l.BatchSize())
	d = time.Since(start)
	t.Logf("re-load of 2,000 stored articles (20,000 relations) in %s: %.0f relations/s", d.Round(time.Millisecond), 20000/d.Seconds())

	naive := synth(synthOptions{prefix: p + "naive-", articles: 200, relations: 10, actors: 2000, seed: 43})
	start = time.Now()
	n := naiveLoad(t, l, naive)
	d = time.Since(start)
	slow := float64(n) / d.Seconds()
	t.Logf("naive: %d evidence relations, one MERGE statement per relation per transaction, in %s: %.0f relations/s",
		n, d.Round(time.Millisecond), slow)
	t.Logf("loader / naive = %.1fx", fast/slow)
}

// naiveLoad is the loader one writes first: one transaction per relation,
// each merging its actors, article, claim and roll-up by itself.
func naiveLoad(t testing.TB, l *Loader, corpus []extract.Result) int {
	t.Helper()
	ctx := context.Background()
	n := 0
	for _, r := range corpus {
		for _, rel := range r.Relations {
			c := newClaimRow(r.Article, rel)
			// The relationship type is the predicate, as in the real
			// loader; rel is synthetic and valid.
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

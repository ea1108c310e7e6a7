package graph

import (
	"context"
	"iter"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/internal/testenv"
)

// TestExportRoundTrip exports a corpus, imports the files with Neo4j's own
// bulk importer, "neo4j-admin database import full" (scripts/neo4j-import.sh
// runs it from the Maven artefacts the server runs from), into a server of
// the test's own, and expects the very graph a direct Write of the same
// corpus builds in the test database: every node, relationship and
// property (hostile strings, empty strings and absent values included),
// the same counts, roll-ups that agree with their claims, and constraints
// that hold on the imported data.
func TestExportRoundTrip(t *testing.T) {
	l, p := openTest(t, Config{})
	ctx := context.Background()
	corpus := synth(synthOptions{prefix: p, articles: 150, relations: 5, actors: 50, seed: 11})
	hostile := "quote \" comma , newline \n cr \r backslash \\ semicolon ; $x {y} `z` 'w' '}) DETACH DELETE n // \u202e"
	corpus[3].Article.Title = hostile
	corpus[3].Relations[0].Sentence = hostile
	corpus[3].Actors[0].Aliases = append(corpus[3].Actors[0].Aliases, hostile, "")

	writeAll(t, l, corpus, 17)
	want := takeSnapshot(t, l, p)

	dir := t.TempDir()
	st, err := Export(ctx, slices.Values(corpus), dir, 23, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 150 || st.Claims != 750 || st.Rejected != 0 {
		t.Errorf("export stats %+v", st)
	}

	srv, err := testenv.Prepare(t, "")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := srv.Script("neo4j-import.sh", dir); err != nil {
		t.Fatal(err)
	}
	t.Logf("neo4j-admin import and server start in %s", elapsed(start))
	imported, err := Open(ctx, Config{URI: srv.URI})
	if err != nil {
		t.Fatal(err)
	}
	defer imported.Close(ctx)
	if err := imported.EnsureSchema(ctx); err != nil {
		t.Fatalf("constraints on the imported graph: %v", err)
	}
	want.check(t, imported, p, "the imported export against a direct load")
	rollUpsExact(t, imported, p)

	// The imported graph takes further loads like any other.
	more := synth(synthOptions{prefix: p, articles: 160, relations: 5, actors: 50, seed: 11})[150:]
	writeAll(t, imported, more, 10)
	writeAll(t, l, more, 10)
	if got, want := dump(t, imported, p), dump(t, l, p); !slices.Equal(got, want) {
		t.Errorf("after loading more articles into both: %s", diffLines(want, got))
	}

	head, err := os.ReadFile(filepath.Join(dir, actorsFile))
	if err != nil {
		t.Fatal(err)
	}
	if line, _, _ := strings.Cut(string(head), "\n"); line != "id:ID(Actor),:LABEL,name,type,country,aliases:string[],kbRoles:string[]" {
		t.Errorf("actors.csv header %q", line)
	}
	args, err := ImportArgs(dir, "neo4j")
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(args, " ")
	for _, f := range []string{actorsFile, articlesFile, claimsFile, mentionsFile, statesFile, subjectFile, objectFile, rollUpFile(polgraph.MetWith)} {
		if !strings.Contains(joined, filepath.Join(dir, f)) {
			t.Errorf("import args %q lack %s", joined, f)
		}
	}
}

// TestExportRepeatedArticle: an article already exported is skipped.
func TestExportRepeatedArticle(t *testing.T) {
	corpus := synth(synthOptions{prefix: "x-", articles: 4, relations: 2, actors: 10, seed: 1})
	e, err := NewExporter(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := e.Write(ctx, corpus[:3]); err != nil {
		t.Fatal(err)
	}
	st, err := e.Write(ctx, corpus[2:])
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 1 || st.Rejected != 1 {
		t.Errorf("stats %+v, want 1 article and 1 rejected", st)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Write(ctx, corpus); err == nil {
		t.Error("Write after Close succeeded")
	}
}

// Export writes every Result of results to dir in batches of batchSize and
// closes the export: the loop cmd runs, for the tests.
func Export(ctx context.Context, results iter.Seq[polgraph.Result], dir string, batchSize int, log *slog.Logger) (Stats, error) {
	e, err := NewExporter(dir, log)
	if err != nil {
		return Stats{}, err
	}
	var total Stats
	batch := make([]polgraph.Result, 0, batchSize)
	flush := func() error {
		st, err := e.Write(ctx, batch)
		total = total.Add(st)
		batch = batch[:0]
		return err
	}
	for r := range results {
		batch = append(batch, r)
		if len(batch) == batchSize {
			if err := flush(); err != nil {
				e.abort()
				return total, err
			}
		}
	}
	if err := flush(); err != nil {
		e.abort()
		return total, err
	}
	return total, e.Close()
}

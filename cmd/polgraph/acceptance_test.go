package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/polgraph/polgraph/graph"
	"github.com/polgraph/polgraph/internal/testenv"
)

// TestRunSeedTwice is the foundation's acceptance check: `polgraph run` of
// the seed article puts Ali Khamenei -MET_WITH- Masoud Pezeshkian in the
// graph, and a second identical run changes no count.
func TestRunSeedTwice(t *testing.T) {
	uri := testenv.URI(t)
	shared := testenv.SharedDir(t, "corpus/seed.jsonl")
	seed := abs(t, filepath.Join(shared, "corpus", "seed.jsonl"))
	env := []string{"POLGRAPH_NEO4J_URI=" + uri}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	l, err := graph.Open(ctx, graph.Config{URI: uri})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close(ctx)

	// --reload: the seed may be in the graph from an earlier run with an
	// older extractor; the first run makes it current. --wait: another
	// package's test may hold the writer lease of the shared server.
	if r := runPolgraph(t, "", "", env, "run", "--reload", "--wait", "5m", seed); r.code != 0 {
		t.Fatalf("first run: exit %d\n%s", r.code, r.stderr)
	}
	dyad, err := l.Dyad(ctx, "ali-khamenei", "masoud-pezeshkian", graph.Period{})
	if err != nil {
		t.Fatal(err)
	}
	met := false
	for _, d := range dyad {
		met = met || d.Predicate == "MET_WITH"
	}
	if !met {
		t.Fatalf("no MET_WITH between Ali Khamenei and Masoud Pezeshkian: %+v", dyad)
	}
	first, err := l.CountsFor(ctx, "seed-khamenei-dialogue")
	if err != nil {
		t.Fatal(err)
	}
	if first.Nodes["Claim"] == 0 || first.Relationships["MENTIONS"] == 0 {
		t.Fatalf("seed loaded nothing: %+v", first)
	}

	r := runPolgraph(t, "", "", env, "run", "--wait", "5m", seed)
	if r.code != 0 {
		t.Fatalf("second run: exit %d\n%s", r.code, r.stderr)
	}
	second, err := l.CountsFor(ctx, "seed-khamenei-dialogue")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first, second) {
		t.Errorf("second run changed the graph:\nfirst  %+v\nsecond %+v", first, second)
	}
	dyad2, err := l.Dyad(ctx, "ali-khamenei", "masoud-pezeshkian", graph.Period{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(dyad, dyad2) {
		t.Errorf("second run changed the relations:\n%+v\n%+v", dyad, dyad2)
	}
}

// TestEvalAgreesWithScorePy checks that `polgraph eval` prints exactly what
// ../shared/eval/score.py prints for the same gold and predictions.
func TestEvalAgreesWithScorePy(t *testing.T) {
	shared := testenv.SharedDir(t, "corpus/seed.jsonl")
	python, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("python3 not found")
		}
		t.Skip("python3 not found")
	}
	dir := t.TempDir()
	pred := filepath.Join(dir, "pred.jsonl")
	gold := abs(t, filepath.Join(shared, "eval", "gold-dev.jsonl"))
	// Only the gold articles: the race-enabled binary is slow on the corpus.
	articles := filepath.Join(dir, "articles.jsonl")
	writeGoldArticles(t, gold, articles, filepath.Join(shared, "corpus", "seed.jsonl"), filepath.Join(shared, "corpus", "wikinews-2019-2020.jsonl"))
	if r := runPolgraph(t, "", "", nil, "extract", "-q", "-o", pred, articles); r.code != 0 {
		t.Fatalf("extract: exit %d\n%s", r.code, r.stderr)
	}
	for _, flags := range [][]string{nil, {"--json"}, {"--per-article"}} {
		args := append([]string{filepath.Join(shared, "eval", "score.py"), gold, pred}, flags...)
		want, err := exec.Command(python, args...).Output()
		if err != nil {
			t.Fatalf("score.py %v: %v", flags, err)
		}
		r := runPolgraph(t, "", "", nil, append([]string{"eval", "--gold", gold, "--pred", pred}, flags...)...)
		if r.code != 0 {
			t.Fatalf("eval %v: exit %d\n%s", flags, r.code, r.stderr)
		}
		if r.stdout != string(want) {
			t.Errorf("eval %v differs from score.py:\n--- polgraph\n%s--- score.py\n%s", flags, r.stdout, want)
		}
	}
}

// writeGoldArticles copies the corpus lines whose id is in the gold file.
func writeGoldArticles(t *testing.T, gold, out string, corpora ...string) {
	t.Helper()
	ids := map[string]bool{}
	data, err := os.ReadFile(gold)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		var g struct{ ID string }
		if json.Unmarshal([]byte(line), &g) == nil && g.ID != "" {
			ids[g.ID] = true
		}
	}
	var b strings.Builder
	for _, c := range corpora {
		data, err := os.ReadFile(c)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			var a struct{ ID string }
			if json.Unmarshal([]byte(line), &a) == nil && ids[a.ID] {
				b.WriteString(line + "\n")
			}
		}
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

package graph

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/internal/testenv"
)

// This file tests crash consistency through the polgraph binary: a load
// killed with SIGKILL and run again must leave the graph an uninterrupted
// load leaves. It lives in package graph, where the test can read the graph
// with Cypher, and drives the binary it builds.

// faultTests skips unless POLGRAPH_FAULT_TESTS=1 (make test-faults): these
// tests kill processes and take minutes, and CI runs them in a step of
// their own.
func faultTests(t *testing.T) {
	t.Helper()
	if os.Getenv("POLGRAPH_FAULT_TESTS") != "1" {
		t.Skip("fault-injection test: set POLGRAPH_FAULT_TESTS=1 or run make test-faults")
	}
}

// buildPolgraph builds the polgraph binary into a temporary folder.
func buildPolgraph(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "polgraph")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/polgraph/polgraph/cmd/polgraph").CombinedOutput()
	if err != nil {
		t.Fatalf("build polgraph: %v\n%s", err, out)
	}
	return bin
}

// cliEnv is the environment for polgraph processes: no POLGRAPH_* settings
// of the caller, and no user config file.
func cliEnv(t *testing.T, extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "POLGRAPH_") && !strings.HasPrefix(kv, "XDG_CONFIG_HOME=") {
			env = append(env, kv)
		}
	}
	return append(append(env, "XDG_CONFIG_HOME="+t.TempDir()), extra...)
}

// cliResult is what one polgraph process did.
type cliResult struct {
	stdout, stderr string
	code           int
}

// runCLI runs bin with args in an empty folder and waits for it.
func runCLI(t *testing.T, bin string, args ...string) cliResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = t.TempDir()
	cmd.Env = cliEnv(t)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("polgraph %v: %v", args, err)
	}
	return cliResult{out.String(), errb.String(), code}
}

// extractShared extracts ../shared/corpus with the binary into a JSONL file
// (skips without ../shared, fails under CI).
func extractShared(t *testing.T, bin string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(testenv.SharedDir(t, "corpus/seed.jsonl"), "corpus", "*.jsonl"))
	out := filepath.Join(t.TempDir(), "extraction.jsonl")
	r := runCLI(t, bin, append([]string{"extract", "-o", out}, files...)...)
	if r.code != 0 {
		t.Fatalf("extract: exit %d\n%s", r.code, r.stderr)
	}
	return out
}

// withPrefix returns a copy of r with every article and actor id prefixed,
// so that a test's data cannot meet another's in a shared database.
func withPrefix(r polgraph.Result, prefix string) polgraph.Result {
	r.Article.ID = prefix + r.Article.ID
	r.Actors = slices.Clone(r.Actors)
	for i := range r.Actors {
		r.Actors[i].ID = prefix + r.Actors[i].ID
		r.Actors[i].Roles = slices.Clone(r.Actors[i].Roles)
		for j := range r.Actors[i].Roles {
			r.Actors[i].Roles[j].Of = prefix + r.Actors[i].Roles[j].Of
		}
	}
	r.Relations = slices.Clone(r.Relations)
	for i := range r.Relations {
		r.Relations[i].Subject = prefix + r.Relations[i].Subject
		r.Relations[i].Object = prefix + r.Relations[i].Object
	}
	return r
}

// prefixed copies extraction JSONL with every article and actor id (and
// the ids that point at them) prefixed, so that each copy is a graph of its
// own: articles, claims, actors and roll-ups. It returns the new file and
// the number of records.
func prefixed(t *testing.T, src, prefix string) (string, int) {
	t.Helper()
	dst := filepath.Join(t.TempDir(), strings.TrimSuffix(prefix, "-")+".jsonl")
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	w := bufio.NewWriter(out)
	n := 0
	eachResult(t, src, func(r polgraph.Result) bool {
		r = withPrefix(r, prefix)
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(append(b, '\n'))
		n++
		return true
	})
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return dst, n
}

// canonical lists a prefix's nodes and relationships, one sorted line each,
// with the prefix removed and each claim named by what identifies it rather
// than by its id (a hash that includes the prefixed article id): two
// prefixes give equal lists exactly when their graphs are the same.
func canonical(t *testing.T, l *DB, prefix string) []string {
	t.Helper()
	const claimName = `CASE WHEN %[1]s:Claim THEN 'claim:' + %[1]s.article + '|' + %[1]s.subject + '|' + %[1]s.predicate + '|' +
	%[1]s.object + '|' + %[1]s.modality + '|' + toString(%[1]s.start) + '|' + toString(%[1]s.end) + '|' + %[1]s.trigger ELSE %[1]s.id END`
	var lines []string
	for _, r := range query(t, l, `MATCH (n) WHERE coalesce(n.article, n.id) STARTS WITH $prefix
RETURN labels(n) AS labels, `+fmt.Sprintf(claimName, "n")+` AS name, properties(n) AS props`, map[string]any{"prefix": prefix}) {
		labels := toStrings(r["labels"])
		slices.Sort(labels)
		props := r["props"].(map[string]any)
		if slices.Contains(labels, "Claim") {
			delete(props, "id")
		}
		lines = append(lines, fmt.Sprintf("N %v %s %s", labels, r["name"], mustJSON(t, props)))
	}
	for _, r := range query(t, l, `MATCH (n)-[r]->(m) WHERE coalesce(n.article, n.id) STARTS WITH $prefix
RETURN type(r) AS type, `+fmt.Sprintf(claimName, "n")+` AS start, `+fmt.Sprintf(claimName, "m")+` AS end, properties(r) AS props`,
		map[string]any{"prefix": prefix}) {
		lines = append(lines, fmt.Sprintf("R %s %s %s %s", r["type"], r["start"], r["end"], mustJSON(t, r["props"])))
	}
	for i := range lines {
		lines[i] = strings.ReplaceAll(lines[i], prefix, "")
	}
	slices.Sort(lines)
	return lines
}

// rollUpsExact checks, for every roll-up of a prefix, that its count,
// articles and modality counts are those of the claims of its key, and that
// every claim has its roll-up.
func rollUpsExact(t *testing.T, l *DB, prefix string) {
	t.Helper()
	preds := make([]string, len(polgraph.Predicates))
	for i, p := range polgraph.Predicates {
		preds[i] = string(p)
	}
	rows := query(t, l, `MATCH (a:Actor)-[r]->(b:Actor) WHERE a.id STARTS WITH $prefix AND type(r) IN $preds
WITH r, a.id + '|' + type(r) + '|' + b.id AS key
OPTIONAL MATCH (c:Claim {key: key})
WITH r, key, count(c) AS claims, count(DISTINCT c.article) AS articles,
     sum(CASE c.modality WHEN 'asserted' THEN 1 ELSE 0 END) AS asserted,
     sum(CASE c.modality WHEN 'negated' THEN 1 ELSE 0 END) AS negated,
     sum(CASE c.modality WHEN 'intended' THEN 1 ELSE 0 END) AS intended,
     sum(CASE c.modality WHEN 'possible' THEN 1 ELSE 0 END) AS possible
RETURN key, [r.count, r.articles, r.asserted, r.negated, r.intended, r.possible] AS stored,
       [claims, articles, asserted, negated, intended, possible] AS computed`,
		map[string]any{"prefix": prefix, "preds": preds})
	bad := 0
	for _, r := range rows {
		if !slices.Equal(r["stored"].([]any), r["computed"].([]any)) {
			if bad++; bad <= 5 {
				t.Errorf("roll-up %s: stored [count articles asserted negated intended possible] %v, its claims say %v",
					strings.TrimPrefix(r["key"].(string), prefix), r["stored"], r["computed"])
			}
		}
	}
	orphans := query(t, l, `MATCH (c:Claim) WHERE c.article STARTS WITH $prefix
WITH c, split(c.key, '|') AS k
MATCH (a:Actor {id: k[0]})
WHERE NOT EXISTS { MATCH (a)-[r]->(:Actor {id: k[2]}) WHERE type(r) = k[1] }
RETURN c.key AS key LIMIT 5`, map[string]any{"prefix": prefix})
	for _, o := range orphans {
		t.Errorf("claims of %s have no roll-up", o["key"])
	}
	if len(rows) == 0 {
		t.Errorf("no roll-ups under %s", prefix)
	}
}

// articleCount is the number of a prefix's Article nodes (an index seek,
// cheap enough to poll).
func articleCount(t *testing.T, l *DB, prefix string) int {
	t.Helper()
	r := query(t, l, `MATCH (a:Article) WHERE a.id STARTS WITH $prefix RETURN count(a) AS n`, map[string]any{"prefix": prefix})
	return int(r[0]["n"].(int64))
}

// killLoad starts polgraph with args, kills it with SIGKILL delay after at
// least target articles of prefix are in the graph, and returns how many
// are (all of them when the load finished first).
func killLoad(t *testing.T, l *DB, bin string, args []string, prefix string, target int, delay time.Duration) int {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir, cmd.Env = t.TempDir(), cliEnv(t)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	for {
		select {
		case <-exited:
			return articleCount(t, l, prefix)
		case <-time.After(10 * time.Millisecond):
		}
		if articleCount(t, l, prefix) >= target {
			time.Sleep(delay)
			cmd.Process.Kill() // SIGKILL
			<-exited
			return articleCount(t, l, prefix)
		}
	}
}

// TestCrashKilledLoadResumesToSameGraph loads the extraction of
// ../shared/corpus once without interruption (the reference), then five
// times under other id prefixes, each time killing `polgraph load` with
// SIGKILL at a random point (after a random number of articles is committed
// and a random delay into the next batch) and running it again. Each
// resumed graph must equal the reference: node and relationship counts by
// label and type, the sum of the roll-ups' counts, every node and
// relationship with its properties, and roll-ups exact (each one's counts
// are those of its claims).
func TestCrashKilledLoadResumesToSameGraph(t *testing.T) {
	faultTests(t)
	l, p := openTest(t, Config{})
	ctx := context.Background()
	bin := buildPolgraph(t)
	src := extractShared(t, bin)
	uri := testenv.URI(t)
	load := func(file string) []string {
		return []string{"load", file, "--uri", uri, "--batch-size", "10"}
	}

	refPrefix := p + "ref-"
	refFile, n := prefixed(t, src, refPrefix)
	start := time.Now()
	if r := runCLI(t, bin, load(refFile)...); r.code != 0 {
		t.Fatalf("reference load: exit %d\n%s", r.code, r.stderr)
	}
	t.Logf("reference: %d articles loaded in %s", n, elapsed(start))
	ref, err := l.counts(ctx, refPrefix)
	if err != nil {
		t.Fatal(err)
	}
	if ref.Nodes["Article"] != n || ref.Nodes["Claim"] == 0 || ref.RollUpClaims != ref.Nodes["Claim"] {
		t.Fatalf("reference load incomplete or inconsistent: %+v", ref)
	}
	rollUpsExact(t, l, refPrefix)
	refLines := canonical(t, l, refPrefix)

	seed := uint64(time.Now().UnixNano())
	t.Logf("kill points from seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 7))
	for k := 1; k <= 5; k++ {
		var pre, file string
		var target, atKill int
		var delay time.Duration
		// On a fast machine the load may finish within the delay: take
		// another point (and a fresh prefix) then.
		for attempt := 0; ; attempt++ {
			if attempt == 3 {
				t.Fatalf("kill %d: the load finished before the kill three times", k)
			}
			pre = fmt.Sprintf("%sk%d.%d-", p, k, attempt)
			file, _ = prefixed(t, src, pre)
			target = 10 + rng.IntN(n-40) // articles committed before the kill
			delay = time.Duration(rng.IntN(150)) * time.Millisecond
			if atKill = killLoad(t, l, bin, load(file), pre, target, delay); atKill < n {
				break
			}
			t.Logf("kill %d: the load finished before the kill (after article %d, %s); another point", k, target, delay)
		}
		r := runCLI(t, bin, load(file)...)
		if r.code != 0 {
			t.Fatalf("kill %d: the load run again exited %d\n%s", k, r.code, r.stderr)
		}
		// A commit the server received before the kill may finish after
		// atKill was counted: the second run skips at least atKill.
		if m := regexp.MustCompile(`(\d+) already loaded`).FindStringSubmatch(r.stderr); atKill > 0 {
			if m == nil {
				t.Errorf("kill %d: run again, summary lacks \"already loaded\":\n%s", k, r.stderr)
			} else if skipped, _ := strconv.Atoi(m[1]); skipped < atKill || skipped >= n {
				t.Errorf("kill %d: run again skipped %d articles, want from %d to %d:\n%s", k, skipped, atKill, n-1, r.stderr)
			}
		}
		t.Logf("kill %d: SIGKILL %s after article %d was committed: %d of %d articles in the graph; the second run loaded the rest",
			k, delay, target, atKill, n)

		got, err := l.counts(ctx, pre)
		if err != nil {
			t.Fatal(err)
		}
		if !mapsEqual(got.Nodes, ref.Nodes) || !mapsEqual(got.Relationships, ref.Relationships) ||
			got.RollUps != ref.RollUps || got.RollUpClaims != ref.RollUpClaims {
			t.Errorf("kill %d: counts after resuming differ from an uninterrupted load:\n got %+v\nwant %+v", k, got, ref)
		}
		rollUpsExact(t, l, pre)
		if lines := canonical(t, l, pre); !slices.Equal(lines, refLines) {
			t.Errorf("kill %d: graph after resuming differs from an uninterrupted load: %s", k, diffLines(refLines, lines))
		}
	}
}

// eachResult calls f with each result of an extraction JSONL file, in
// order, until f returns false.
func eachResult(t testing.TB, path string, f func(polgraph.Result) bool) {
	t.Helper()
	in, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var r polgraph.Result
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if !f(r) {
			return
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// readResults reads an extraction JSONL file.
func readResults(t *testing.T, path string) []polgraph.Result {
	t.Helper()
	var out []polgraph.Result
	eachResult(t, path, func(r polgraph.Result) bool { out = append(out, r); return true })
	return out
}

// TestIdempotentSharedCorpus loads the extraction of the whole
// ../shared/corpus several ways: twice, reversed in other batches, split
// in two halves loaded in either order, and expects the same graph each
// time, property for property, with roll-ups that agree with their claims.
// The real corpus has what synthetic ones lack: hot actors in most
// articles, one roll-up stated by many articles, roles and re-used
// sentences.
func TestIdempotentSharedCorpus(t *testing.T) {
	l, p := openTest(t, Config{})
	src, _ := prefixed(t, extractShared(t, buildPolgraph(t)), p)
	corpus := readResults(t, src)

	writeAll(t, l, corpus, 50)
	want := takeSnapshot(t, l, p)
	if c := want.counts; c.Nodes["Article"] != len(corpus) || c.RollUpClaims != c.Nodes["Claim"] {
		t.Fatalf("counts %+v for %d articles: roll-ups must sum to the claims", c, len(corpus))
	}
	rollUpsExact(t, l, p)
	check := func(how string) { t.Helper(); want.check(t, l, p, how) }

	writeAll(t, l, corpus, 50)
	check("loaded twice")

	deletePrefix(t, l, p)
	reversed := slices.Clone(corpus)
	slices.Reverse(reversed)
	writeAll(t, l, reversed, 17)
	check("reversed, batches of 17")

	deletePrefix(t, l, p)
	half := len(corpus) / 2
	writeAll(t, l, corpus[half:], 500)
	writeAll(t, l, corpus[:half], 31)
	check("second half, then first half")
	rollUpsExact(t, l, p)
}

package graph

import (
	"slices"
	"strings"
	"testing"

	"github.com/polgraph/polgraph"
)

// TestVerifyCorruptions loads the extraction of ../shared/corpus into a
// Neo4j of the test's own, checks `polgraph verify` exits 0, then plants
// six corruptions one at a time; after each, verify must exit 1 and name
// it. `verify --repair` then repairs them all (and verifies again, exit
// 0), a second verify exits 0, and a second repair changes nothing.
func TestVerifyCorruptions(t *testing.T) {
	l, uri := privateGraph(t)
	bin := buildPolgraph(t)
	corpus := readResults(t, extractShared(t, bin))
	if r := runCLI(t, bin, "load", writeResults(t, corpus, "~v~", "v"), "--uri", uri, "-q"); r.code != 0 {
		t.Fatalf("load: exit %d\n%s", r.code, r.stderr)
	}
	want := canonical(t, l, "~v~")
	verify := func(args ...string) cliResult {
		return runCLI(t, bin, append([]string{"verify", "--uri", uri, "--max-problems", "50"}, args...)...)
	}
	if r := verify(); r.code != 0 {
		t.Fatalf("verify after a load: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	preds := make([]string, len(polgraph.Predicates))
	for i, p := range polgraph.Predicates {
		preds[i] = string(p)
	}
	var symmetric []string
	for _, p := range polgraph.Predicates {
		if p.Symmetric() {
			symmetric = append(symmetric, string(p))
		}
	}
	one := func(cypher string, params map[string]any) string {
		t.Helper()
		rows := query(t, l, cypher, params)
		if len(rows) != 1 {
			t.Fatalf("%s: %d rows", cypher, len(rows))
		}
		s, _ := rows[0]["id"].(string)
		return s
	}
	plants := []struct {
		name, kind string
		plant      func() string // returns the id the problem must name
	}{
		{"roll-up count off by one", ProblemRollUp, func() string {
			return one(`MATCH (a:Actor)-[r]->(b:Actor) WHERE type(r) IN $preds AND r.count > 1
WITH a, r, b ORDER BY a.id, type(r), b.id LIMIT 1
SET r.count = r.count + 1 RETURN a.id + '|' + type(r) + '|' + b.id AS id`, map[string]any{"preds": preds})
		}},
		{"claim without subject", ProblemClaimLinks, func() string {
			return one(`MATCH (c:Claim)-[s:SUBJECT]->() WITH c, s ORDER BY c.id LIMIT 1 DELETE s RETURN c.id AS id`, nil)
		}},
		{"duplicate symmetric roll-up", ProblemReversed, func() string {
			return one(`MATCH (a:Actor)-[r]->(b:Actor) WHERE type(r) IN $sym
WITH a, r, b ORDER BY a.id DESC, b.id LIMIT 1
CREATE (b)-[r2:$(type(r))]->(a) SET r2 = properties(r)
RETURN b.id + '|' + type(r) + '|' + a.id AS id`, map[string]any{"sym": symmetric})
		}},
		{"wrong lastSeen", ProblemRollUp, func() string {
			return one(`MATCH (a:Actor)-[r]->(b:Actor) WHERE type(r) IN $preds AND r.lastSeen IS NOT NULL
WITH a, r, b ORDER BY b.id DESC, a.id LIMIT 1
SET r.lastSeen = '1900-01-01' RETURN a.id + '|' + type(r) + '|' + b.id AS id`, map[string]any{"preds": preds})
		}},
		{"missing constraint", ProblemSchema, func() string {
			query(t, l, `DROP CONSTRAINT claim_id`, nil)
			return "claim_id"
		}},
		{"relationship of an unknown type", ProblemUnknownType, func() string {
			return one(`MATCH (a:Actor), (b:Actor) WHERE a.id < b.id WITH a, b ORDER BY a.id, b.id LIMIT 1
CREATE (a)-[:FRIENDS_WITH]->(b) RETURN a.id + '|FRIENDS_WITH|' + b.id AS id`, nil)
		}},
	}
	for _, p := range plants {
		id := p.plant()
		r := verify()
		line := p.kind + " " + id + ":"
		if r.code != 1 || !strings.Contains(r.stdout, line) {
			t.Errorf("%s: verify exit %d, want 1 and a line %q:\n%s%s", p.name, r.code, line, r.stdout, r.stderr)
			continue
		}
		for _, l := range strings.Split(r.stdout, "\n") {
			if strings.HasPrefix(l, line) {
				t.Logf("%s: %s", p.name, l)
			}
		}
	}

	r := verify("--repair")
	t.Logf("verify --repair: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	if r.code != 0 || !strings.Contains(r.stderr, "after repair: ") || !strings.Contains(r.stderr, "clean") {
		t.Errorf("verify --repair: exit %d, want 0 and clean after repair", r.code)
	}
	if r := verify(); r.code != 0 {
		t.Errorf("verify after the repair: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if got := canonical(t, l, "~v~"); !slices.Equal(got, want) {
		t.Errorf("the repaired graph differs from the load: %s", diffLines(want, got))
	}
	if r := verify("--repair"); r.code != 0 || !strings.Contains(r.stderr, "0 repaired") {
		t.Errorf("a second repair: exit %d\n%s", r.code, r.stderr)
	}
}

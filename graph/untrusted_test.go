package graph

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/internal/testenv"
)

// TestUntrustedStrings (loader_test.go) writes hostile strings through
// DB.Write. TestUntrustedJSONLThroughLoad takes the path a user's file
// takes: extraction JSONL read by `polgraph load`, hostile strings in every
// field (ids included), JSON escapes, a 100 KB sentence, and records with
// an unknown predicate (one of them shaped like Cypher). The valid record
// reads back byte for byte; each invalid one is a warning naming the file
// and line, counted as skipped, and loads nothing; the exit code is 0; and
// the prefix's data has only polgraph's labels and relationship types.
func TestUntrustedJSONLThroughLoad(t *testing.T) {
	l, p := openTest(t, Config{})
	bin := buildPolgraph(t)
	hostile := []string{
		`"quoted" 'single' \backslash\ ` + "`backtick`",
		"{braces} $param ${x} %s %v {{.}}",
		"line\nbreak\r\nand\ttab",
		"control \x01\x07\x1b[31m\x1f\x7f\u0085",
		"RTL \u202eevil\u202c عربى עברית and combining e\u0301 a\u0308 \u200d\ufeff",
		"'}) DETACH DELETE n //",
		`"}) MATCH (n) DETACH DELETE n //`,
		"`) MATCH (n) DETACH DELETE n; CREATE (x:Hacked {a:1}) //",
		"emoji 😀 and \U0010FFFF and \uE000",
	}
	big := strings.Repeat("A hundred kilobytes of sentence: \"'`${}\\\n ", 100*1024/40)
	sid := p + "s `'}) DETACH DELETE n //"
	oid := p + "o\n$x\u202e"
	var rels []polgraph.Relation
	for i, s := range append(slices.Clone(hostile), big) {
		rels = append(rels, polgraph.Relation{Subject: sid, Predicate: polgraph.OfficialOf, Object: oid,
			Category: polgraph.OfficialOf.Category(), Modality: polgraph.Asserted, Role: s,
			Evidence: polgraph.Evidence{Sentence: s, Start: i, End: i + len(s), Trigger: s, Confidence: 0.5, Rule: s}})
	}
	good := polgraph.Result{
		Article: polgraph.Article{ID: p + "art '}) DETACH DELETE n //", Title: strings.Join(hostile, "|"),
			URL: "https://example.org/?q='})%20DETACH%20DELETE%20n%20//&x=\"`", Source: hostile[1], Published: "2024-07-28"},
		Actors: []polgraph.Actor{
			{ID: sid, Name: hostile[4], Type: polgraph.Person, Country: hostile[0], Aliases: hostile, Mentions: 2,
				Roles: []polgraph.Role{{Title: hostile[5], Of: oid, From: "2019"}}},
			{ID: oid, Name: hostile[6], Type: polgraph.Organization, Aliases: []string{big}, Mentions: 1},
		},
		Relations: rels,
	}
	unknown := good
	unknown.Article.ID = p + "unknown"
	unknown.Relations = []polgraph.Relation{rels[0], rels[1]}
	unknown.Relations[1].Predicate = "BEFRIENDED"
	injected := good
	injected.Article.ID = p + "injected"
	injected.Relations = []polgraph.Relation{rels[0]}
	injected.Relations[0].Predicate = "MET_WITH]->() MATCH (n) DETACH DELETE n //"
	var lines []string
	for _, r := range []polgraph.Result{good, unknown, injected} {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, string(b))
	}
	// JSON escapes decode to the bytes they stand for.
	lines = append(lines, `{"article":{"id":"`+p+`escapes","title":"\u0007bell \"q\" \\ \/ \ud83d\ude00 \u202e","published":"","url":"","source":""},"actors":[],"relations":[]}`)
	file := filepath.Join(t.TempDir(), "hostile.jsonl")
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	r := runCLI(t, bin, "load", file, "--uri", testenv.URI(t), "--wait", "5m") // cmd tests may hold the lease
	if r.code != 0 {
		t.Fatalf("exit %d, want 0 (bad records are warnings)\n%s", r.code, r.stderr)
	}
	t.Logf("polgraph load:\n%.2000s", r.stderr)
	for _, want := range []string{
		file + `:2: invalid record: relation 1: unknown predicate \"BEFRIENDED\"`,
		file + `:3: invalid record: relation 0: unknown predicate \"MET_WITH]->() MATCH (n) DETACH DELETE n //\"`,
		"load: 4 records read: 2 loaded, 2 skipped",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%.3000s", want, r.stderr)
		}
	}

	// Nothing of the rejected records was loaded.
	if got, _ := l.Loaded(t.Context(), []string{p + "unknown", p + "injected", good.Article.ID, p + "escapes"}); len(got) != 2 ||
		!got[good.Article.ID] || !got[p+"escapes"] {
		t.Errorf("articles in the graph: %v, want only the valid two", got)
	}

	// Byte for byte.
	a := query(t, l, `MATCH (ar:Article {id: $id}) RETURN ar.title AS title, ar.url AS url, ar.source AS source`,
		map[string]any{"id": good.Article.ID})
	if len(a) != 1 || a[0]["title"] != good.Article.Title || a[0]["url"] != good.Article.URL || a[0]["source"] != good.Article.Source {
		t.Errorf("article read back as %q", a)
	}
	e := query(t, l, `MATCH (ar:Article {id: $id}) RETURN ar.title AS title`, map[string]any{"id": p + "escapes"})
	if want := "\abell \"q\" \\ / 😀 \u202e"; len(e) != 1 || e[0]["title"] != want {
		t.Errorf("escaped title read back as %q, want %q", e, want)
	}
	s := query(t, l, `MATCH (a:Actor {id: $id}) RETURN a.name AS name, a.country AS country, a.aliases AS aliases`,
		map[string]any{"id": sid})
	if len(s) != 1 || s[0]["name"] != hostile[4] || s[0]["country"] != hostile[0] ||
		!slices.Equal(toStrings(s[0]["aliases"]), union(hostile, nil)) {
		t.Errorf("actor read back as %q", s)
	}
	o := query(t, l, `MATCH (a:Actor {id: $id}) RETURN a.name AS name, a.aliases AS aliases`, map[string]any{"id": oid})
	if len(o) != 1 || o[0]["name"] != hostile[6] || !slices.Equal(toStrings(o[0]["aliases"]), []string{big}) {
		t.Errorf("organisation with a 100 KB alias read back wrong")
	}
	for _, rel := range rels {
		c := query(t, l, `MATCH (ar:Article {id: $art})-[:STATES]->(c:Claim {id: $id})-[:SUBJECT]->(s:Actor {id: $s}),
			(c)-[:OBJECT]->(o:Actor {id: $o})
			RETURN c.sentence AS sentence, c.trigger AS trigger, c.rule AS rule, c.role AS role`,
			map[string]any{"art": good.Article.ID, "id": claimID(good.Article.ID, rel), "s": sid, "o": oid})
		if len(c) != 1 {
			t.Fatalf("claim %.40q not found with its article and actors", rel.Sentence)
		}
		for _, k := range []string{"sentence", "trigger", "rule", "role"} {
			if c[0][k] != rel.Sentence {
				t.Errorf("claim %s %.60q read back as %.60q", k, rel.Sentence, c[0][k])
			}
		}
	}
	ru := query(t, l, `MATCH (:Actor {id: $s})-[r:OFFICIAL_OF]->(:Actor {id: $o}) RETURN r.count AS n`, map[string]any{"s": sid, "o": oid})
	if len(ru) != 1 || ru[0]["n"] != int64(len(rels)) {
		t.Errorf("roll-up %v, want one OFFICIAL_OF counting %d claims", ru, len(rels))
	}

	// Labels and relationship types come from polgraph, never from input.
	known := map[string]bool{"Actor": true, "Person": true, "Country": true, "Organization": true, "Article": true, "Claim": true,
		"MENTIONS": true, "STATES": true, "SUBJECT": true, "OBJECT": true}
	for _, pr := range polgraph.Predicates {
		known[string(pr)] = true
	}
	for _, row := range query(t, l, `MATCH (n) WHERE coalesce(n.article, n.id) STARTS WITH $p
		OPTIONAL MATCH (n)-[r]-() RETURN collect(DISTINCT labels(n)) AS labels, collect(DISTINCT type(r)) AS types`,
		map[string]any{"p": p}) {
		for _, ls := range row["labels"].([]any) {
			for _, lb := range toStrings(ls) {
				if !known[lb] {
					t.Errorf("label %q in the graph", lb)
				}
			}
		}
		for _, ty := range toStrings(row["types"]) {
			if !known[ty] {
				t.Errorf("relationship type %q in the graph", ty)
			}
		}
	}
	if h := query(t, l, `MATCH (n:Hacked) RETURN count(n) AS n`, nil); h[0]["n"] != int64(0) {
		t.Errorf("%v nodes labelled Hacked", h[0]["n"])
	}
}

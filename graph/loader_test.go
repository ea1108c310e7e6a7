package graph

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/polgraph/polgraph"
)

// worked builds the ontology's worked example under prefix p: two articles,
// four actors, a symmetric MET_WITH seen in both directions, a LEADS with a
// role the knowledge base knows, and a conflict.
func worked(p string) []polgraph.Result {
	khamenei := polgraph.Actor{ID: p + "ali-khamenei", Name: "Ali Khamenei", Type: polgraph.Person, Country: "IRN",
		Aliases: []string{"Khamenei", "Ali Khamenei"}, Mentions: 7,
		Roles: []polgraph.Role{{Title: "Supreme Leader", Of: p + "iran", From: "1989-06-04"}}}
	pezeshkian := polgraph.Actor{ID: p + "masoud-pezeshkian", Name: "Masoud Pezeshkian", Type: polgraph.Person, Country: "IRN",
		Aliases: []string{"Pezeshkian"}, Mentions: 3,
		Roles: []polgraph.Role{{Title: "President", Of: p + "iran", From: "2024-07-28"}}}
	iran := polgraph.Actor{ID: p + "iran", Name: "Iran", Type: polgraph.Country, Country: "IRN", Aliases: []string{"Iran", "Iranian"}, Mentions: 11}
	israel := polgraph.Actor{ID: p + "israel", Name: "Israel", Type: polgraph.Country, Country: "ISR", Aliases: []string{"Israel"}, Mentions: 2}
	rel := func(s string, pr polgraph.Predicate, o string, m polgraph.Modality, role string, start int, conf float64) polgraph.Relation {
		return polgraph.Relation{Subject: p + s, Predicate: pr, Object: p + o, Category: pr.Category(), Modality: m, Role: role,
			Evidence: polgraph.Evidence{Sentence: "Sentence at " + string(rune('A'+start/100)), Start: start, End: start + 50,
				Trigger: "trigger", Confidence: conf, Rule: "rule"}}
	}
	return []polgraph.Result{
		{
			Article: polgraph.Article{ID: p + "seed-1", Title: "Khamenei meets Pezeshkian", Published: "2024-07-28",
				URL: "https://example.org/1", Source: "Wire"},
			Actors: []polgraph.Actor{khamenei, pezeshkian, iran, israel},
			Relations: []polgraph.Relation{
				rel("ali-khamenei", polgraph.MetWith, "masoud-pezeshkian", polgraph.Asserted, "", 0, 0.82),
				rel("masoud-pezeshkian", polgraph.Leads, "iran", polgraph.Asserted, "President", 100, 0.9),
				rel("iran", polgraph.InConflictWith, "israel", polgraph.Asserted, "", 200, 0.7),
			},
		},
		{
			Article: polgraph.Article{ID: p + "seed-2", Title: "Second meeting", Published: "2024-08-02", Source: "Wire"},
			Actors:  []polgraph.Actor{pezeshkian, khamenei, israel, iran},
			Relations: []polgraph.Relation{
				rel("masoud-pezeshkian", polgraph.MetWith, "ali-khamenei", polgraph.Intended, "", 0, 0.6),
				rel("israel", polgraph.Criticized, "iran", polgraph.Negated, "", 100, 0.5),
				rel("masoud-pezeshkian", polgraph.Leads, "iran", polgraph.Asserted, "president", 200, 0.95),
				rel("masoud-pezeshkian", polgraph.Leads, "iran", polgraph.Possible, "President", 300, 0.4),
			},
		},
	}
}

func TestModel(t *testing.T) {
	l, p := openTest(t, Config{})
	st := writeAll(t, l, worked(p), 10)
	if want := (Stats{Articles: 2, Actors: 4, Claims: 7, RollUps: 4}); st != want {
		t.Errorf("stats %+v, want %+v", st, want)
	}
	gc, err := l.counts(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	wantNodes := map[string]int{"Actor": 4, "Person": 2, "Country": 2, "Article": 2, "Claim": 7}
	if !mapsEqual(gc.Nodes, wantNodes) {
		t.Errorf("nodes %v, want %v", gc.Nodes, wantNodes)
	}
	wantRels := map[string]int{"MENTIONS": 8, "STATES": 7, "SUBJECT": 7, "OBJECT": 7,
		"MET_WITH": 1, "LEADS": 1, "IN_CONFLICT_WITH": 1, "CRITICIZED": 1}
	if !mapsEqual(gc.Relationships, wantRels) {
		t.Errorf("relationships %v, want %v", gc.Relationships, wantRels)
	}
	if gc.RollUps != 4 || gc.RollUpClaims != 7 {
		t.Errorf("roll-ups %d summing %d, want 4 summing 7", gc.RollUps, gc.RollUpClaims)
	}

	// Actors: labels and merged properties.
	a := query(t, l, `MATCH (a:Actor {id: $id}) RETURN labels(a) AS labels, a.name AS name, a.type AS type,
		a.country AS country, a.aliases AS aliases, a.kbRoles AS roles`, map[string]any{"id": p + "ali-khamenei"})
	if len(a) != 1 {
		t.Fatalf("khamenei: %v", a)
	}
	if got := toStrings(a[0]["labels"]); !slices.Equal(sorted(got), []string{"Actor", "Person"}) {
		t.Errorf("labels %v", got)
	}
	if a[0]["name"] != "Ali Khamenei" || a[0]["type"] != "Person" || a[0]["country"] != "IRN" {
		t.Errorf("khamenei %v", a[0])
	}
	if got := toStrings(a[0]["aliases"]); !slices.Equal(got, []string{"Ali Khamenei", "Khamenei"}) {
		t.Errorf("aliases %v, want sorted union", got)
	}
	if got := toStrings(a[0]["roles"]); !slices.Equal(got, []string{"Supreme Leader\t" + p + "iran\t1989-06-04\t"}) {
		t.Errorf("kbRoles %q", got)
	}

	// MENTIONS counts, article properties.
	m := query(t, l, `MATCH (ar:Article {id: $id})-[m:MENTIONS]->(a:Actor) RETURN a.id AS actor, m.count AS count,
		ar.actors AS actors, ar.relations AS relations, ar.title AS title ORDER BY actor`, map[string]any{"id": p + "seed-1"})
	if len(m) != 4 || m[0]["actor"] != p+"ali-khamenei" || m[0]["count"] != int64(7) || m[1]["count"] != int64(11) {
		t.Errorf("mentions %v", m)
	}
	if m[0]["actors"] != int64(4) || m[0]["relations"] != int64(3) || m[0]["title"] != "Khamenei meets Pezeshkian" {
		t.Errorf("article %v", m[0])
	}

	// Claims link to their article, subject and object, and keep the
	// extracted direction while the key is canonical.
	c := query(t, l, `MATCH (ar:Article)-[:STATES]->(c:Claim {predicate: 'MET_WITH'})-[:SUBJECT]->(s:Actor),
		(c)-[:OBJECT]->(o:Actor) WHERE ar.id = c.article
		RETURN ar.id AS article, s.id AS subject, o.id AS object, c.key AS key, c.modality AS modality,
		c.published AS published, c.category AS category, c.start AS start ORDER BY article`, nil)
	c = onlyPrefix(c, "article", p)
	if len(c) != 2 {
		t.Fatalf("MET_WITH claims %v", c)
	}
	key := p + "ali-khamenei|MET_WITH|" + p + "masoud-pezeshkian"
	if c[0]["subject"] != p+"ali-khamenei" || c[1]["subject"] != p+"masoud-pezeshkian" || c[0]["key"] != key || c[1]["key"] != key {
		t.Errorf("claims %v", c)
	}
	if c[1]["modality"] != "intended" || c[1]["published"] != "2024-08-02" || c[1]["category"] != "CONSULT" || c[1]["start"] != int64(0) {
		t.Errorf("claim %v", c[1])
	}

	// Roll-ups.
	r := query(t, l, `MATCH (a:Actor)-[r:MET_WITH]-(b:Actor) WHERE a.id = $a RETURN startNode(r).id AS start, properties(r) AS props`,
		map[string]any{"a": p + "masoud-pezeshkian"})
	if len(r) != 1 || r[0]["start"] != p+"ali-khamenei" {
		t.Fatalf("MET_WITH roll-up %v: want one, from the smaller id", r)
	}
	wantProps(t, "MET_WITH", r[0]["props"], map[string]any{"count": int64(2), "articles": int64(2),
		"firstSeen": "2024-07-28", "lastSeen": "2024-08-02", "asserted": int64(1), "intended": int64(1),
		"negated": int64(0), "possible": int64(0), "confidence": 0.82})
	r = query(t, l, `MATCH (a:Actor {id: $a})-[r:LEADS]->(b:Actor {id: $b}) RETURN properties(r) AS props`,
		map[string]any{"a": p + "masoud-pezeshkian", "b": p + "iran"})
	if len(r) != 1 {
		t.Fatalf("LEADS roll-up %v", r)
	}
	wantProps(t, "LEADS", r[0]["props"], map[string]any{"count": int64(3), "articles": int64(2),
		"firstSeen": "2024-07-28", "lastSeen": "2024-08-02", "asserted": int64(2), "possible": int64(1),
		"negated": int64(0), "intended": int64(0), "confidence": 0.95, "role": "President", "from": "2024-07-28",
		"roles": []any{"President", "president"}, "roleCounts": []any{int64(2), int64(1)}})
	r = query(t, l, `MATCH (a:Actor {id: $a})-[r:CRITICIZED]->(b:Actor {id: $b}) RETURN properties(r) AS props`,
		map[string]any{"a": p + "israel", "b": p + "iran"})
	if len(r) != 1 {
		t.Fatalf("CRITICIZED roll-up %v", r)
	}
	wantProps(t, "CRITICIZED", r[0]["props"], map[string]any{"count": int64(1), "articles": int64(1),
		"firstSeen": "2024-08-02", "lastSeen": "2024-08-02", "asserted": int64(0), "negated": int64(1),
		"intended": int64(0), "possible": int64(0), "confidence": 0.5})

	// Loaded.
	got, err := l.Loaded(context.Background(), []string{p + "seed-1", p + "seed-3", p + "seed-2"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !got[p+"seed-1"] || !got[p+"seed-2"] {
		t.Errorf("Loaded = %v", got)
	}
}

func wantProps(t *testing.T, what string, got any, want map[string]any) {
	t.Helper()
	g := got.(map[string]any)
	if len(g) != len(want) {
		t.Errorf("%s: properties %v, want %v", what, g, want)
		return
	}
	for k, v := range want {
		if !reflect.DeepEqual(g[k], v) {
			t.Errorf("%s: %s = %v (%T), want %v", what, k, g[k], g[k], v)
		}
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func sorted(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }

func onlyPrefix(rows []map[string]any, key, p string) []map[string]any {
	var out []map[string]any
	for _, r := range rows {
		if s, _ := r[key].(string); strings.HasPrefix(s, p) {
			out = append(out, r)
		}
	}
	return out
}

// TestIdempotent loads one corpus several ways: twice, reversed, in other
// batches, split in two files loaded in either order, and expects the same
// graph, property for property.
func TestIdempotent(t *testing.T) {
	l, p := openTest(t, Config{})
	corpus := synth(synthOptions{prefix: p, articles: 120, relations: 6, actors: 40, seed: 7})

	writeAll(t, l, corpus, 25)
	want := takeSnapshot(t, l, p)
	if c := want.counts; c.RollUpClaims != c.Nodes["Claim"] || c.Nodes["Claim"] != 120*6 {
		t.Fatalf("counts %+v: roll-ups must sum to the claims", c)
	}
	check := func(how string) { t.Helper(); want.check(t, l, p, how) }

	writeAll(t, l, corpus, 25)
	check("loaded twice")

	deletePrefix(t, l, p)
	reversed := slices.Clone(corpus)
	slices.Reverse(reversed)
	writeAll(t, l, reversed, 7)
	check("reversed, batches of 7")

	deletePrefix(t, l, p)
	var odd, even []polgraph.Result
	for i, r := range corpus {
		if i%2 == 0 {
			even = append(even, r)
		} else {
			odd = append(odd, r)
		}
	}
	writeAll(t, l, odd, 13)
	writeAll(t, l, even, 200)
	check("odd file then even file")

	writeAll(t, l, even, 3)
	writeAll(t, l, odd, 1000)
	check("and both again")
}

// TestActorMergeOrder checks the actor merge rules: whatever order the
// articles come in, the same name, type, label, country and aliases win.
func TestActorMergeOrder(t *testing.T) {
	l, p := openTest(t, Config{})
	variants := []polgraph.Actor{
		{ID: p + "x", Name: "Hezbollah", Type: polgraph.Organization, Country: "", Aliases: []string{"Hezbollah"}},
		{ID: p + "x", Name: "Hizbullah", Type: polgraph.Organization, Country: "LBN", Aliases: []string{"Hizbullah", "Party of God"}},
		{ID: p + "x", Name: "Hezbollah Movement", Type: polgraph.Country, Country: "ABC", Aliases: []string{"Hezbollah"}},
		{ID: p + "x", Name: "Hezbollah Movemenu", Type: polgraph.Person, Country: "", Aliases: nil},
		{ID: p + "x", Name: "Hezbollah Movemens", Type: polgraph.Person, Country: "LBN", Aliases: []string{"حزب الله"}},
	}
	results := func(order []int) []polgraph.Result {
		var out []polgraph.Result
		for _, i := range order {
			out = append(out, polgraph.Result{Article: polgraph.Article{ID: p + "art" + string(rune('0'+i))},
				Actors: []polgraph.Actor{variants[i]}})
		}
		return out
	}
	var want []string
	for _, order := range [][]int{{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {2, 0, 4, 1, 3}, {3, 1, 0, 4, 2}} {
		deletePrefix(t, l, p)
		for _, r := range results(order) {
			writeAll(t, l, []polgraph.Result{r}, 1) // one article per transaction
		}
		got := dump(t, l, p+"x")
		if want == nil {
			want = got
			a := query(t, l, `MATCH (a:Actor {id: $id}) RETURN labels(a) AS labels, properties(a) AS props`, map[string]any{"id": p + "x"})
			wantProps(t, "actor", a[0]["props"], map[string]any{"id": p + "x", "name": "Hezbollah Movemens", "type": "Country",
				"country": "ABC", "aliases": []any{"Hezbollah", "Hizbullah", "Party of God", "حزب الله"}})
			if got := sorted(toStrings(a[0]["labels"])); !slices.Equal(got, []string{"Actor", "Country"}) {
				t.Errorf("labels %v", got)
			}
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("order %v: %s", order, diffLines(want, got))
		}
	}
	// The same rules in Go (used by the export) agree with the Cypher.
	row := newActorRow(variants[3])
	for _, i := range []int{1, 4, 0, 2} {
		row.merge(newActorRow(variants[i]))
	}
	if row.name != "Hezbollah Movemens" || row.typ != "Country" || row.country != "ABC" || len(row.aliases) != 4 {
		t.Errorf("Go merge: %+v", row)
	}
}

// TestReload re-loads a changed article: its dropped claims go, kept ones
// stay, roll-ups shrink, and a roll-up left without claims disappears.
func TestReload(t *testing.T) {
	l, p := openTest(t, Config{})
	ctx := context.Background()
	first := worked(p)
	writeAll(t, l, first, 10)

	changed := worked(p)[1]
	changed.Relations = []polgraph.Relation{
		changed.Relations[0], // MET_WITH kept
		{Subject: p + "iran", Predicate: polgraph.Threatened, Object: p + "israel", Category: polgraph.Threatened.Category(),
			Modality: polgraph.Asserted, Evidence: polgraph.Evidence{Sentence: "Iran threatened Israel.", Start: 500, End: 523, Trigger: "threatened", Confidence: 0.7}},
	}
	changed.Actors[3].Mentions = 99
	changed.Article.Title = "Second meeting, corrected"
	st, err := l.Write(ctx, []polgraph.Result{changed})
	if err != nil {
		t.Fatal(err)
	}
	if st.Claims != 2 || st.Articles != 1 {
		t.Errorf("stats %+v", st)
	}
	gc, err := l.counts(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	// Article 1: 3 claims; article 2 now: 2 claims.
	if gc.Nodes["Claim"] != 5 || gc.RollUpClaims != 5 {
		t.Errorf("claims %d, roll-ups sum %d, want 5 and 5", gc.Nodes["Claim"], gc.RollUpClaims)
	}
	if gc.Relationships["CRITICIZED"] != 0 {
		t.Errorf("CRITICIZED roll-up survives without claims")
	}
	if gc.Relationships["THREATENED"] != 1 || gc.Relationships["MET_WITH"] != 1 || gc.Relationships["MENTIONS"] != 8 {
		t.Errorf("relationships %v", gc.Relationships)
	}
	r := query(t, l, `MATCH (:Actor {id: $a})-[r:LEADS]->(:Actor {id: $b}) RETURN r.count AS n, r.articles AS articles, r.lastSeen AS last`,
		map[string]any{"a": p + "masoud-pezeshkian", "b": p + "iran"})
	if len(r) != 1 || r[0]["n"] != int64(1) || r[0]["articles"] != int64(1) || r[0]["last"] != "2024-07-28" {
		t.Errorf("LEADS after re-load %v, want count 1 from seed-1 only", r)
	}
	r = query(t, l, `MATCH (ar:Article {id: $id}) OPTIONAL MATCH (ar)-[m:MENTIONS]->(:Actor {id: $x})
		RETURN ar.title AS title, ar.relations AS rels, m.count AS count`, map[string]any{"id": p + "seed-2", "x": p + "iran"})
	if r[0]["title"] != "Second meeting, corrected" || r[0]["rels"] != int64(2) || r[0]["count"] != int64(99) {
		t.Errorf("article after re-load %v", r)
	}

	// Loading the first version again restores the first graph.
	writeAll(t, l, first, 10)
	before := dump(t, l, p)
	deletePrefix(t, l, p)
	writeAll(t, l, first, 10)
	if after := dump(t, l, p); !slices.Equal(before, after) {
		t.Errorf("re-load back differs from a fresh load: %s", diffLines(after, before))
	}
}

// TestRejected checks that invalid records are skipped, counted and logged,
// and that the valid rest of the batch is written.
func TestRejected(t *testing.T) {
	rec := &logRecorder{}
	l, p := openTest(t, Config{Logger: slog.New(rec)})
	ctx := context.Background()
	good := worked(p)
	bad := good[0]
	bad.Relations = append(slices.Clone(bad.Relations),
		polgraph.Relation{Subject: p + "iran", Predicate: "BEFRIENDED", Object: p + "israel", Category: "CONSULT", Modality: polgraph.Asserted},
		polgraph.Relation{Subject: p + "iran", Predicate: polgraph.Attacked, Object: p + "nobody", Category: polgraph.Attacked.Category(), Modality: polgraph.Asserted},
	)
	badActor := polgraph.Result{Article: polgraph.Article{ID: p + "bad-actor"},
		Actors: []polgraph.Actor{{ID: p + "ghost", Name: "Ghost", Type: "Spirit"}}}
	st, err := l.Write(ctx, []polgraph.Result{bad, badActor, good[1]})
	if err != nil {
		t.Fatal(err)
	}
	if st.Rejected != 3 || st.Articles != 2 || st.Claims != 7 {
		t.Errorf("stats %+v, want 3 rejected, 2 articles, 7 claims", st)
	}
	gc, err := l.counts(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if gc.Nodes["Claim"] != 7 || gc.Nodes["Article"] != 2 || gc.Relationships["ATTACKED"] != 0 || gc.Nodes["Actor"] != 4 {
		t.Errorf("counts %+v", gc)
	}
	var preds []string
	for _, r := range rec.records {
		if r["level"] != "WARN" {
			continue
		}
		if _, ok := r["err"].(error); !ok || r["article"] == nil {
			t.Errorf("warning without article or err: %v", r)
		}
		if pr, ok := r["predicate"].(string); ok {
			preds = append(preds, pr)
		}
	}
	if len(rec.records) != 3 || !slices.Equal(preds, []string{"BEFRIENDED", "ATTACKED"}) {
		t.Errorf("warnings %v", rec.records)
	}
}

// TestHotActor loads 2000 articles that all name one actor, in batches of
// 100, and checks nothing is lost (and, by finishing, that nothing
// deadlocks).
func TestHotActor(t *testing.T) {
	l, p := openTest(t, Config{})
	ctx := context.Background()
	corpus := synth(synthOptions{prefix: p, articles: 2000, relations: 5, actors: 300, seed: 3})
	start := time.Now()
	st := writeAll(t, l, corpus, 100)
	t.Logf("2000 articles, %d claims in %s", st.Claims, elapsed(start))
	gc, err := l.counts(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if gc.Nodes["Claim"] != 10000 || gc.RollUpClaims != 10000 || gc.Nodes["Article"] != 2000 {
		t.Errorf("counts %+v", gc)
	}
	r := query(t, l, `MATCH (a:Actor {id: $id}) RETURN COUNT { (a)<-[:MENTIONS]-() } AS mentions`, map[string]any{"id": p + "a0000"})
	if r[0]["mentions"] != int64(2000) {
		t.Errorf("hot actor mentioned by %v articles, want 2000", r[0]["mentions"])
	}
}

// TestUntrustedStrings stores hostile strings everywhere a string goes and
// reads them back byte for byte.
func TestUntrustedStrings(t *testing.T) {
	l, p := openTest(t, Config{})
	ctx := context.Background()
	hostile := []string{
		`"quoted" 'single' \backslash\ ` + "`backtick`",
		"{braces} $param ${x} %s %v",
		"line\nbreak\r\nand\ttab",
		"control \x00\x01\x07\x1b[31m\x1f\x7f",
		"RTL \u202eevil\u202c عربى עברית and combining e\u0301 a\u0308 \u200d\ufeff",
		"'}) DETACH DELETE n //",
		`"}) MATCH (n) DETACH DELETE n //`,
		"emoji 😀 and \U0010FFFF and \uE000",
	}
	big := strings.Repeat("A hundred kilobytes of sentence: \"'`${}\\\n ", 100*1024/40)
	var rels []polgraph.Relation
	for i, s := range append(hostile, big) {
		rels = append(rels, polgraph.Relation{Subject: p + "s", Predicate: polgraph.OfficialOf, Object: p + "o",
			Category: polgraph.OfficialOf.Category(), Modality: polgraph.Asserted, Role: s,
			Evidence: polgraph.Evidence{Sentence: s, Start: i, End: i + len(s), Trigger: s, Confidence: 0.5, Rule: s}})
	}
	res := polgraph.Result{
		Article: polgraph.Article{ID: p + "art", Title: strings.Join(hostile, "|"), URL: hostile[5], Source: hostile[1], Published: hostile[3]},
		Actors: []polgraph.Actor{
			{ID: p + "s", Name: hostile[4], Type: polgraph.Person, Country: hostile[0], Aliases: hostile,
				Roles: []polgraph.Role{{Title: hostile[5], Of: p + "o", From: hostile[2]}}},
			{ID: p + "o", Name: hostile[5], Type: polgraph.Organization, Aliases: []string{big}},
		},
		Relations: rels,
	}
	if _, err := l.Write(ctx, []polgraph.Result{res}); err != nil {
		t.Fatal(err)
	}
	for _, rel := range rels {
		id := claimID(res.Article.ID, rel)
		r := query(t, l, `MATCH (c:Claim {id: $id}) RETURN c.sentence AS sentence, c.trigger AS trigger, c.rule AS rule, c.role AS role`,
			map[string]any{"id": id})
		if len(r) != 1 {
			t.Fatalf("claim for %.40q not found", rel.Sentence)
		}
		for _, k := range []string{"sentence", "trigger", "rule", "role"} {
			if r[0][k] != rel.Sentence {
				t.Errorf("%s %.60q read back as %.60q", k, rel.Sentence, r[0][k])
			}
		}
	}
	a := query(t, l, `MATCH (ar:Article {id: $id}) RETURN ar.title AS title, ar.url AS url, ar.source AS source, ar.published AS published`,
		map[string]any{"id": res.Article.ID})
	if a[0]["title"] != res.Article.Title || a[0]["url"] != hostile[5] || a[0]["source"] != hostile[1] || a[0]["published"] != hostile[3] {
		t.Errorf("article read back as %q", a[0])
	}
	s := query(t, l, `MATCH (a:Actor {id: $id}) RETURN a.name AS name, a.country AS country, a.aliases AS aliases, a.kbRoles AS roles`,
		map[string]any{"id": p + "s"})
	wantAliases := union(hostile, nil)
	if s[0]["name"] != hostile[4] || s[0]["country"] != hostile[0] || !slices.Equal(toStrings(s[0]["aliases"]), wantAliases) {
		t.Errorf("actor read back as %q", s[0])
	}
	if got := toStrings(s[0]["roles"]); len(got) != 1 || got[0] != kbRole(res.Actors[0].Roles[0]) {
		t.Errorf("roles read back as %q", got)
	}
	o := query(t, l, `MATCH (a:Actor {id: $id}) RETURN a.aliases AS aliases`, map[string]any{"id": p + "o"})
	if got := toStrings(o[0]["aliases"]); len(got) != 1 || got[0] != big {
		t.Errorf("100 KB alias read back with %d bytes", len(got[0]))
	}
	// Roll-up role and kbRoles matching with hostile text.
	r := query(t, l, `MATCH (:Actor {id: $s})-[r:OFFICIAL_OF]->(:Actor {id: $o}) RETURN r.count AS n, r.role AS role, r.from AS from`,
		map[string]any{"s": p + "s", "o": p + "o"})
	if len(r) != 1 || r[0]["n"] != int64(len(rels)) {
		t.Fatalf("roll-up %v", r)
	}
}

// TestSchema runs EnsureSchema again (idempotent) and checks the full-text
// index finds an actor by an alias held only in its aliases list.
func TestSchema(t *testing.T) {
	l, p := openTest(t, Config{})
	ctx := context.Background()
	if err := l.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	if err := l.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	idx := query(t, l, `SHOW INDEXES YIELD name, state, type WHERE name IN ['actorNames', 'claim_key', 'actor_id'] RETURN name, state, type ORDER BY name`, nil)
	if len(idx) != 3 {
		t.Errorf("indexes %v", idx)
	}
	for _, i := range idx {
		if i["state"] != "ONLINE" {
			t.Errorf("index %v not online", i)
		}
	}
	word := strings.ReplaceAll(p, "-", "") + "zorblax"
	writeAll(t, l, []polgraph.Result{{Article: polgraph.Article{ID: p + "art"},
		Actors: []polgraph.Actor{{ID: p + "x", Name: "Plain Name", Type: polgraph.Organization, Aliases: []string{"Other", word + " Front"}}}}}, 1)
	r := query(t, l, `CALL db.index.fulltext.queryNodes('actorNames', $q) YIELD node RETURN node.id AS id`, map[string]any{"q": word})
	if len(r) != 1 || r[0]["id"] != p+"x" {
		t.Errorf("full-text search for an alias found %v", r)
	}
}

// TestOpenUnreachable opens a closed port: one line naming the URI, in time.
// It needs no server.
func TestOpenUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	uri := "bolt://" + addr
	start := time.Now()
	l, err := Open(context.Background(), Config{URI: uri, User: "neo4j", Password: "s3cret-pass"})
	if err == nil {
		l.Close(context.Background())
		t.Fatal("Open of a closed port succeeded")
	}
	if d := time.Since(start); d > 15*time.Second {
		t.Errorf("Open took %s", d)
	}
	msg := err.Error()
	want := "cannot reach Neo4j at " + uri + ": connection refused"
	if msg != want {
		t.Errorf("error %q, want %q", msg, want)
	}
	if strings.Contains(msg, "\n") || strings.Contains(msg, "s3cret") {
		t.Errorf("error %q spans lines or shows the password", msg)
	}
	// Credentials in the URI are not shown either.
	_, err = Open(context.Background(), Config{URI: "bolt://neo4j:s3cret-pass@" + addr, ConnectTimeout: 2 * time.Second})
	if err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("error %v", err)
	}
	// A host that does not answer at all: bounded by ConnectTimeout.
	start = time.Now()
	_, err = Open(context.Background(), Config{URI: "bolt://10.255.255.1:7687", ConnectTimeout: time.Second})
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.HasPrefix(err.Error(), "cannot reach Neo4j at bolt://10.255.255.1:7687: ") {
		t.Errorf("error %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Open of a silent host took %s with a 1s timeout", d)
	}
	t.Log(err)
	var ctxErr error = context.Canceled
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Open(ctx, Config{URI: uri}); !errors.Is(err, ctxErr) {
		t.Errorf("Open with a cancelled context: %v", err)
	}
}

// TestPlans EXPLAINs every statement and fails on an Eager operator (which
// buffers a whole batch between clauses) or a scan where an index seek
// belongs. The delete statements are exempt: Cypher always plans an Eager
// before a DELETE fed by a MATCH of the same pattern, and they run only
// when re-loaded articles drop claims, on a handful of rows.
func TestPlans(t *testing.T) {
	l, _ := openTest(t, Config{})
	statements := []string{storedActorsCypher, retypeActorsCypher, existingCypher, mergeArticleCypher,
		createMentionsCypher, createClaimsCypher, updateClaimsCypher, aggregateCypher, loadedCypher,
		storedRollUpsCypher, setRollUpsCypher, actorEidsCypher}
	for _, q := range l.writeActor {
		statements = append(statements, q)
	}
	for _, p := range polgraph.Predicates {
		statements = append(statements, l.rollUp[p])
	}
	for _, q := range statements {
		res, err := neo4j.ExecuteQuery(context.Background(), l.driver, "EXPLAIN "+q, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(l.db))
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var ops []string
		var walk func(p neo4j.Plan)
		walk = func(p neo4j.Plan) {
			op, _, _ := strings.Cut(p.Operator(), "@")
			ops = append(ops, op)
			for _, c := range p.Children() {
				walk(c)
			}
		}
		walk(res.Summary.Plan())
		// A write that returns rows is planned with an Eager before its
		// result (Neo4j 5): it holds that statement's rows, one batch.
		if len(ops) > 2 && ops[0] == "ProduceResults" && ops[1] == "Projection" && ops[2] == "Eager" && strings.Contains(q, "RETURN row.id") {
			ops = ops[3:]
		}
		for _, op := range ops {
			if op == "Eager" || op == "NodeByLabelScan" || op == "AllNodesScan" || strings.Contains(op, "AllRelationshipsScan") ||
				q == storedRollUpsCypher && op == "Expand(All)" {
				t.Errorf("plan of %.60q has %s: %v", q, op, ops)
			}
		}
	}
}

// TestRollUpContinuedOrRecomputed: a batch of new articles continues the
// stored roll-ups of their keys; a roll-up that cannot be continued (a
// role without the roleCounts it came from, as written before roleCounts
// were kept) is recomputed from its claims. Both end with the graph a
// single load of every article gives.
func TestRollUpContinuedOrRecomputed(t *testing.T) {
	l, p := openTest(t, Config{})
	ref := p + "ref-"
	all := synth(synthOptions{prefix: ref, articles: 80, relations: 6, actors: 20, seed: 5})
	writeAll(t, l, all, 80)
	want := canonical(t, l, ref)

	corpus := synth(synthOptions{prefix: p, articles: 80, relations: 6, actors: 20, seed: 5})
	writeAll(t, l, corpus[:40], 40)
	// Strip the roll-ups that the second half touches (one left as it is
	// stays as it is).
	var keys []any
	for _, r := range corpus[40:] {
		for _, rel := range r.Relations {
			if carriesRoles(rel.Predicate) {
				c := newClaimRow(r.Article, rel)
				keys = append(keys, map[string]any{"a": c.a, "p": string(rel.Predicate), "b": c.b})
			}
		}
	}
	stripped := query(t, l, `UNWIND $keys AS k
MATCH (a:Actor {id: k.a})-[r]->(b:Actor {id: k.b}) WHERE type(r) = k.p AND r.roleCounts IS NOT NULL
REMOVE r.roles, r.roleCounts
RETURN count(r) AS n`, map[string]any{"keys": keys})
	if stripped[0]["n"].(int64) == 0 {
		t.Fatal("no LEADS or OFFICIAL_OF roll-up of the first half is touched by the second")
	}
	writeAll(t, l, corpus[40:], 40)
	got := canonical(t, l, p)
	// canonical(p) also lists the reference graph, whose ids start with p.
	var own []string
	for _, line := range got {
		if !strings.Contains(line, "ref-") {
			own = append(own, line)
		}
	}
	if !slices.Equal(own, want) {
		t.Errorf("continued and recomputed roll-ups differ from one load: %s", diffLines(want, own))
	}
}

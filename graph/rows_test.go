package graph

import (
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"

	"github.com/polgraph/polgraph"
)

func TestRollUpTerm(t *testing.T) {
	kb := func(title, of, from, to string) string {
		return kbRole(polgraph.Role{Title: title, Of: of, From: from, To: to})
	}
	for _, tc := range []struct {
		name     string
		role     string
		kbRoles  []string
		from, to string
	}{
		{"no role", "", []string{kb("President", "iran", "2024", "")}, "", ""},
		{"open term", "President", []string{kb("President", "iran", "2024-07-28", "")}, "2024-07-28", ""},
		{"closed term", "president", []string{kb("President", "iran", "2013", "2021")}, "2013", "2021"},
		{"other country", "President", []string{kb("President", "iraq", "2013", "2021")}, "", ""},
		{"other title", "Minister", []string{kb("President", "iran", "2013", "2021")}, "", ""},
		{"two terms", "President", []string{kb("President", "iran", "2005", "2009"), kb("President", "iran", "2009", "2013")}, "2005", "2013"},
		{"two terms, one open", "President", []string{kb("President", "iran", "2024", ""), kb("President", "iran", "2005", "2013")}, "2005", ""},
		{"unknown start", "President", []string{kb("President", "iran", "", "2021")}, "", "2021"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ru := newRollUp("x", polgraph.Leads, "iran")
			from, to := ru.term(tc.role, tc.kbRoles)
			if from != tc.from || to != tc.to {
				t.Errorf("term = %q, %q; want %q, %q", from, to, tc.from, tc.to)
			}
		})
	}
}

func TestRollUpProps(t *testing.T) {
	art := func(id, date string) polgraph.Article { return polgraph.Article{ID: id, Published: date} }
	rel := func(m polgraph.Modality, role string, conf float64, start int) polgraph.Relation {
		return polgraph.Relation{Subject: "a", Predicate: polgraph.Leads, Object: "b", Category: polgraph.Leads.Category(),
			Modality: m, Role: role, Evidence: polgraph.Evidence{Start: start, Confidence: conf}}
	}
	ru := newRollUp("a", polgraph.Leads, "b")
	ru.add(newClaimRow(art("1", "2024-02-01"), rel(polgraph.Asserted, "Leader", 0.5, 0)), true)
	ru.add(newClaimRow(art("1", "2024-02-01"), rel(polgraph.Possible, "President", 0.9, 1)), false)
	ru.add(newClaimRow(art("2", ""), rel(polgraph.Negated, "President", 0.1, 0)), true)
	ru.add(newClaimRow(art("3", "2023-12-31"), rel(polgraph.Asserted, "Leader", 0.2, 0)), true)
	got := ru.props([]string{kbRole(polgraph.Role{Title: "leader", Of: "b", From: "2020"})})
	want := map[string]any{"count": int64(4), "articles": int64(3), "firstSeen": "2023-12-31", "lastSeen": "2024-02-01",
		"asserted": int64(2), "negated": int64(1), "intended": int64(0), "possible": int64(1), "confidence": 0.9,
		"role": "Leader", "from": "2020", // Leader and President tie at 2: the smaller wins
		"roles": []string{"Leader", "President"}, "roleCounts": []int64{2, 2}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("props\n got %v\nwant %v", got, want)
	}

	// A roll-up restored from its stored properties and continued equals
	// one computed over all its claims at once.
	stored := map[string]any{}
	for k, v := range ru.props(nil) {
		switch v := v.(type) {
		case []string: // as the driver returns lists
			stored[k] = []any{v[0], v[1]}
		case []int64:
			stored[k] = []any{v[0], v[1]}
		default:
			stored[k] = v
		}
	}
	more := newClaimRow(art("4", "2025-01-01"), rel(polgraph.Asserted, "President", 0.95, 0))
	cont := newRollUp("a", polgraph.Leads, "b")
	if !cont.restore("eid-1", stored) {
		t.Fatal("restore refused a complete roll-up")
	}
	cont.add(more, true)
	ru.add(more, true)
	if got, want := cont.props(nil), ru.props(nil); !reflect.DeepEqual(got, want) || cont.eid != "eid-1" {
		t.Errorf("restored and continued\n got %v\nwant %v", got, want)
	}
	if got := cont.props(nil); got["role"] != "President" || got["count"] != int64(5) || got["lastSeen"] != "2025-01-01" {
		t.Errorf("continued props %v", got)
	}
	// A roll-up with a role but no roleCounts (written before they were
	// kept) cannot be continued.
	if newRollUp("a", polgraph.Leads, "b").restore("eid-2", map[string]any{"count": int64(1), "role": "President"}) {
		t.Error("restore accepted a roll-up without roleCounts")
	}
	// Roles only for LEADS and OFFICIAL_OF.
	ru = newRollUp("a", polgraph.MetWith, "b")
	ru.add(newClaimRow(art("1", ""), polgraph.Relation{Predicate: polgraph.MetWith, Role: "Host", Modality: polgraph.Intended}), true)
	if got := ru.props(nil); got["role"] != nil || got["roles"] != nil || got["firstSeen"] != nil || got["intended"] != int64(1) {
		t.Errorf("MET_WITH props %v", got)
	}
}

func TestClaimKeyAndID(t *testing.T) {
	r := polgraph.Relation{Subject: "usa", Predicate: polgraph.MetWith, Object: "iran", Modality: polgraph.Asserted,
		Evidence: polgraph.Evidence{Start: 1, End: 9, Trigger: "met"}}
	c := newClaimRow(polgraph.Article{ID: "art"}, r)
	if c.key != "iran|MET_WITH|usa" || c.a != "iran" || c.b != "usa" {
		t.Errorf("symmetric key %q (%s, %s), want canonical order", c.key, c.a, c.b)
	}
	r.Predicate, r.Category = polgraph.Criticized, polgraph.Criticized.Category()
	if c := newClaimRow(polgraph.Article{ID: "art"}, r); c.key != "usa|CRITICIZED|iran" {
		t.Errorf("directed key %q", c.key)
	}
	// The id depends on every identifying field and on nothing else, and
	// fields cannot run into each other.
	base := claimID("art", r)
	if claimID("art", r) != base || len(base) != 32 {
		t.Errorf("unstable id %q", base)
	}
	r2 := r
	r2.Confidence, r2.Sentence, r2.Rule = 0.3, "other", "x"
	if claimID("art", r2) != base {
		t.Error("id depends on confidence, sentence or rule")
	}
	for i, f := range []func(*polgraph.Relation){
		func(r *polgraph.Relation) { r.Subject = "usa2" },
		func(r *polgraph.Relation) { r.Object = "ira" },
		func(r *polgraph.Relation) { r.Modality = polgraph.Negated },
		func(r *polgraph.Relation) { r.Start = 2 },
		func(r *polgraph.Relation) { r.End = 10 },
		func(r *polgraph.Relation) { r.Trigger = "meets" },
	} {
		r3 := r
		f(&r3)
		if claimID("art", r3) == base {
			t.Errorf("change %d keeps the id", i)
		}
	}
	if claimID("ab", polgraph.Relation{Subject: "c"}) == claimID("a", polgraph.Relation{Subject: "bc"}) {
		t.Error("fields run into each other")
	}
}

func TestPrepare(t *testing.T) {
	rec := &logRecorder{}
	a := func(id string, typ polgraph.ActorType) polgraph.Actor {
		return polgraph.Actor{ID: id, Name: strings.ToUpper(id), Type: typ, Mentions: 2}
	}
	rel := func(s string, p polgraph.Predicate, o string) polgraph.Relation {
		return polgraph.Relation{Subject: s, Predicate: p, Object: o, Category: p.Category(), Modality: polgraph.Asserted,
			Evidence: polgraph.Evidence{Confidence: 0.5, Trigger: fmt.Sprint(s, p, o)}}
	}
	dup := rel("x", polgraph.MetWith, "y")
	dupLow := dup
	dupLow.Confidence, dupLow.Sentence = 0.2, "lower"
	p := prepare([]polgraph.Result{
		{Article: polgraph.Article{ID: "1", Text: "dropped"}, Actors: []polgraph.Actor{a("x", polgraph.Person), a("y", polgraph.Country), a("x", polgraph.Person)},
			Relations: []polgraph.Relation{dupLow, dup, rel("x", "HUGGED", "y"), rel("x", polgraph.Attacked, "x"), rel("x", polgraph.Aided, "z")}},
		{Article: polgraph.Article{ID: ""}},
		{Article: polgraph.Article{ID: "2"}, Actors: []polgraph.Actor{a("q", "Robot")}},
		{Article: polgraph.Article{ID: "3", Title: "first"}},
		{Article: polgraph.Article{ID: "3", Title: "second"}},
	}, slog.New(rec))
	if p.rejected != 5 || len(p.articles) != 2 || len(p.actors) != 2 {
		t.Fatalf("rejected %d, articles %d, actors %d; want 5, 2, 2", p.rejected, len(p.articles), len(p.actors))
	}
	one := p.articles[0]
	if one.art.Text != "" || len(one.claims) != 1 || one.claims[0].rel.Confidence != 0.5 {
		t.Errorf("article 1: %+v", one)
	}
	if len(one.mentions) != 2 || one.mentions[0].actor != "x" || one.mentions[0].count != 4 ||
		one.mentions[0].view == nil || one.mentions[0].view.id != "x" || one.mentions[0].view.typ != string(polgraph.Person) {
		t.Errorf("mentions %v, want x counted once with its mentions summed", one.mentions)
	}
	if p.articles[1].art.Title != "second" {
		t.Errorf("repeated article: %q won, want the last", p.articles[1].art.Title)
	}
	if len(rec.records) != 5 {
		t.Errorf("%d warnings, want 5: %v", len(rec.records), rec.records)
	}
	// The relation index in the message is the relation's own.
	if err := fmt.Sprint(rec.records[0]["err"]); !strings.HasPrefix(err, "relation 2: unknown predicate") {
		t.Errorf("first warning %q", err)
	}
}

func TestConfigString(t *testing.T) {
	cfg := Config{URI: "bolt://u:pw1@h:7687", User: "neo4j", Password: "pw2"}
	for _, s := range []string{cfg.String(), fmt.Sprintf("%v %+v", cfg, cfg)} {
		if strings.Contains(s, "pw1") || strings.Contains(s, "pw2") {
			t.Errorf("%s shows a password", s)
		}
	}
}

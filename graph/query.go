package graph

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/polgraph/polgraph"
)

// This file holds the analyses behind `polgraph query`: read-only
// statements, each a fixed string whose values travel as parameters.
// Roll-ups are matched with a pattern without a type, (a)-[r]-(b), filtered
// by type(r) IN $types, where $types is polgraph.Predicates: no relationship
// type is ever spliced into a statement.
//
// A Period restricts what is counted to claims whose published date falls
// in it; counts, first and last dates are then those of the claims in the
// period, not the roll-ups' totals.

// A Period is an inclusive range of ISO dates (YYYY-MM-DD). An empty bound
// is open. With either bound set, claims without a published date are left
// out.
type Period struct {
	Since string `json:"since,omitempty"`
	Until string `json:"until,omitempty"`
}

func (p Period) params(m map[string]any) map[string]any {
	m["since"], m["until"] = p.Since, p.Until
	m["types"] = predicateNames()
	return m
}

// claimInPeriod is the WHERE condition on a claim c for $since and $until.
const claimInPeriod = `($since = '' OR c.published >= $since) AND ($until = '' OR (c.published <> '' AND c.published <= $until))`

// An ActorRef identifies an actor in query results.
type ActorRef struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Type    string `json:"type"`
	Country string `json:"country,omitempty"`
}

// An ActorInfo is an actor with its aliases and its knowledge-base roles.
type ActorInfo struct {
	ActorRef
	Aliases []string `json:"aliases"`
	Roles   []Role   `json:"roles"`
}

// A Role is an office from an actor's kbRoles, with the name of the body.
type Role struct {
	Title  string `json:"title"`
	Of     string `json:"of"`     // actor id
	OfName string `json:"ofName"` // its name, or the id when it is not in the graph
	From   string `json:"from,omitempty"`
	To     string `json:"to,omitempty"` // empty while in office
}

// A NotFoundError says that no actor matches a name.
type NotFoundError struct{ Name string }

func (e *NotFoundError) Error() string { return fmt.Sprintf("no actor matches %q", e.Name) }

// An AmbiguousError says that several actors match a name equally well.
type AmbiguousError struct {
	Name       string
	Candidates []ActorRef
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%q matches %d actors equally well", e.Name, len(e.Candidates))
}

const actorByIDCypher = `MATCH (a:Actor {id: $id})
RETURN a.id AS id, a.name AS name, a.type AS type, a.country AS country, a.aliases AS aliases, a.kbRoles AS roles`

// findActorCypher searches the full-text index actorNames (names and
// aliases) with a Lucene query built from the escaped name.
const findActorCypher = `CALL db.index.fulltext.queryNodes('actorNames', $query) YIELD node, score
RETURN node.id AS id, node.name AS name, node.type AS type, node.country AS country, node.aliases AS aliases, score
ORDER BY score DESC, id
LIMIT $limit`

const actorNamesCypher = `UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN a.id AS id, a.name AS name`

// ActorByID returns the actor with this id.
func (g *DB) ActorByID(ctx context.Context, id string) (ActorInfo, error) {
	recs, err := g.readQuery(ctx, actorByIDCypher, map[string]any{"id": id})
	if err != nil {
		return ActorInfo{}, fmt.Errorf("look up actor %s: %w", id, err)
	}
	if len(recs) == 0 {
		return ActorInfo{}, &NotFoundError{Name: id}
	}
	m := recs[0].AsMap()
	info := ActorInfo{ActorRef: actorRef(m, ""), Aliases: nonNil(stringList(m["aliases"])), Roles: []Role{}}
	var ofs []string
	for _, enc := range stringList(m["roles"]) {
		f := strings.Split(enc, "\t")
		for len(f) < 4 {
			f = append(f, "")
		}
		info.Roles = append(info.Roles, Role{Title: f[0], Of: f[1], OfName: f[1], From: f[2], To: f[3]})
		ofs = append(ofs, f[1])
	}
	if len(ofs) > 0 {
		recs, err := g.readQuery(ctx, actorNamesCypher, map[string]any{"ids": ofs})
		if err != nil {
			return info, fmt.Errorf("look up the bodies of %s's roles: %w", id, err)
		}
		names := make(map[string]string, len(recs))
		for _, r := range recs {
			m := r.AsMap()
			names[getStr(m, "id")] = getStr(m, "name")
		}
		for i, r := range info.Roles {
			if n := names[r.Of]; n != "" {
				info.Roles[i].OfName = n
			}
		}
	}
	return info, nil
}

// FindActor resolves a name typed by a user to one actor. An actor whose id
// is the name wins; then actors whose name or an alias equals it ignoring
// case; then the best full-text matches of the index actorNames (the
// words as a phrase, or failing that each word with one typo allowed).
// Several actors matching equally well give an *AmbiguousError listing
// them, none a *NotFoundError.
func (g *DB) FindActor(ctx context.Context, name string) (ActorInfo, error) {
	name = strings.TrimSpace(name)
	if !strings.ContainsFunc(name, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return ActorInfo{}, &NotFoundError{Name: name} // nothing for the index to match
	}
	info, err := g.ActorByID(ctx, name)
	var nf *NotFoundError
	if err == nil || !errors.As(err, &nf) {
		return info, err
	}
	words := strings.Fields(name)
	phrase := `"` + luceneEscape(strings.Join(words, " ")) + `"`
	fuzzy := make([]string, len(words))
	for i, w := range words {
		fuzzy[i] = luceneEscape(strings.ToLower(w)) + "~1" // lower case: AND, OR and NOT are operators
	}
	for _, q := range []string{phrase, strings.Join(fuzzy, " AND ")} {
		recs, err := g.readQuery(ctx, findActorCypher, map[string]any{"query": q, "limit": int64(200)})
		if err != nil {
			return ActorInfo{}, fmt.Errorf("search actor names for %q: %w", name, err)
		}
		if len(recs) == 0 {
			continue
		}
		var exact, best []ActorRef
		top := 0.0
		for i, r := range recs {
			m := r.AsMap()
			ref := actorRef(m, "")
			score, _ := m["score"].(float64)
			if i == 0 {
				top = score
			}
			if score == top {
				best = append(best, ref)
			}
			if strings.EqualFold(ref.Name, name) || slices.ContainsFunc(stringList(m["aliases"]), func(a string) bool {
				return strings.EqualFold(a, name)
			}) {
				exact = append(exact, ref)
			}
		}
		pick := best
		if len(exact) > 0 {
			pick = exact
		}
		if len(pick) > 1 {
			slices.SortFunc(pick, func(a, b ActorRef) int { return cmp.Compare(a.ID, b.ID) })
			return ActorInfo{}, &AmbiguousError{Name: name, Candidates: pick}
		}
		return g.ActorByID(ctx, pick[0].ID)
	}
	return ActorInfo{}, &NotFoundError{Name: name}
}

// luceneEscape escapes the characters of Lucene's query syntax.
func luceneEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`+-&|!(){}[]^"~*?:\/`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// A Partner is one counterpart of an actor for one relation type.
type Partner struct {
	Category  string   `json:"category"`
	Predicate string   `json:"predicate"`
	Direction string   `json:"direction"` // out: the actor is the subject; in: the object; both: a symmetric type
	Partner   ActorRef `json:"partner"`
	Count     int      `json:"count"` // claims
	Articles  int      `json:"articles"`
	FirstSeen string   `json:"firstSeen,omitempty"`
	LastSeen  string   `json:"lastSeen,omitempty"`
}

// A Profile is an actor and its main partners per category.
type Profile struct {
	Actor    ActorInfo `json:"actor"`
	Period   Period    `json:"period"`
	Partners []Partner `json:"partners"`
}

const partnersCypher = `MATCH (a:Actor {id: $id})<-[e:SUBJECT|OBJECT]-(c:Claim)
WHERE ` + claimInPeriod + `
WITH c, CASE WHEN type(e) = 'SUBJECT' THEN c.object ELSE c.subject END AS other,
  CASE WHEN c.predicate IN $symmetric THEN 'both' WHEN type(e) = 'SUBJECT' THEN 'out' ELSE 'in' END AS dir
WITH c.category AS category, c.predicate AS predicate, dir, other, count(c) AS n,
  count(DISTINCT c.article) AS articles,
  min(CASE WHEN c.published <> '' THEN c.published END) AS first,
  max(CASE WHEN c.published <> '' THEN c.published END) AS last
MATCH (b:Actor {id: other})
RETURN category, predicate, dir, b.id AS id, b.name AS name, b.type AS type, b.country AS country,
  n, articles, first, last`

// Profile returns the actor with this id and, for each category (in the
// order of the vocabulary), its perCategory partners with the most claims
// in the period (ties: partner id, predicate, direction).
func (g *DB) Profile(ctx context.Context, id string, p Period, perCategory int) (Profile, error) {
	info, err := g.ActorByID(ctx, id)
	if err != nil {
		return Profile{}, err
	}
	recs, err := g.readQuery(ctx, partnersCypher, p.params(map[string]any{"id": id, "symmetric": symmetricNames()}))
	if err != nil {
		return Profile{}, fmt.Errorf("partners of %s: %w", id, err)
	}
	all := make([]Partner, 0, len(recs))
	for _, r := range recs {
		m := r.AsMap()
		all = append(all, Partner{Category: getStr(m, "category"), Predicate: getStr(m, "predicate"), Direction: getStr(m, "dir"),
			Partner: actorRef(m, ""), Count: getInt(m, "n"), Articles: getInt(m, "articles"),
			FirstSeen: getStr(m, "first"), LastSeen: getStr(m, "last")})
	}
	slices.SortFunc(all, func(a, b Partner) int {
		return cmp.Or(cmp.Compare(categoryRank(a.Category), categoryRank(b.Category)), cmp.Compare(b.Count, a.Count),
			cmp.Compare(a.Partner.ID, b.Partner.ID), cmp.Compare(predicateRank(a.Predicate), predicateRank(b.Predicate)),
			cmp.Compare(a.Direction, b.Direction))
	})
	out := Profile{Actor: info, Period: p, Partners: []Partner{}}
	n := 0
	for i, pa := range all {
		if i > 0 && pa.Category != all[i-1].Category {
			n = 0
		}
		if perCategory <= 0 || n < perCategory {
			out.Partners = append(out.Partners, pa)
		}
		n++
	}
	return out, nil
}

// An Edge is one roll-up relationship: From -[Type]-> To, in the stored
// direction (for a symmetric type, From has the smaller id). With a Period,
// Count, Articles, FirstSeen and LastSeen are those of its claims in the
// period.
type Edge struct {
	From      ActorRef `json:"from"`
	Type      string   `json:"type"`
	To        ActorRef `json:"to"`
	Count     int      `json:"count"`
	Articles  int      `json:"articles"`
	FirstSeen string   `json:"firstSeen,omitempty"`
	LastSeen  string   `json:"lastSeen,omitempty"`
	Hop       int      `json:"hop,omitempty"` // Ego: the hop at which the edge was reached
}

// An Ego is the neighbourhood of an actor.
type Ego struct {
	Center ActorInfo `json:"center"`
	Period Period    `json:"period"`
	Edges  []Edge    `json:"edges"`
}

// egoCypher expands one hop from the actors $ids: their roll-ups not yet
// $seen (keys) with claims in the period, most claims first.
const egoCypher = `UNWIND $ids AS id
MATCH (:Actor {id: id})-[r]-(:Actor)
WHERE type(r) IN $types
WITH DISTINCT r
WITH r, startNode(r) AS s, endNode(r) AS o
WITH r, s, o, s.id + '|' + type(r) + '|' + o.id AS key
WHERE NOT key IN $seen
CALL (key) {
  MATCH (c:Claim {key: key})
  WHERE ` + claimInPeriod + `
  RETURN count(c) AS n, count(DISTINCT c.article) AS articles,
    min(CASE WHEN c.published <> '' THEN c.published END) AS first,
    max(CASE WHEN c.published <> '' THEN c.published END) AS last
}
WITH r, s, o, key, n, articles, first, last
WHERE n > 0
RETURN key, s.id AS sid, s.name AS sname, s.type AS stype, s.country AS scountry, type(r) AS type,
  o.id AS oid, o.name AS oname, o.type AS otype, o.country AS ocountry, n, articles, first, last
ORDER BY n DESC, sid, type, oid
LIMIT $limit`

// Ego returns the roll-ups around an actor, breadth first up to hops hops
// and at most limit edges; each hop takes the edges with the most claims
// in the period first.
func (g *DB) Ego(ctx context.Context, id string, hops, limit int, p Period) (Ego, error) {
	info, err := g.ActorByID(ctx, id)
	if err != nil {
		return Ego{}, err
	}
	out := Ego{Center: info, Period: p, Edges: []Edge{}}
	visited := map[string]bool{id: true}
	frontier := []string{id}
	seen := []string{}
	for hop := 1; hop <= hops && len(frontier) > 0 && len(out.Edges) < limit; hop++ {
		recs, err := g.readQuery(ctx, egoCypher, p.params(map[string]any{"ids": frontier, "seen": seen,
			"limit": int64(limit - len(out.Edges))}))
		if err != nil {
			return out, fmt.Errorf("neighbourhood of %s, hop %d: %w", id, hop, err)
		}
		frontier = nil
		for _, r := range recs {
			m := r.AsMap()
			e := edge(m)
			e.Hop = hop
			out.Edges = append(out.Edges, e)
			seen = append(seen, getStr(m, "key"))
			for _, x := range []string{e.From.ID, e.To.ID} {
				if !visited[x] {
					visited[x] = true
					frontier = append(frontier, x)
				}
			}
		}
	}
	return out, nil
}

// edge reads an Edge from the columns sid..ocountry, type, n, articles,
// first and last.
func edge(m map[string]any) Edge {
	return Edge{From: actorRef(m, "s"), Type: getStr(m, "type"), To: actorRef(m, "o"),
		Count: getInt(m, "n"), Articles: getInt(m, "articles"), FirstSeen: getStr(m, "first"), LastSeen: getStr(m, "last")}
}

// Evidence is one claim behind a relation.
type Evidence struct {
	Sentence   string  `json:"sentence"`
	Article    string  `json:"article"`
	Published  string  `json:"published,omitempty"`
	Modality   string  `json:"modality"`
	Confidence float64 `json:"confidence"`
	Trigger    string  `json:"trigger"`
}

// A Hop is one step of a path, from From to To over a roll-up of Type.
type Hop struct {
	From     ActorRef `json:"from"`
	Type     string   `json:"type"`
	To       ActorRef `json:"to"`
	Forward  bool     `json:"forward"` // the roll-up points from From to To (always true for symmetric types read from the smaller id)
	Evidence Evidence `json:"evidence"`
}

// A Path is a chain of hops between two actors.
type Path struct {
	Hops []Hop `json:"hops"`
}

// pathsCypher finds the shortest paths over roll-ups (at most 6 hops) and,
// for each hop, its most confident claim in the period. A roll-up is
// followed when its first and last dates overlap the period; a path with a
// hop that has no claim in the period comes back short and is dropped.
const pathsCypher = `MATCH (a:Actor {id: $a})
MATCH (b:Actor {id: $b})
MATCH p = allShortestPaths((a)-[*..6]-(b))
WHERE all(r IN relationships(p) WHERE type(r) IN $types
  AND ($since = '' OR r.lastSeen >= $since) AND ($until = '' OR r.firstSeen <= $until))
WITH p, [n IN nodes(p) | n.id] AS ids, [r IN relationships(p) | type(r)] AS types
ORDER BY ids, types
LIMIT $limit
UNWIND range(0, length(p) - 1) AS i
WITH ids, types, i, nodes(p)[i] AS x, relationships(p)[i] AS r, nodes(p)[i + 1] AS y
WITH ids, types, i, x, r, y, startNode(r).id + '|' + type(r) + '|' + endNode(r).id AS key
CALL (key) {
  MATCH (c:Claim {key: key})
  WHERE ` + claimInPeriod + `
  RETURN c
  ORDER BY c.confidence DESC, c.published DESC, c.id
  LIMIT 1
}
RETURN ids, types, i, x.id AS sid, x.name AS sname, x.type AS stype, x.country AS scountry, type(r) AS type,
  y.id AS oid, y.name AS oname, y.type AS otype, y.country AS ocountry, startNode(r) = x AS forward,
  c.sentence AS sentence, c.article AS article, c.published AS published, c.modality AS modality,
  c.confidence AS confidence, c.trigger AS trigger
ORDER BY ids, types, i`

// Paths returns up to limit shortest paths between two actors over
// roll-ups (at most 6 hops), in the order of their actor ids, each hop
// with the evidence of its most confident claim in the period.
func (g *DB) Paths(ctx context.Context, a, b string, limit int, p Period) ([]Path, error) {
	if a == b {
		return nil, fmt.Errorf("path from %s to itself", a)
	}
	recs, err := g.readQuery(ctx, pathsCypher, p.params(map[string]any{"a": a, "b": b, "limit": int64(limit)}))
	if err != nil {
		return nil, fmt.Errorf("paths from %s to %s: %w", a, b, err)
	}
	out := []Path{}
	var cur Path
	var curKey string
	want := 0
	flush := func() {
		if len(cur.Hops) > 0 && len(cur.Hops) == want {
			out = append(out, cur)
		}
	}
	for _, r := range recs {
		m := r.AsMap()
		types := stringList(m["types"])
		key := strings.Join(stringList(m["ids"]), "|") + "#" + strings.Join(types, "|")
		if key != curKey {
			flush()
			cur, curKey, want = Path{}, key, len(types)
		}
		fwd, _ := m["forward"].(bool)
		cur.Hops = append(cur.Hops, Hop{From: actorRef(m, "s"), Type: getStr(m, "type"), To: actorRef(m, "o"), Forward: fwd,
			Evidence: evidence(m)})
	}
	flush()
	return out, nil
}

func evidence(m map[string]any) Evidence {
	conf, _ := m["confidence"].(float64)
	return Evidence{Sentence: getStr(m, "sentence"), Article: getStr(m, "article"), Published: getStr(m, "published"),
		Modality: getStr(m, "modality"), Confidence: conf, Trigger: getStr(m, "trigger")}
}

// readQuery runs one read statement and returns its records.
func (g *DB) readQuery(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := neo4j.ExecuteQuery(ctx, g.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(g.db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, err
	}
	return res.Records, nil
}

// writeQuery runs one statement that needs a writer (GDS projections) and
// returns its records.
func (g *DB) writeQuery(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := neo4j.ExecuteQuery(ctx, g.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(g.db), neo4j.ExecuteQueryWithWritersRouting())
	if err != nil {
		return nil, err
	}
	return res.Records, nil
}

// predicateNames is polgraph.Predicates as strings, the $types parameter.
func predicateNames() []string {
	out := make([]string, len(polgraph.Predicates))
	for i, p := range polgraph.Predicates {
		out[i] = string(p)
	}
	return out
}

// symmetricNames lists the symmetric predicates.
func symmetricNames() []string {
	var out []string
	for _, p := range polgraph.Predicates {
		if p.Symmetric() {
			out = append(out, string(p))
		}
	}
	return out
}

// predicateRank is p's position in polgraph.Predicates.
func predicateRank(p string) int {
	return slices.Index(polgraph.Predicates, polgraph.Predicate(p))
}

// categoryRank is the position of c's first predicate in polgraph.Predicates.
func categoryRank(c string) int {
	return slices.IndexFunc(polgraph.Predicates, func(p polgraph.Predicate) bool { return string(p.Category()) == c })
}

// actorRef reads id, name, type and country, each prefixed.
func actorRef(m map[string]any, prefix string) ActorRef {
	return ActorRef{ID: getStr(m, prefix+"id"), Name: getStr(m, prefix+"name"), Type: getStr(m, prefix+"type"),
		Country: getStr(m, prefix+"country")}
}

func getStr(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

func getInt(m map[string]any, k string) int {
	n, _ := m[k].(int64)
	return int(n)
}

package graph

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/db"
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

// ErrNoGDS is returned by Top for RankPageRank when the server lacks the
// Graph Data Science library.
var ErrNoGDS = errors.New("PageRank needs the Neo4j Graph Data Science library, which this server does not have; use --by degree")

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
func (l *Loader) ActorByID(ctx context.Context, id string) (ActorInfo, error) {
	recs, err := l.readQuery(ctx, actorByIDCypher, map[string]any{"id": id})
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
		recs, err := l.readQuery(ctx, actorNamesCypher, map[string]any{"ids": ofs})
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
func (l *Loader) FindActor(ctx context.Context, name string) (ActorInfo, error) {
	name = strings.TrimSpace(name)
	if !strings.ContainsFunc(name, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return ActorInfo{}, &NotFoundError{Name: name} // nothing for the index to match
	}
	info, err := l.ActorByID(ctx, name)
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
		recs, err := l.readQuery(ctx, findActorCypher, map[string]any{"query": q, "limit": int64(200)})
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
		return l.ActorByID(ctx, pick[0].ID)
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
func (l *Loader) Profile(ctx context.Context, id string, p Period, perCategory int) (Profile, error) {
	info, err := l.ActorByID(ctx, id)
	if err != nil {
		return Profile{}, err
	}
	recs, err := l.readQuery(ctx, partnersCypher, p.params(map[string]any{"id": id, "symmetric": symmetricNames()}))
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
func (l *Loader) Ego(ctx context.Context, id string, hops, limit int, p Period) (Ego, error) {
	info, err := l.ActorByID(ctx, id)
	if err != nil {
		return Ego{}, err
	}
	out := Ego{Center: info, Period: p, Edges: []Edge{}}
	visited := map[string]bool{id: true}
	frontier := []string{id}
	seen := []string{}
	for hop := 1; hop <= hops && len(frontier) > 0 && len(out.Edges) < limit; hop++ {
		recs, err := l.readQuery(ctx, egoCypher, p.params(map[string]any{"ids": frontier, "seen": seen,
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
func (l *Loader) Paths(ctx context.Context, a, b string, limit int, p Period) ([]Path, error) {
	if a == b {
		return nil, fmt.Errorf("path from %s to itself", a)
	}
	recs, err := l.readQuery(ctx, pathsCypher, p.params(map[string]any{"a": a, "b": b, "limit": int64(limit)}))
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

// A DyadRelation is what one month's claims say for one relation between
// two actors: Subject -[Predicate]-> Object, with every claim, most
// confident first.
type DyadRelation struct {
	Month      string         `json:"month"` // YYYY-MM, or "" for undated claims
	Subject    ActorRef       `json:"subject"`
	Predicate  string         `json:"predicate"`
	Category   string         `json:"category"`
	Object     ActorRef       `json:"object"`
	Count      int            `json:"count"`
	Modalities map[string]int `json:"modalities"`
	Evidence   []Evidence     `json:"evidence"`
}

// dyadCypher returns the claims between $a and $b in the period.
const dyadCypher = `MATCH (a:Actor {id: $a})<-[:SUBJECT|OBJECT]-(c:Claim)
WHERE (c.subject = $b OR c.object = $b) AND ` + claimInPeriod + `
RETURN substring(c.published, 0, 7) AS month, c.subject AS subject, c.predicate AS predicate, c.category AS category,
  c.object AS object, c.sentence AS sentence, c.article AS article, c.published AS published,
  c.modality AS modality, c.confidence AS confidence, c.trigger AS trigger
ORDER BY month, predicate, subject, confidence DESC, published, c.id`

// dyadClaims returns the claims between a and b, both resolved.
func (l *Loader) dyadClaims(ctx context.Context, a, b string, p Period) (map[string]ActorRef, []map[string]any, error) {
	if a == b {
		return nil, nil, fmt.Errorf("relations of %s with itself", a)
	}
	refs := map[string]ActorRef{}
	for _, id := range []string{a, b} {
		info, err := l.ActorByID(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		refs[id] = info.ActorRef
	}
	recs, err := l.readQuery(ctx, dyadCypher, p.params(map[string]any{"a": a, "b": b}))
	if err != nil {
		return nil, nil, fmt.Errorf("claims between %s and %s: %w", a, b, err)
	}
	rows := make([]map[string]any, len(recs))
	for i, r := range recs {
		rows[i] = r.AsMap()
	}
	return refs, rows, nil
}

// Dyad returns the relations between two actors month by month (undated
// claims first), in the order month, predicate, subject.
func (l *Loader) Dyad(ctx context.Context, a, b string, p Period) ([]DyadRelation, error) {
	refs, rows, err := l.dyadClaims(ctx, a, b, p)
	if err != nil {
		return nil, err
	}
	out := []DyadRelation{}
	for _, m := range rows {
		month, s, pr, o := getStr(m, "month"), getStr(m, "subject"), getStr(m, "predicate"), getStr(m, "object")
		n := len(out)
		if n == 0 || out[n-1].Month != month || out[n-1].Predicate != pr || out[n-1].Subject.ID != s || out[n-1].Object.ID != o {
			out = append(out, DyadRelation{Month: month, Subject: refs[s], Predicate: pr, Category: getStr(m, "category"),
				Object: refs[o], Modalities: map[string]int{}, Evidence: []Evidence{}})
			n++
		}
		d := &out[n-1]
		ev := evidence(m)
		d.Count++
		d.Modalities[ev.Modality]++
		d.Evidence = append(d.Evidence, ev)
	}
	return out, nil
}

// BalanceWeights is the cooperation (+) or conflict (-) weight of one
// asserted claim of each category, on a Goldstein-like scale from -10 to
// +10. Structural categories without a tone (LEADS, OFFICIAL_OF,
// MEMBER_OF, SUCCEEDED) weigh 0. A negated claim counts 0, an intended or
// possible one half its weight.
var BalanceWeights = map[polgraph.Category]float64{
	"AID": 6, "AGREE": 5, "COOPERATE": 5, "ALLIED_WITH": 5, "CONCEDE": 4, "SUPPORT": 3,
	"RETREAT": 2, "CONSULT": 1,
	"LEADS": 0, "OFFICIAL_OF": 0, "MEMBER_OF": 0, "SUCCEEDED": 0,
	"REQUEST": -1, "ACCUSE": -2, "REJECT": -3, "PROTEST": -4, "SANCTION": -5, "IN_CONFLICT_WITH": -5,
	"MOBILIZE": -6, "THREATEN": -6, "COERCE": -7, "ASSAULT": -9,
}

// ModalityFactor is the share of its category's weight a claim of each
// modality contributes to Balance.
var ModalityFactor = map[polgraph.Modality]float64{
	polgraph.Asserted: 1, polgraph.Negated: 0, polgraph.Intended: 0.5, polgraph.Possible: 0.5,
}

// A BalanceMonth sums the weighted claims between two actors in one month.
type BalanceMonth struct {
	Month       string  `json:"month"`       // YYYY-MM, or "" for undated claims
	Claims      int     `json:"claims"`      // all claims, whatever their weight
	Cooperation float64 `json:"cooperation"` // sum of the positive weights
	Conflict    float64 `json:"conflict"`    // sum of the negative weights (<= 0)
	Net         float64 `json:"net"`         // Cooperation + Conflict
}

// Balance weighs the claims between two actors (both directions) by
// BalanceWeights and ModalityFactor and sums them per month, undated
// claims first.
func (l *Loader) Balance(ctx context.Context, a, b string, p Period) ([]BalanceMonth, error) {
	_, rows, err := l.dyadClaims(ctx, a, b, p)
	if err != nil {
		return nil, err
	}
	out := []BalanceMonth{}
	for _, m := range rows {
		month := getStr(m, "month")
		if n := len(out); n == 0 || out[n-1].Month != month {
			out = append(out, BalanceMonth{Month: month})
		}
		bm := &out[len(out)-1]
		bm.Claims++
		w := BalanceWeights[polgraph.Category(getStr(m, "category"))] * ModalityFactor[polgraph.Modality(getStr(m, "modality"))]
		if w > 0 {
			bm.Cooperation += w
		} else {
			bm.Conflict += w
		}
		bm.Net = bm.Cooperation + bm.Conflict
	}
	return out, nil
}

// Ranking is how Top ranks actors.
type Ranking string

const (
	RankDegree   Ranking = "degree"   // roll-ups, then distinct partners, then claims
	RankPageRank Ranking = "pagerank" // GDS PageRank over actors linked by claims, weighted by their number
)

// A Ranked is one actor of Top.
type Ranked struct {
	Actor    ActorRef `json:"actor"`
	Degree   int      `json:"degree"`   // roll-ups (relation types per partner) with claims in the period
	Partners int      `json:"partners"` // distinct partners
	Claims   int      `json:"claims"`
	Score    float64  `json:"score,omitempty"` // PageRank
}

// topRollUpsCypher ranks actors by their roll-ups.
const topRollUpsCypher = `MATCH (a:Actor)-[r]-(b:Actor)
WHERE type(r) IN $types
WITH a, count(r) AS degree, count(DISTINCT b) AS partners, sum(r.count) AS claims
ORDER BY degree DESC, partners DESC, claims DESC, a.id
LIMIT $limit
RETURN a.id AS id, a.name AS name, a.type AS type, a.country AS country, degree, partners, claims`

// topClaimsCypher ranks actors by the claims of a period: a claim's key
// is its roll-up, so the distinct keys are the roll-ups of the period.
const topClaimsCypher = `MATCH (c:Claim)
WHERE ` + claimInPeriod + `
UNWIND [[c.subject, c.object], [c.object, c.subject]] AS e
WITH e[0] AS id, count(DISTINCT c.key) AS degree, count(DISTINCT e[1]) AS partners, count(*) AS claims
ORDER BY degree DESC, partners DESC, claims DESC, id
LIMIT $limit
MATCH (a:Actor {id: id})
RETURN a.id AS id, a.name AS name, a.type AS type, a.country AS country, degree, partners, claims
ORDER BY degree DESC, partners DESC, claims DESC, id`

const gdsCypher = `SHOW PROCEDURES YIELD name WHERE name = 'gds.pageRank.stream' RETURN count(*) AS n`

// projectCypher projects actors linked by the period's claims, one
// undirected relationship per ordered pair weighted by its claims.
const projectCypher = `MATCH (c:Claim)
WHERE ` + claimInPeriod + `
WITH c.subject AS s, c.object AS o, count(*) AS w
MATCH (a:Actor {id: s})
MATCH (b:Actor {id: o})
WITH gds.graph.project($graph, a, b, {relationshipProperties: {weight: toFloat(w)}},
  {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.nodeCount AS nodes`

const pageRankCypher = `CALL gds.pageRank.stream($graph, {relationshipWeightProperty: 'weight'})
YIELD nodeId, score
WITH gds.util.asNode(nodeId) AS a, score
ORDER BY score DESC, a.id
LIMIT $limit
RETURN a.id AS id, a.name AS name, a.type AS type, a.country AS country, score`

const dropProjectionCypher = `CALL gds.graph.drop($graph, false) YIELD graphName RETURN graphName`

// Top returns the limit actors ranked by degree over roll-ups (with a
// Period, over the roll-ups with claims in it), or by PageRank with the
// Graph Data Science library (ErrNoGDS when the server lacks it).
func (l *Loader) Top(ctx context.Context, by Ranking, limit int, p Period) ([]Ranked, error) {
	switch by {
	case RankDegree:
		q := topRollUpsCypher
		if p != (Period{}) {
			q = topClaimsCypher
		}
		recs, err := l.readQuery(ctx, q, p.params(map[string]any{"limit": int64(limit)}))
		if err != nil {
			return nil, fmt.Errorf("rank actors by degree: %w", err)
		}
		out := make([]Ranked, len(recs))
		for i, r := range recs {
			m := r.AsMap()
			out[i] = Ranked{Actor: actorRef(m, ""), Degree: getInt(m, "degree"), Partners: getInt(m, "partners"), Claims: getInt(m, "claims")}
		}
		return out, nil
	case RankPageRank:
		return l.pageRank(ctx, limit, p)
	}
	return nil, fmt.Errorf("unknown ranking %q", by)
}

func (l *Loader) pageRank(ctx context.Context, limit int, p Period) ([]Ranked, error) {
	recs, err := l.readQuery(ctx, gdsCypher, nil)
	if err != nil {
		return nil, fmt.Errorf("look for the Graph Data Science library: %w", err)
	}
	if n, _ := recs[0].Values[0].(int64); n == 0 {
		return nil, ErrNoGDS
	}
	var buf [8]byte
	rand.Read(buf[:])
	name := "polgraph-pagerank-" + hex.EncodeToString(buf[:])
	noGDS := func(err error) error {
		var ne *db.Neo4jError
		if errors.As(err, &ne) && (ne.Code == "Neo.ClientError.Procedure.ProcedureNotFound" ||
			strings.Contains(ne.Msg, "Unknown function 'gds.")) {
			return ErrNoGDS
		}
		return err
	}
	if _, err := l.writeQuery(ctx, projectCypher, p.params(map[string]any{"graph": name})); err != nil {
		return nil, fmt.Errorf("project the actor graph: %w", noGDS(err))
	}
	defer l.writeQuery(context.WithoutCancel(ctx), dropProjectionCypher, map[string]any{"graph": name})
	recs, err = l.writeQuery(ctx, pageRankCypher, map[string]any{"graph": name, "limit": int64(limit)})
	if err != nil {
		return nil, fmt.Errorf("pagerank: %w", noGDS(err))
	}
	out := make([]Ranked, len(recs))
	for i, r := range recs {
		m := r.AsMap()
		score, _ := m["score"].(float64)
		out[i] = Ranked{Actor: actorRef(m, ""), Score: score}
	}
	return out, nil
}

// newRollUpsCypher lists the roll-ups first seen in the period.
const newRollUpsCypher = `MATCH (a:Actor)-[r]->(b:Actor)
WHERE type(r) IN $types AND r.firstSeen >= $since AND ($until = '' OR r.firstSeen <= $until)
RETURN a.id AS sid, a.name AS sname, a.type AS stype, a.country AS scountry, type(r) AS type,
  b.id AS oid, b.name AS oname, b.type AS otype, b.country AS ocountry,
  r.count AS n, r.articles AS articles, r.firstSeen AS first, r.lastSeen AS last
ORDER BY first, type, sid, oid
LIMIT $limit`

// NewRelations returns up to limit roll-ups whose first claim was
// published in the period (Since is required), oldest first, with their
// totals over all time.
func (l *Loader) NewRelations(ctx context.Context, p Period, limit int) ([]Edge, error) {
	if p.Since == "" {
		return nil, errors.New("new relations need a start date")
	}
	recs, err := l.readQuery(ctx, newRollUpsCypher, p.params(map[string]any{"limit": int64(limit)}))
	if err != nil {
		return nil, fmt.Errorf("relations first seen since %s: %w", p.Since, err)
	}
	out := make([]Edge, len(recs))
	for i, r := range recs {
		out[i] = edge(r.AsMap())
	}
	return out, nil
}

// readQuery runs one read statement and returns its records.
func (l *Loader) readQuery(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := neo4j.ExecuteQuery(ctx, l.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(l.db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, err
	}
	return res.Records, nil
}

// writeQuery runs one statement that needs a writer (GDS projections) and
// returns its records.
func (l *Loader) writeQuery(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := neo4j.ExecuteQuery(ctx, l.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(l.db), neo4j.ExecuteQueryWithWritersRouting())
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

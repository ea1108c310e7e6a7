package graph

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/polgraph/polgraph"
)

// This file turns a batch of extract.Results into the rows that both the
// DB and the Exporter write. It holds the merge rules of doc.go in Go;
// the DB repeats them in Cypher against what is already stored.

// An actorRow is one actor merged over every article that named it.
type actorRow struct {
	id, name, typ, country string
	aliases                []string // sorted, no duplicates
	roles                  []string // kbRole encodings, sorted, no duplicates
}

// merge folds b into a by the rules of doc.go. Each rule is a join over a
// total order or a set union, so the result does not depend on the order in
// which articles arrive or how they are batched.
func (a *actorRow) merge(b *actorRow) {
	if a.typ == "" || b.typ != "" && b.typ < a.typ {
		a.typ = b.typ
	}
	if nameBetter(b.name, a.name) {
		a.name = b.name
	}
	if b.country != "" && (a.country == "" || b.country < a.country) {
		a.country = b.country
	}
	a.aliases = union(a.aliases, b.aliases)
	a.roles = union(a.roles, b.roles)
}

func (a *actorRow) equal(b *actorRow) bool {
	return a.id == b.id && a.name == b.name && a.typ == b.typ && a.country == b.country &&
		slices.Equal(a.aliases, b.aliases) && slices.Equal(a.roles, b.roles)
}

// props is the Actor node's property map. An empty list is no property
// (nil, which a SET removes), as in a neo4j-admin import of the export:
// the importer cannot write an empty list.
func (a *actorRow) props() map[string]any {
	return map[string]any{"id": a.id, "name": a.name, "type": a.typ, "country": a.country,
		"aliases": nilIfEmpty(a.aliases), "kbRoles": nilIfEmpty(a.roles)}
}

// nilIfEmpty is s, or nil (no property) when s is empty.
func nilIfEmpty(s []string) any {
	if len(s) == 0 {
		return nil
	}
	return s
}

// nameBetter reports whether name x beats name y: more characters (code
// points) wins, then the smaller string.
func nameBetter(x, y string) bool {
	lx, ly := utf8.RuneCountInString(x), utf8.RuneCountInString(y)
	return lx > ly || lx == ly && x < y
}

// union returns the sorted union of two sorted sets.
func union(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	out = append(out, a...)
	out = append(out, b...)
	slices.Sort(out)
	return slices.Compact(out)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// kbRole encodes a knowledge-base role as one string property element:
// title, of, from and to separated by tabs (a tab inside a field becomes a
// space). Roll-ups read it back with split() to find a role's from and to.
func kbRole(r polgraph.Role) string {
	clean := func(s string) string { return strings.ReplaceAll(s, "\t", " ") }
	return clean(r.Title) + "\t" + clean(r.Of) + "\t" + clean(r.From) + "\t" + clean(r.To)
}

func newActorRow(a polgraph.Actor) *actorRow {
	row := &actorRow{id: a.ID, name: a.Name, typ: string(a.Type), country: a.Country}
	for _, al := range a.Aliases {
		if al != "" {
			row.aliases = append(row.aliases, al)
		}
	}
	for _, r := range a.Roles {
		row.roles = append(row.roles, kbRole(r))
	}
	row.aliases = union(row.aliases, nil)
	row.roles = union(row.roles, nil)
	return row
}

// A claimRow is one extracted relation of one article.
type claimRow struct {
	id        string
	key       string
	a, b      string // roll-up ends: subject and object, in canonical order when symmetric
	article   string
	published string
	rel       polgraph.Relation
}

// claimID is a stable hash of what makes a claim the same claim, so that a
// re-load finds the node it wrote before.
func claimID(article string, r polgraph.Relation) string {
	h := sha256.New()
	var n [8]byte
	for _, f := range []string{article, r.Subject, string(r.Predicate), r.Object,
		string(r.Modality), strconv.Itoa(r.Start), strconv.Itoa(r.End), r.Trigger} {
		binary.BigEndian.PutUint64(n[:], uint64(len(f)))
		h.Write(n[:])
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// rollUpEnds returns the ends of the roll-up a relation adds to: subject and
// object, swapped for a symmetric predicate when the object's id is smaller.
func rollUpEnds(r polgraph.Relation) (a, b string) {
	if r.Predicate.Symmetric() && r.Object < r.Subject {
		return r.Object, r.Subject
	}
	return r.Subject, r.Object
}

func rollUpKey(a string, p polgraph.Predicate, b string) string {
	return a + "|" + string(p) + "|" + b
}

func newClaimRow(art polgraph.Article, r polgraph.Relation) claimRow {
	a, b := rollUpEnds(r)
	return claimRow{
		id:        claimID(art.ID, r),
		key:       rollUpKey(a, r.Predicate, b),
		a:         a,
		b:         b,
		article:   art.ID,
		published: art.Published,
		rel:       r,
	}
}

// props is the Claim node's property map.
func (c claimRow) props() map[string]any {
	return map[string]any{
		"id":         c.id,
		"key":        c.key,
		"predicate":  string(c.rel.Predicate),
		"category":   string(c.rel.Category),
		"modality":   string(c.rel.Modality),
		"confidence": c.rel.Confidence,
		"trigger":    c.rel.Trigger,
		"rule":       c.rel.Rule,
		"role":       c.rel.Role,
		"sentence":   c.rel.Sentence,
		"start":      int64(c.rel.Start),
		"end":        int64(c.rel.End),
		"article":    c.article,
		"published":  c.published,
		"subject":    c.rel.Subject,
		"object":     c.rel.Object,
	}
}

// claimBefore orders two claims with the same id, so that duplicates within
// an article resolve the same way whatever their order: higher confidence,
// then the smaller rule, role, sentence.
func claimBefore(x, y polgraph.Relation) bool {
	if x.Confidence != y.Confidence {
		return x.Confidence > y.Confidence
	}
	if x.Rule != y.Rule {
		return x.Rule < y.Rule
	}
	if x.Role != y.Role {
		return x.Role < y.Role
	}
	return x.Sentence < y.Sentence
}

// A mention is one actor named by one article, with the article's view of
// it: the article's entries for the actor merged. Stored on the MENTIONS
// relationship, the views let a delete recompute an actor from the
// articles that remain.
type mention struct {
	actor string
	count int
	view  *actorRow
}

// props is the MENTIONS relationship's property map: the count and the
// view, named as on the Actor node (an empty list is no property).
func (m mention) props() map[string]any {
	p := m.view.props()
	delete(p, "id")
	p["count"] = int64(m.count)
	return p
}

// An articleRow is one valid article with its mentions and claims.
type articleRow struct {
	art      polgraph.Article
	mentions []mention
	claims   []claimRow
}

// props is the Article node's property map.
func (a articleRow) props() map[string]any {
	return map[string]any{
		"id":        a.art.ID,
		"title":     a.art.Title,
		"url":       a.art.URL,
		"published": a.art.Published,
		"source":    a.art.Source,
		"actors":    int64(len(a.mentions)),
		"relations": int64(len(a.claims)),
	}
}

// A prepared batch holds the valid part of a batch, actors merged by id.
type prepared struct {
	articles []articleRow
	actors   []*actorRow // by id
	rejected int
}

// prepare validates a batch and turns it into rows. An article that fails
// validation on its own (no id, an actor without id or with an unknown type)
// is skipped whole; a relation that fails (unknown predicate, category or
// modality, dangling or repeated actor, confidence out of range) is skipped
// alone. Each is logged at warn level and counted in rejected. When an
// article id repeats within the batch, the last one wins, as if loaded later.
func prepare(batch []polgraph.Result, log *slog.Logger) prepared {
	var p prepared
	last := make(map[string]int, len(batch))
	for i, r := range batch {
		last[r.Article.ID] = i
	}
	actors := make(map[string]*actorRow)
	for i, r := range batch {
		if last[r.Article.ID] != i {
			continue
		}
		bare := polgraph.Result{Article: r.Article, Actors: r.Actors}
		if err := bare.Validate(); err != nil {
			log.Warn("article rejected", "article", r.Article.ID, "err", err)
			p.rejected++
			continue
		}
		row := articleRow{art: r.Article}
		row.art.Text = ""
		counts := make(map[string]int, len(r.Actors))
		views := make(map[string]*actorRow, len(r.Actors))
		for _, a := range r.Actors {
			next := newActorRow(a)
			if v, seen := views[a.ID]; seen {
				v.merge(next)
			} else {
				view := *next
				views[a.ID] = &view
				row.mentions = append(row.mentions, mention{actor: a.ID})
			}
			counts[a.ID] += a.Mentions
			if have, ok := actors[a.ID]; ok {
				have.merge(next)
			} else {
				actors[a.ID] = next
			}
		}
		for j := range row.mentions {
			row.mentions[j].count = counts[row.mentions[j].actor]
			row.mentions[j].view = views[row.mentions[j].actor]
		}
		byID := make(map[string]int)
		for j, rel := range r.Relations {
			one := polgraph.Result{Article: r.Article, Actors: r.Actors, Relations: []polgraph.Relation{rel}}
			if err := one.Validate(); err != nil {
				err = fmt.Errorf("relation %d: %s", j, strings.TrimPrefix(err.Error(), "relation 0: "))
				log.Warn("relation rejected", "article", r.Article.ID, "predicate", string(rel.Predicate), "err", err)
				p.rejected++
				continue
			}
			c := newClaimRow(r.Article, rel)
			if k, dup := byID[c.id]; dup {
				if claimBefore(rel, row.claims[k].rel) {
					row.claims[k] = c
				}
				continue
			}
			byID[c.id] = len(row.claims)
			row.claims = append(row.claims, c)
		}
		p.articles = append(p.articles, row)
	}
	for _, a := range actors {
		p.actors = append(p.actors, a)
	}
	slices.SortFunc(p.actors, func(x, y *actorRow) int { return strings.Compare(x.id, y.id) })
	return p
}

// A rollUp is the summary of the claims of one key, computed by the rules of
// doc.go. The Exporter fills it claim by claim; the DB starts it from
// the stored roll-up (or, for keys whose stored claims change, from an
// aggregation over them) and adds the batch's claims.
type rollUp struct {
	a, b        string
	p           polgraph.Predicate
	n, articles int
	first, last string // earliest and latest non-empty published date
	modality    map[polgraph.Modality]int
	confidence  float64
	roles       map[string]int // non-empty claim roles and how often
	eid         string         // element id of the stored roll-up it started from, if any
}

func newRollUp(a string, p polgraph.Predicate, b string) *rollUp {
	return &rollUp{a: a, b: b, p: p, modality: make(map[polgraph.Modality]int), roles: make(map[string]int)}
}

// carriesRoles reports whether the predicate's roll-ups carry role, roles,
// roleCounts, from and to.
func carriesRoles(p polgraph.Predicate) bool { return p == polgraph.Leads || p == polgraph.OfficialOf }

// restore starts ru from the properties of its stored roll-up. It reports
// false when they cannot be continued (a roll-up that carries a role but
// not the roleCounts it came from), and the key must be recomputed from
// its claims.
func (ru *rollUp) restore(eid string, props map[string]any) bool {
	num := func(k string) int { n, _ := props[k].(int64); return int(n) }
	ru.eid = eid
	ru.n, ru.articles = num("count"), num("articles")
	ru.first, _ = props["firstSeen"].(string)
	ru.last, _ = props["lastSeen"].(string)
	for _, m := range []polgraph.Modality{polgraph.Asserted, polgraph.Negated, polgraph.Intended, polgraph.Possible} {
		ru.modality[m] = num(string(m))
	}
	ru.confidence, _ = props["confidence"].(float64)
	roles := stringList(props["roles"])
	counts, _ := props["roleCounts"].([]any)
	if len(roles) != len(counts) || props["role"] != nil && len(roles) == 0 {
		return false
	}
	for i, r := range roles {
		n, _ := counts[i].(int64)
		ru.roles[r] += int(n)
	}
	return true
}

// add counts one claim; firstOfArticle says it is the first claim of its
// article for this key (articles counts distinct articles).
func (ru *rollUp) add(c claimRow, firstOfArticle bool) {
	ru.n++
	if firstOfArticle {
		ru.articles++
	}
	ru.seen(c.published)
	ru.modality[c.rel.Modality]++
	ru.confidence = max(ru.confidence, c.rel.Confidence)
	if c.rel.Role != "" && carriesRoles(ru.p) {
		ru.roles[c.rel.Role]++
	}
}

// seen widens first and last to take in a claim's published date.
func (ru *rollUp) seen(date string) {
	if date == "" {
		return
	}
	if ru.first == "" || date < ru.first {
		ru.first = date
	}
	if date > ru.last {
		ru.last = date
	}
}

// role is the most frequent claim role, ties to the smallest; "" unless the
// predicate carries roles.
func (ru *rollUp) role() string {
	if !carriesRoles(ru.p) {
		return ""
	}
	best, bestN := "", 0
	for r, n := range ru.roles {
		if n > bestN || n == bestN && r < best {
			best, bestN = r, n
		}
	}
	return best
}

// term applies the from/to rule of doc.go to the subject's kbRoles.
func (ru *rollUp) term(role string, kbRoles []string) (from, to string) {
	if role == "" {
		return "", ""
	}
	open, matched := false, false
	for _, kb := range kbRoles {
		f := strings.Split(kb, "\t")
		for len(f) < 4 {
			f = append(f, "")
		}
		if f[1] != ru.b || strings.ToLower(f[0]) != strings.ToLower(role) {
			continue
		}
		matched = true
		if f[2] != "" && (from == "" || f[2] < from) {
			from = f[2]
		}
		if f[3] == "" {
			open = true
		} else if f[3] > to {
			to = f[3]
		}
	}
	if !matched || open {
		to = ""
	}
	return from, to
}

// rollUpProps are the properties a roll-up may have.
var rollUpProps = []string{"count", "articles", "firstSeen", "lastSeen", "asserted", "negated", "intended", "possible",
	"confidence", "role", "roles", "roleCounts", "from", "to"}

// props is the roll-up relationship's property map; absent values are left
// out. kbRoles are the subject's.
func (ru *rollUp) props(kbRoles []string) map[string]any {
	m := map[string]any{
		"count":      int64(ru.n),
		"articles":   int64(ru.articles),
		"asserted":   int64(ru.modality[polgraph.Asserted]),
		"negated":    int64(ru.modality[polgraph.Negated]),
		"intended":   int64(ru.modality[polgraph.Intended]),
		"possible":   int64(ru.modality[polgraph.Possible]),
		"confidence": ru.confidence,
	}
	role := ru.role()
	from, to := ru.term(role, kbRoles)
	for k, v := range map[string]string{"firstSeen": ru.first, "lastSeen": ru.last, "role": role, "from": from, "to": to} {
		if v != "" {
			m[k] = v
		}
	}
	if len(ru.roles) > 0 {
		roles := make([]string, 0, len(ru.roles))
		for r := range ru.roles {
			roles = append(roles, r)
		}
		slices.Sort(roles)
		counts := make([]int64, len(roles))
		for i, r := range roles {
			counts[i] = int64(ru.roles[r])
		}
		m["roles"], m["roleCounts"] = roles, counts
	}
	return m
}

// setProps is props with every absent property set to nil, for a SET that
// removes them.
func (ru *rollUp) setProps(kbRoles []string) map[string]any {
	m := ru.props(kbRoles)
	for _, k := range rollUpProps {
		if _, ok := m[k]; !ok {
			m[k] = nil
		}
	}
	return m
}

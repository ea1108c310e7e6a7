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
	"unicode/utf16"
	"unicode/utf8"

	"github.com/polgraph/polgraph/extract"
)

// This file turns a batch of extract.Results into the rows that both the
// Loader and the Exporter write. It holds the merge rules of doc.go in Go;
// the Loader repeats them in Cypher against what is already stored.

// An actorRow is one actor merged over every article that named it.
type actorRow struct {
	id, name, typ, country string
	aliases                []string // sorted by cypherLess, no duplicates
	roles                  []string // kbRole encodings, sorted, no duplicates
}

// merge folds b into a by the rules of doc.go. Each rule is a join over a
// total order or a set union, so the result does not depend on the order in
// which articles arrive or how they are batched.
func (a *actorRow) merge(b *actorRow) {
	if cypherLess(b.typ, a.typ) {
		a.typ = b.typ
	}
	if nameBetter(b.name, a.name) {
		a.name = b.name
	}
	if b.country != "" && (a.country == "" || cypherLess(b.country, a.country)) {
		a.country = b.country
	}
	a.aliases = union(a.aliases, b.aliases)
	a.roles = union(a.roles, b.roles)
}

// nameBetter reports whether name x beats name y: longer wins, then the
// smaller in Cypher's string order.
func nameBetter(x, y string) bool {
	lx, ly := cypherSize(x), cypherSize(y)
	return lx > ly || lx == ly && cypherLess(x, y)
}

// cypherSize is Cypher's size() of a string: its number of code points.
func cypherSize(s string) int { return utf8.RuneCountInString(s) }

// cypherLess orders strings as Cypher's < and ORDER BY do: by UTF-16 code
// units, as Java compares strings. It differs from Go's byte order only
// between characters above U+FFFF and those in U+E000..U+FFFF.
func cypherLess(x, y string) bool {
	a, b := utf16.Encode([]rune(x)), utf16.Encode([]rune(y))
	return slices.Compare(a, b) < 0
}

// union returns the sorted union of two sorted sets.
func union(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	out = append(out, a...)
	out = append(out, b...)
	slices.SortFunc(out, cypherCompare)
	return slices.Compact(out)
}

func cypherCompare(x, y string) int {
	switch {
	case x == y:
		return 0
	case cypherLess(x, y):
		return -1
	}
	return 1
}

// kbRole encodes a knowledge-base role as one string property element:
// title, of, from and to separated by tabs (a tab inside a field becomes a
// space). Roll-ups read it back with split() to find a role's from and to.
func kbRole(r extract.Role) string {
	clean := func(s string) string { return strings.ReplaceAll(s, "\t", " ") }
	return clean(r.Title) + "\t" + clean(r.Of) + "\t" + clean(r.From) + "\t" + clean(r.To)
}

func newActorRow(a extract.Actor) *actorRow {
	row := &actorRow{id: a.ID, name: a.Name, typ: string(a.Type), country: a.Country}
	for _, al := range a.Aliases {
		row.aliases = append(row.aliases, al)
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
	rel       extract.Relation
}

// claimID is a stable hash of what makes a claim the same claim, so that a
// re-load finds the node it wrote before.
func claimID(article string, r extract.Relation) string {
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
func rollUpEnds(r extract.Relation) (a, b string) {
	if r.Predicate.Symmetric() && r.Object < r.Subject {
		return r.Object, r.Subject
	}
	return r.Subject, r.Object
}

func rollUpKey(a string, p extract.Predicate, b string) string {
	return a + "|" + string(p) + "|" + b
}

func newClaimRow(art extract.Article, r extract.Relation) claimRow {
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
func claimBefore(x, y extract.Relation) bool {
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

// A mention is one actor named by one article.
type mention struct {
	actor string
	count int
}

// An articleRow is one valid article with its mentions and claims.
type articleRow struct {
	art      extract.Article
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
func prepare(batch []extract.Result, log *slog.Logger) prepared {
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
		bare := extract.Result{Article: r.Article, Actors: r.Actors}
		if err := bare.Validate(); err != nil {
			log.Warn("article rejected", "article", r.Article.ID, "err", err)
			p.rejected++
			continue
		}
		row := articleRow{art: r.Article}
		row.art.Text = ""
		counts := make(map[string]int, len(r.Actors))
		for _, a := range r.Actors {
			if _, seen := counts[a.ID]; !seen {
				row.mentions = append(row.mentions, mention{actor: a.ID})
			}
			counts[a.ID] += a.Mentions
			next := newActorRow(a)
			if have, ok := actors[a.ID]; ok {
				have.merge(next)
			} else {
				actors[a.ID] = next
			}
		}
		for j := range row.mentions {
			row.mentions[j].count = counts[row.mentions[j].actor]
		}
		byID := make(map[string]int)
		for j, rel := range r.Relations {
			one := extract.Result{Article: r.Article, Actors: r.Actors, Relations: []extract.Relation{rel}}
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

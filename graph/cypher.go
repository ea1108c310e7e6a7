package graph

import (
	"fmt"
	"strings"

	"github.com/polgraph/polgraph"
)

// Every statement the package runs is here. Values travel as parameters;
// the only words spliced into statement text are the fixed actor labels and
// the relationship types of polgraph.Predicates, chosen when a DB opens.

var schemaCypher = []string{
	"CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.id IS UNIQUE",
	"CREATE INDEX claim_key IF NOT EXISTS FOR (n:Claim) ON (n.key)",
	"CREATE INDEX claim_predicate IF NOT EXISTS FOR (n:Claim) ON (n.predicate)",
	"CREATE INDEX claim_published IF NOT EXISTS FOR (n:Claim) ON (n.published)",
	"CREATE INDEX claim_modality IF NOT EXISTS FOR (n:Claim) ON (n.modality)",
	"CREATE FULLTEXT INDEX actorNames IF NOT EXISTS FOR (n:Actor) ON EACH [n.name, n.aliases]",
}

const awaitIndexesCypher = "CALL db.awaitIndexes(60)"

// actorTypes are the actor labels, one write statement each.
var actorTypes = []polgraph.ActorType{polgraph.Country, polgraph.Organization, polgraph.Person}

// Element ids: a batch looks each of its actors up by id once (reading or
// writing it) and refers to it by element id in the statements after that,
// in the same transaction; a seek by element id reads the record directly,
// where a seek by id walks the index.

// storedActorsCypher reads the stored actors of $ids, to merge in Go.
const storedActorsCypher = `UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN a.id AS id, a.name AS name, a.type AS type, a.country AS country, a.aliases AS aliases, a.kbRoles AS roles,
  elementId(a) AS eid`

// actorEidsCypher finds the element ids of the actors of $ids.
const actorEidsCypher = `UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN a.id AS id, elementId(a) AS eid`

// retypeActorsCypher removes the type labels of actors whose type changes.
const retypeActorsCypher = `UNWIND $ids AS id
MATCH (a:Actor {id: id})
REMOVE a:Country:Organization:Person`

// writeActorCypher writes merged actors of type t ($rows: property maps)
// and returns their element ids.
func writeActorCypher(t polgraph.ActorType) string {
	return fmt.Sprintf(`UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
SET a.name = row.name, a.type = row.type, a.country = row.country, a.aliases = row.aliases,
  a.kbRoles = row.kbRoles, a:%s
RETURN row.id AS id, elementId(a) AS eid`, t)
}

// existingCypher returns, for the articles of $ids already stored, their
// ids and the claims they state.
const existingCypher = `UNWIND $ids AS id
MATCH (ar:Article {id: id})
OPTIONAL MATCH (ar)-[:STATES]->(c:Claim)
RETURN id, c.id AS claim, c.subject AS subject, c.predicate AS predicate, c.object AS object`

// mergeArticleCypher writes the batch's articles and returns their element
// ids.
const mergeArticleCypher = `UNWIND $rows AS row
MERGE (ar:Article {id: row.id})
SET ar.title = row.title, ar.url = row.url, ar.published = row.published, ar.source = row.source,
  ar.actors = row.actors, ar.relations = row.relations
RETURN row.id AS id, elementId(ar) AS eid`

const deleteMentionsCypher = `UNWIND $ids AS id
MATCH (:Article {id: id})-[m:MENTIONS]->(:Actor)
DELETE m`

// createMentionsCypher ($rows: article element id, mentions of actor
// element id, count and the article's view of the actor; a null is no
// property).
const createMentionsCypher = `UNWIND $rows AS row
MATCH (ar:Article) WHERE elementId(ar) = row.eid
UNWIND row.mentions AS m
MATCH (x:Actor) WHERE elementId(x) = m.eid
CREATE (ar)-[:MENTIONS {count: m.count, name: m.name, type: m.type, country: m.country, aliases: m.aliases,
  kbRoles: m.kbRoles}]->(x)`

const deleteClaimsCypher = `UNWIND $ids AS id
MATCH (c:Claim {id: id})
DETACH DELETE c`

// createClaimsCypher ($rows: article element id, claims with the element
// ids of their subject and object).
const createClaimsCypher = `UNWIND $rows AS row
MATCH (ar:Article) WHERE elementId(ar) = row.eid
UNWIND row.claims AS c
MATCH (s:Actor) WHERE elementId(s) = c.s
MATCH (o:Actor) WHERE elementId(o) = c.o
CREATE (ar)-[:STATES]->(n:Claim {id: c.id, key: c.key, predicate: c.predicate, category: c.category,
    modality: c.modality, confidence: c.confidence, trigger: c.trigger, rule: c.rule, role: c.role,
    sentence: c.sentence, start: c.start, end: c.end, article: c.article, published: c.published,
    subject: c.subject, object: c.object}),
  (n)-[:SUBJECT]->(s), (n)-[:OBJECT]->(o)`

const updateClaimsCypher = `UNWIND $rows AS c
MATCH (n:Claim {id: c.id})
SET n.key = c.key, n.predicate = c.predicate, n.category = c.category, n.modality = c.modality,
  n.confidence = c.confidence, n.trigger = c.trigger, n.rule = c.rule, n.role = c.role,
  n.sentence = c.sentence, n.start = c.start, n.end = c.end, n.article = c.article,
  n.published = c.published, n.subject = c.subject, n.object = c.object`

// aggregateCypher summarises the stored claims of each key of $keys (key,
// a), leaving out those of the articles being replaced ($replaced). It runs
// before the batch writes its claims, so it reads committed data only; the
// batch's claims are added in Go, and the roll-up rules are applied in Go
// (rollUp.props).
const aggregateCypher = `UNWIND $keys AS k
CALL (k) {
  MATCH (c:Claim {key: k.key})
  WHERE NOT c.article IN $replaced
  RETURN count(c) AS n,
    count(DISTINCT c.article) AS articles,
    collect(DISTINCT c.published) AS dates,
    count(CASE WHEN c.modality = 'asserted' THEN 1 END) AS asserted,
    count(CASE WHEN c.modality = 'negated' THEN 1 END) AS negated,
    count(CASE WHEN c.modality = 'intended' THEN 1 END) AS intended,
    count(CASE WHEN c.modality = 'possible' THEN 1 END) AS possible,
    max(c.confidence) AS confidence,
    collect(CASE WHEN c.role <> '' THEN c.role END) AS roles
}
OPTIONAL MATCH (a:Actor {id: k.a})
RETURN k.key AS key, n, articles, dates, asserted, negated, intended, possible, confidence, roles,
  CASE WHEN k.kb THEN a.kbRoles END AS kbRoles`

// storedRollUpsCypher reads the stored roll-ups of $keys (key, p, and the
// element ids a and b of the ends).
// The subquery makes the planner seek both ends and expand from the one
// with fewer relationships (Expand(Into)), rather than expand every
// roll-up of a hot subject.
const storedRollUpsCypher = `UNWIND $keys AS k
MATCH (a:Actor) WHERE elementId(a) = k.a
MATCH (b:Actor) WHERE elementId(b) = k.b
CALL (a, b, k) {
  MATCH (a)-[r]->(b)
  WHERE type(r) = k.p
  RETURN r
}
RETURN k.key AS key, elementId(r) AS eid, properties(r) AS props`

// rollUpSet sets every roll-up property (rollUpProps, fixed words) from
// row; a null removes it. (SET r += row would plan an Eager, which buffers
// every row.)
var rollUpSet = func() string {
	sets := make([]string, len(rollUpProps))
	for i, k := range rollUpProps {
		sets[i] = fmt.Sprintf("r.%[1]s = row.%[1]s", k)
	}
	return "\nSET " + strings.Join(sets, ", ")
}()

// setRollUpsCypher sets the properties of stored roll-ups found by element
// id ($rows: eid and the properties).
var setRollUpsCypher = `UNWIND $rows AS row
MATCH ()-[r]->()
WHERE elementId(r) = row.eid` + rollUpSet

// writeRollUpCypher merges roll-ups of predicate p ($rows: the element ids
// a and b of the ends, and the properties).
func writeRollUpCypher(p polgraph.Predicate) string {
	return fmt.Sprintf(`UNWIND $rows AS row
MATCH (a:Actor) WHERE elementId(a) = row.a
MATCH (b:Actor) WHERE elementId(b) = row.b
MERGE (a)-[r:%s]->(b)`, p) + rollUpSet
}

// deleteRollUpCypher deletes roll-ups of predicate p ($rows: a, b) that no
// claim supports any more.
func deleteRollUpCypher(p polgraph.Predicate) string {
	return fmt.Sprintf(`UNWIND $rows AS row
MATCH (a:Actor {id: row.a})-[r:%s]->(b:Actor {id: row.b})
DELETE r`, p)
}

const loadedCypher = `UNWIND $ids AS id
MATCH (ar:Article {id: id})
RETURN ar.id AS id`

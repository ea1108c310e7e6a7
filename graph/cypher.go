package graph

import (
	"fmt"

	"github.com/polgraph/polgraph/extract"
)

// Every statement the package runs is here. Values travel as parameters;
// the only words spliced into statement text are the fixed actor labels and
// the relationship types of extract.Predicates, chosen when a Loader opens.

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

// actorTypes are the actor labels, one merge statement each.
var actorTypes = []extract.ActorType{extract.Country, extract.Organization, extract.Person}

// mergeActorCypher merges actors of one type ($rows: id, name, type,
// country, aliases, roles) by the rules of doc.go: type is the smallest seen
// (and the type label follows it), name the longest then smallest, country
// the smallest non-empty, aliases and roles the sorted union.
func mergeActorCypher(t extract.ActorType) string {
	return fmt.Sprintf(`UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
WITH a, row, (a.type IS NULL OR row.type < a.type) AS better
FOREACH (_ IN CASE WHEN better THEN [1] ELSE [] END |
  REMOVE a:Country:Organization:Person
  SET a:%s, a.type = row.type)
WITH a, row
CALL (a, row) {
  UNWIND coalesce(a.aliases, []) + row.aliases AS x
  WITH DISTINCT x ORDER BY x
  RETURN collect(x) AS aliases
}
CALL (a, row) {
  UNWIND coalesce(a.kbRoles, []) + row.roles AS x
  WITH DISTINCT x ORDER BY x
  RETURN collect(x) AS roles
}
SET a.name = CASE WHEN a.name IS NULL OR size(row.name) > size(a.name)
      OR (size(row.name) = size(a.name) AND row.name < a.name) THEN row.name ELSE a.name END,
    a.country = CASE WHEN row.country <> '' AND (coalesce(a.country, '') = '' OR row.country < a.country)
      THEN row.country ELSE coalesce(a.country, '') END,
    a.aliases = aliases,
    a.kbRoles = roles`, t)
}

// existingCypher returns, for the articles of $ids already stored, their
// ids and the claims they state.
const existingCypher = `UNWIND $ids AS id
MATCH (ar:Article {id: id})
OPTIONAL MATCH (ar)-[:STATES]->(c:Claim)
RETURN id, c.id AS claim, c.subject AS subject, c.predicate AS predicate, c.object AS object`

const mergeArticleCypher = `UNWIND $rows AS row
MERGE (ar:Article {id: row.id})
SET ar = row`

const deleteMentionsCypher = `UNWIND $ids AS id
MATCH (:Article {id: id})-[m:MENTIONS]->(:Actor)
DELETE m`

const createMentionsCypher = `UNWIND $rows AS row
MATCH (ar:Article {id: row.id})
UNWIND row.mentions AS m
MATCH (x:Actor {id: m.id})
CREATE (ar)-[:MENTIONS {count: m.count}]->(x)`

const deleteClaimsCypher = `UNWIND $ids AS id
MATCH (c:Claim {id: id})
DETACH DELETE c`

const createClaimsCypher = `UNWIND $rows AS row
MATCH (ar:Article {id: row.id})
UNWIND row.claims AS c
MATCH (s:Actor {id: c.subject})
MATCH (o:Actor {id: c.object})
CREATE (n:Claim)
SET n = c
CREATE (ar)-[:STATES]->(n), (n)-[:SUBJECT]->(s), (n)-[:OBJECT]->(o)`

const updateClaimsCypher = `UNWIND $rows AS c
MATCH (n:Claim {id: c.id})
SET n = c`

// rollUpCypher recomputes the roll-ups of predicate p for $keys (key, a, b)
// from their claims and returns how many it wrote. Keys without claims are
// left to deleteRollUpCypher.
func rollUpCypher(p extract.Predicate) string {
	role := `
WITH k, agg, null AS role`
	if p == extract.Leads || p == extract.OfficialOf {
		role = `
CALL (k) {
  MATCH (c:Claim {key: k.key})
  WHERE c.role <> ''
  WITH c.role AS role, count(*) AS f
  ORDER BY f DESC, role
  RETURN collect(role)[0] AS role
}
WITH k, agg, role`
	}
	return fmt.Sprintf(`UNWIND $keys AS k
CALL (k) {
  MATCH (c:Claim {key: k.key})
  RETURN {
    n: count(c),
    articles: count(DISTINCT c.article),
    firstSeen: min(CASE WHEN c.published <> '' THEN c.published END),
    lastSeen: max(CASE WHEN c.published <> '' THEN c.published END),
    asserted: count(CASE WHEN c.modality = 'asserted' THEN 1 END),
    negated: count(CASE WHEN c.modality = 'negated' THEN 1 END),
    intended: count(CASE WHEN c.modality = 'intended' THEN 1 END),
    possible: count(CASE WHEN c.modality = 'possible' THEN 1 END),
    confidence: max(c.confidence)
  } AS agg
}%s
WHERE agg.n > 0
MATCH (a:Actor {id: k.a})
MATCH (b:Actor {id: k.b})
WITH a, b, agg, role,
  [x IN coalesce(a.kbRoles, []) WHERE role IS NOT NULL
     AND split(x, '\t')[1] = b.id AND toLower(split(x, '\t')[0]) = toLower(role)
   | [coalesce(split(x, '\t')[2], ''), coalesce(split(x, '\t')[3], '')]] AS terms
MERGE (a)-[r:%s]->(b)
SET r.count = agg.n,
    r.articles = agg.articles,
    r.firstSeen = agg.firstSeen,
    r.lastSeen = agg.lastSeen,
    r.asserted = agg.asserted,
    r.negated = agg.negated,
    r.intended = agg.intended,
    r.possible = agg.possible,
    r.confidence = agg.confidence,
    r.role = role,
    r.from = reduce(lo = null, t IN terms |
      CASE WHEN t[0] <> '' AND (lo IS NULL OR t[0] < lo) THEN t[0] ELSE lo END),
    r.to = CASE WHEN size(terms) = 0 OR any(t IN terms WHERE t[1] = '') THEN null
      ELSE reduce(hi = '', t IN terms | CASE WHEN t[1] > hi THEN t[1] ELSE hi END) END
RETURN count(*) AS written`, role, p)
}

// deleteRollUpCypher deletes the roll-ups of predicate p for $keys that no
// claim supports any more.
func deleteRollUpCypher(p extract.Predicate) string {
	return fmt.Sprintf(`UNWIND $keys AS k
MATCH (a:Actor {id: k.a})-[r:%s]->(b:Actor {id: k.b})
WHERE NOT EXISTS { MATCH (c:Claim {key: k.key}) }
DELETE r`, p)
}

const loadedCypher = `UNWIND $ids AS id
MATCH (ar:Article {id: id})
RETURN ar.id AS id`

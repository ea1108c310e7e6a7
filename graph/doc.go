// Package graph loads extraction results (polgraph.Result) into Neo4j 5 and
// exports them as CSV files for neo4j-admin. It is the only importer of the
// Neo4j driver and holds all Cypher.
//
// # Model
//
//	                       (:Article {id, title, url, published, source, actors, relations})
//	                          |                              |
//	               [:MENTIONS {count, name, type,       [:STATES]
//	                country, aliases, kbRoles}]              |
//	                          |                              v
//	                          |        (:Claim {id, key, predicate, category, modality, confidence,
//	                          |                 trigger, rule, role, sentence, start, end,
//	                          |                 article, published, subject, object})
//	                          |                  |                        |
//	                          |              [:SUBJECT]               [:OBJECT]
//	                          v                  v                        v
//	(:Actor:Person|Country|Organization {id, name, type, country, aliases, kbRoles})
//	        |                                                             ^
//	        +--[:MET_WITH|CRITICIZED|LEADS|... {count, articles, firstSeen, lastSeen,
//	                asserted, negated, intended, possible, confidence,
//	                role, roles, roleCounts, from, to}]--+
//
// Evidence: every extracted relation is one Claim node, linked to the Article
// that states it and to its subject and object Actors. A Claim's id is a
// hash of (article id, subject, predicate, object, modality, start, end,
// trigger), so a re-load finds the same node. Its key is
// "subject|PREDICATE|object", with the two ids in ascending order when the
// predicate is symmetric: the claims of one key make one roll-up.
//
// Roll-ups: for each predicate P of polgraph.Predicates, one relationship
// (a)-[:P]->(b) per key, a.id < b.id for symmetric P. Its properties are a
// function of the key's claims, kept up to date each time a batch touches
// the key: when the batch only adds claims (new articles), the stored
// roll-up is read and the new claims added to it in Go; when the batch
// re-loads an article that states the key (or did), the key is recomputed
// from the stored claims of the other articles plus the batch's own. Both
// give what a computation over all the key's claims gives (TestRollUpProps,
// rollUpsExact in the crash test):
//
//	count        number of claims
//	articles     number of distinct articles stating them
//	firstSeen    earliest non-empty published date of the claims (absent if none)
//	lastSeen     latest non-empty published date
//	asserted, negated, intended, possible
//	             claims per modality
//	confidence   highest claim confidence
//	role         LEADS and OFFICIAL_OF: the most frequent non-empty claim role,
//	             ties to the smallest; absent otherwise
//	roles, roleCounts
//	             LEADS and OFFICIAL_OF: the distinct non-empty claim roles,
//	             sorted, and how many claims gave each (what role is
//	             chosen from, kept so that a roll-up can be continued)
//	from, to     LEADS and OFFICIAL_OF: from the subject's knowledge-base
//	             roles (kbRoles) whose Of is the object and whose title equals
//	             role ignoring case: from is their earliest non-empty From,
//	             to their latest To, absent while any of them is open (To
//	             empty) or when none matches
//
// A roll-up whose key has no claim left is deleted. Because roll-ups are
// computed from the stored claims, loading the same articles twice, in
// another order or in other batches gives the same graph. from and to are
// computed with the subject's roles as stored when the key was last touched.
//
// Actors merge over articles by rules that do not depend on order:
//
//	type     the smallest type seen (Country < Organization < Person); the
//	         type label (:Country, :Organization, :Person) follows it
//	name     the longest name seen (in code points), ties to the smallest
//	country  the smallest non-empty code seen, else ""
//	aliases  the sorted union of all (non-empty) aliases seen
//	kbRoles  the sorted union of the knowledge-base roles seen, each
//	         "title\tof\tfrom\tto" (a tab inside a field becomes a space)
//
// An empty list is stored as no property (neo4j-admin's importer cannot
// write an empty list, and both ways of loading must give one graph).
//
// Strings compare byte by byte (Go's order, which is code point order). The
// rules run in Go, for the DB on the stored actor and the batch's, so
// the DB and the Exporter share one implementation.
//
// Each MENTIONS relationship keeps its article's view of the actor (the
// article's entries for it merged by these rules, named as on the Actor),
// so the Actor is the merge of the views on its mentions; a delete
// recomputes it from the views that remain.
//
// Re-loading an article replaces it: its properties and MENTIONS are
// rewritten, its claims that the new version lacks are deleted, and every
// roll-up key of its old and new claims is recomputed.
//
// # Schema
//
// EnsureSchema creates unique constraints on Actor.id, Article.id and
// Claim.id; range indexes on Claim key, predicate, published and modality;
// and the full-text index actorNames on Actor name and aliases (a Neo4j 5
// full-text index indexes each string of a list property; TestSchema finds
// an actor by an alias held only in that list).
//
// # Writing
//
// DB.Write writes one batch of Results in one managed transaction,
// retried on transient errors for up to Config.MaxRetryTime. Only one
// goroutine should call Write. Invalid articles and relations (see
// polgraph.Result.Validate) are skipped, logged at warn level and counted.
//
// # Export
//
// An Exporter (or Export over an iter.Seq) writes the same graph as CSV
// files for "neo4j-admin database import full": actors.csv, articles.csv,
// claims.csv, mentions.csv, states.csv, subject.csv, object.csv and
// rollup-PREDICATE.csv per predicate present. ImportArgs gives the command's
// arguments (--multiline-fields=true --array-delimiter=U+001F);
// scripts/neo4j-import.sh runs it for the local server. TestExportRoundTrip
// imports an export with it and compares the graph with a direct load.
package graph

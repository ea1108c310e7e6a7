// Package polgraph is the extraction contract: the types every consumer of
// `polgraph extract` output reads, and the closed relation vocabulary.
//
// # Output format
//
// `polgraph extract` writes JSON Lines, one [Result] per article, in input
// order:
//
//	{"article":   {"id": "seed-1", "title": "...", "published": "2024-07-28", "url": "", "source": ""},
//	 "actors":    [{"id": "ali-khamenei", "name": "Ali Khamenei", "type": "Person", "country": "IRN",
//	                "aliases": ["Khamenei"], "mentions": 7}],
//	 "relations": [{"subject": "ali-khamenei", "predicate": "MET_WITH", "object": "masoud-pezeshkian",
//	                "category": "CONSULT", "modality": "asserted", "role": "", "confidence": 0.82,
//	                "trigger": "meeting with", "sentence": "Speaking during ...", "start": 412, "end": 561}]}
//
// Subject and object are ids of actors of the same line. Predicate is one
// of [Predicates]; category is its PLOVER category ([Predicate.Category]);
// a symmetric predicate ([Predicate.Symmetric]) is written once per pair.
// Modality is asserted, negated, intended or possible. Role is set for LEADS
// and OFFICIAL_OF. Start and end are byte offsets of the evidence sentence in
// the article text, so text[start:end] is the sentence. Country is an ISO
// 3166-1 alpha-3 code or empty.
//
// Fields may be added; none is renamed or dropped. [Result.Validate] checks
// the invariants a consumer relies on. The full contract, with the gold
// format used for scoring, is spec/formats.md of the shared specification.
//
// # Dependency rule
//
// This package imports the standard library only, and everything else
// imports it: it sits at the ground, as go/ast and go/token do for go/parser
// and go/printer. Imports point one way, cmd/polgraph → config, corpus,
// extract, graph, evaluate → polgraph:
//
//   - corpus reads files into Articles; it links no NLP.
//   - extract turns an [Article] into a [Result]; it is the only importer of
//     prose and never imports graph or the Neo4j driver.
//   - graph writes Results to Neo4j and reads them back; it is the only
//     importer of the driver and never links prose.
//   - evaluate scores Results against gold annotations; no prose.
//   - config is the only importer of viper; nothing imports cmd.
//
// `go list -deps ./graph ./corpus ./evaluate` lists no prose package; a test
// in this package checks it.
package polgraph

// Package extract turns an article into a [polgraph.Result]: the actors it
// names and the relations its sentences state, each with the sentence, the
// trigger and the rule that produced it.
//
// Build one [Extractor] per process with [New] (it loads the tagger, the
// knowledge base and the lexicon once) and call [Extractor.Extract] from any
// number of goroutines; it performs no I/O.
//
// # Stages
//
// Extract runs these stages in order over an [analysis], the working state
// of one article (analysis.go). Each stage is a file or a few; read them in
// this order.
//
//  1. Text layer (text.go): lines, sentences, tokens with byte offsets and
//     Penn Treebank tags. The only file that uses prose.
//  2. Mentions (mentions.go): every place an actor is named, per sentence in
//     seven steps: knowledge-base names (names.go), titles (titles.go), names
//     the knowledge base does not know (unknownnames.go), "the Parliament of
//     Iraq", titles given to people, appositions (appositions.go,
//     counterparts.go), modifiers, pronouns and descriptions.
//  3. Resolution (resolve.go): mentions clustered into actors: names, then
//     surnames, the article's state and its bodies, then pronouns and
//     descriptions; the actor list of the result.
//  4. Parse: dependency trees for the sentences that can yield a relation
//     (the parser lives in extract/depparse, trained from UD English EWT).
//  5. Triggers (lexicon.go, triggers.go): lexicon patterns matched over the
//     tokens of each sentence.
//  6. Attachment (attach.go, args.go): the subject and object of each
//     trigger: clause subject, objects and prepositional objects, passives,
//     possessors, coordination, relative clauses and appositions.
//  7. Modality (modality.go): asserted, negated, intended or possible, from
//     the words that govern the trigger.
//  8. Assembly and scoring (relations.go): each sentence's rules in order,
//     then emit, which drops self-relations and duplicates and fixes the
//     confidence. Rules outside the lexicon: structural relations from titles
//     (structural.go), hyphenated compounds ("U.S.-Iran talks",
//     "Iranian-backed", compounds.go) and reported speech (speech.go).
//
// The knowledge base (kb.go, kb/*.yaml) and the trigger lexicon (lexicon.go,
// lexicon/*.tsv) are embedded; users add files of the same formats with
// [Options].
package extract

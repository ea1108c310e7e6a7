// Package depparse is a fast greedy dependency parser for English: it reads
// tokens with Penn Treebank tags (at run time, the tags of the pipeline's
// prose tagger) and returns a labelled Universal Dependencies tree.
//
// # Model
//
// Parsing is the arc-hybrid transition system (Kuhlmann et al. 2011) with the
// artificial root at the end of the buffer, one transition at a time, chosen
// by an averaged perceptron over sparse features in the style of Zhang &
// Nivre (2011): words, tags, children and their labels, distance and valency
// of the top three stack and first three buffer items, and conjunctions of
// them. A second averaged perceptron labels each arc when it is made (the
// labels of earlier arcs are features of later decisions). Both are trained
// with the dynamic oracle of Goldberg & Nivre (2013) and exploration of the
// parser's own mistakes, on projectivised trees.
//
// prose tags web text far less accurately than a tagger trained on the
// treebank, and parsing accuracy follows tag accuracy, so the model first
// re-tags its input: a greedy averaged-perceptron tagger reads the words, their
// spelling and prose's tags and predicts EWT's tags; the parser reads those.
// The training tags of the parser are the re-tagger's, jackknifed, so they
// are as good as at run time and no better.
//
// # Trees
//
// Token indices are 0-based; a token's head is another token's index, or -1
// for the root of the sentence. Relations are UD v2 relations with EWT's
// subtypes (nsubj:pass, obl:agent, acl:relcl, nmod:poss, compound:prt, ...).
// Tree.Path gives the labelled path between two tokens, the usual feature of a
// relation scorer.
//
// # Use
//
//	m, err := depparse.Default() // the embedded model, loaded once
//	tree, err := m.Parse(depparse.Sentence{Words: words, Tags: tags})
//
// A Model is read-only once trained or loaded and safe for concurrent use.
// The package also reads and writes CoNLL-U (ReadCoNLLU, WriteCoNLLU), scores
// trees the CoNLL 2018 way (Evaluate) and trains models (Train, used by
// internal/cmd/train-parser). It uses the standard library only.
package depparse

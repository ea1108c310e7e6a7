package depparse

// UPOS maps a Penn Treebank tag to a Universal POS tag, deterministically and
// by the tag alone (so "is" tagged VBZ is VERB; WriteCoNLLU refines verbs
// attached as aux or cop to AUX). Unknown tags give "X".
func UPOS(tag string) string {
	switch tag {
	case "NN", "NNS":
		return "NOUN"
	case "NNP", "NNPS":
		return "PROPN"
	case "VB", "VBD", "VBG", "VBN", "VBP", "VBZ":
		return "VERB"
	case "MD":
		return "AUX"
	case "JJ", "JJR", "JJS", "AFX":
		return "ADJ"
	case "RB", "RBR", "RBS", "WRB":
		return "ADV"
	case "DT", "PDT", "WDT":
		return "DET"
	case "PRP", "PRP$", "WP", "WP$", "EX":
		return "PRON"
	case "IN", "RP":
		return "ADP"
	case "TO", "POS":
		return "PART"
	case "CC":
		return "CCONJ"
	case "CD":
		return "NUM"
	case "UH":
		return "INTJ"
	case "SYM", "$", "#":
		return "SYM"
	case ".", ",", ":", "``", "''", "\"", "-LRB-", "-RRB-", "(", ")", "HYPH", "NFP":
		return "PUNCT"
	}
	return "X"
}

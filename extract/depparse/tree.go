package depparse

import "strings"

// A Sentence is the parser's input: tokens and their Penn Treebank tags,
// one tag per word (at run time the pipeline's prose tagger supplies them).
type Sentence struct {
	Words []string
	Tags  []string
}

// A Tree is a dependency tree over the words of a Sentence. Token indices are
// 0-based; Heads[i] is the index of token i's head, or -1 for the root of the
// sentence. Labels[i] is the Universal Dependencies relation of the arc into
// i ("nsubj", "obl:agent", "root"). Words are the sentence's words, kept for
// paths and case markers; Tags the Penn Treebank tags the parser re-tagged
// them with (EWT's conventions: "-LRB-", "HYPH", "TO" ...). The fields are named in the plural because the
// query methods Head and Label take their names.
type Tree struct {
	Words  []string
	Tags   []string
	Heads  []int
	Labels []string
}

// Len returns the number of tokens.
func (t Tree) Len() int { return len(t.Heads) }

// Head returns the head of token i, -1 for the root (or for i out of range).
func (t Tree) Head(i int) int {
	if i < 0 || i >= len(t.Heads) {
		return -1
	}
	return t.Heads[i]
}

// Label returns the relation of the arc into token i, "" for i out of range.
func (t Tree) Label(i int) string {
	if i < 0 || i >= len(t.Labels) {
		return ""
	}
	return t.Labels[i]
}

// Root returns the index of the token attached to the root, -1 if none.
func (t Tree) Root() int {
	for i, h := range t.Heads {
		if h == -1 {
			return i
		}
	}
	return -1
}

// Children returns the dependents of token i in sentence order; i = -1 gives
// the root's dependents.
func (t Tree) Children(i int) []int {
	var out []int
	for d, h := range t.Heads {
		if h == i && d != i {
			out = append(out, d)
		}
	}
	return out
}

// ChildWith returns the first dependent of i whose label's universal part is
// label ("case" matches "case" only, "nmod" matches "nmod:poss"), or -1.
func (t Tree) ChildWith(i int, label string) int {
	for d, h := range t.Heads {
		if h == i && d != i && Universal(t.Labels[d]) == label {
			return d
		}
	}
	return -1
}

// Case returns the case marker of token i, the dependent labelled case
// ("with" in "met with the minister", "on" in "sanctions on Iran"): its index
// and lower-cased word, or -1 and "" when i has none. Multi-word markers
// ("because of") give the first word's index and the words joined by a space,
// their fixed dependents included.
func (t Tree) Case(i int) (int, string) {
	c := t.ChildWith(i, "case")
	if c < 0 {
		return -1, ""
	}
	word := strings.ToLower(t.word(c))
	for _, f := range t.Children(c) {
		if Universal(t.Labels[f]) == "fixed" {
			word += " " + strings.ToLower(t.word(f))
		}
	}
	return c, word
}

func (t Tree) word(i int) string {
	if i < 0 || i >= len(t.Words) {
		return ""
	}
	return t.Words[i]
}

// Universal returns the universal part of a relation, before any ':'
// ("nsubj" for "nsubj:pass").
func Universal(label string) string {
	if i := strings.IndexByte(label, ':'); i >= 0 {
		return label[:i]
	}
	return label
}

// A Path is the labelled path between two tokens through their lowest common
// ancestor: Up lists the arcs from the first token up to (not including) the
// ancestor, Down the arcs from below the ancestor down to the second token.
type Path struct {
	Up, Down []Step
	Top      int    // the lowest common ancestor's index
	TopWord  string // its word, lower-cased
}

// A Step is one arc of a Path: the dependent's index and the arc's relation,
// with an obl, nmod, acl or advcl relation specialised by the dependent's case
// or mark word the way enhanced UD does ("obl:with", "nmod:on").
type Step struct {
	Token int
	Label string
}

// String writes the path compactly: the up labels each followed by '<', the
// ancestor's word, and the down labels each preceded by '>', as in
// "nsubj<meet>obl:with" for "Putin met with Xi" from Putin to Xi.
func (p Path) String() string {
	var b strings.Builder
	for _, s := range p.Up {
		b.WriteString(s.Label)
		b.WriteByte('<')
	}
	b.WriteString(p.TopWord)
	for _, s := range p.Down {
		b.WriteByte('>')
		b.WriteString(s.Label)
	}
	return b.String()
}

// Path returns the labelled path from token i up to the lowest common
// ancestor of i and j and down to j. ok is false when i or j is out of range
// or the heads do not form a tree joining them.
func (t Tree) Path(i, j int) (p Path, ok bool) {
	n := len(t.Heads)
	if i < 0 || j < 0 || i >= n || j >= n {
		return Path{}, false
	}
	up := t.ancestors(i)
	down := t.ancestors(j)
	if up == nil || down == nil {
		return Path{}, false
	}
	// Both chains end at the root; strip the common tail.
	a, b := len(up)-1, len(down)-1
	if up[a] != down[b] {
		return Path{}, false
	}
	for a > 0 && b > 0 && up[a-1] == down[b-1] {
		a--
		b--
	}
	top := up[a]
	p.Top = top
	p.TopWord = strings.ToLower(t.word(top))
	for _, k := range up[:a] {
		p.Up = append(p.Up, Step{Token: k, Label: t.stepLabel(k)})
	}
	for x := b - 1; x >= 0; x-- {
		k := down[x]
		p.Down = append(p.Down, Step{Token: k, Label: t.stepLabel(k)})
	}
	return p, true
}

// ancestors returns i, its head, its head's head, ... up to the token
// attached to the root; nil if the chain leaves the tree or loops.
func (t Tree) ancestors(i int) []int {
	n := len(t.Heads)
	chain := []int{i}
	for h := t.Heads[i]; h != -1; h = t.Heads[h] {
		if h < 0 || h >= n || len(chain) > n {
			return nil
		}
		chain = append(chain, h)
	}
	return chain
}

func (t Tree) stepLabel(k int) string {
	l := t.Labels[k]
	switch Universal(l) {
	case "obl", "nmod":
		if _, w := t.Case(k); w != "" {
			return Universal(l) + ":" + w
		}
	case "acl", "advcl":
		if l == "acl:relcl" {
			return l
		}
		if m := t.ChildWith(k, "mark"); m >= 0 {
			return Universal(l) + ":" + strings.ToLower(t.word(m))
		}
	}
	return l
}

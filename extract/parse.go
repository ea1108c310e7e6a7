package extract

import (
	"strings"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/extract/depparse"
)

// The parse stage: a dependency tree for each sentence that can yield a
// relation (two actors named in it), computed on first use by the stages
// after it. The parser (extract/depparse, trained on UD English EWT) reads
// the text layer's tokens and tags.

// tree returns the dependency tree of sentence si, or nil when it has no
// parse (no parser, or a sentence over depparse.MaxWords).
func (d *analysis) tree(si int) *depparse.Tree {
	parser, err := d.x.parser()
	if err != nil {
		return nil
	}
	if d.trees == nil {
		d.trees = make([]*depparse.Tree, len(d.sents))
		d.parsed = make([]bool, len(d.sents))
	}
	if d.parsed[si] {
		return d.trees[si]
	}
	d.parsed[si] = true
	if !d.twoActors(si) {
		return nil // no relation to read: parsing would cost a fifth of extraction for nothing
	}
	toks := d.sents[si].Tokens
	s := depparse.Sentence{Words: make([]string, len(toks)), Tags: make([]string, len(toks))}
	for i, t := range toks {
		s.Words[i], s.Tags[i] = t.Text, t.Tag
	}
	t, err := parser.Parse(s)
	if err != nil {
		return nil
	}
	d.trees[si] = &t
	return d.trees[si]
}

// twoActors reports whether sentence si names two different actors, the
// least a relation needs.
func (d *analysis) twoActors(si int) bool {
	first := -1
	for _, c := range d.cover[si] {
		if c == 0 {
			continue
		}
		if a := d.ments[c-1].actor; a >= 0 && a != first {
			if first >= 0 {
				return true
			}
			first = a
		}
	}
	return false
}

// headOf returns the token of mention m that governs the others: the one
// whose head lies outside the mention.
func headOf(t *depparse.Tree, m *mention) int {
	h := m.j - 1
	for k := m.i; k < m.j; k++ {
		if p := t.Head(k); p < m.i || p >= m.j {
			h = k
		}
	}
	return h
}

// arcName is a dependency label with its preposition for oblique and
// nominal modifiers ("obl[with]", "nmod[on]"), universal part only.
func arcName(t *depparse.Tree, i int, label string) string {
	u := depparse.Universal(label)
	if u == "obl" || u == "nmod" || u == "acl" || u == "advcl" {
		if _, w := t.Case(i); w != "" {
			return u + "[" + w + "]"
		}
	}
	if label == "nsubj:pass" || label == "obl:agent" || label == "acl:relcl" || label == "nmod:poss" {
		return label
	}
	return u
}

// pathFeatures describes the dependency path between two mentions: the
// labels up to their lowest common ancestor and down, the ancestor's lemma,
// and the lexicon's predicates for that lemma.
func (d *analysis) pathFeatures(si int, m1, m2 *mention, types string) []string {
	t := d.tree(si)
	if t == nil {
		return []string{"no-parse"}
	}
	h1, h2 := headOf(t, m1), headOf(t, m2)
	p, ok := t.Path(h1, h2)
	if !ok {
		return []string{"no-path"}
	}
	var up, down []string
	for _, s := range p.Up {
		up = append(up, arcName(t, s.Token, s.Label))
	}
	for _, s := range p.Down {
		down = append(down, arcName(t, s.Token, s.Label))
	}
	labels := strings.Join(up, "<") + "<>" + strings.Join(down, ">")
	top := d.sents[si].Tokens[p.Top]
	lemma := d.lemma(top)
	f := []string{
		"path:" + labels,
		"path:" + labels + "|" + types,
		"top:" + lemma,
		"top:" + lemma + "|" + labels,
		"pathlen:" + bucket(len(up)+len(down)),
	}
	if p.Top == h1 || p.Top == h2 {
		f = append(f, "direct:"+labels)
	}
	seen := map[string]bool{}
	for _, tr := range d.x.lex.byFirst[top.Lower] {
		if seen[string(tr.Pred)] {
			continue
		}
		seen[string(tr.Pred)] = true
		f = append(f, "toplex:"+string(tr.Pred), "toplex:"+string(tr.Pred)+"|"+labels)
	}
	if strings.HasPrefix(top.Tag, "VB") {
		f = append(f, "topverb")
	}
	return f
}

// A ParsedSentence is one sentence of an article with its dependency tree.
type ParsedSentence struct {
	Start, End int // byte offsets of the sentence in the article text
	Tree       depparse.Tree
	Err        error // depparse.ErrTooLong: the sentence was not parsed
}

// Parse splits an article into sentences and tokens as extraction does and
// parses every sentence (`polgraph parse`). It performs no I/O; the error is
// the parser's model failing to load.
func (x *Extractor) Parse(a polgraph.Article) ([]ParsedSentence, error) {
	parser, err := x.parser()
	if err != nil {
		return nil, err
	}
	sents := x.text.sentences(a.Text)
	out := make([]ParsedSentence, len(sents))
	for i, s := range sents {
		in := depparse.Sentence{Words: make([]string, len(s.Tokens)), Tags: make([]string, len(s.Tokens))}
		for k, t := range s.Tokens {
			in.Words[k], in.Tags[k] = t.Text, t.Tag
		}
		out[i] = ParsedSentence{Start: s.Start, End: s.End}
		out[i].Tree, out[i].Err = parser.Parse(in)
	}
	return out, nil
}

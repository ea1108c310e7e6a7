package extract_test

import (
	"strings"
	"testing"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/extract/depparse"
)

// TestParse parses an article as extraction splits it and checks the arcs
// the relation rules read on the pipeline's own tokens and tags: a passive
// agent, a subject, an oblique with its preposition.
func TestParse(t *testing.T) {
	x := newGoldenExtractor(t)
	text := "Iran was attacked by Israel on Monday.\nThe president met with Putin in Moscow."
	sents, err := x.Parse(polgraph.Article{ID: "p", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 2 {
		t.Fatalf("%d sentences, want 2", len(sents))
	}
	find := func(tr depparse.Tree, w string) int {
		for i, x := range tr.Words {
			if x == w {
				return i
			}
		}
		t.Fatalf("no %q in %v", w, tr.Words)
		return -1
	}
	for _, s := range sents {
		if s.Err != nil {
			t.Fatal(s.Err)
		}
		if got := text[s.Start:s.End]; !strings.HasPrefix(got, s.Tree.Words[0]) {
			t.Errorf("sentence %q does not start with its first word %q", got, s.Tree.Words[0])
		}
	}
	t0, t1 := sents[0].Tree, sents[1].Tree
	attacked, israel := find(t0, "attacked"), find(t0, "Israel")
	if t0.Head(israel) != attacked || !strings.HasPrefix(t0.Label(israel), "obl") {
		t.Errorf("Israel: head %d label %s, want obl of attacked (%d)", t0.Head(israel), t0.Label(israel), attacked)
	}
	if _, w := t0.Case(israel); w != "by" {
		t.Errorf("Israel's case word %q, want by", w)
	}
	if iran := find(t0, "Iran"); t0.Head(iran) != attacked || t0.Label(iran) != "nsubj:pass" {
		t.Errorf("Iran: head %d label %s, want nsubj:pass of attacked", t0.Head(iran), t0.Label(iran))
	}
	met, putin := find(t1, "met"), find(t1, "Putin")
	if t1.Head(putin) != met || depparse.Universal(t1.Label(putin)) != "obl" {
		t.Errorf("Putin: head %d label %s, want obl of met (%d)", t1.Head(putin), t1.Label(putin), met)
	}
	if p := find(t1, "president"); t1.Head(p) != met || t1.Label(p) != "nsubj" {
		t.Errorf("president: head %d label %s, want nsubj of met", t1.Head(p), t1.Label(p))
	}
}

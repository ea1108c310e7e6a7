package depparse

import "testing"

func TestPath(t *testing.T) {
	// Putin met with Xi in Beijing on Monday .
	tr := Tree{
		Words:  []string{"Putin", "met", "with", "Xi", "in", "Beijing", "on", "Monday", "."},
		Heads:  []int{1, -1, 3, 1, 5, 1, 7, 1, 1},
		Labels: []string{"nsubj", "root", "case", "obl", "case", "obl", "case", "obl:tmod", "punct"},
	}
	tests := []struct {
		i, j int
		want string
	}{
		{0, 3, "nsubj<met>obl:with"},
		{3, 0, "obl:with<met>nsubj"},
		{1, 5, "met>obl:in"},
		{5, 1, "obl:in<met"},
		{0, 0, "putin"},
		{2, 5, "case<obl:with<met>obl:in"},
		{7, 0, "obl:on<met>nsubj"},
	}
	for _, tc := range tests {
		p, ok := tr.Path(tc.i, tc.j)
		if !ok || p.String() != tc.want {
			t.Errorf("Path(%d, %d) = %q, %v; want %q", tc.i, tc.j, p.String(), ok, tc.want)
		}
	}
	if _, ok := tr.Path(0, 9); ok {
		t.Error("path to a token out of range")
	}
	if c, w := tr.Case(3); c != 2 || w != "with" {
		t.Errorf("Case(3) = %d, %q", c, w)
	}
	if c, w := tr.Case(1); c != -1 || w != "" {
		t.Errorf("Case(1) = %d, %q", c, w)
	}
	if got := tr.Children(1); len(got) != 5 || got[0] != 0 || got[4] != 8 {
		t.Errorf("Children(1) = %v", got)
	}
	if tr.Root() != 1 || tr.Head(0) != 1 || tr.Label(3) != "obl" || tr.Head(99) != -1 || tr.Label(-1) != "" {
		t.Error("accessors disagree with the fields")
	}
	// A cycle gives no path rather than looping.
	bad := Tree{Words: []string{"a", "b"}, Heads: []int{1, 0}, Labels: []string{"dep", "dep"}}
	if _, ok := bad.Path(0, 1); ok {
		t.Error("path through a cycle")
	}
}

func TestProjectivise(t *testing.T) {
	// 0 <- 2 -> 4 and 1 <- 3: arc 3->1 crosses 2->4 (word 2 between 1 and 3 is
	// not dominated by 3).
	heads := []int{2, 3, -1, 2, 2}
	h, changed := projectivise(heads)
	if !changed || shortestNonProjective(h) >= 0 {
		t.Fatalf("projectivise(%v) = %v, %v", heads, h, changed)
	}
	if _, changed := projectivise([]int{1, -1, 1}); changed {
		t.Error("a projective tree changed")
	}
}

func TestUPOS(t *testing.T) {
	for tag, want := range map[string]string{"NNP": "PROPN", "VBZ": "VERB", "MD": "AUX", "IN": "ADP", "-LRB-": "PUNCT", "PRP$": "PRON", "zz": "X"} {
		if got := UPOS(tag); got != want {
			t.Errorf("UPOS(%q) = %q, want %q", tag, got, want)
		}
	}
}

package depparse

import (
	"math/rand/v2"
	"testing"
)

// TestOracle follows zero-cost transitions (the first, or a random one) on
// projectivised EWT trees and checks they rebuild the gold tree exactly;
// and that from random mistakes the oracle's cost stays exact: the gold arcs
// still reachable are all made. Costs count from the cheapest valid
// transition, as the single-root constraint can make every one cost.
func TestOracle(t *testing.T) {
	sents := readTreebank(t, "en_ewt-ud-train.conllu", 2000)
	rng := rand.New(rand.NewPCG(1, 1))
	var st state
	var costs [nActions]int
	for _, s := range sents {
		heads, _ := projectivise(s.Heads)
		n := len(heads)
		gold := make([]int32, n)
		for i, h := range heads {
			if h < 0 {
				h = n
			}
			gold[i] = int32(h)
		}
		for _, explore := range []bool{false, true} {
			st.reset(n)
			lost := 0
			for !st.done() {
				st.costs(gold, &costs)
				var zero, valid []int
				least := minCost(&st, &costs)
				for a := range nActions {
					if st.valid(a) {
						valid = append(valid, a)
						if costs[a] == least {
							zero = append(zero, a)
						}
					}
				}
				if !explore && least > 0 || len(zero) == 0 {
					t.Fatalf("%s (explore %v): no zero-cost transition: stack %v b %d n %d costs %v gold %v", s.ID, explore, st.stack, st.b, n, costs, gold)
				}
				a := zero[rng.IntN(len(zero))]
				if explore && rng.IntN(4) == 0 {
					a = valid[rng.IntN(len(valid))]
				}
				lost += costs[a]
				st.apply(a, 0, 0)
			}
			wrong := 0
			for i := range n {
				if st.heads[i] != gold[i] {
					wrong++
				}
			}
			if wrong != lost {
				t.Fatalf("%s (explore %v): %d wrong heads, costs added up to %d", s.ID, explore, wrong, lost)
			}
		}
	}
}

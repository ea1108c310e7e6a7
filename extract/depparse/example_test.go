package depparse_test

import (
	"fmt"

	"github.com/polgraph/polgraph/extract/depparse"
)

func ExampleModel_Parse() {
	m, err := depparse.Default()
	if err != nil {
		panic(err)
	}
	s := depparse.Sentence{
		Words: []string{"Putin", "met", "with", "Xi", "."},
		Tags:  []string{"NNP", "VBD", "IN", "NNP", "."},
	}
	tree, err := m.Parse(s)
	if err != nil {
		panic(err)
	}
	for i, w := range s.Words {
		fmt.Printf("%s <-%s- %d\n", w, tree.Label(i), tree.Head(i))
	}
	path, _ := tree.Path(0, 3)
	fmt.Println(path)
	_, prep := tree.Case(3)
	fmt.Println(prep)
	// Output:
	// Putin <-nsubj- 1
	// met <-root- -1
	// with <-case- 3
	// Xi <-obl- 1
	// . <-punct- 1
	// nsubj<met>obl:with
	// with
}

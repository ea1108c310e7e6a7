package corpus_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/polgraph/polgraph/corpus"
)

func ExampleRead() {
	stdin := strings.NewReader(`{"id": "w1", "title": "Talks resume", "text": "Delegates met in Lakeport.", "date": "July 28, 2024"}
{"id": "w2", "text": ""}
[1, 2]
{"id": "w3", "text": "The strike ended.", "published": "28/07/2024"}
`)
	for a, err := range corpus.Read(context.Background(), []string{"-"}, stdin, corpus.Options{}) {
		if err != nil {
			fmt.Println("problem:", err)
			continue
		}
		fmt.Printf("%s %q %q\n", a.ID, a.Published, a.Title)
	}
	// Output:
	// w1 "2024-07-28" "Talks resume"
	// problem: -:2: empty text
	// problem: -:3: malformed record: a JSON array, not an object
	// problem: -:4: unparseable date "28/07/2024"
	// w3 "" ""
}

func ExampleDateISO() {
	for _, s := range []string{"Sun, 28 Jul 2024 10:30:00 GMT", "28 July 2024", "07/28/2024"} {
		fmt.Println(corpus.DateISO(s))
	}
	// Output:
	// 2024-07-28 true
	// 2024-07-28 true
	//  false
}

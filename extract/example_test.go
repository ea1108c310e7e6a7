package extract_test

import (
	"fmt"
	"log"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/extract"
)

func ExampleExtractor_Extract() {
	// Build one Extractor per process: New loads the model and the
	// knowledge base; Extract does no I/O and is safe for concurrent use.
	x, err := extract.New(extract.Options{})
	if err != nil {
		log.Fatal(err)
	}
	res, err := x.Extract(polgraph.Article{
		ID:        "example",
		Published: "2019-06-13", // titles are read against the knowledge base on this date
		Text: "Iranian President Hassan Rouhani met Japanese Prime Minister Shinzo Abe in Tehran on Wednesday. " +
			"Abe did not meet Supreme Leader Ali Khamenei.",
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range res.Relations {
		fmt.Println(r.Subject, r.Predicate, r.Object, r.Modality)
	}
	// Output:
	// hassan-rouhani LEADS iran asserted
	// shinzo-abe LEADS japan asserted
	// hassan-rouhani MET_WITH shinzo-abe asserted
	// ali-khamenei LEADS iran asserted
	// ali-khamenei MET_WITH shinzo-abe negated
}

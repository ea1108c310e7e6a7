package extract_test

import (
	"strings"
	"testing"

	"github.com/polgraph/polgraph"
)

// TestCAMEOTrigger checks that a phrase pattern of the CAMEO-derived
// lexicon fires where no hand-written pattern does, and that its rule names
// the CAMEO code and the dictionary line for --explain.
func TestCAMEOTrigger(t *testing.T) {
	x := newGoldenExtractor(t)
	res, err := x.Extract(polgraph.Article{ID: "cameo", Published: "2019-07-01",
		Text: "US President Donald Trump has called for NATO members to increase military spending."})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Relations {
		if r.Predicate == polgraph.Requested && r.Subject == "donald-trump" && r.Object == "nato" {
			if !strings.Contains(r.Rule, "CAMEO 020") || !strings.Contains(r.Rule, "CAMEO.2.0.txt:") {
				t.Errorf("rule %q does not name the CAMEO code and line", r.Rule)
			}
			return
		}
	}
	t.Errorf("no donald-trump REQUESTED nato in %+v", res.Relations)
}

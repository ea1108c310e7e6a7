package extract

import (
	"strings"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/extract/depparse"
)

// An analysis is the working state of one article: its sentences, the
// mentions found in them, the actors they resolve to and the relations read
// so far. Each stage of the pipeline (doc.go) is a set of its methods.
type analysis struct {
	x           *Extractor
	art         polgraph.Article
	date        string
	sents       []sentence
	cover       [][]int // per sentence, per token: mention index + 1, or 0
	ments       []mention
	actors      []*actorBuild
	actorByID   map[string]int
	relations   []polgraph.Relation
	relSeen     map[string]bool
	mainCountry int // actor index of the most mentioned country, or -1
	// counterpartsAt holds "his X counterparts, A and B" phrases by
	// (sentence, token of the possessive), for coordination.
	counterpartsAt map[[2]int]counterpartList
	onlyPlace      map[int]bool     // actors named only as places ("in Tehran")
	trees          []*depparse.Tree // per sentence, parsed on first use (parse.go)
	parsed         []bool
	orgByBare      map[string]int // organisations the KB does not know, by the slug of their name without a state's name or demonym
}

// actorBuild accumulates one actor of the article.
type actorBuild struct {
	polgraph.Actor
	entry     *kbEntry
	aliasSeen map[string]bool
	firstSeen int // order of first mention, for stable output
	titles    []string
}

func (x *Extractor) analyse(a polgraph.Article) *analysis {
	d := x.recognise(a)
	for si := range d.sents {
		d.relate(si)
	}
	for si := range d.sents {
		d.learned(si)
	}
	return d
}

// recognise runs the text layer and actor recognition and resolution: the
// first half of analyse (BenchmarkActors measures it alone).
func (x *Extractor) recognise(a polgraph.Article) *analysis {
	d := &analysis{x: x, art: a, date: a.Published, actorByID: map[string]int{}, orgByBare: map[string]int{}, relSeen: map[string]bool{}, mainCountry: -1}
	if len(d.date) > 10 {
		d.date = d.date[:10]
	}
	d.sents = x.text.sentences(a.Text)
	d.cover = make([][]int, len(d.sents))
	for si := range d.sents {
		d.detectMentions(si)
	}
	d.resolve()
	return d
}

func (a *actorBuild) addAlias(s string) {
	s = strings.TrimSpace(s)
	if s == "" || a.aliasSeen[s] {
		return
	}
	a.aliasSeen[s] = true
	a.Aliases = append(a.Aliases, s)
}

func (a *actorBuild) gender() string {
	if a.entry != nil {
		return a.entry.Gender
	}
	return ""
}

// holds reports whether the actor holds a knowledge-base role in body.
func (a *actorBuild) holds(body string) bool {
	if a.entry == nil {
		return false
	}
	for _, r := range a.entry.Roles {
		if r.Of == body {
			return true
		}
	}
	return false
}

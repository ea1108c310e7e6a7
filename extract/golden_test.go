package extract_test

// Golden-file tests for the whole extractor.
//
// Each extract/testdata/NAME.txt is one short article, invented for the test
// in wire-news style. Conventions:
//
//   - An optional front-matter line "published: YYYY-MM-DD" may stand as the
//     very first line. It sets Article.Published (titles and "the president"
//     are resolved against the knowledge base on that date) and is stripped,
//     together with the blank lines after it, before extraction: the
//     extractor sees only what follows, byte for byte.
//   - The first line may be a headline. It stays in the text (the extractor
//     reads headlines as headings); like corpus's folder reader, it is also
//     copied to Article.Title when a blank line follows it.
//   - Article.ID is NAME.
//
// TestGolden compares each result, marshalled as indented JSON with actors
// sorted by id and relations by position, to NAME.golden.json, and checks the
// invariants every consumer relies on. Goldens change with the extractor:
//
//	go test ./extract -run TestGolden -update
//
// then review the diff of testdata/*.golden.json like code.
//
// NAME.expect records what a careful analyst expects of NAME.txt, one fact a
// line ('#' starts a comment; the last comment before a fact is printed with
// it when it is missed, so put the sentence there):
//
//	actor <id>                                  must be among the actors
//	noactor <text>                              no actor has this name or alias (case folded)
//	rel <subject> <PREDICATE> <object> <modality>  must be present
//	norel <subject> <PREDICATE> <object> [modality] must be absent (in any modality when omitted)
//
// In norel, "*" matches any subject, predicate or object ("norel * * *": no
// relation at all). Symmetric predicates match in either direction.
// TestExpectations checks them. The extractor is still being improved, so by
// default it only logs "expectations met: N/M"; with POLGRAPH_EXPECT=1 each
// miss is an error.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/extract"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// goldenExtractor builds the extractor once for every test of the package
// that needs it: loading the model per article would dominate the run.
var goldenExtractor = sync.OnceValues(func() (*extract.Extractor, error) {
	return extract.New(extract.Options{})
})

func newGoldenExtractor(t *testing.T) *extract.Extractor {
	t.Helper()
	x, err := goldenExtractor()
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return x
}

// goldenCases returns the NAME of every testdata/NAME.txt, sorted.
func goldenCases(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("no testdata/*.txt")
	}
	var names []string
	for _, p := range paths {
		names = append(names, strings.TrimSuffix(filepath.Base(p), ".txt"))
	}
	slices.Sort(names)
	return names
}

// readTestArticle reads testdata/NAME.txt under the conventions above.
func readTestArticle(t *testing.T, name string) polgraph.Article {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return parseTestArticle(name, string(raw))
}

func parseTestArticle(name, text string) polgraph.Article {
	a := polgraph.Article{ID: name}
	if first, rest, ok := strings.Cut(text, "\n"); ok && strings.HasPrefix(first, "published:") {
		a.Published = strings.TrimSpace(strings.TrimPrefix(first, "published:"))
		text = strings.TrimLeft(rest, "\r\n")
	}
	a.Text = text
	if first, rest, ok := strings.Cut(text, "\n"); ok {
		if next, _, _ := strings.Cut(rest, "\n"); strings.TrimSpace(next) == "" {
			a.Title = strings.TrimSpace(first)
		}
	}
	return a
}

// extractTestArticle extracts NAME.txt and checks the invariants of every
// relation; it returns the article and its result.
func extractTestArticle(t *testing.T, x *extract.Extractor, name string) (polgraph.Article, polgraph.Result) {
	t.Helper()
	a := readTestArticle(t, name)
	res, err := x.Extract(a)
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	return a, res
}

func checkInvariants(t *testing.T, text string, res polgraph.Result) {
	t.Helper()
	if err := res.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	ids := map[string]bool{}
	for _, a := range res.Actors {
		ids[a.ID] = true
	}
	for i, r := range res.Relations {
		where := fmt.Sprintf("relation %d (%s %s %s)", i, r.Subject, r.Predicate, r.Object)
		if r.Start < 0 || r.End > len(text) || r.Start > r.End {
			t.Errorf("%s: span [%d, %d) outside text of length %d", where, r.Start, r.End, len(text))
		} else if got := text[r.Start:r.End]; got != r.Sentence {
			t.Errorf("%s: text[%d:%d] = %q, sentence = %q", where, r.Start, r.End, got, r.Sentence)
		}
		if !ids[r.Subject] {
			t.Errorf("%s: subject not among the actors", where)
		}
		if !ids[r.Object] {
			t.Errorf("%s: object not among the actors", where)
		}
		if r.Subject == r.Object {
			t.Errorf("%s: subject and object are the same actor", where)
		}
		if r.Confidence < 0 || r.Confidence > 1 {
			t.Errorf("%s: confidence %v outside [0, 1]", where, r.Confidence)
		}
	}
}

// goldenJSON marshals res in a stable order: actors by id (their aliases
// sorted), relations by sentence, then subject, predicate, object, modality.
func goldenJSON(res polgraph.Result) ([]byte, error) {
	res.Actors = slices.Clone(res.Actors)
	for i := range res.Actors {
		res.Actors[i].Aliases = slices.Sorted(slices.Values(res.Actors[i].Aliases))
	}
	slices.SortStableFunc(res.Actors, func(a, b polgraph.Actor) int { return strings.Compare(a.ID, b.ID) })
	res.Relations = slices.Clone(res.Relations)
	slices.SortStableFunc(res.Relations, func(a, b polgraph.Relation) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		for _, c := range [][2]string{
			{a.Subject, b.Subject},
			{string(a.Predicate), string(b.Predicate)},
			{a.Object, b.Object},
			{string(a.Modality), string(b.Modality)},
		} {
			if n := strings.Compare(c[0], c[1]); n != 0 {
				return n
			}
		}
		return 0
	})
	out, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

func TestGolden(t *testing.T) {
	x := newGoldenExtractor(t)
	for _, name := range goldenCases(t) {
		t.Run(name, func(t *testing.T) {
			a, res := extractTestArticle(t, x, name)
			checkInvariants(t, a.Text, res)
			got, err := goldenJSON(res)
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v; run go test ./extract -run TestGolden -update and review the diff", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs; run go test ./extract -run TestGolden -update and review the diff", golden)
			}
		})
	}
}

// An expectation is one line of a NAME.expect file.
type expectation struct {
	line     int
	context  string // the last comment before it
	kind     string // actor, noactor, rel, norel
	text     string // noactor: the name
	subject  string
	pred     string
	object   string
	modality string // empty in norel: any
}

func (e expectation) String() string {
	switch e.kind {
	case "actor":
		return "actor " + e.subject
	case "noactor":
		return "noactor " + e.text
	}
	return strings.TrimSpace(strings.Join([]string{e.kind, e.subject, e.pred, e.object, e.modality}, " "))
}

func readExpectations(path string) ([]expectation, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []expectation
	context := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "#") {
			context = strings.TrimSpace(strings.TrimPrefix(line, "#"))
			continue
		}
		e := expectation{line: n, context: context}
		f := strings.Fields(line)
		e.kind = f[0]
		switch {
		case e.kind == "actor" && len(f) == 2:
			e.subject = f[1]
		case e.kind == "noactor" && len(f) >= 2:
			e.text = strings.TrimSpace(strings.TrimPrefix(line, "noactor"))
		case e.kind == "rel" && len(f) == 5:
			e.subject, e.pred, e.object, e.modality = f[1], f[2], f[3], f[4]
		case e.kind == "norel" && (len(f) == 4 || len(f) == 5):
			e.subject, e.pred, e.object = f[1], f[2], f[3]
			if len(f) == 5 {
				e.modality = f[4]
			}
		default:
			return nil, fmt.Errorf("%s:%d: cannot read %q", path, n, line)
		}
		if e.pred != "" && e.pred != "*" && !polgraph.Predicate(e.pred).Valid() {
			return nil, fmt.Errorf("%s:%d: unknown predicate %q", path, n, e.pred)
		}
		if e.modality != "" && !polgraph.Modality(e.modality).Valid() {
			return nil, fmt.Errorf("%s:%d: unknown modality %q", path, n, e.modality)
		}
		out = append(out, e)
	}
	return out, sc.Err()
}

// relMatches reports whether r is what e names; "*" and an empty modality
// match anything, and symmetric predicates match in either direction.
func relMatches(e expectation, r polgraph.Relation) bool {
	eq := func(want, got string) bool { return want == "*" || want == "" || want == got }
	if !eq(e.pred, string(r.Predicate)) || !eq(e.modality, string(r.Modality)) {
		return false
	}
	if eq(e.subject, r.Subject) && eq(e.object, r.Object) {
		return true
	}
	return r.Predicate.Symmetric() && eq(e.subject, r.Object) && eq(e.object, r.Subject)
}

// check returns "" when e holds for res, else what was found instead.
func (e expectation) check(res polgraph.Result) string {
	switch e.kind {
	case "actor":
		var ids []string
		for _, a := range res.Actors {
			if a.ID == e.subject {
				return ""
			}
			ids = append(ids, a.ID)
		}
		return "actors: " + strings.Join(ids, ", ")
	case "noactor":
		for _, a := range res.Actors {
			for _, n := range append([]string{a.Name}, a.Aliases...) {
				if strings.EqualFold(n, e.text) {
					return fmt.Sprintf("found actor %s (%s)", a.ID, a.Type)
				}
			}
		}
		return ""
	case "rel":
		for _, r := range res.Relations {
			if relMatches(e, r) {
				return ""
			}
		}
		// Say what the pair got instead, for the owner's work queue.
		var got []string
		for _, r := range res.Relations {
			if (r.Subject == e.subject && r.Object == e.object) || (r.Subject == e.object && r.Object == e.subject) {
				got = append(got, fmt.Sprintf("%s %s %s %s", r.Subject, r.Predicate, r.Object, r.Modality))
			}
		}
		if len(got) == 0 {
			return "no relation between them"
		}
		return "got " + strings.Join(got, "; ")
	case "norel":
		for _, r := range res.Relations {
			if relMatches(e, r) {
				return fmt.Sprintf("got %s %s %s %s (trigger %q)", r.Subject, r.Predicate, r.Object, r.Modality, r.Trigger)
			}
		}
	}
	return ""
}

func TestExpectations(t *testing.T) {
	strict := os.Getenv("POLGRAPH_EXPECT") == "1"
	x := newGoldenExtractor(t)
	met, total := 0, 0
	for _, name := range goldenCases(t) {
		path := filepath.Join("testdata", name+".expect")
		exps, err := readExpectations(path)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		_, res := extractTestArticle(t, x, name)
		for _, e := range exps {
			total++
			miss := e.check(res)
			if miss == "" {
				met++
				continue
			}
			if strict {
				t.Errorf("%s:%d: %s: %s\n\t# %s", path, e.line, e, miss, e.context)
			}
		}
	}
	if total == 0 {
		t.Fatal("no testdata/*.expect")
	}
	t.Logf("expectations met: %d/%d", met, total)
	if !strict && met < total {
		t.Logf("set POLGRAPH_EXPECT=1 to list the %d unmet", total-met)
	}
}

// Command train-relations trains the relation model of extract/relmodel on
// gold annotations and reports its figures cross-validated by article.
//
//	go run ./internal/cmd/train-relations            # make train-relations
//
// It extracts every gold-train article with the rules alone, asks the
// extractor for the candidate pairs no rule related, labels each from the
// gold relations between the two actors (evaluate.Align), and fits a
// logistic regression. The probability threshold is the one that gives the
// best type-level F1 over k folds by article; the final model, trained on
// all of gold-train with that threshold, is written for embedding. gold-dev
// is only scored, never trained or tuned on.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/corpus"
	"github.com/polgraph/polgraph/evaluate"
	"github.com/polgraph/polgraph/extract"
	"github.com/polgraph/polgraph/extract/relmodel"
)

func main() {
	shared := os.Getenv("POLGRAPH_SHARED")
	if shared == "" {
		shared = "../shared"
	}
	train := flag.String("gold", filepath.Join(shared, "eval/gold-train.jsonl"), "training gold (JSONL)")
	dev := flag.String("dev", filepath.Join(shared, "eval/gold-dev.jsonl"), "held-out gold, scored only")
	corpusDir := flag.String("corpus", filepath.Join(shared, "corpus"), "articles of the gold sets")
	out := flag.String("o", "relations.model.gz", "model file to write")
	folds := flag.Int("folds", 5, "cross-validation folds (by article)")
	seed := flag.Uint64("seed", 1, "shuffling seed")
	flag.Parse()
	log.SetFlags(0)
	if err := run(*train, *dev, *corpusDir, *out, *folds, *seed); err != nil {
		log.Fatalf("train-relations: %v", err)
	}
}

// article is one gold article with what the rules make of it.
type article struct {
	a     polgraph.Article
	rules polgraph.Result
	ex    []relmodel.Example
}

func run(trainPath, devPath, corpusDir, out string, k int, seed uint64) error {
	start := time.Now()
	trainGold, err := evaluate.LoadGold(trainPath)
	if err != nil {
		return err
	}
	devGold, err := evaluate.LoadGold(devPath)
	if err != nil {
		return err
	}
	texts, err := readArticles(corpusDir, append(trainGold.IDs(), devGold.IDs()...))
	if err != nil {
		return err
	}
	rulesOnly, err := extract.New(extract.Options{})
	if err != nil {
		return err
	}
	arts, err := label(rulesOnly, trainGold, texts)
	if err != nil {
		return err
	}
	n := 0
	for _, a := range arts {
		n += len(a.ex)
	}
	fmt.Printf("gold-train: %d articles, %d candidate pairs no rule relates (%s)\n", len(arts), n, classCounts(arts))
	fmt.Printf("gold-train: %d of %d required relations join two actors named in one sentence\n", coverage.paired, coverage.required)

	opts := relmodel.Options{Seed: seed}
	thresholds := []float64{0.35, 0.45, 0.55, 0.65, 0.75, 0.85}
	cv := make([][]polgraph.Result, len(thresholds))
	for f := 0; f < k; f++ {
		var ex []relmodel.Example
		for i, a := range arts {
			if i%k != f {
				ex = append(ex, a.ex...)
			}
		}
		m := relmodel.Train(ex, opts)
		for ti, th := range thresholds {
			m.Threshold = th
			x, err := extract.New(extract.Options{RelationModel: m})
			if err != nil {
				return err
			}
			for i, a := range arts {
				if i%k == f {
					res, err := x.Extract(a.a)
					if err != nil {
						return err
					}
					cv[ti] = append(cv[ti], res)
				}
			}
		}
	}
	var rules []polgraph.Result
	for _, a := range arts {
		rules = append(rules, a.rules)
	}
	base, err := score(trainGold, rules)
	if err != nil {
		return err
	}
	fmt.Printf("\ngold-train, rules alone:            %s\n", line(base))
	best, bestF := 0, -1.0
	for ti, th := range thresholds {
		rep, err := score(trainGold, cv[ti])
		if err != nil {
			return err
		}
		fmt.Printf("gold-train, %d-fold CV, threshold %.2f: %s\n", k, th, line(rep))
		if _, _, f := rep.Type.PRF(); f > bestF {
			best, bestF = ti, f
		}
	}

	var all []relmodel.Example
	for _, a := range arts {
		all = append(all, a.ex...)
	}
	m := relmodel.Train(all, opts)
	m.Threshold = thresholds[best]
	m.Trained = fmt.Sprintf("%d candidate pairs of %d articles of %s; threshold %.2f from %d-fold CV by article", len(all), len(arts), filepath.Base(trainPath), m.Threshold, k)
	fmt.Printf("\nchosen threshold %.2f; final model: %d classes, %d features\n", m.Threshold, len(m.Classes), len(m.Weights))
	cvRep, _ := score(trainGold, cv[best])
	fmt.Println("\ngold-train, cross-validated, per type:")
	cvRep.WriteTypeTable(os.Stdout)

	x, err := extract.New(extract.Options{RelationModel: m})
	if err != nil {
		return err
	}
	devRules, devModel, err := extractAll(rulesOnly, x, devGold, texts)
	if err != nil {
		return err
	}
	dr, err := score(devGold, devRules)
	if err != nil {
		return err
	}
	dm, err := score(devGold, devModel)
	if err != nil {
		return err
	}
	fmt.Printf("\ngold-dev, rules alone:  %s\ngold-dev, with model:   %s\n", line(dr), line(dm))

	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := m.Write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Printf("\nwrote %s in %s\n", out, time.Since(start).Round(time.Second))
	return nil
}

// label extracts each gold article with the rules and turns its candidates
// into examples: the class is the gold relation between the two actors
// (its first listed predicate, with its direction), else None.
func label(x *extract.Extractor, gold *evaluate.Articles, texts map[string]polgraph.Article) ([]article, error) {
	var out []article
	for _, id := range gold.IDs() {
		a, ok := texts[id]
		if !ok {
			return nil, fmt.Errorf("gold article %s is not in the corpus", id)
		}
		res, cands, err := x.Candidates(a)
		if err != nil {
			return nil, fmt.Errorf("article %s: %w", id, err)
		}
		al, _, err := evaluate.Align(gold, res)
		if err != nil {
			return nil, err
		}
		art := article{a: a, rules: res}
		reach := map[[2]int]bool{}
		for _, c := range cands {
			g1, g2 := al.Actor[c.First], al.Actor[c.Second]
			reach[[2]int{g1, g2}], reach[[2]int{g2, g1}] = true, true
		}
		for _, r := range al.Relations {
			if r.Optional {
				continue
			}
			coverage.required++
			if reach[[2]int{r.Subject, r.Object}] {
				coverage.paired++
			}
		}
		for _, c := range cands {
			if c.Ruled {
				continue
			}
			art.ex = append(art.ex, relmodel.Example{Features: c.Features, Class: classOf(al, c)})
		}
		out = append(out, art)
	}
	return out, nil
}

// coverage counts the required gold relations whose two actors the
// extractor names in one sentence: what any relation rule or model could
// find at most.
var coverage struct{ required, paired int }

func classOf(al evaluate.Alignment, c extract.Candidate) string {
	g1, ok1 := al.Actor[c.First]
	g2, ok2 := al.Actor[c.Second]
	if !ok1 || !ok2 || g1 < 0 || g2 < 0 {
		return relmodel.None
	}
	for _, r := range al.Relations {
		if len(r.Predicates) == 0 || r.Modality == polgraph.Negated {
			continue
		}
		p := r.Predicates[0]
		switch {
		case r.Subject == g1 && r.Object == g2:
			return relmodel.Class(string(p), true, p.Symmetric())
		case r.Subject == g2 && r.Object == g1:
			return relmodel.Class(string(p), false, p.Symmetric())
		}
	}
	return relmodel.None
}

func classCounts(arts []article) string {
	n := map[string]int{}
	for _, a := range arts {
		for _, e := range a.ex {
			n[e.Class]++
		}
	}
	var keys []string
	for c := range n {
		keys = append(keys, c)
	}
	slices.Sort(keys)
	var b strings.Builder
	for i, c := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %d", c, n[c])
	}
	return b.String()
}

func extractAll(rules, model *extract.Extractor, gold *evaluate.Articles, texts map[string]polgraph.Article) (r, m []polgraph.Result, err error) {
	for _, id := range gold.IDs() {
		a := texts[id]
		x, err := rules.Extract(a)
		if err != nil {
			return nil, nil, err
		}
		y, err := model.Extract(a)
		if err != nil {
			return nil, nil, err
		}
		r, m = append(r, x), append(m, y)
	}
	return r, m, nil
}

func score(gold *evaluate.Articles, rs []polgraph.Result) (evaluate.Report, error) {
	pred, err := evaluate.FromResults(rs)
	if err != nil {
		return evaluate.Report{}, err
	}
	return evaluate.Score(gold, pred)
}

func line(r evaluate.Report) string {
	p, rc, f := r.Type.PRF()
	cp, cr, cf := r.Category.PRF()
	return fmt.Sprintf("type P %.3f R %.3f F1 %.3f | category P %.3f R %.3f F1 %.3f | modality %d/%d", p, rc, f, cp, cr, cf, r.ModalityRight, r.ModalityTotal)
}

func readArticles(dir string, ids []string) (map[string]polgraph.Article, error) {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	out := map[string]polgraph.Article{}
	for a, err := range corpus.Read(context.Background(), []string{dir}, nil, corpus.Options{}) {
		if err != nil {
			return nil, err
		}
		if want[a.ID] {
			out[a.ID] = a
		}
	}
	return out, nil
}

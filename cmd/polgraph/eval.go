package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/evaluate"
)

func (a *app) evalCmd() *cobra.Command {
	var gold, pred string
	var asJSON, perArticle, perType bool
	cmd := &cobra.Command{
		Use:   "eval --gold GOLD (--pred PRED | INPUT...)",
		Short: "Score an extraction against gold annotations",
		Long: `Eval prints precision, recall and F1 for actors and relations (exact type,
category, pair) and modality accuracy, computed exactly as
../shared/eval/score.py computes them. Give a prediction file with --pred, or
articles to extract now as INPUT.`,
		Example: `  polgraph eval --gold examples/sample-gold.jsonl --per-type examples/sample/
  polgraph extract examples/sample/ -o extraction.jsonl && polgraph eval --gold examples/sample-gold.jsonl --pred extraction.jsonl
  polgraph eval --gold ../shared/eval/gold-dev.jsonl --per-type ../shared/corpus/   # the shared development set`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if gold == "" {
				return usageError{errors.New("--gold is required")}
			}
			if (pred == "") == (len(args) == 0) {
				return usageError{errors.New("give either --pred FILE or articles to extract, not both")}
			}
			g, err := evaluate.LoadGold(gold)
			if err != nil {
				return err
			}
			var p *evaluate.Articles
			if pred != "" {
				if p, err = evaluate.LoadPredictions(pred); err != nil {
					return err
				}
			} else {
				cfg, x, err := a.extractor()
				if err != nil {
					return err
				}
				want := map[string]bool{}
				for _, id := range g.IDs() {
					want[id] = true
				}
				var results []polgraph.Result
				t := &tally{start: time.Now()}
				src := source{inputs: args, opts: readerOptions(cfg, t)}
				err = a.stream(cmd.Context(), src, x, cfg.WorkerCount(), func(r polgraph.Result) error {
					if want[r.Article.ID] {
						results = append(results, r)
					}
					return nil
				}, t)
				if err != nil {
					return err
				}
				if p, err = evaluate.FromResults(results); err != nil {
					return err
				}
			}
			rep, err := evaluate.Score(g, p)
			if err != nil {
				return err
			}
			switch {
			case asJSON:
				return rep.WriteJSON(a.stdout)
			case perType:
				if err := rep.WriteText(a.stdout, perArticle); err != nil {
					return err
				}
				fmt.Fprintln(a.stdout)
				return rep.WriteTypeTable(a.stdout)
			default:
				return rep.WriteText(a.stdout, perArticle)
			}
		},
	}
	f := cmd.Flags()
	f.StringVar(&gold, "gold", "", "gold annotations (JSONL)")
	f.StringVar(&pred, "pred", "", "predictions: extraction JSONL")
	f.BoolVar(&asJSON, "json", false, "print one JSON object (as score.py --json)")
	f.BoolVar(&perArticle, "per-article", false, "print a line per article (as score.py --per-article)")
	f.BoolVar(&perType, "per-type", false, "also print precision and recall per relation type")
	addInputFlags(cmd)
	return cmd
}

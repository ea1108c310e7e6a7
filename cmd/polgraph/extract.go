package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/polgraph/polgraph"
)

func (a *app) extractCmd() *cobra.Command {
	var out string
	var explain bool
	cmd := &cobra.Command{
		Use:   "extract [INPUT...]",
		Short: "Extract actors and relations from articles into JSONL",
		Long: `Extract reads articles (JSONL, CSV/TSV, .txt/.md/.html files, folders, any of
them gzipped, or - for standard input) and writes one JSON object per article
with its actors and relations, in input order (the format of formats.md).

With --explain it prints, instead, one line per relation with the rule and
the trigger that produced it.`,
		Example: `  polgraph extract corpus.jsonl -o extraction.jsonl
  polgraph extract ./articles/ > extraction.jsonl
  cat article.txt | polgraph extract --explain -`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, x, err := a.extractor()
			if err != nil {
				return err
			}
			w := a.stdout
			var f *os.File
			if out != "" && out != "-" {
				if f, err = os.Create(out); err != nil {
					return usageError{fmt.Errorf("-o: %v", err)}
				}
				defer f.Close()
				w = f
			}
			bw := bufio.NewWriterSize(w, 1<<16)
			enc := json.NewEncoder(bw)
			enc.SetEscapeHTML(false)
			emit := func(r polgraph.Result) error { return enc.Encode(r) }
			if explain {
				emit = func(r polgraph.Result) error { return writeExplain(bw, r) }
			}
			t := &tally{start: time.Now()}
			src := source{inputs: inputsOrStdin(args), opts: readerOptions(cfg, t)}
			err = a.stream(cmd.Context(), src, x, cfg.WorkerCount(), emit, t)
			if ferr := bw.Flush(); err == nil && ferr != nil {
				err = ferr
			}
			if f != nil {
				if cerr := f.Close(); err == nil && cerr != nil {
					err = cerr
				}
			}
			return a.finish(cmd, t, "extract", "extracted", err)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to this file instead of standard output")
	cmd.Flags().BoolVar(&explain, "explain", false, "print the rule and trigger behind each relation")
	addInputFlags(cmd)
	return cmd
}

// writeExplain prints one block per article and a line per relation.
func writeExplain(w io.Writer, r polgraph.Result) error {
	fmt.Fprintf(w, "# %s  %s\n", r.Article.ID, r.Article.Title)
	names := map[string]string{}
	for _, a := range r.Actors {
		names[a.ID] = a.Name
	}
	for _, rel := range r.Relations {
		role := ""
		if rel.Role != "" {
			role = " role=" + rel.Role
		}
		fmt.Fprintf(w, "%s -%s-> %s  [%s, %.2f%s]\n    trigger %q  rule %s\n    sentence %d-%d: %s\n",
			names[rel.Subject], rel.Predicate, names[rel.Object], rel.Modality, rel.Confidence, role,
			rel.Trigger, rel.Rule, rel.Start, rel.End, rel.Sentence)
	}
	_, err := fmt.Fprintln(w)
	return err
}

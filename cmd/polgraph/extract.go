package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/polgraph/polgraph"
)

func (a *app) extractCmd() *cobra.Command {
	var out, shardFlag string
	var explain bool
	cmd := &cobra.Command{
		Use:   "extract [INPUT...]",
		Short: "Extract actors and relations from articles into JSONL",
		Long: `Extract reads articles (JSONL, CSV/TSV, .txt/.md/.html files, folders, any of
them gzipped, or - for standard input) and writes one JSON object per article
with its actors and relations, in input order (the format of formats.md).

With --explain it prints, instead, one line per relation with the rule and
the trigger that produced it.

With --shard K/N it extracts only the articles of shard K of N: those whose
id, hashed with 64-bit FNV-1a, is K-1 modulo N. N machines given the same
input and shards 1/N to N/N extract one corpus without coordination: every
article falls in exactly one shard (duplicates are dropped before sharding),
and the concatenated outputs hold the lines of an unsharded run.`,
		Example: `  polgraph extract corpus.jsonl -o extraction.jsonl
  polgraph extract ./articles/ > extraction.jsonl
  cat article.txt | polgraph extract --explain -
  polgraph extract corpus.jsonl --shard 2/3 -o part-2.jsonl   # machine 2 of 3`,
		RunE: func(cmd *cobra.Command, args []string) error {
			sh, err := parseShard(shardFlag)
			if err != nil {
				return usageError{err}
			}
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
				emit = func(r polgraph.Result) error { return writeExplain(bw, r, x.Source) }
			}
			t := &tally{start: time.Now()}
			src := source{inputs: inputsOrStdin(args), opts: readerOptions(cfg, t), shard: sh}
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
	cmd.Flags().StringVar(&shardFlag, "shard", "", "extract only shard `K/N` (1 <= K <= N): the articles whose id's FNV-1a 64 hash is K-1 mod N")
	addInputFlags(cmd)
	return cmd
}

// writeExplain prints one block per article: a line per actor with the
// knowledge-base entry it comes from (source gives it: hand, a --kb file,
// Phoenix), then a line per relation.
func writeExplain(w io.Writer, r polgraph.Result, source func(polgraph.Actor) string) error {
	fmt.Fprintf(w, "# %s  %s\n", r.Article.ID, r.Article.Title)
	names := map[string]string{}
	for _, a := range r.Actors {
		names[a.ID] = a.Name
		from := source(a)
		if from == "" {
			from = "text"
		}
		fmt.Fprintf(w, "actor %s  %s %s  [%s]\n", a.ID, a.Type, a.Country, from)
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

// A shard is part k (1-based) of n of a corpus. The zero shard is the
// whole corpus.
type shard struct{ k, n uint64 }

// parseShard reads --shard K/N; "" is the whole corpus.
func parseShard(s string) (shard, error) {
	if s == "" {
		return shard{}, nil
	}
	ks, ns, ok := strings.Cut(s, "/")
	k, kerr := strconv.ParseUint(ks, 10, 64)
	n, nerr := strconv.ParseUint(ns, 10, 64)
	switch {
	case !ok || kerr != nil || nerr != nil:
		return shard{}, fmt.Errorf("--shard %q: want K/N, such as 2/8", s)
	case n < 1:
		return shard{}, fmt.Errorf("--shard %q: N must be at least 1", s)
	case k < 1 || k > n:
		return shard{}, fmt.Errorf("--shard %q: K must be between 1 and N (%d)", s, n)
	}
	return shard{k, n}, nil
}

// keeps reports whether the article with this id belongs to the shard:
// whether FNV-1a 64 of the id is k-1 modulo n.
func (s shard) keeps(id string) bool {
	if s.n == 0 {
		return true
	}
	h := fnv.New64a()
	io.WriteString(h, id)
	return h.Sum64()%s.n == s.k-1
}

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/corpus"
)

func (a *app) loadCmd() *cobra.Command {
	var dry, reload, strict bool
	cmd := &cobra.Command{
		Use:   "load [FILE|-]",
		Short: "Load extraction JSONL (from 'polgraph extract') into Neo4j",
		Long: `Load reads extraction JSONL (one result per line, the format 'polgraph extract'
writes) and merges it into Neo4j in batches, each batch one transaction. A
line that is not valid JSON or breaks the contract (unknown predicate,
dangling actor) is reported with its line number and skipped.

Resuming: articles already in the graph are skipped, so an interrupted load
is resumed by running the same command again; --reload loads them again,
replacing their claims. Loading the same file twice leaves the graph
unchanged. Ctrl-C (or SIGTERM) stops after the batch in flight.`,
		Example: `  polgraph load extraction.jsonl
  polgraph extract corpus.jsonl | polgraph load -
  polgraph load extraction.jsonl --reload --batch-size 200`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.config()
			if err != nil {
				return err
			}
			path, r, closeInput, err := a.openInput(args, 0)
			if err != nil {
				return err
			}
			defer closeInput()
			return a.write(cmd, cfg, dry, reload, []string{path}, "load", "loaded",
				func(ctx context.Context, skip skipFunc, b *batcher, wctx context.Context, t *tally) error {
					return a.loadResults(ctx, path, r, readerOptions(cfg, t), skip, b, wctx, t)
				})
		},
	}
	addLoadFlags(cmd, &dry, &reload)
	cmd.Flags().BoolVar(&strict, "strict", false, "exit 1 if any line got a warning")
	addNeo4jFlags(cmd)
	addBatchFlag(cmd)
	addLeaseFlags(cmd, &a.lease)
	return cmd
}

// loadResults reads extraction JSONL from r and adds its results to b,
// logging and counting the bad lines and leaving out, in chunks, the
// articles skip reports as loaded. b writes with wctx, which outlives a
// signal so that the batch in flight is finished.
func (a *app) loadResults(ctx context.Context, path string, r io.Reader, opts corpus.Options,
	skip skipFunc, b *batcher, wctx context.Context, t *tally) error {
	var chunk []polgraph.Result
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		keep, err := notLoaded(ctx, skip, chunk, func(r polgraph.Result) string { return r.Article.ID }, t)
		if err != nil {
			return err
		}
		for _, res := range keep {
			t.done.Add(1)
			t.actors.Add(int64(len(res.Actors)))
			t.relations.Add(int64(len(res.Relations)))
			if err := b.add(wctx, res); err != nil {
				return err
			}
		}
		chunk = chunk[:0]
		return nil
	}
	for res, err := range corpus.ReadResults(ctx, r, path, opts) {
		var re *corpus.RecordError
		switch {
		case errors.As(err, &re):
			t.read.Add(1)
			t.skipped.Add(1)
			a.log.Warn(re.Error(), "skipped", true)
			continue
		case err != nil:
			return err
		}
		t.read.Add(1)
		t.articles.Add(1)
		chunk = append(chunk, res)
		if len(chunk) >= chunkMax {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// openInput opens the extraction JSONL file args[i], or standard input when
// there is no such argument or it is "-"; path is what errors call it.
func (a *app) openInput(args []string, i int) (path string, r io.Reader, close func(), err error) {
	if len(args) <= i || args[i] == "-" {
		return "-", a.stdin, func() {}, nil
	}
	path = args[i]
	f, err := os.Open(path)
	if err != nil {
		return path, nil, nil, fmt.Errorf("open %s: %v", path, errors.Unwrap(err))
	}
	return path, f, func() { f.Close() }, nil
}

package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/config"
	"github.com/polgraph/polgraph/graph"
)

func (a *app) runCmd() *cobra.Command {
	var dry, reload bool
	cmd := &cobra.Command{
		Use:   "run [INPUT...]",
		Short: "Extract articles and load them into Neo4j in one streaming pass",
		Long: `Run extracts the articles (the inputs of 'polgraph extract') on every core and
loads the results into Neo4j through one writer, in batches of --batch-size
articles, each batch one transaction.

Resuming: articles whose id is already in the graph are skipped, so an
interrupted run is resumed by running the same command again and ends with
the graph an uninterrupted run gives. --reload extracts them again and
replaces them. Ctrl-C (or SIGTERM) stops after the batch in flight is
written; a second one stops at once, and the batch in flight is rolled back.

Bad input is reported as a warning naming the file and line and skipped (or
repaired, as invalid UTF-8 is); the summary's counts add up to the records
read. See 'polgraph --help' for exit codes.

` + leaseHelp,
		Example: `  polgraph run examples/sample/
  polgraph run ./news/ --batch-size 200
  polgraph run corpus.csv.gz --text-col body --dry-run
  polgraph run ./news/ --reload        # re-extract articles already loaded`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, x, err := a.extractor()
			if err != nil {
				return err
			}
			inputs := inputsOrStdin(args)
			return a.write(cmd, cfg, dry, reload, inputs, "run", "extracted",
				func(ctx context.Context, skip skipFunc, b *batcher, wctx context.Context, t *tally) error {
					src := source{inputs: inputs, opts: readerOptions(cfg, t), skip: skip}
					return a.stream(ctx, src, x, cfg.WorkerCount(), func(r polgraph.Result) error { return b.add(wctx, r) }, t)
				})
		},
	}
	addLoadFlags(cmd, &dry, &reload)
	addInputFlags(cmd)
	addNeo4jFlags(cmd)
	addBatchFlag(cmd)
	addLeaseFlags(cmd, &a.lease)
	return cmd
}

func (a *app) loadSummary(s graph.Stats, dry bool) {
	if dry {
		fmt.Fprintf(a.stderr, "dry run: nothing written; %d invalid records\n", s.Rejected)
		return
	}
	line := fmt.Sprintf("loaded: %d articles, %d actors merged, %d evidence claims, %d roll-ups", s.Articles, s.Actors, s.Claims, s.RollUps)
	if s.Rejected > 0 {
		line += fmt.Sprintf("; the loader rejected %d invalid records (see the warnings)", s.Rejected)
	}
	fmt.Fprintln(a.stderr, line)
}

// write runs feed, which reads and adds results to b, inside what load and
// run share: the sink (Neo4j, or a dry run), the progress display, the
// last batch and the summaries. b writes with wctx, which outlives a signal
// so that the batch in flight is finished; feed reads with ctx.
func (a *app) write(cmd *cobra.Command, cfg config.Config, dry, reload bool, inputs []string, verb, doneWord string,
	feed func(ctx context.Context, skip skipFunc, b *batcher, wctx context.Context, t *tally) error) error {
	var stats graph.Stats
	ctx := cmd.Context()
	wctx := context.WithoutCancel(ctx)
	b, skip, closeFn, err := a.openSink(ctx, cfg, dry, reload, &stats)
	if err != nil {
		return err
	}
	defer closeFn()
	t := &tally{start: time.Now()}
	p := a.startProgress(t, inputs)
	err = feed(ctx, skip, b, wctx, t)
	if ferr := b.drain(wctx); ferr != nil && (err == nil || errors.Is(err, context.Canceled)) {
		err = ferr
	}
	p.close()
	a.loadSummary(stats, dry)
	return a.finish(cmd, t, verb, doneWord, err)
}

// openSink returns the batcher of load and run and their resume check:
// Neo4j and graph.DB.Loaded, or, with --dry-run, dryRun and no resume check
// (nothing is connected to). close closes the database.
func (a *app) openSink(ctx context.Context, cfg config.Config, dry, reload bool, stats *graph.Stats) (b *batcher, skip skipFunc, close func(), err error) {
	if dry {
		return batches(dryRun{a.log}, cfg.Load.BatchSize, false, stats, nil), nil, func() {}, nil
	}
	db, err := a.openGraph(ctx, cfg)
	if err != nil {
		return nil, nil, nil, err
	}
	lease, err := a.takeLease(ctx, db)
	if err != nil {
		db.Close(context.WithoutCancel(ctx))
		return nil, nil, nil, err
	}
	b = batches(leased{db, lease}, cfg.Load.BatchSize, true, stats, func(err error) error { return writeError(cfg, err) })
	if !reload {
		skip = db.Loaded
	}
	return b, skip, func() { a.release(ctx, lease); db.Close(context.WithoutCancel(ctx)) }, nil
}

// leased is a graph.DB that writes each batch under the writer lease
// (lease.go): a writer whose lease was taken from it stops.
type leased struct {
	db    *graph.DB
	lease *graph.Lease
}

func (l leased) Write(ctx context.Context, batch []polgraph.Result) (st graph.Stats, err error) {
	err = underLease(ctx, l.lease, func(ctx context.Context) error {
		st, err = l.db.Write(ctx, batch)
		return err
	})
	return st, err
}

// writeError gives an error of graph.DB.Write the URI and, when Neo4j
// stayed unreachable, what to do about it.
func writeError(cfg config.Config, err error) error {
	var unavailable *graph.UnavailableError
	if errors.As(err, &unavailable) {
		return fmt.Errorf("write to Neo4j at %s: %v (neo4j.max_retry_time); run the same command again to resume", cfg.RedactedURI(), err)
	}
	return fmt.Errorf("write to Neo4j at %s: %v", cfg.RedactedURI(), err)
}

package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/polgraph/polgraph/graph"
)

func (a *app) deleteCmd() *cobra.Command {
	var sel graph.Selection
	var dry, keepActors bool
	cmd := &cobra.Command{
		Use:   "delete (--article ID... | --source NAME | --before DATE | --after DATE)",
		Short: "Delete articles with their claims and mentions, recomputing the roll-ups they touched",
		Long: `Delete removes the selected articles, their claims and their mentions. Every
roll-up one of their claims belonged to is recomputed from the claims that
remain, and removed when none remain; actors left with no claim and no
mention are removed too, unless --keep-actors. The selectors combine: an
article must match every one given. --before and --after compare the
published date (YYYY-MM-DD) strictly; undated articles never match them.

It works in batches of --batch-size articles, each one transaction, so a
delete that stops (Ctrl-C, a crash, SIGKILL) is finished by running the same
command again; deleting again what is gone does nothing. --dry-run lists the
articles that would go (id, published, source, claims, mentions) on standard
output and counts the rest, deleting nothing.

The actors the deleted articles named are recomputed from the views of them
kept on the mentions that remain (name, type, country, aliases, knowledge-base
roles), as a load without the deleted articles would give them. An actor with
a mention loaded before mentions kept views is left as it is.

` + leaseHelp,
		Example: `  polgraph delete --source "Example Wire" --dry-run
  polgraph delete --article a1 --article a2
  polgraph delete --before 2019-01-01 --keep-actors`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if sel.Empty() {
				return usageError{fmt.Errorf("say what to delete: --article, --source, --before or --after")}
			}
			for name, d := range map[string]string{"--before": sel.Before, "--after": sel.After} {
				if _, err := time.Parse(time.DateOnly, d); d != "" && err != nil {
					return usageError{fmt.Errorf("%s %q is not a date YYYY-MM-DD", name, d)}
				}
			}
			cfg, err := a.config()
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			var l *graph.DB
			if dry {
				l, err = a.connect(ctx, cfg)
			} else {
				l, err = a.openGraph(ctx, cfg)
			}
			if err != nil {
				return err
			}
			defer l.Close(context.WithoutCancel(ctx))
			var lease *graph.Lease
			if !dry {
				if lease, err = a.takeLease(ctx, l); err != nil {
					return err
				}
				defer a.release(ctx, lease)
			}
			opts := graph.DeleteOptions{Selection: sel, KeepActors: keepActors, DryRun: dry, BatchSize: cfg.Load.BatchSize}
			if dry {
				opts.Each = func(d graph.DeletedArticle) {
					fmt.Fprintf(a.stdout, "%s\t%s\t%s\t%d claims\t%d mentions\n", d.ID, d.Published, d.Source, d.Claims, d.Mentions)
				}
			}
			start := time.Now()
			var st graph.DeleteStats
			err = underLease(ctx, lease, func(ctx context.Context) error {
				st, err = l.Delete(ctx, opts)
				return err
			})
			a.deleteSummary(st, dry, time.Since(start))
			if err != nil && ctx.Err() == nil {
				err = fmt.Errorf("%w; run the same command again to finish", err)
			}
			return err
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&sel.Articles, "article", nil, "delete the article with this id (repeatable, or comma-separated)")
	f.StringVar(&sel.Source, "source", "", "delete the articles of this source")
	f.StringVar(&sel.Before, "before", "", "delete the articles published before this date (YYYY-MM-DD)")
	f.StringVar(&sel.After, "after", "", "delete the articles published after this date (YYYY-MM-DD)")
	f.BoolVar(&dry, "dry-run", false, "list what would go and count it; delete nothing")
	f.BoolVar(&keepActors, "keep-actors", false, "keep actors left with no claim and no mention")
	addNeo4jFlags(cmd)
	addBatchFlag(cmd)
	addLeaseFlags(cmd, &a.lease)
	return cmd
}

func (a *app) deleteSummary(st graph.DeleteStats, dry bool, took time.Duration) {
	if dry {
		fmt.Fprintf(a.stderr, "dry run: would delete %d articles, %d claims, %d mentions; %d roll-ups to recompute, %d actors to remove\n",
			st.Articles, st.Claims, st.Mentions, st.RollUps, st.Actors)
		return
	}
	fmt.Fprintf(a.stderr, "deleted: %d articles, %d claims, %d mentions in %d batches; %d roll-ups recomputed, %d actors removed; %s\n",
		st.Articles, st.Claims, st.Mentions, st.Batches, st.RollUps, st.Actors, took.Round(time.Millisecond))
}

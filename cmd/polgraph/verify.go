package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/polgraph/polgraph/graph"
)

func (a *app) verifyCmd() *cobra.Command {
	var repair bool
	var maxProblems, pageSize int
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Check that the graph keeps every invariant of the model (--repair fixes it)",
		Long: `Verify reads the whole graph, a page at a time (memory stays flat on millions of
claims), and checks what the model promises:

  - each roll-up equals the aggregate of its claims: count, articles,
    firstSeen/lastSeen, the counts per modality, confidence, role, roles,
    roleCounts, from and to; no roll-up without claims, no claims without
    their roll-up, no key stored twice;
  - symmetric types are stored once, from the smaller id to the larger;
  - every claim has exactly one subject, one object and one article, those
    its properties name, and the key its subject, predicate and object give;
  - no relationship type outside the vocabulary and the model's own;
  - ids are unique and present; each article's actors and relations count
    its mentions and claims;
  - the constraints and indexes of 'polgraph schema' exist and are online.

It prints a summary and the first --max-problems problems with their ids, and
exits 0 when the graph is clean, 1 otherwise. It only reads, unless --repair
is given: then it recomputes what is wrong from the claims (roll-ups, claim
links and keys, the schema; relationships of unknown types are deleted),
page by page, under the writer lease, verifies again and exits 0 if that
finds nothing. Repairing twice is harmless. An article whose counts disagree
with its links, and duplicate ids, cannot be repaired: load the article again
with --reload.

Run it while no writer runs: a writer's uncommitted batches can look like
problems. (It warns when a writer holds the lease.)

` + leaseHelp,
		Example: `  polgraph verify
  polgraph verify --max-problems 100
  polgraph verify --repair --wait 10m`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.config()
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			l, err := a.connect(ctx, cfg)
			if err != nil {
				return err
			}
			defer l.Close(context.WithoutCancel(ctx))
			opts := graph.VerifyOptions{MaxProblems: maxProblems, PageSize: pageSize}
			if !repair {
				if h, held, err := l.CurrentLease(ctx); err == nil && held {
					a.log.Warn("a writer holds the lease: what it has not committed may show as problems", "holder", h.String())
				}
				return a.verifyOnce(ctx, l, opts, "verify")
			}
			lease, err := a.takeLease(ctx, l)
			if err != nil {
				return err
			}
			defer a.release(ctx, lease)
			opts.Repair = true
			err = underLease(ctx, lease, func(ctx context.Context) error {
				if err := a.verifyOnce(ctx, l, opts, "verify --repair"); err != nil && !errors.Is(err, errProblems) {
					return err
				}
				opts.Repair = false
				return a.verifyOnce(ctx, l, opts, "after repair")
			})
			return err
		},
	}
	f := cmd.Flags()
	f.BoolVar(&repair, "repair", false, "recompute what is wrong from the claims, under the writer lease, then verify again")
	f.IntVar(&maxProblems, "max-problems", 20, "print at most this many problems (all are counted)")
	f.IntVar(&pageSize, "page-size", 1000, "actors, claims or articles read per query")
	addNeo4jFlags(cmd)
	addLeaseFlags(cmd, &a.lease)
	return cmd
}

// verifyOnce runs one verification and prints it: the summary on stderr,
// the problems on stdout. It returns an exit error when problems remain.
func (a *app) verifyOnce(ctx context.Context, l *graph.DB, opts graph.VerifyOptions, what string) error {
	start := time.Now()
	rep, err := l.Verify(ctx, opts)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("%s: %v", what, err)
	}
	kinds := slices.Sorted(func(yield func(string) bool) {
		for k := range rep.ByKind {
			if !yield(k) {
				return
			}
		}
	})
	var by []string
	for _, k := range kinds {
		by = append(by, fmt.Sprintf("%s %d", k, rep.ByKind[k]))
	}
	line := fmt.Sprintf("%s: %d actors, %d articles, %d claims, %d roll-ups read in %s; ", what,
		rep.Actors, rep.Articles, rep.Claims, rep.RollUps, time.Since(start).Round(time.Millisecond))
	if rep.Clean() {
		line += "clean"
	} else {
		line += fmt.Sprintf("%d problems (%s)", rep.Problems, strings.Join(by, ", "))
	}
	if opts.Repair {
		line += fmt.Sprintf("; %d repaired", rep.Repaired)
	}
	fmt.Fprintln(a.stderr, line)
	for _, p := range rep.First {
		fmt.Fprintln(a.stdout, p.String())
	}
	if n := rep.Problems - len(rep.First); n > 0 {
		fmt.Fprintf(a.stdout, "... and %d more (--max-problems)\n", n)
	}
	if rep.Clean() {
		return nil
	}
	return errProblems
}

// errProblems is verify's exit 1 when the graph has problems; they are
// printed already.
var errProblems = errors.New("the graph has problems (listed above)")

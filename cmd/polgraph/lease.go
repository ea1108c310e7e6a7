package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/polgraph/polgraph/graph"
)

// leaseFlags are the writer-lease flags of the commands that write (load,
// run, delete, verify --repair).
type leaseFlags struct {
	wait    time.Duration
	ttl     time.Duration
	force   bool
	noLease bool   // testing only: write without the lease
	command string // the command taking the lease
}

// leaseHelp is the paragraph the writers' --help shows about the lease.
const leaseHelp = `Only one writer (load, run, delete, verify --repair) works on a database at a
time: it holds a lease in the database, renewed while it runs and released
when it ends. Another writer exits 1 naming the holder, or waits for it with
--wait. The lease of a writer that died expires after --lease-ttl (at once
when it died on this host); --force-unlock removes it before that, for an
operator who knows its holder is gone.`

// addLeaseFlags adds the lease flags to a writing command.
func addLeaseFlags(cmd *cobra.Command, f *leaseFlags) {
	fl := cmd.Flags()
	fl.DurationVar(&f.wait, "wait", 0, "wait this long for another writer's lease (e.g. 5m); default: exit 1 at once")
	fl.DurationVar(&f.ttl, "lease-ttl", graph.DefaultLeaseTTL, "how long the writer lease outlives a writer that dies")
	fl.BoolVar(&f.force, "force-unlock", false, "remove the writer lease first, whoever holds it (only when its holder is gone)")
	fl.BoolVar(&f.noLease, "unsafe-no-lease", false, "write without the lease (tests only)")
	fl.MarkHidden("unsafe-no-lease")
	cmd.PreRunE = func(cmd *cobra.Command, _ []string) error {
		f.command = cmd.Name()
		return nil
	}
}

// takeLease takes the writer lease for l, or returns nil with
// --unsafe-no-lease. The error carries the advice.
func (a *app) takeLease(ctx context.Context, l *graph.DB) (*graph.Lease, error) {
	f := a.lease
	if f.noLease {
		return nil, nil
	}
	if f.ttl < time.Second {
		return nil, usageError{fmt.Errorf("--lease-ttl %s is too short", f.ttl)}
	}
	if f.force {
		a.log.Warn("removing the writer lease (--force-unlock)")
	}
	start := time.Now()
	lease, err := l.AcquireLease(ctx, graph.LeaseOptions{TTL: f.ttl, Wait: f.wait, Command: f.command, Force: f.force})
	var held *graph.LeaseHeldError
	switch {
	case err == nil:
		if waited := time.Since(start); f.wait > 0 && waited > time.Second {
			a.log.Info("took the writer lease after waiting", "waited", waited.Round(time.Millisecond))
		}
		return lease, nil
	case errors.As(err, &held):
		return nil, fmt.Errorf("%v; wait for it with --wait DURATION or, if that writer is gone, "+
			"run again with --force-unlock", err)
	case ctx.Err() != nil:
		return nil, ctx.Err()
	default:
		return nil, err
	}
}

// underLease runs f with a context that ends when the lease is lost, and
// turns a lost lease into an error that says so. A nil lease runs f as it is.
func underLease(ctx context.Context, lease *graph.Lease, f func(context.Context) error) error {
	if lease == nil {
		return f(ctx)
	}
	if err := lease.Err(); err != nil {
		return fmt.Errorf("%v; nothing more was written", err)
	}
	lctx, cancel := lease.Bind(ctx)
	defer cancel()
	err := f(lctx)
	if err != nil && lease.Err() != nil && ctx.Err() == nil {
		return fmt.Errorf("%v; the batch in flight was rolled back", lease.Err())
	}
	return err
}

// release gives the lease back; a failure only delays the next writer
// until the lease expires, so it is logged.
func (a *app) release(ctx context.Context, lease *graph.Lease) {
	if lease == nil {
		return
	}
	if err := lease.Release(ctx); err != nil {
		a.log.Warn("could not release the writer lease; it expires by itself", "err", err)
	}
}

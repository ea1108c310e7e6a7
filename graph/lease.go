package graph

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/user"
	"sync"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The writer lease makes polgraph's writers (load, run, delete, verify
// --repair) take turns on one database: a writer recomputes roll-ups from the
// claims it reads, and two writers on the same actors could each miss the
// other's uncommitted claims. The lease is one node,
//
//	(:PolgraphLease {name: 'writer', token, owner, host, pid, pidns, command, acquiredAt, expiresAt})
//
// unique by name, taken in a transaction that first write-locks the node,
// renewed every TTL/3 and deleted on release. Times are the server's
// (datetime()), so the writers' clocks do not matter. A holder that dies
// stops renewing and its lease expires after TTL; a holder that died on the
// same host (same pid namespace, pid no longer running) is replaced at once.
//
// Every write transaction of a DB holding a lease (Write, Delete,
// Verify's repairs) first checks, and extends, the lease in the same
// transaction, write-locking its node until commit (fence). A writer whose
// lease another writer took therefore cannot commit anything, however late
// it learns of it: a slow renewal, a long pause or a lost connection cannot
// make two writers commit at once.

// DefaultLeaseTTL is how long a lease lasts without renewal.
const DefaultLeaseTTL = 30 * time.Second

// LeaseName is the name of the writers' lease.
const LeaseName = "writer"

// LeaseOptions say how to take the writer lease.
type LeaseOptions struct {
	TTL     time.Duration // default DefaultLeaseTTL
	Wait    time.Duration // how long to wait for a held lease; 0 fails at once
	Command string        // what the holder does: load, run, delete, verify
	// Force deletes the lease first, whoever holds it: for an operator who
	// knows its holder is gone.
	Force bool
}

// A LeaseHolder describes who holds a lease.
type LeaseHolder struct {
	Owner      string // user name
	Host       string
	PID        int
	Command    string
	AcquiredAt time.Time
	ExpiresAt  time.Time
}

func (h LeaseHolder) String() string {
	return fmt.Sprintf("%s (owner %s, host %s, pid %d) since %s, expiring %s unless renewed",
		h.Command, h.Owner, h.Host, h.PID, h.AcquiredAt.UTC().Format(time.RFC3339), h.ExpiresAt.UTC().Format(time.RFC3339))
}

// LeaseHeldError is returned by AcquireLease when another writer holds the
// lease beyond the wait.
type LeaseHeldError struct {
	Holder LeaseHolder
	Waited time.Duration
}

func (e *LeaseHeldError) Error() string {
	if e.Waited > 0 {
		return fmt.Sprintf("writer lease still held after waiting %s: %s", e.Waited, e.Holder)
	}
	return "writer lease held by " + e.Holder.String()
}

// ErrLeaseLost is the cause of a lease's context when it could not be
// renewed in time or another writer took it (after --force-unlock).
var ErrLeaseLost = errors.New("writer lease lost")

// A Lease is a held writer lease, renewed in the background until Release.
type Lease struct {
	l     *DB
	token string
	ttl   time.Duration

	ctx    context.Context // cancelled with ErrLeaseLost when lost
	lose   context.CancelCauseFunc
	stop   chan struct{}
	done   chan struct{}
	closed sync.Once
}

const leaseSchemaCypher = "CREATE CONSTRAINT polgraph_lease_name IF NOT EXISTS FOR (n:PolgraphLease) REQUIRE n.name IS UNIQUE"

// leaseLockCypher creates the lease node if missing and write-locks it, so
// that the read that follows in the same transaction sees the last
// committed holder and no other writer can change it before commit.
const leaseLockCypher = `MERGE (l:PolgraphLease {name: $name})
SET l.locked = true
REMOVE l.locked`

const leaseReadCypher = `MATCH (l:PolgraphLease {name: $name})
RETURN l.token AS token, l.owner AS owner, l.host AS host, l.pid AS pid, l.pidns AS pidns, l.command AS command,
  l.acquiredAt AS acquiredAt, l.expiresAt AS expiresAt, l.expiresAt IS NULL OR l.expiresAt < datetime() AS expired`

const leaseTakeCypher = `MATCH (l:PolgraphLease {name: $name})
SET l.token = $token, l.owner = $owner, l.host = $host, l.pid = $pid, l.pidns = $pidns, l.command = $command,
  l.acquiredAt = datetime(), l.expiresAt = datetime() + duration({milliseconds: $ttl})`

const leaseRenewCypher = `MATCH (l:PolgraphLease {name: $name, token: $token})
SET l.expiresAt = datetime() + duration({milliseconds: $ttl})
RETURN count(l) AS n`

const leaseReleaseCypher = `MATCH (l:PolgraphLease {name: $name, token: $token})
DELETE l`

const leaseDeleteCypher = `MATCH (l:PolgraphLease {name: $name})
DELETE l`

// whoAmI is what a lease records about its holder.
type whoAmI struct {
	owner, host, pidns string
	pid                int
}

func me() whoAmI {
	w := whoAmI{pid: os.Getpid()}
	w.host, _ = os.Hostname()
	if u, err := user.Current(); err == nil {
		w.owner = u.Username
	} else {
		w.owner = os.Getenv("USER")
	}
	w.pidns, _ = os.Readlink("/proc/self/ns/pid")
	return w
}

// AcquireLease takes the writer lease, waiting up to opts.Wait while another
// writer holds it, and renews it in the background until Release. It
// returns *LeaseHeldError when the lease stays held.
func (l *DB) AcquireLease(ctx context.Context, opts LeaseOptions) (*Lease, error) {
	if opts.TTL <= 0 {
		opts.TTL = DefaultLeaseTTL
	}
	if _, err := neo4j.ExecuteQuery(ctx, l.driver, leaseSchemaCypher, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(l.db)); err != nil {
		return nil, fmt.Errorf("create the lease constraint: %w", err)
	}
	if opts.Force {
		if err := l.ForceUnlock(ctx); err != nil {
			return nil, err
		}
	}
	var b [16]byte
	rand.Read(b[:])
	token := hex.EncodeToString(b[:])
	w := me()
	deadline := time.Now().Add(opts.Wait)
	poll := min(time.Second, max(opts.TTL/10, 50*time.Millisecond))
	for {
		holder, took, err := l.tryLease(ctx, token, w, opts)
		if err != nil {
			return nil, fmt.Errorf("take the writer lease: %w", err)
		}
		if took {
			break
		}
		if !time.Now().Before(deadline) {
			return nil, &LeaseHeldError{Holder: holder, Waited: opts.Wait}
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(min(poll, time.Until(deadline)+time.Millisecond)):
		}
	}
	lctx, lose := context.WithCancelCause(context.Background())
	ls := &Lease{l: l, token: token, ttl: opts.TTL, ctx: lctx, lose: lose, stop: make(chan struct{}), done: make(chan struct{})}
	l.lease.Store(ls)
	go ls.renew()
	return ls, nil
}

// tryLease takes the lease in one transaction if it is free, expired, or
// held by a dead process of this host; otherwise it returns the holder.
func (l *DB) tryLease(ctx context.Context, token string, w whoAmI, opts LeaseOptions) (LeaseHolder, bool, error) {
	session := l.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: l.db, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	type outcome struct {
		h    LeaseHolder
		took bool
	}
	o, err := neo4j.ExecuteWrite(ctx, session, func(tx neo4j.ManagedTransaction) (outcome, error) {
		v, err := lockLease(ctx, tx)
		if err != nil {
			return outcome{}, err
		}
		h := holderOf(v)
		pidns, _ := v["pidns"].(string)
		held, _ := v["token"].(string)
		expired, _ := v["expired"].(bool)
		if held != "" && !expired && !(h.Host == w.host && pidns == w.pidns && pidns != "" && dead(h.PID)) {
			return outcome{h: h}, nil
		}
		err = run(ctx, tx, leaseTakeCypher, map[string]any{"name": LeaseName, "token": token, "owner": w.owner,
			"host": w.host, "pid": int64(w.pid), "pidns": w.pidns, "command": opts.Command, "ttl": opts.TTL.Milliseconds()})
		return outcome{took: err == nil}, err
	}, neo4j.WithTxTimeout(time.Minute))
	return o.h, o.took, err
}

// lockLease write-locks the lease node, creating it if missing, and reads
// it. A holder may delete the node (releasing) between the MERGE finding it
// and the lock: then the node is merged again.
func lockLease(ctx context.Context, tx neo4j.ManagedTransaction) (map[string]any, error) {
	params := map[string]any{"name": LeaseName}
	for range 5 {
		if err := run(ctx, tx, leaseLockCypher, params); err != nil {
			return nil, err
		}
		res, err := tx.Run(ctx, leaseReadCypher, params)
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		if len(recs) == 1 {
			return recs[0].AsMap(), nil
		}
	}
	return nil, errors.New("the lease node vanished five times while being locked")
}

// dead reports whether no process pid runs on this host (in this pid
// namespace).
func dead(pid int) bool {
	if pid <= 0 {
		return false
	}
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}

// ForceUnlock deletes the writer lease, whoever holds it.
func (l *DB) ForceUnlock(ctx context.Context) error {
	if _, err := neo4j.ExecuteQuery(ctx, l.driver, leaseDeleteCypher, map[string]any{"name": LeaseName},
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(l.db)); err != nil {
		return fmt.Errorf("delete the writer lease: %w", err)
	}
	return nil
}

// renew extends the lease every TTL/3, and every TTL/10 after a failure.
// The lease is lost when another writer holds it (after a forced unlock);
// a renewal that fails for another reason (Neo4j unreachable) is retried,
// since the fence of each write transaction keeps writes safe meanwhile.
func (ls *Lease) renew() {
	defer close(ls.done)
	next, failing := ls.ttl/3, false
	for {
		select {
		case <-ls.stop:
			return
		case <-time.After(next):
		}
		ctx, cancel := context.WithTimeout(context.Background(), ls.ttl)
		n, err := ls.extend(ctx)
		cancel()
		switch {
		case err == nil && n == 0:
			ls.lose(fmt.Errorf("%w: another writer took it (forced unlock)", ErrLeaseLost))
			return
		case err == nil:
			next, failing = ls.ttl/3, false
		default:
			if !failing {
				ls.l.log.Warn("could not renew the writer lease; retrying", "err", reason(err, ls.ttl))
			}
			next, failing = max(ls.ttl/10, 10*time.Millisecond), true
		}
	}
}

// fenceCypher checks in a write transaction that the lease is still this
// writer's, extends it and write-locks its node until commit.
const fenceCypher = `OPTIONAL MATCH (l:PolgraphLease {name: $name, token: $token})
SET l.expiresAt = datetime() + duration({milliseconds: $ttl})
RETURN l IS NOT NULL AS mine`

// fence fails tx with ErrLeaseLost unless this DB holds no lease or
// still holds its lease.
func (l *DB) fence(ctx context.Context, tx neo4j.ManagedTransaction) error {
	ls := l.lease.Load()
	if ls == nil {
		return nil
	}
	if err := ls.Err(); err != nil {
		return err
	}
	res, err := tx.Run(ctx, fenceCypher, map[string]any{"name": LeaseName, "token": ls.token, "ttl": ls.ttl.Milliseconds()})
	if err != nil {
		return fmt.Errorf("check the writer lease: %w", err)
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return fmt.Errorf("check the writer lease: %w", err)
	}
	if mine, _ := rec.Values[0].(bool); !mine {
		ls.lose(fmt.Errorf("%w: another writer took it (forced unlock)", ErrLeaseLost))
		return ls.Err()
	}
	return nil
}

func (ls *Lease) extend(ctx context.Context) (int64, error) {
	res, err := neo4j.ExecuteQuery(ctx, ls.l.driver, leaseRenewCypher,
		map[string]any{"name": LeaseName, "token": ls.token, "ttl": ls.ttl.Milliseconds()},
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(ls.l.db))
	if err != nil {
		return 0, err
	}
	if len(res.Records) != 1 {
		return 0, errors.New("renew: no result")
	}
	n, _ := res.Records[0].Values[0].(int64)
	return n, nil
}

// Err is nil while the lease is held, and says why once it is lost.
func (ls *Lease) Err() error {
	if ls.ctx.Err() == nil {
		return nil
	}
	return context.Cause(ls.ctx)
}

// Bind returns a context derived from parent that is also cancelled, with
// the cause ErrLeaseLost, when the lease is lost: a write under it stops and
// its transaction rolls back.
func (ls *Lease) Bind(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(parent)
	if ls.ctx.Err() != nil {
		cancel(context.Cause(ls.ctx))
	}
	stop := context.AfterFunc(ls.ctx, func() { cancel(context.Cause(ls.ctx)) })
	return ctx, func() { stop(); cancel(context.Canceled) }
}

// Release stops renewing and deletes the lease if this writer still holds
// it. It is safe to call more than once.
func (ls *Lease) Release(ctx context.Context) error {
	var err error
	ls.closed.Do(func() {
		ls.l.lease.CompareAndSwap(ls, nil)
		close(ls.stop)
		<-ls.done
		ls.lose(errors.New("writer lease released"))
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		_, err = neo4j.ExecuteQuery(ctx, ls.l.driver, leaseReleaseCypher, map[string]any{"name": LeaseName, "token": ls.token},
			neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(ls.l.db))
		if err != nil {
			err = fmt.Errorf("release the writer lease: %w", err)
		}
	})
	return err
}

// CurrentLease returns the holder of the writer lease, if any holds it
// unexpired.
func (l *DB) CurrentLease(ctx context.Context) (LeaseHolder, bool, error) {
	res, err := neo4j.ExecuteQuery(ctx, l.driver, leaseReadCypher, map[string]any{"name": LeaseName},
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(l.db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return LeaseHolder{}, false, fmt.Errorf("read the writer lease: %w", err)
	}
	if len(res.Records) == 0 {
		return LeaseHolder{}, false, nil
	}
	v := res.Records[0].AsMap()
	if expired, _ := v["expired"].(bool); expired {
		return LeaseHolder{}, false, nil
	}
	return holderOf(v), true, nil
}

// holderOf reads a LeaseHolder from a leaseReadCypher record.
func holderOf(v map[string]any) LeaseHolder {
	h := LeaseHolder{}
	h.Owner, _ = v["owner"].(string)
	h.Host, _ = v["host"].(string)
	h.Command, _ = v["command"].(string)
	pid, _ := v["pid"].(int64)
	h.PID = int(pid)
	h.AcquiredAt, _ = v["acquiredAt"].(time.Time)
	h.ExpiresAt, _ = v["expiresAt"].(time.Time)
	return h
}

package graph

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"github.com/polgraph/polgraph"
)

// Config says where the graph lives and how patient to be with it. How many
// articles go into one Write is the caller's choice.
type Config struct {
	URI      string // bolt://host:7687 or neo4j://host:7687
	User     string // empty: no authentication
	Password string
	Database string // default "neo4j"

	// MaxRetryTime bounds how long a Write retries transient errors
	// (deadlocks, leader switches, lost connections, restarts) with backoff. Default 60s.
	MaxRetryTime time.Duration
	// ConnectTimeout bounds Open's connectivity check and each new
	// connection. Default 10s.
	ConnectTimeout time.Duration
	// Logger receives rejected records at warn level; nil discards.
	Logger *slog.Logger
}

// String prints cfg without its password, so that logging a Config is safe.
func (cfg Config) String() string {
	pw := ""
	if cfg.Password != "" {
		pw = "[redacted]"
	}
	return fmt.Sprintf("{URI:%s User:%s Password:%s Database:%s MaxRetryTime:%s ConnectTimeout:%s}",
		redact(cfg.URI), cfg.User, pw, cfg.Database, cfg.MaxRetryTime, cfg.ConnectTimeout)
}

// LogValue is String for slog.
func (cfg Config) LogValue() slog.Value { return slog.StringValue(cfg.String()) }

// A DB is a handle on one Neo4j database: Write loads Results into it, and
// the query methods (FindActor, Profile, Ego, ...) read the graph back. Its
// Write is meant for one goroutine at a time (a single writer cannot
// deadlock on hot actors); the queries may run concurrently.
type DB struct {
	driver neo4j.DriverWithContext
	db     string
	log    *slog.Logger
	cfg    Config

	writeActor map[polgraph.ActorType]string
	rollUp     map[polgraph.Predicate]string
	rollDown   map[polgraph.Predicate]string

	lease atomic.Pointer[Lease] // held writer lease, checked in each write transaction (lease.go)
}

// Open connects to Neo4j and checks that the server answers within
// cfg.ConnectTimeout. The error names the URI (without credentials) and the
// reason on one line; it wraps ErrAuth when the server refused the
// credentials.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	if cfg.Database == "" {
		cfg.Database = "neo4j"
	}
	if cfg.MaxRetryTime <= 0 {
		cfg.MaxRetryTime = 60 * time.Second
	}
	if cfg.ConnectTimeout <= 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	where := redact(cfg.URI)
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.MaxTransactionRetryTime = cfg.MaxRetryTime
		c.SocketConnectTimeout = cfg.ConnectTimeout
		c.ConnectionAcquisitionTimeout = cfg.ConnectTimeout
	})
	if err != nil {
		return nil, fmt.Errorf("cannot reach Neo4j at %s: %s", where, reason(err, cfg.ConnectTimeout))
	}
	vctx, cancel := context.WithTimeout(ctx, cfg.ConnectTimeout)
	defer cancel()
	if err := driver.VerifyConnectivity(vctx); err != nil {
		driver.Close(context.WithoutCancel(ctx))
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if isAuth(err) {
			return nil, fmt.Errorf("%w: Neo4j at %s refused user %q", ErrAuth, where, cfg.User)
		}
		return nil, fmt.Errorf("cannot reach Neo4j at %s: %s", where, reason(err, cfg.ConnectTimeout))
	}
	g := &DB{
		driver:     driver,
		db:         cfg.Database,
		log:        log,
		cfg:        cfg,
		writeActor: make(map[polgraph.ActorType]string),
		rollUp:     make(map[polgraph.Predicate]string),
		rollDown:   make(map[polgraph.Predicate]string),
	}
	for _, t := range actorTypes {
		g.writeActor[t] = writeActorCypher(t)
	}
	for _, p := range polgraph.Predicates {
		g.rollUp[p] = writeRollUpCypher(p)
		g.rollDown[p] = deleteRollUpCypher(p)
	}
	return g, nil
}

// Close closes the driver.
func (g *DB) Close(ctx context.Context) error {
	return g.driver.Close(ctx)
}

// EnsureSchema creates the constraints and indexes of doc.go if missing and
// waits for them to come online. It is idempotent.
func (g *DB) EnsureSchema(ctx context.Context) error {
	for _, q := range append(schemaCypher, awaitIndexesCypher) {
		if _, err := neo4j.ExecuteQuery(ctx, g.driver, q, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(g.db)); err != nil {
			return fmt.Errorf("schema %q: %w", q, err)
		}
	}
	return nil
}

// Loaded reports which of articleIDs are already in the graph.
func (g *DB) Loaded(ctx context.Context, articleIDs []string) (map[string]bool, error) {
	res, err := neo4j.ExecuteQuery(ctx, g.driver, loadedCypher, map[string]any{"ids": nonNil(articleIDs)},
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(g.db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, fmt.Errorf("look up %d articles: %w", len(articleIDs), err)
	}
	out := make(map[string]bool, len(res.Records))
	for _, r := range res.Records {
		if id := field[string](r, "id"); id != "" {
			out[id] = true
		}
	}
	return out, nil
}

// ErrAuth is wrapped by Open's error when the server refuses the credentials.
var ErrAuth = errors.New("authentication failed")

// An UnavailableError is what Write returns when the server could not be
// reached, or the connection kept being lost, for the whole retry budget
// (Config.MaxRetryTime). Nothing of the batch was written, and writing it
// again later is safe.
type UnavailableError struct {
	Reason string        // a few words, such as "connection refused"
	Tried  time.Duration // how long Write kept trying
	Err    error         // the driver's last error
}

// Error says why and for how long, as in "connection refused after retrying for 1m0s".
func (e *UnavailableError) Error() string {
	return fmt.Sprintf("%s after retrying for %s", e.Reason, e.Tried.Round(time.Second))
}

// Unwrap returns the driver's error.
func (e *UnavailableError) Unwrap() error { return e.Err }

// isAuth reports whether the server refused the credentials.
func isAuth(err error) bool {
	var neo *neo4j.Neo4jError
	return errors.As(err, &neo) && strings.HasPrefix(neo.Code, "Neo.ClientError.Security.")
}

// isConnectivity reports whether err means the server could not be reached
// or the connection was lost: a *neo4j.ConnectivityError, which the driver
// returns from sessions and ExecuteWrite; a network error, or io.EOF for a
// connection closed under a statement, which tx.Run and Result methods
// return unwrapped; or a *neo4j.TransactionExecutionLimit (the driver's
// retries ran out) whose last attempt failed so.
func isConnectivity(err error) bool {
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) {
		return len(limit.Errors) > 0 && isConnectivity(limit.Errors[len(limit.Errors)-1])
	}
	var ce *neo4j.ConnectivityError
	var ne net.Error
	return errors.As(err, &ce) || errors.As(err, &ne) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// redact returns uri without user information.
func redact(uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		if i := strings.LastIndex(uri, "@"); i >= 0 {
			return uri[i+1:]
		}
		return uri
	}
	u.User = nil
	return u.String()
}

// reason condenses a driver error to a few words: the driver's own messages
// run over several clauses and sometimes lines.
func reason(err error, timeout time.Duration) string {
	var ce *neo4j.ConnectivityError
	if errors.As(err, &ce) && ce.Inner != nil {
		err = ce.Inner
	}
	var errno syscall.Errno
	var dns *net.DNSError
	switch {
	case errors.As(err, &errno):
		return errno.Error()
	case errors.As(err, &dns):
		return "no such host " + dns.Name
	case isAuth(err):
		return "authentication failed"
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled),
		// The driver's pool timeout keeps the context's error only in its text.
		strings.Contains(err.Error(), context.DeadlineExceeded.Error()):
		return fmt.Sprintf("no answer within %s", timeout)
	}
	msg, _, _ := strings.Cut(err.Error(), "\n")
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return strings.TrimSpace(msg)
}

package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/db"
	"github.com/polgraph/polgraph"
)

// Config says where the graph lives and how to write to it.
type Config struct {
	URI      string // bolt://host:7687 or neo4j://host:7687
	User     string // empty: no authentication
	Password string
	Database string // default "neo4j"

	// BatchSize is the number of articles cmd should hand to one Write
	// (one transaction). Default DefaultBatchSize.
	BatchSize int
	// MaxRetryTime bounds how long a Write retries transient errors
	// (deadlocks, leader switches, lost connections, restarts) with backoff. Default 60s.
	MaxRetryTime time.Duration
	// ConnectTimeout bounds Open's connectivity check and each new
	// connection. Default 10s.
	ConnectTimeout time.Duration
	// Logger receives rejected records at warn level; nil discards.
	Logger *slog.Logger
}

// DefaultBatchSize is the batch size (articles per transaction) used when
// Config.BatchSize is zero. A batch of 1,000 synthetic articles (10,000
// relations) takes about a quarter of the 716 MiB a default 1 GiB-heap
// server allows all transactions together, and 4,000 exceed it; 500 leaves
// room for long sentences while the fixed cost per batch (some 35
// statements) stays small. On 100,000 real evidence relations
// (scripts/bench-load.sh) batches of 250 and 1,000 were both slower.
const DefaultBatchSize = 500

// String prints cfg without its password, so that logging a Config is safe.
func (cfg Config) String() string {
	pw := ""
	if cfg.Password != "" {
		pw = "[redacted]"
	}
	return fmt.Sprintf("{URI:%s User:%s Password:%s Database:%s BatchSize:%d MaxRetryTime:%s ConnectTimeout:%s}",
		redact(cfg.URI), cfg.User, pw, cfg.Database, cfg.BatchSize, cfg.MaxRetryTime, cfg.ConnectTimeout)
}

// LogValue is String for slog.
func (cfg Config) LogValue() slog.Value { return slog.StringValue(cfg.String()) }

// A Loader writes Results to one Neo4j database. Its Write is meant for one
// goroutine at a time (a single writer cannot deadlock on hot actors).
type Loader struct {
	driver neo4j.DriverWithContext
	db     string
	log    *slog.Logger
	cfg    Config

	writeActor map[polgraph.ActorType]string
	rollUp     map[polgraph.Predicate]string
	rollDown   map[polgraph.Predicate]string

	lease atomic.Pointer[Lease] // held writer lease, checked in each write transaction (lease.go)
}

// Stats is what one Write wrote.
type Stats struct {
	Articles int // articles written
	Actors   int // distinct actors merged
	Claims   int // claims (evidence relations) written
	RollUps  int // roll-up relationships recomputed and present
	Rejected int // articles and relations skipped as invalid (logged at warn level)
}

// Add returns the sum of two Stats.
func (s Stats) Add(t Stats) Stats {
	return Stats{s.Articles + t.Articles, s.Actors + t.Actors, s.Claims + t.Claims,
		s.RollUps + t.RollUps, s.Rejected + t.Rejected}
}

// Open connects to Neo4j and checks that the server answers within
// cfg.ConnectTimeout. The error names the URI (without credentials) and the
// reason on one line.
func Open(ctx context.Context, cfg Config) (*Loader, error) {
	if cfg.Database == "" {
		cfg.Database = "neo4j"
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = DefaultBatchSize
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
	l := &Loader{
		driver:     driver,
		db:         cfg.Database,
		log:        log,
		cfg:        cfg,
		writeActor: make(map[polgraph.ActorType]string),
		rollUp:     make(map[polgraph.Predicate]string),
		rollDown:   make(map[polgraph.Predicate]string),
	}
	for _, t := range actorTypes {
		l.writeActor[t] = writeActorCypher(t)
	}
	for _, p := range polgraph.Predicates {
		l.rollUp[p] = writeRollUpCypher(p)
		l.rollDown[p] = deleteRollUpCypher(p)
	}
	return l, nil
}

// BatchSize is the number of articles to pass to one Write.
func (l *Loader) BatchSize() int { return l.cfg.BatchSize }

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
	var neo *db.Neo4jError
	switch {
	case errors.As(err, &errno):
		return errno.Error()
	case errors.As(err, &dns):
		return "no such host " + dns.Name
	case errors.As(err, &neo) && strings.HasPrefix(neo.Code, "Neo.ClientError.Security."):
		return "authentication failed"
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled),
		strings.Contains(err.Error(), "context deadline exceeded"):
		return fmt.Sprintf("no answer within %s", timeout)
	}
	msg, _, _ := strings.Cut(err.Error(), "\n")
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return strings.TrimSpace(msg)
}

// Close closes the driver.
func (l *Loader) Close(ctx context.Context) error {
	return l.driver.Close(ctx)
}

// EnsureSchema creates the constraints and indexes of doc.go if missing and
// waits for them to come online. It is idempotent.
func (l *Loader) EnsureSchema(ctx context.Context) error {
	for _, q := range append(schemaCypher, awaitIndexesCypher) {
		if _, err := neo4j.ExecuteQuery(ctx, l.driver, q, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(l.db)); err != nil {
			return fmt.Errorf("schema %q: %w", q, err)
		}
	}
	return nil
}

// Write merges one batch in one transaction, retried on transient errors;
// callers pass at most BatchSize articles at a time.
// Invalid articles and relations are skipped, logged and counted in
// Stats.Rejected; a database error fails the whole batch and nothing of it
// is written.
func (l *Loader) Write(ctx context.Context, batch []polgraph.Result) (Stats, error) {
	p := prepare(batch, l.log)
	if len(p.articles) == 0 {
		return Stats{Rejected: p.rejected}, nil
	}
	// The driver retries transient errors inside ExecuteWrite; a connection
	// lost at commit, or a server that is restarting, surfaces here as a
	// connectivity error, and the whole batch is tried again with backoff
	// within the same retry budget. Writing a batch twice is harmless:
	// claims are found by id and roll-ups recomputed from claims.
	start, wait := time.Now(), time.Second
	for {
		st, err := l.writeOnce(ctx, p)
		if err == nil {
			st.Rejected = p.rejected
			return st, nil
		}
		if !isConnectivity(err) || time.Since(start)+wait > l.cfg.MaxRetryTime || ctx.Err() != nil {
			return Stats{}, fmt.Errorf("write batch of %d articles: %s", len(batch), condense(err, time.Since(start)))
		}
		l.log.Warn("Neo4j unreachable, retrying the batch", "err", reason(err, l.cfg.ConnectTimeout), "wait", wait)
		select {
		case <-ctx.Done():
			return Stats{}, ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 10*time.Second)
	}
}

// txTimeout bounds one transaction on the server, so that a server that
// accepts a batch and then stops answering cannot hang a load.
const txTimeout = 10 * time.Minute

func (l *Loader) writeOnce(ctx context.Context, p prepared) (Stats, error) {
	session := l.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: l.db, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	return neo4j.ExecuteWrite(ctx, session, func(tx neo4j.ManagedTransaction) (Stats, error) {
		return l.write(ctx, tx, p)
	}, neo4j.WithTxTimeout(txTimeout))
}

// ErrAuth is returned by Open when the server refuses the credentials.
var ErrAuth = errors.New("authentication failed")

func isAuth(err error) bool {
	var neo *db.Neo4jError
	return errors.As(err, &neo) && strings.HasPrefix(neo.Code, "Neo.ClientError.Security.")
}

// isConnectivity reports whether err means the server could not be reached
// or the connection was lost (also when the driver's own retries ran out on
// such an error).
func isConnectivity(err error) bool {
	var ce *neo4j.ConnectivityError
	if errors.As(err, &ce) {
		return true
	}
	s := err.Error()
	return strings.Contains(s, "ConnectivityError") || strings.Contains(s, "connection refused") || strings.Contains(s, "broken pipe") ||
		strings.Contains(s, "connection reset") || strings.Contains(s, "EOF")
}

// condense turns a driver error into one short clause.
func condense(err error, tried time.Duration) string {
	if isConnectivity(err) {
		return fmt.Sprintf("%s after retrying for %s (neo4j.max_retry_time); run the same command again to resume",
			reason(err, 0), tried.Round(time.Second))
	}
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return msg
}

// oldClaim is a claim already stored for an article being re-loaded.
type oldClaim struct {
	id   string
	rel  polgraph.Relation // subject, predicate, object only
	seen bool              // also in the new version
}

// write runs a batch's statements in tx. It may run more than once (the
// driver retries), so it keeps no state outside its return value.
func (l *Loader) write(ctx context.Context, tx neo4j.ManagedTransaction, p prepared) (Stats, error) {
	st := Stats{Articles: len(p.articles), Actors: len(p.actors)}
	if err := l.fence(ctx, tx); err != nil {
		return st, err
	}
	ids := make([]string, len(p.articles))
	for i, a := range p.articles {
		ids[i] = a.art.ID
	}

	// What the batch replaces.
	res, err := tx.Run(ctx, existingCypher, map[string]any{"ids": ids})
	if err != nil {
		return st, fmt.Errorf("read stored articles: %w", err)
	}
	records, err := res.Collect(ctx)
	if err != nil {
		return st, fmt.Errorf("read stored articles: %w", err)
	}
	var stored []string
	isStored := make(map[string]bool)
	old := make(map[string]*oldClaim)
	for _, r := range records {
		id, _ := r.Values[0].(string)
		if !isStored[id] {
			isStored[id] = true
			stored = append(stored, id)
		}
		claim, ok := r.Values[1].(string)
		if !ok {
			continue
		}
		s, _ := r.Values[2].(string)
		pr, _ := r.Values[3].(string)
		o, _ := r.Values[4].(string)
		old[claim] = &oldClaim{id: claim, rel: polgraph.Relation{Subject: s, Predicate: polgraph.Predicate(pr), Object: o}}
	}

	// Actors: merged in Go with what is stored, written when changed.
	merged, eids, err := l.writeActors(ctx, tx, p.actors)
	if err != nil {
		return st, err
	}

	// Claims: sort into new, kept and dropped, and gather the roll-up keys
	// they touch. A key with a claim of a stored article (kept, dropped or
	// re-stated) is recomputed from its claims; any other key only gains
	// the batch's new claims, and continues from its stored roll-up.
	rollUps := make(map[string]*rollUp)
	recompute := make(map[string]bool)
	touch := func(key, a string, p polgraph.Predicate, b string) {
		if rollUps[key] == nil {
			rollUps[key] = newRollUp(a, p, b)
		}
	}
	var update []any
	create := make(map[string][]any) // article id: its new claims
	for _, a := range p.articles {
		var fresh []any
		for _, c := range a.claims {
			touch(c.key, c.a, c.rel.Predicate, c.b)
			if isStored[a.art.ID] {
				recompute[c.key] = true
			}
			st.Claims++
			if o, ok := old[c.id]; ok {
				o.seen = true
				update = append(update, c.props())
				continue
			}
			row := c.props()
			row["s"], row["o"] = eids[c.rel.Subject], eids[c.rel.Object]
			fresh = append(fresh, row)
		}
		if len(fresh) > 0 {
			create[a.art.ID] = fresh
		}
	}
	var gone []string
	for _, o := range old {
		if o.seen {
			continue
		}
		gone = append(gone, o.id)
		if o.rel.Predicate.Valid() {
			a, b := rollUpEnds(o.rel)
			key := rollUpKey(a, o.rel.Predicate, b)
			touch(key, a, o.rel.Predicate, b)
			recompute[key] = true
		}
	}

	// Roll-ups: the stored ones continued, the others recomputed from what
	// the other articles' stored claims say; then the batch's claims added.
	// Ends outside the batch (of dropped claims) are looked up first.
	var missing []string
	for _, ru := range rollUps {
		for _, id := range []string{ru.a, ru.b} {
			if _, ok := eids[id]; !ok {
				missing = append(missing, id)
				eids[id] = ""
			}
		}
	}
	if len(missing) > 0 {
		if err := readEids(ctx, tx, actorEidsCypher, map[string]any{"ids": missing}, eids); err != nil {
			return st, fmt.Errorf("find %d actors: %w", len(missing), err)
		}
	}
	if err := restoreRollUps(ctx, tx, rollUps, recompute, eids); err != nil {
		return st, err
	}
	kbRoles, err := aggregate(ctx, tx, rollUps, recompute, stored)
	if err != nil {
		return st, err
	}
	for key, ru := range rollUps {
		if !recompute[key] && carriesRoles(ru.p) {
			if a := merged[ru.a]; a != nil {
				kbRoles[key] = a.roles
			}
		}
	}
	for _, a := range p.articles {
		inArticle := make(map[string]bool)
		for _, c := range a.claims {
			rollUps[c.key].add(c, !inArticle[c.key])
			inArticle[c.key] = true
		}
	}

	// Articles and their mentions.
	articles := make([]any, len(p.articles))
	for i, a := range p.articles {
		articles[i] = a.props()
	}
	artEids := make(map[string]string, len(articles))
	if err := readEids(ctx, tx, mergeArticleCypher, map[string]any{"rows": articles}, artEids); err != nil {
		return st, fmt.Errorf("merge %d articles: %w", len(articles), err)
	}
	mentions := make([]any, len(p.articles))
	var claims []any
	for i, a := range p.articles {
		ms := make([]any, len(a.mentions))
		for j, m := range a.mentions {
			ms[j] = map[string]any{"eid": eids[m.actor], "count": int64(m.count)}
		}
		mentions[i] = map[string]any{"eid": artEids[a.art.ID], "mentions": ms}
		if fresh := create[a.art.ID]; len(fresh) > 0 {
			claims = append(claims, map[string]any{"eid": artEids[a.art.ID], "claims": fresh})
		}
	}
	if len(stored) > 0 {
		if err := run(ctx, tx, deleteMentionsCypher, map[string]any{"ids": stored}); err != nil {
			return st, fmt.Errorf("delete mentions of %d articles: %w", len(stored), err)
		}
	}
	if err := run(ctx, tx, createMentionsCypher, map[string]any{"rows": mentions}); err != nil {
		return st, fmt.Errorf("create mentions: %w", err)
	}

	// Claims.
	if len(gone) > 0 {
		if err := run(ctx, tx, deleteClaimsCypher, map[string]any{"ids": gone}); err != nil {
			return st, fmt.Errorf("delete %d replaced claims: %w", len(gone), err)
		}
	}
	if len(claims) > 0 {
		if err := run(ctx, tx, createClaimsCypher, map[string]any{"rows": claims}); err != nil {
			return st, fmt.Errorf("create claims: %w", err)
		}
	}
	if len(update) > 0 {
		if err := run(ctx, tx, updateClaimsCypher, map[string]any{"rows": update}); err != nil {
			return st, fmt.Errorf("update %d claims: %w", len(update), err)
		}
	}

	// Roll-ups: the stored ones set by element id in one statement, new
	// and recomputed ones merged per predicate, those left without claims
	// deleted.
	var known []any
	write := make(map[polgraph.Predicate][]any)
	drop := make(map[polgraph.Predicate][]any)
	for key, ru := range rollUps {
		if ru.n == 0 {
			drop[ru.p] = append(drop[ru.p], map[string]any{"a": ru.a, "b": ru.b})
			continue
		}
		st.RollUps++
		if ru.eid != "" {
			row := ru.setProps(kbRoles[key])
			row["eid"] = ru.eid
			known = append(known, row)
			continue
		}
		row := ru.setProps(kbRoles[key])
		row["a"], row["b"] = eids[ru.a], eids[ru.b]
		write[ru.p] = append(write[ru.p], row)
	}
	if len(known) > 0 {
		if err := run(ctx, tx, setRollUpsCypher, map[string]any{"rows": known}); err != nil {
			return st, fmt.Errorf("update %d roll-ups: %w", len(known), err)
		}
	}
	for _, pr := range polgraph.Predicates {
		if rows := write[pr]; len(rows) > 0 {
			if err := run(ctx, tx, l.rollUp[pr], map[string]any{"rows": rows}); err != nil {
				return st, fmt.Errorf("write %d %s roll-ups: %w", len(rows), pr, err)
			}
		}
		if rows := drop[pr]; len(rows) > 0 {
			if err := run(ctx, tx, l.rollDown[pr], map[string]any{"rows": rows}); err != nil {
				return st, fmt.Errorf("delete %d emptied %s roll-ups: %w", len(rows), pr, err)
			}
		}
	}
	return st, nil
}

// writeActors merges the batch's actors with the stored ones by the rules
// of doc.go, writes those that change, one statement per type label, and
// returns every actor of the batch as merged, by id.
func (l *Loader) writeActors(ctx context.Context, tx neo4j.ManagedTransaction, actors []*actorRow) (map[string]*actorRow, map[string]string, error) {
	ids := make([]string, len(actors))
	for i, a := range actors {
		ids[i] = a.id
	}
	res, err := tx.Run(ctx, storedActorsCypher, map[string]any{"ids": ids})
	if err != nil {
		return nil, nil, fmt.Errorf("read %d stored actors: %w", len(ids), err)
	}
	records, err := res.Collect(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("read %d stored actors: %w", len(ids), err)
	}
	stored := make(map[string]*actorRow, len(records))
	eids := make(map[string]string, len(actors))
	for _, r := range records {
		a := &actorRow{}
		a.id, _ = r.Values[0].(string)
		a.name, _ = r.Values[1].(string)
		a.typ, _ = r.Values[2].(string)
		a.country, _ = r.Values[3].(string)
		a.aliases = stringList(r.Values[4])
		a.roles = stringList(r.Values[5])
		eids[a.id], _ = r.Values[6].(string)
		stored[a.id] = a
	}
	var retype []string
	byType := make(map[polgraph.ActorType][]any)
	all := make(map[string]*actorRow, len(actors))
	for _, a := range actors {
		merged := *a
		all[a.id] = &merged
		if old, ok := stored[a.id]; ok {
			merged = *old
			merged.merge(a)
			if merged.equal(old) {
				continue
			}
			if merged.typ != old.typ {
				retype = append(retype, a.id)
			}
		}
		t := polgraph.ActorType(merged.typ)
		byType[t] = append(byType[t], merged.props())
	}
	if len(retype) > 0 {
		if err := run(ctx, tx, retypeActorsCypher, map[string]any{"ids": retype}); err != nil {
			return nil, nil, fmt.Errorf("retype %d actors: %w", len(retype), err)
		}
	}
	for _, t := range actorTypes {
		if rows := byType[t]; len(rows) > 0 {
			if err := readEids(ctx, tx, l.writeActor[t], map[string]any{"rows": rows}, eids); err != nil {
				return nil, nil, fmt.Errorf("write %d %s actors: %w", len(rows), t, err)
			}
		}
	}
	return all, eids, nil
}

// stringList converts a list property to strings.
func stringList(v any) []string {
	xs, _ := v.([]any)
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// aggregate fills the roll-ups of the keys in recompute with the stored
// claims of their keys, except those of the articles in replaced (the batch
// brings their new claims), and returns the subject's kbRoles for each
// LEADS and OFFICIAL_OF key among them.
func aggregate(ctx context.Context, tx neo4j.ManagedTransaction, rollUps map[string]*rollUp, recompute map[string]bool, replaced []string) (map[string][]string, error) {
	keys := make([]any, 0, len(recompute))
	for key := range recompute {
		ru := rollUps[key]
		kb := carriesRoles(ru.p)
		keys = append(keys, map[string]any{"key": key, "a": ru.a, "kb": kb})
	}
	kbRoles := make(map[string][]string)
	if len(keys) == 0 {
		return kbRoles, nil
	}
	res, err := tx.Run(ctx, aggregateCypher, map[string]any{"keys": keys, "replaced": nonNil(replaced)})
	if err != nil {
		return nil, fmt.Errorf("aggregate claims of %d keys: %w", len(keys), err)
	}
	for res.Next(ctx) {
		v := res.Record().Values
		key, _ := v[0].(string)
		ru := rollUps[key]
		if ru == nil {
			continue
		}
		if roles, ok := v[10].([]any); ok {
			kbRoles[key] = stringList(roles)
		}
		n, _ := v[1].(int64)
		if n == 0 {
			continue
		}
		articles, _ := v[2].(int64)
		ru.n, ru.articles = int(n), int(articles)
		for _, d := range stringList(v[3]) {
			ru.seen(d)
		}
		for i, m := range []polgraph.Modality{polgraph.Asserted, polgraph.Negated, polgraph.Intended, polgraph.Possible} {
			c, _ := v[4+i].(int64)
			ru.modality[m] = int(c)
		}
		ru.confidence, _ = v[8].(float64)
		if carriesRoles(ru.p) {
			for _, r := range stringList(v[9]) {
				ru.roles[r]++
			}
		}
	}
	if err := res.Err(); err != nil {
		return nil, fmt.Errorf("aggregate claims of %d keys: %w", len(keys), err)
	}
	return kbRoles, nil
}

// restoreRollUps starts the roll-ups of the keys not in recompute from their
// stored relationships. A key whose stored roll-up cannot be continued is
// added to recompute.
func restoreRollUps(ctx context.Context, tx neo4j.ManagedTransaction, rollUps map[string]*rollUp, recompute map[string]bool,
	eids map[string]string) error {
	keys := make([]any, 0, len(rollUps))
	for key, ru := range rollUps {
		if !recompute[key] {
			keys = append(keys, map[string]any{"key": key, "a": eids[ru.a], "p": string(ru.p), "b": eids[ru.b]})
		}
	}
	if len(keys) == 0 {
		return nil
	}
	res, err := tx.Run(ctx, storedRollUpsCypher, map[string]any{"keys": keys})
	if err != nil {
		return fmt.Errorf("read %d roll-ups: %w", len(keys), err)
	}
	for res.Next(ctx) {
		v := res.Record().Values
		key, _ := v[0].(string)
		eid, _ := v[1].(string)
		props, _ := v[2].(map[string]any)
		ru := rollUps[key]
		if ru == nil {
			continue
		}
		if !ru.restore(eid, props) {
			rollUps[key] = newRollUp(ru.a, ru.p, ru.b)
			recompute[key] = true
		}
	}
	if err := res.Err(); err != nil {
		return fmt.Errorf("read %d roll-ups: %w", len(keys), err)
	}
	return nil
}

// readEids runs a statement that returns id and eid columns and adds them
// to eids.
func readEids(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any, eids map[string]string) error {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return err
	}
	for res.Next(ctx) {
		v := res.Record().Values
		id, _ := v[0].(string)
		eids[id], _ = v[1].(string)
	}
	return res.Err()
}

// run runs a statement that returns nothing and waits for it to finish.
func run(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) error {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// Loaded reports which of articleIDs are already in the graph.
func (l *Loader) Loaded(ctx context.Context, articleIDs []string) (map[string]bool, error) {
	res, err := neo4j.ExecuteQuery(ctx, l.driver, loadedCypher, map[string]any{"ids": nonNil(articleIDs)},
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(l.db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, fmt.Errorf("look up %d articles: %w", len(articleIDs), err)
	}
	out := make(map[string]bool, len(res.Records))
	for _, r := range res.Records {
		if id, ok := r.Values[0].(string); ok {
			out[id] = true
		}
	}
	return out, nil
}

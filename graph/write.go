package graph

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/polgraph/polgraph"
)

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

// Write merges one batch in one transaction, retried on transient errors.
// Invalid articles and relations are skipped, logged and counted in
// Stats.Rejected; a database error fails the whole batch and nothing of it
// is written. When the server stays unreachable for Config.MaxRetryTime the
// error wraps an *UnavailableError.
func (g *DB) Write(ctx context.Context, batch []polgraph.Result) (Stats, error) {
	p := prepare(batch, g.log)
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
		st, err := g.writeOnce(ctx, p)
		if err == nil {
			st.Rejected = p.rejected
			return st, nil
		}
		tried := time.Since(start)
		if !isConnectivity(err) {
			msg, _, _ := strings.Cut(err.Error(), "\n")
			return Stats{}, fmt.Errorf("write batch of %d articles: %s", len(batch), msg)
		}
		if tried+wait > g.cfg.MaxRetryTime || ctx.Err() != nil {
			return Stats{}, fmt.Errorf("write batch of %d articles: %w", len(batch), &UnavailableError{Reason: reason(err, 0), Tried: tried, Err: err})
		}
		g.log.Warn("Neo4j unreachable, retrying the batch", "err", reason(err, g.cfg.ConnectTimeout), "wait", wait)
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

func (g *DB) writeOnce(ctx context.Context, p prepared) (Stats, error) {
	session := g.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: g.db, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	return neo4j.ExecuteWrite(ctx, session, func(tx neo4j.ManagedTransaction) (Stats, error) {
		return g.write(ctx, tx, p)
	}, neo4j.WithTxTimeout(txTimeout))
}

// write runs a batch's statements in tx, in the order of its steps: read
// what the batch replaces, merge the actors, sort the claims, work out the
// roll-ups, then write articles and mentions, claims and roll-ups. It may
// run more than once (the driver retries), so it keeps no state outside its
// return value.
func (g *DB) write(ctx context.Context, tx neo4j.ManagedTransaction, p prepared) (Stats, error) {
	st := Stats{Articles: len(p.articles), Actors: len(p.actors)}
	if err := g.fence(ctx, tx); err != nil {
		return st, err
	}
	stored, old, err := readReplaced(ctx, tx, p)
	if err != nil {
		return st, err
	}
	merged, eids, err := g.writeActors(ctx, tx, p.actors)
	if err != nil {
		return st, err
	}
	c := sortClaims(p, stored, old, eids)
	st.Claims = c.n
	kbRoles, err := startRollUps(ctx, tx, p, c, merged, eids, stored)
	if err != nil {
		return st, err
	}
	artEids, err := writeArticles(ctx, tx, p, eids, stored)
	if err != nil {
		return st, err
	}
	if err := writeClaims(ctx, tx, p, c, artEids); err != nil {
		return st, err
	}
	st.RollUps, err = g.writeRollUps(ctx, tx, c.rollUps, kbRoles, eids)
	return st, err
}

// oldClaim is a claim already stored for an article being re-loaded.
type oldClaim struct {
	id   string
	rel  polgraph.Relation // subject, predicate, object only
	seen bool              // also in the new version
}

// readReplaced returns the ids of the batch's articles already stored, in
// the order read, and their stored claims by claim id.
func readReplaced(ctx context.Context, tx neo4j.ManagedTransaction, p prepared) ([]string, map[string]*oldClaim, error) {
	ids := make([]string, len(p.articles))
	for i, a := range p.articles {
		ids[i] = a.art.ID
	}
	res, err := tx.Run(ctx, existingCypher, map[string]any{"ids": ids})
	if err != nil {
		return nil, nil, fmt.Errorf("read stored articles: %w", err)
	}
	records, err := res.Collect(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("read stored articles: %w", err)
	}
	var stored []string
	isStored := make(map[string]bool)
	old := make(map[string]*oldClaim)
	for _, r := range records {
		id := field[string](r, "id")
		if !isStored[id] {
			isStored[id] = true
			stored = append(stored, id)
		}
		claim := field[string](r, "claim")
		if claim == "" {
			continue // an article stored without claims
		}
		rel := polgraph.Relation{Subject: field[string](r, "subject"), Predicate: polgraph.Predicate(field[string](r, "predicate")),
			Object: field[string](r, "object")}
		old[claim] = &oldClaim{id: claim, rel: rel}
	}
	return stored, old, nil
}

// claimPlan is the batch's claims sorted into new, kept and dropped, and
// the roll-up keys they touch.
type claimPlan struct {
	n         int                // claims in the batch
	create    map[string][]any   // article id: its new claims
	update    []any              // claims stored and stated again
	gone      []string           // ids of stored claims no longer stated
	rollUps   map[string]*rollUp // every key touched, by key
	recompute map[string]bool    // keys recomputed from their claims
}

// sortClaims sorts the claims of p against the stored ones (old, of the
// stored articles) and gathers the roll-up keys they touch. A key with a
// claim of a stored article (kept, dropped or re-stated) is recomputed from
// its claims; any other key only gains the batch's new claims, and
// continues from its stored roll-up. It marks the old claims seen.
func sortClaims(p prepared, stored []string, old map[string]*oldClaim, eids map[string]string) claimPlan {
	isStored := make(map[string]bool, len(stored))
	for _, id := range stored {
		isStored[id] = true
	}
	c := claimPlan{create: make(map[string][]any), rollUps: make(map[string]*rollUp), recompute: make(map[string]bool)}
	touch := func(key, a string, p polgraph.Predicate, b string) {
		if c.rollUps[key] == nil {
			c.rollUps[key] = newRollUp(a, p, b)
		}
	}
	for _, a := range p.articles {
		var fresh []any
		for _, cl := range a.claims {
			touch(cl.key, cl.a, cl.rel.Predicate, cl.b)
			if isStored[a.art.ID] {
				c.recompute[cl.key] = true
			}
			c.n++
			if o, ok := old[cl.id]; ok {
				o.seen = true
				c.update = append(c.update, cl.props())
				continue
			}
			row := cl.props()
			row["s"], row["o"] = eids[cl.rel.Subject], eids[cl.rel.Object]
			fresh = append(fresh, row)
		}
		if len(fresh) > 0 {
			c.create[a.art.ID] = fresh
		}
	}
	for _, o := range old {
		if o.seen {
			continue
		}
		c.gone = append(c.gone, o.id)
		if o.rel.Predicate.Valid() {
			a, b := rollUpEnds(o.rel)
			key := rollUpKey(a, o.rel.Predicate, b)
			touch(key, a, o.rel.Predicate, b)
			c.recompute[key] = true
		}
	}
	return c
}

// startRollUps brings every roll-up the batch touches to what the graph
// holds without the batch: the stored ones continued, the others
// recomputed from what the other articles' stored claims say; then it adds
// the batch's claims. Ends outside the batch (of dropped claims) are looked
// up first and added to eids. It returns the subject's kbRoles for each
// roll-up that carries roles.
func startRollUps(ctx context.Context, tx neo4j.ManagedTransaction, p prepared, c claimPlan,
	merged map[string]*actorRow, eids map[string]string, stored []string) (map[string][]string, error) {
	var missing []string
	for _, ru := range c.rollUps {
		for _, id := range []string{ru.a, ru.b} {
			if _, ok := eids[id]; !ok {
				missing = append(missing, id)
				eids[id] = ""
			}
		}
	}
	if len(missing) > 0 {
		if err := readEids(ctx, tx, actorEidsCypher, map[string]any{"ids": missing}, eids); err != nil {
			return nil, fmt.Errorf("find %d actors: %w", len(missing), err)
		}
	}
	if err := restoreRollUps(ctx, tx, c.rollUps, c.recompute, eids); err != nil {
		return nil, err
	}
	kbRoles, err := aggregate(ctx, tx, c.rollUps, c.recompute, stored)
	if err != nil {
		return nil, err
	}
	for key, ru := range c.rollUps {
		if !c.recompute[key] && carriesRoles(ru.p) {
			if a := merged[ru.a]; a != nil {
				kbRoles[key] = a.roles
			}
		}
	}
	for _, a := range p.articles {
		inArticle := make(map[string]bool)
		for _, cl := range a.claims {
			c.rollUps[cl.key].add(cl, !inArticle[cl.key])
			inArticle[cl.key] = true
		}
	}
	return kbRoles, nil
}

// writeArticles merges the batch's articles and replaces their mentions; it
// returns the articles' element ids by id.
func writeArticles(ctx context.Context, tx neo4j.ManagedTransaction, p prepared, eids map[string]string, stored []string) (map[string]string, error) {
	articles := make([]any, len(p.articles))
	for i, a := range p.articles {
		articles[i] = a.props()
	}
	artEids := make(map[string]string, len(articles))
	if err := readEids(ctx, tx, mergeArticleCypher, map[string]any{"rows": articles}, artEids); err != nil {
		return nil, fmt.Errorf("merge %d articles: %w", len(articles), err)
	}
	mentions := make([]any, len(p.articles))
	for i, a := range p.articles {
		ms := make([]any, len(a.mentions))
		for j, m := range a.mentions {
			row := m.props()
			row["eid"] = eids[m.actor]
			ms[j] = row
		}
		mentions[i] = map[string]any{"eid": artEids[a.art.ID], "mentions": ms}
	}
	if len(stored) > 0 {
		if err := run(ctx, tx, deleteMentionsCypher, map[string]any{"ids": stored}); err != nil {
			return nil, fmt.Errorf("delete mentions of %d articles: %w", len(stored), err)
		}
	}
	if err := run(ctx, tx, createMentionsCypher, map[string]any{"rows": mentions}); err != nil {
		return nil, fmt.Errorf("create mentions: %w", err)
	}
	return artEids, nil
}

// writeClaims deletes the claims no longer stated, creates the new ones
// (linked to their articles, found by element id) and updates the others.
func writeClaims(ctx context.Context, tx neo4j.ManagedTransaction, p prepared, c claimPlan, artEids map[string]string) error {
	var claims []any
	for _, a := range p.articles {
		if fresh := c.create[a.art.ID]; len(fresh) > 0 {
			claims = append(claims, map[string]any{"eid": artEids[a.art.ID], "claims": fresh})
		}
	}
	if len(c.gone) > 0 {
		if err := run(ctx, tx, deleteClaimsCypher, map[string]any{"ids": c.gone}); err != nil {
			return fmt.Errorf("delete %d replaced claims: %w", len(c.gone), err)
		}
	}
	if len(claims) > 0 {
		if err := run(ctx, tx, createClaimsCypher, map[string]any{"rows": claims}); err != nil {
			return fmt.Errorf("create claims: %w", err)
		}
	}
	if len(c.update) > 0 {
		if err := run(ctx, tx, updateClaimsCypher, map[string]any{"rows": c.update}); err != nil {
			return fmt.Errorf("update %d claims: %w", len(c.update), err)
		}
	}
	return nil
}

// writeRollUps writes the roll-ups: the stored ones set by element id in
// one statement, new and recomputed ones merged per predicate, those left
// without claims deleted. It returns how many roll-ups are present.
func (g *DB) writeRollUps(ctx context.Context, tx neo4j.ManagedTransaction, rollUps map[string]*rollUp,
	kbRoles map[string][]string, eids map[string]string) (int, error) {
	present := 0
	var known []any
	write := make(map[polgraph.Predicate][]any)
	drop := make(map[polgraph.Predicate][]any)
	for key, ru := range rollUps {
		if ru.n == 0 {
			drop[ru.p] = append(drop[ru.p], map[string]any{"a": ru.a, "b": ru.b})
			continue
		}
		present++
		row := ru.setProps(kbRoles[key])
		if ru.eid != "" {
			row["eid"] = ru.eid
			known = append(known, row)
			continue
		}
		row["a"], row["b"] = eids[ru.a], eids[ru.b]
		write[ru.p] = append(write[ru.p], row)
	}
	if len(known) > 0 {
		if err := run(ctx, tx, setRollUpsCypher, map[string]any{"rows": known}); err != nil {
			return present, fmt.Errorf("update %d roll-ups: %w", len(known), err)
		}
	}
	for _, pr := range polgraph.Predicates {
		if rows := write[pr]; len(rows) > 0 {
			if err := run(ctx, tx, g.rollUp[pr], map[string]any{"rows": rows}); err != nil {
				return present, fmt.Errorf("write %d %s roll-ups: %w", len(rows), pr, err)
			}
		}
		if rows := drop[pr]; len(rows) > 0 {
			if err := run(ctx, tx, g.rollDown[pr], map[string]any{"rows": rows}); err != nil {
				return present, fmt.Errorf("delete %d emptied %s roll-ups: %w", len(rows), pr, err)
			}
		}
	}
	return present, nil
}

// writeActors merges the batch's actors with the stored ones by the rules
// of doc.go, writes those that change, one statement per type label, and
// returns every actor of the batch as merged, by id.
func (g *DB) writeActors(ctx context.Context, tx neo4j.ManagedTransaction, actors []*actorRow) (map[string]*actorRow, map[string]string, error) {
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
		a := &actorRow{id: field[string](r, "id"), name: field[string](r, "name"), typ: field[string](r, "type"),
			country: field[string](r, "country"), aliases: stringList(field[[]any](r, "aliases")), roles: stringList(field[[]any](r, "roles"))}
		eids[a.id] = field[string](r, "eid")
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
			if err := readEids(ctx, tx, g.writeActor[t], map[string]any{"rows": rows}, eids); err != nil {
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
		r := res.Record()
		key := field[string](r, "key")
		ru := rollUps[key]
		if ru == nil {
			continue
		}
		if roles, ok := field[any](r, "kbRoles").([]any); ok {
			kbRoles[key] = stringList(roles)
		}
		n := field[int64](r, "n")
		if n == 0 {
			continue
		}
		ru.n, ru.articles = int(n), int(field[int64](r, "articles"))
		for _, d := range stringList(field[[]any](r, "dates")) {
			ru.seen(d)
		}
		for _, m := range []polgraph.Modality{polgraph.Asserted, polgraph.Negated, polgraph.Intended, polgraph.Possible} {
			ru.modality[m] = int(field[int64](r, string(m))) // the columns are named after the modalities
		}
		ru.confidence = field[float64](r, "confidence")
		if carriesRoles(ru.p) {
			for _, role := range stringList(field[[]any](r, "roles")) {
				ru.roles[role]++
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
		r := res.Record()
		key, eid, props := field[string](r, "key"), field[string](r, "eid"), field[map[string]any](r, "props")
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
		r := res.Record()
		eids[field[string](r, "id")] = field[string](r, "eid")
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

// field reads column key of r as a T: the zero T when the column is
// missing, null or of another type.
func field[T any](r *neo4j.Record, key string) T {
	v, _ := r.Get(key)
	t, _ := v.(T)
	return t
}

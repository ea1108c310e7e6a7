package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/config"
	"github.com/polgraph/polgraph/corpus"
	"github.com/polgraph/polgraph/extract"
	"github.com/polgraph/polgraph/graph"
)

// This file holds the loop the commands share: readers feed extraction
// workers, whose results come back in input order (stream), go into
// batches (batcher) and are written to a sink.

// tally counts what a run did. Every record read ends up counted exactly
// once: read == done + skipped + duplicates + resumed + elsewhere, plus the
// records in flight when a run is interrupted (reported as unfinished).
type tally struct {
	read       atomic.Int64 // records: articles the readers yielded, and records or files they dropped
	articles   atomic.Int64 // of read, the articles (duplicates and already-loaded included)
	done       atomic.Int64 // extracted (extract, run) or accepted for loading (load)
	skipped    atomic.Int64 // dropped: by the readers, the extractor or validation
	duplicates atomic.Int64
	resumed    atomic.Int64 // already in the graph, not extracted again
	elsewhere  atomic.Int64 // in another shard (extract --shard)
	repaired   atomic.Int64 // warnings that dropped nothing (invalid UTF-8 repaired, a bad date, a missing optional column)
	actors     atomic.Int64
	relations  atomic.Int64
	textBytes  atomic.Int64 // article text read
	inputBytes atomic.Int64 // input bytes read (corpus.Options.BytesRead), for progress
	start      time.Time
}

// problems is the number of records or inputs that got a warning.
func (t *tally) problems() int64 { return t.skipped.Load() + t.repaired.Load() }

// unfinished is the number of records read but not yet counted anywhere
// else: zero after a complete run.
func (t *tally) unfinished() int64 {
	return t.read.Load() - t.done.Load() - t.skipped.Load() - t.duplicates.Load() - t.resumed.Load() - t.elsewhere.Load()
}

// summary is the last line of every reading command. Everything before the
// final "; <seconds>s" is deterministic for a given input.
func (t *tally) summary(verb, doneWord string) string {
	s := fmt.Sprintf("%s: %d records read: %d %s, %d skipped, %d duplicates",
		verb, t.read.Load(), t.done.Load(), doneWord, t.skipped.Load(), t.duplicates.Load())
	if n := t.resumed.Load(); n > 0 {
		s += fmt.Sprintf(", %d already loaded", n)
	}
	if n := t.elsewhere.Load(); n > 0 {
		s += fmt.Sprintf(", %d in other shards", n)
	}
	if n := t.unfinished(); n > 0 {
		s += fmt.Sprintf(", %d unfinished", n)
	}
	if n := t.repaired.Load(); n > 0 {
		s += fmt.Sprintf("; %d other warnings", n)
	}
	secs := time.Since(t.start).Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(t.done.Load()) / secs
	}
	s += fmt.Sprintf("; %d actors, %d relations; %.1fs (%.1f articles/s)", t.actors.Load(), t.relations.Load(), secs, rate)
	return s
}

// finish prints the summary and gives the error of a reading command from
// its tally: errInterrupted when a signal stopped it, a failure when no
// article could be read or, with --strict, when any record got a warning.
func (a *app) finish(cmd *cobra.Command, t *tally, verb, doneWord string, err error) error {
	fmt.Fprintln(a.stderr, t.summary(verb, doneWord))
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return errInterrupted
		}
		return err
	}
	strict, _ := cmd.Flags().GetBool("strict")
	switch {
	case t.articles.Load() == 0 && t.read.Load() == 0:
		return errors.New("nothing could be read: no records in the input")
	case t.articles.Load() == 0:
		return fmt.Errorf("nothing could be read: all %d records or files skipped", t.read.Load())
	case strict && t.problems() > 0:
		return fmt.Errorf("--strict: %d warnings", t.problems())
	}
	return nil
}

// skipFunc reports which of a chunk of article ids to leave out (resume:
// already loaded). graph.DB.Loaded is one.
type skipFunc func(context.Context, []string) (map[string]bool, error)

// notLoaded returns the items of chunk that skip does not report as loaded
// (all of them when skip is nil), counting the others as resumed.
func notLoaded[T any](ctx context.Context, skip skipFunc, chunk []T, id func(T) string, t *tally) ([]T, error) {
	if skip == nil {
		return chunk, nil
	}
	ids := make([]string, len(chunk))
	for i, c := range chunk {
		ids[i] = id(c)
	}
	loaded, err := skip(ctx, ids)
	if err != nil {
		if ctx.Err() != nil {
			return nil, context.Cause(ctx)
		}
		return nil, err
	}
	keep := make([]T, 0, len(chunk))
	for i, c := range chunk {
		if loaded[ids[i]] {
			t.resumed.Add(1)
			continue
		}
		keep = append(keep, c)
	}
	return keep, nil
}

// A source is what stream reads: the inputs, how to read them, and which
// articles to leave out.
type source struct {
	inputs []string
	opts   corpus.Options
	skip   skipFunc // already loaded (resume); nil keeps every article
	shard  shard    // the zero shard keeps every article
}

// readerOptions are the reader settings of cfg; progress reads the bytes
// read from t.
func readerOptions(cfg config.Config, t *tally) corpus.Options {
	return corpus.Options{
		TextCol: cfg.Input.TextCol, IDCol: cfg.Input.IDCol, TitleCol: cfg.Input.TitleCol,
		DateCol: cfg.Input.DateCol, URLCol: cfg.Input.URLCol, SourceCol: cfg.Input.SourceCol,
		MaxBytes: cfg.Input.MaxBytes, BytesRead: &t.inputBytes,
	}
}

type job struct {
	seq int
	art polgraph.Article
}

type done struct {
	seq int
	id  string
	res polgraph.Result
	err error
}

// stream reads src, extracts every article on `workers` goroutines and
// calls emit with the results in input order. Memory is bounded by the
// channel and chunk sizes, whatever the input size.
func (a *app) stream(ctx context.Context, src source, x *extract.Extractor, workers int,
	emit func(polgraph.Result) error, t *tally) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	jobs := make(chan job, workers*4)
	results := make(chan done, workers*4)

	// The reader may be stuck in a read (a terminal or pipe on stdin) when
	// ctx is cancelled, so nothing below waits for it after cancellation.
	readDone := make(chan error, 1)
	go func() {
		defer close(jobs)
		err := a.readArticles(ctx, src, jobs, t)
		if err != nil {
			cancel(err)
		}
		readDone <- err
	}()

	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Go(func() {
			for {
				var j job
				var ok bool
				select {
				case j, ok = <-jobs:
				case <-ctx.Done():
				}
				if !ok || ctx.Err() != nil {
					return // prose cannot be interrupted: check between articles
				}
				res, err := x.Extract(j.art)
				select {
				case results <- done{j.seq, j.art.ID, res, err}:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() { wg.Wait(); close(results) }()

	if err := a.inOrder(results, emit, cancel, t); err != nil {
		return err
	}
	select {
	case err := <-readDone:
		if err != nil {
			return err
		}
	default: // still reading, so ctx was cancelled
	}
	return context.Cause(ctx)
}

// inOrder puts the results back in input order and emits them, logging and
// counting the articles the extractor refused; the buffer holds at most
// what is in flight. The first emit error cancels the run, and is returned
// once every result has been received.
func (a *app) inOrder(results <-chan done, emit func(polgraph.Result) error, cancel context.CancelCauseFunc, t *tally) error {
	pending := map[int]done{}
	next := 0
	var emitErr error
	for r := range results {
		pending[r.seq] = r
		for {
			d, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if emitErr != nil {
				continue
			}
			if d.err != nil {
				t.skipped.Add(1)
				a.log.Warn("article skipped", "article", d.id, "err", d.err)
				continue
			}
			t.done.Add(1)
			t.actors.Add(int64(len(d.res.Actors)))
			t.relations.Add(int64(len(d.res.Relations)))
			if err := emit(d.res); err != nil {
				emitErr = err
				cancel(err)
			}
		}
	}
	return emitErr
}

// Chunks of articles whose ids are looked up together: at most chunkMax
// articles and, past the first article, chunkBytes of text.
const (
	chunkMax   = 256
	chunkBytes = 16 << 20
)

// readArticles feeds jobs from the readers, logging and counting every bad
// record, dropping duplicates and the articles of other shards, and asking
// src.skip about chunks of ids.
func (a *app) readArticles(ctx context.Context, src source, jobs chan<- job, t *tally) error {
	seq := 0
	var chunk []polgraph.Article
	size := 0
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		keep, err := notLoaded(ctx, src.skip, chunk, func(a polgraph.Article) string { return a.ID }, t)
		if err != nil {
			return err
		}
		for _, art := range keep {
			select {
			case jobs <- job{seq, art}:
				seq++
			case <-ctx.Done():
				return context.Cause(ctx)
			}
		}
		chunk, size = chunk[:0], 0
		return nil
	}
	onDup := func(art polgraph.Article, first string) {
		t.read.Add(1)
		t.articles.Add(1)
		t.duplicates.Add(1)
		a.log.Info("duplicate article skipped", "article", art.ID, "first", first)
	}
	for art, err := range corpus.Dedup(corpus.Read(ctx, src.inputs, a.stdin, src.opts), onDup) {
		if err != nil {
			var re *corpus.RecordError
			if !errors.As(err, &re) && ctx.Err() != nil {
				return context.Cause(ctx)
			}
			a.readProblem(err, t)
			continue
		}
		t.read.Add(1)
		t.articles.Add(1)
		t.textBytes.Add(int64(len(art.Text)))
		if !src.shard.keeps(art.ID) {
			t.elsewhere.Add(1)
			continue
		}
		chunk = append(chunk, art)
		size += len(art.Text)
		if src.skip == nil || len(chunk) >= chunkMax || size >= chunkBytes {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return context.Cause(ctx)
	}
	return flush()
}

// readProblem logs and counts a problem the readers reported: a record or
// input dropped, or repaired and kept.
func (a *app) readProblem(err error, t *tally) {
	var re *corpus.RecordError
	if !errors.As(err, &re) {
		// corpus reports everything else as a RecordError; count anything
		// new as a dropped input rather than lose it.
		t.read.Add(1)
		t.skipped.Add(1)
		a.log.Warn("input skipped", "err", err, "skipped", true)
		return
	}
	if re.Skipped {
		t.read.Add(1)
		t.skipped.Add(1)
	} else {
		t.repaired.Add(1)
	}
	a.log.Warn(re.Error(), "skipped", re.Skipped)
}

// extractor returns the configuration and the extractor it describes; a
// bad knowledge-base or lexicon file is a usage error.
func (a *app) extractor() (config.Config, *extract.Extractor, error) {
	cfg, err := a.config()
	if err != nil {
		return cfg, nil, err
	}
	x, err := extract.New(extract.Options{KBFiles: cfg.Extract.KB, LexiconFiles: cfg.Extract.Lexicon, NoPhoenix: !cfg.Extract.Phoenix, Logger: a.log})
	if err != nil {
		return cfg, nil, usageError{err}
	}
	return cfg, x, nil
}

// A sink is where load, run and export send batches of results: Neo4j
// (*graph.DB), neo4j-admin CSV files (*graph.Exporter) or, with --dry-run,
// nowhere (dryRun). Each reports what it wrote; closing is the caller's.
type sink interface {
	Write(ctx context.Context, batch []polgraph.Result) (graph.Stats, error)
}

// dryRun validates batches and writes nothing.
type dryRun struct{ log *slog.Logger }

func (d dryRun) Write(_ context.Context, batch []polgraph.Result) (graph.Stats, error) {
	var st graph.Stats
	for i := range batch {
		if err := batch[i].Validate(); err != nil {
			d.log.Warn("invalid record", "article", batch[i].Article.ID, "err", err)
			st.Rejected++
		}
	}
	return st, nil
}

// batches returns a batcher writing batches of n to s and adding what
// each write did to stats; wrap, when set, gives a write error its
// context. With async a batch is written while the next is gathered.
func batches(s sink, n int, async bool, stats *graph.Stats, wrap func(error) error) *batcher {
	return &batcher{n: n, async: async, write: func(ctx context.Context, rs []polgraph.Result) error {
		st, err := s.Write(ctx, rs)
		*stats = stats.Add(st)
		if err != nil && wrap != nil {
			return wrap(err)
		}
		return err
	}}
}

// batcher groups results into batches of n for the single writer. With
// async set, a full batch is written in a goroutine while the next one is
// read and gathered: at most one batch is in flight, and a write error
// stops every later write and is returned by the next add, flush or drain.
type batcher struct {
	n     int
	buf   []polgraph.Result
	write func(context.Context, []polgraph.Result) error
	async bool

	inFlight chan error // the write in flight, if any
	err      error      // the first write error
}

func (b *batcher) add(ctx context.Context, r polgraph.Result) error {
	if b.err != nil {
		return b.err
	}
	b.buf = append(b.buf, r)
	if len(b.buf) >= b.n {
		return b.flush(ctx)
	}
	return nil
}

// flush starts writing what is gathered, after the write in flight ends.
func (b *batcher) flush(ctx context.Context) error {
	if err := b.wait(); err != nil || len(b.buf) == 0 {
		return err
	}
	batch := b.buf
	b.buf = make([]polgraph.Result, 0, b.n)
	if !b.async {
		b.err = b.write(ctx, batch)
		return b.err
	}
	b.inFlight = make(chan error, 1)
	go func() { b.inFlight <- b.write(ctx, batch) }()
	return nil
}

// wait waits for the write in flight, if any.
func (b *batcher) wait() error {
	if b.inFlight != nil {
		b.err = <-b.inFlight
		b.inFlight = nil
	}
	return b.err
}

// drain writes what is gathered and waits until every write has ended.
func (b *batcher) drain(ctx context.Context) error {
	if err := b.flush(ctx); err != nil {
		return err
	}
	return b.wait()
}

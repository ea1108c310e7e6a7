package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/config"
	"github.com/polgraph/polgraph/corpus"
	"github.com/polgraph/polgraph/extract"
)

// tally counts what a run did. Every record read ends up counted exactly
// once: read == done + skipped + duplicates + resumed, plus the records in
// flight when a run is interrupted (reported as unfinished).
type tally struct {
	read       atomic.Int64 // records: articles the readers yielded, and records or files they dropped
	articles   atomic.Int64 // of read, the articles (duplicates and already-loaded included)
	done       atomic.Int64 // extracted (extract, run) or accepted for loading (load)
	skipped    atomic.Int64 // dropped: by the readers, the extractor or validation
	duplicates atomic.Int64
	resumed    atomic.Int64 // already in the graph, not extracted again
	repaired   atomic.Int64 // warnings that dropped nothing (invalid UTF-8 repaired, a bad date, a missing optional column)
	actors     atomic.Int64
	relations  atomic.Int64
	textBytes  atomic.Int64 // article text read, for progress when nothing better is known
	start      time.Time
}

// problems is the number of records or inputs that got a warning.
func (t *tally) problems() int64 { return t.skipped.Load() + t.repaired.Load() }

// unfinished is the number of records read but not yet counted anywhere
// else: zero after a complete run.
func (t *tally) unfinished() int64 {
	return t.read.Load() - t.done.Load() - t.skipped.Load() - t.duplicates.Load() - t.resumed.Load()
}

// summary is the last line of every reading command. Everything before the
// final "; <seconds>s" is deterministic for a given input.
func (t *tally) summary(verb, doneWord string) string {
	s := fmt.Sprintf("%s: %d records read: %d %s, %d skipped, %d duplicates",
		verb, t.read.Load(), t.done.Load(), doneWord, t.skipped.Load(), t.duplicates.Load())
	if n := t.resumed.Load(); n > 0 {
		s += fmt.Sprintf(", %d already loaded", n)
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

// skipFunc reports which of a chunk of article ids to leave out (resume:
// already loaded). graph.Loader.Loaded is one.
type skipFunc func(context.Context, []string) (map[string]bool, error)

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

// stream reads the inputs, extracts every article on `workers` goroutines
// and calls emit with the results in input order. skip, when set, is asked
// about each chunk of article ids before extraction. Memory is bounded by
// the channel and chunk sizes, whatever the input size.
func (a *app) stream(ctx context.Context, cfg config.Config, inputs []string, x *extract.Extractor, workers int,
	skip skipFunc, emit func(polgraph.Result) error, t *tally) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	jobs := make(chan job, workers*4)
	results := make(chan done, workers*4)
	opts := corpus.Options{
		TextCol: cfg.Input.TextCol, IDCol: cfg.Input.IDCol, TitleCol: cfg.Input.TitleCol,
		DateCol: cfg.Input.DateCol, URLCol: cfg.Input.URLCol, SourceCol: cfg.Input.SourceCol,
		MaxBytes: cfg.Input.MaxBytes,
	}

	// The reader may be stuck in a read (a terminal or pipe on stdin) when
	// ctx is cancelled, so nothing below waits for it after cancellation.
	readDone := make(chan error, 1)
	go func() {
		defer close(jobs)
		err := a.readArticles(ctx, inputs, opts, skip, jobs, t)
		if err != nil {
			cancel(err)
		}
		readDone <- err
	}()

	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
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
		}()
	}
	go func() { wg.Wait(); close(results) }()

	// Put results back in input order; the buffer holds at most what is
	// in flight.
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
	if emitErr != nil {
		return emitErr
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

// Chunks of articles whose ids are looked up together: at most chunkMax
// articles and, past the first article, chunkBytes of text.
const (
	chunkMax   = 256
	chunkBytes = 16 << 20
)

// readArticles feeds jobs from the readers, logging and counting every bad
// record, dropping duplicates, and asking skip about chunks of ids.
func (a *app) readArticles(ctx context.Context, inputs []string, opts corpus.Options,
	skip skipFunc, jobs chan<- job, t *tally) error {
	seq := 0
	var chunk []polgraph.Article
	size := 0
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		var loaded map[string]bool
		if skip != nil {
			ids := make([]string, len(chunk))
			for i, c := range chunk {
				ids[i] = c.ID
			}
			var err error
			if loaded, err = skip(ctx, ids); err != nil {
				if ctx.Err() != nil {
					return context.Cause(ctx)
				}
				return err
			}
		}
		for _, art := range chunk {
			if loaded[art.ID] {
				t.resumed.Add(1)
				continue
			}
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
	for art, err := range corpus.Dedup(corpus.Read(ctx, inputs, a.stdin, opts), onDup) {
		if err != nil {
			var re *corpus.RecordError
			switch {
			case errors.As(err, &re):
				if re.Skipped {
					t.read.Add(1)
					t.skipped.Add(1)
				} else {
					t.repaired.Add(1)
				}
				a.log.Warn(re.Error(), "skipped", re.Skipped)
				continue
			case ctx.Err() != nil:
				return context.Cause(ctx)
			default:
				// corpus reports everything else as a RecordError; count
				// anything new as a dropped input rather than lose it.
				t.read.Add(1)
				t.skipped.Add(1)
				a.log.Warn("input skipped", "err", err, "skipped", true)
				continue
			}
		}
		t.read.Add(1)
		t.articles.Add(1)
		t.textBytes.Add(int64(len(art.Text)))
		chunk = append(chunk, art)
		size += len(art.Text)
		if skip == nil || len(chunk) >= chunkMax || size >= chunkBytes {
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

// newExtractor builds the extractor from the configuration.
func (a *app) newExtractor(cfg config.Config) (*extract.Extractor, error) {
	return extract.New(extract.Options{KBFiles: cfg.Extract.KB, LexiconFiles: cfg.Extract.Lexicon, NoPhoenix: !cfg.Extract.Phoenix, Logger: a.log})
}

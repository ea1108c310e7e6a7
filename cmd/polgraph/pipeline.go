package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/polgraph/polgraph/config"
	"github.com/polgraph/polgraph/corpus"
	"github.com/polgraph/polgraph/extract"
)

// tally counts what a run did; every article read ends up in exactly one of
// extracted, skipped, duplicates or resumed.
type tally struct {
	read          atomic.Int64 // articles the readers yielded
	problems      atomic.Int64 // per-record warnings (skipped or repaired)
	skipped       atomic.Int64 // records dropped by the readers or the extractor
	duplicates    atomic.Int64
	resumed       atomic.Int64 // already in the graph, not extracted again
	extracted     atomic.Int64
	actors        atomic.Int64
	relations     atomic.Int64
	inputErr      atomic.Bool // an input could not be read at all
	extractFailed atomic.Int64
	start         time.Time
}

func (t *tally) summary(verb string) string {
	secs := time.Since(t.start).Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(t.extracted.Load()) / secs
	}
	s := fmt.Sprintf("%s: %d articles read, %d extracted, %d skipped, %d duplicates",
		verb, t.read.Load()+t.skipped.Load()-t.skippedAfterRead(), t.extracted.Load(), t.skipped.Load(), t.duplicates.Load())
	if n := t.resumed.Load(); n > 0 {
		s += fmt.Sprintf(", %d already loaded", n)
	}
	s += fmt.Sprintf("; %d actors, %d relations; %.1fs (%.1f articles/s)", t.actors.Load(), t.relations.Load(), secs, rate)
	return s
}

// skippedAfterRead is the part of skipped that the readers had already
// counted as read (articles the extractor rejected).
func (t *tally) skippedAfterRead() int64 { return t.extractFailed.Load() }

type job struct {
	seq int
	art extract.Article
}

type done struct {
	seq int
	res extract.Result
	err error
}

// stream reads the inputs, extracts every article on `workers` goroutines
// and calls emit with the results in input order. skip, when set, is asked
// about each chunk of article ids before extraction (resume: already
// loaded). Memory is bounded by the channel sizes, whatever the input size.
func (a *app) stream(ctx context.Context, cfg config.Config, inputs []string, x *extract.Extractor, workers int,
	skip func(context.Context, []string) (map[string]bool, error), emit func(extract.Result) error, t *tally) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	jobs := make(chan job, workers*4)
	results := make(chan done, workers*4)
	opts := corpus.Options{
		TextCol: cfg.Input.TextCol, IDCol: cfg.Input.IDCol, TitleCol: cfg.Input.TitleCol,
		DateCol: cfg.Input.DateCol, URLCol: cfg.Input.URLCol, SourceCol: cfg.Input.SourceCol,
		MaxBytes: cfg.Input.MaxBytes,
	}

	var readErr error
	go func() {
		defer close(jobs)
		readErr = a.readArticles(ctx, inputs, opts, skip, jobs, t)
		if readErr != nil {
			cancel(readErr)
		}
	}()

	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				res, err := x.Extract(j.art)
				select {
				case results <- done{j.seq, res, err}:
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
				t.extractFailed.Add(1)
				t.problems.Add(1)
				a.log.Warn("article skipped", "article", d.res.Article.ID, "err", d.err)
				continue
			}
			t.extracted.Add(1)
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
	if readErr != nil {
		return readErr
	}
	return context.Cause(ctx)
}

// readArticles feeds jobs from the readers, logging and counting every bad
// record, dropping duplicates, and asking skip about chunks of ids.
func (a *app) readArticles(ctx context.Context, inputs []string, opts corpus.Options,
	skip func(context.Context, []string) (map[string]bool, error), jobs chan<- job, t *tally) error {
	seq := 0
	var chunk []extract.Article
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
		chunk = chunk[:0]
		return nil
	}
	onDup := func(art extract.Article, first string) {
		t.duplicates.Add(1)
		a.log.Info("duplicate article skipped", "article", art.ID, "first", first)
	}
	for art, err := range corpus.Dedup(corpus.Read(ctx, inputs, a.stdin, opts), onDup) {
		if err != nil {
			var re *corpus.RecordError
			switch {
			case errors.As(err, &re):
				t.problems.Add(1)
				if re.Skipped {
					t.skipped.Add(1)
					if re.Line == 0 && len(inputs) == 1 {
						t.inputErr.Store(true)
					}
				}
				a.log.Warn(re.Error(), "skipped", re.Skipped)
				continue
			case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
				return err
			default:
				t.inputErr.Store(true)
				a.log.Error("input", "err", err)
				continue
			}
		}
		t.read.Add(1)
		chunk = append(chunk, art)
		if len(chunk) >= 256 || skip == nil {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// progress logs counts every interval until stop is closed (on a terminal
// or not: a line per interval is readable in both).
func progress(log *slog.Logger, t *tally, every time.Duration, stop <-chan struct{}) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
			secs := time.Since(t.start).Seconds()
			log.Info("progress", "articles", t.extracted.Load(), "relations", t.relations.Load(),
				"articles_per_s", fmt.Sprintf("%.1f", float64(t.extracted.Load())/secs),
				"relations_per_s", fmt.Sprintf("%.1f", float64(t.relations.Load())/secs))
		}
	}
}

// newExtractor builds the extractor from the configuration.
func (a *app) newExtractor(cfg config.Config) (*extract.Extractor, error) {
	return extract.New(extract.Options{KBFiles: cfg.Extract.KB, LexiconFiles: cfg.Extract.Lexicon, Logger: a.log})
}

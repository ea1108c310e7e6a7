package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/config"
	"github.com/polgraph/polgraph/corpus"
	"github.com/polgraph/polgraph/evaluate"
	"github.com/polgraph/polgraph/graph"
)

// inputFlags are the reader flags shared by extract and run.
var inputFlagKeys = map[string]string{
	"text-col": "input.text_col", "id-col": "input.id_col", "title-col": "input.title_col",
	"date-col": "input.date_col", "url-col": "input.url_col", "source-col": "input.source_col",
	"max-bytes": "input.max_bytes", "kb": "extract.kb", "lexicon": "extract.lexicon", "workers": "load.workers",
}

var neo4jFlagKeys = map[string]string{
	"uri": "neo4j.uri", "user": "neo4j.user", "database": "neo4j.database", "batch-size": "load.batch_size",
}

func addInputFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.String("text-col", "", "CSV/TSV column holding the text (default: text, content, body, ...)")
	f.String("id-col", "", "CSV/TSV column holding the id")
	f.String("title-col", "", "CSV/TSV column holding the title")
	f.String("date-col", "", "CSV/TSV column holding the publication date")
	f.String("url-col", "", "CSV/TSV column holding the URL")
	f.String("source-col", "", "CSV/TSV column holding the source")
	f.Int64("max-bytes", 5<<20, "skip articles whose text is larger than this")
	f.StringSlice("kb", nil, "extra knowledge-base YAML file (repeatable)")
	f.StringSlice("lexicon", nil, "extra trigger lexicon TSV file (repeatable)")
	f.Int("workers", 0, "extraction workers (default: one per core)")
	f.Bool("strict", false, "exit 1 if any record or file got a warning")
}

func addNeo4jFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.String("uri", "", "Neo4j URI (config neo4j.uri, env POLGRAPH_NEO4J_URI; default bolt://127.0.0.1:7687)")
	f.String("user", "", "Neo4j user (env POLGRAPH_NEO4J_USER; password from POLGRAPH_NEO4J_PASSWORD or neo4j.password_file)")
	f.String("database", "", "Neo4j database (default neo4j)")
}

// addBatchFlag adds --batch-size to the commands that write.
func addBatchFlag(cmd *cobra.Command) {
	cmd.Flags().Int("batch-size", 0, "articles per transaction (config load.batch_size)")
}

func merge(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// finish prints the summary and picks the exit status of a reading
// command from its tally: 130 when interrupted, 1 when no article could be
// read or, with --strict, when any record got a warning, else 0.
func (a *app) finish(cmd *cobra.Command, t *tally, verb, doneWord string, err error) error {
	fmt.Fprintln(a.stderr, t.summary(verb, doneWord))
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return &exitError{exitCanceled, errors.New("interrupted; run the same command again to resume")}
		}
		return err
	}
	strict, _ := cmd.Flags().GetBool("strict")
	switch {
	case t.articles.Load() == 0 && t.read.Load() == 0:
		return &exitError{exitFailure, errors.New("nothing could be read: no records in the input")}
	case t.articles.Load() == 0:
		return &exitError{exitFailure, fmt.Errorf("nothing could be read: all %d records or files skipped", t.read.Load())}
	case strict && t.problems() > 0:
		return &exitError{exitFailure, fmt.Errorf("--strict: %d warnings", t.problems())}
	}
	return nil
}

func inputsOrStdin(args []string) []string {
	if len(args) == 0 {
		return []string{"-"}
	}
	return args
}

func (a *app) extractCmd() *cobra.Command {
	var out string
	var explain bool
	cmd := &cobra.Command{
		Use:   "extract [INPUT...]",
		Short: "Extract actors and relations from articles into JSONL",
		Long: `Extract reads articles (JSONL, CSV/TSV, .txt/.md/.html files, folders, any of
them gzipped, or - for standard input) and writes one JSON object per article
with its actors and relations, in input order (the format of formats.md).

With --explain it prints, instead, one line per relation with the rule and
the trigger that produced it.`,
		Example: `  polgraph extract corpus.jsonl -o extraction.jsonl
  polgraph extract ./articles/ > extraction.jsonl
  cat article.txt | polgraph extract --explain -`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.loadConfig(cmd, inputFlagKeys)
			if err != nil {
				return err
			}
			x, err := a.newExtractor(cfg)
			if err != nil {
				return usageError{err}
			}
			w := a.stdout
			var f *os.File
			if out != "" && out != "-" {
				if f, err = os.Create(out); err != nil {
					return usageError{fmt.Errorf("-o: %v", err)}
				}
				defer f.Close()
				w = f
			}
			bw := bufio.NewWriterSize(w, 1<<16)
			enc := json.NewEncoder(bw)
			enc.SetEscapeHTML(false)
			emit := func(r polgraph.Result) error { return enc.Encode(r) }
			if explain {
				emit = func(r polgraph.Result) error { return writeExplain(bw, r) }
			}
			t := &tally{start: time.Now()}
			err = a.stream(cmd.Context(), cfg, inputsOrStdin(args), x, cfg.WorkerCount(), nil, emit, t)
			if ferr := bw.Flush(); err == nil && ferr != nil {
				err = ferr
			}
			if f != nil {
				if cerr := f.Close(); err == nil && cerr != nil {
					err = cerr
				}
			}
			return a.finish(cmd, t, "extract", "extracted", err)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to this file instead of standard output")
	cmd.Flags().BoolVar(&explain, "explain", false, "print the rule and trigger behind each relation")
	addInputFlags(cmd)
	return cmd
}

// writeExplain prints one block per article and a line per relation.
func writeExplain(w io.Writer, r polgraph.Result) error {
	fmt.Fprintf(w, "# %s  %s\n", r.Article.ID, r.Article.Title)
	names := map[string]string{}
	for _, a := range r.Actors {
		names[a.ID] = a.Name
	}
	for _, rel := range r.Relations {
		role := ""
		if rel.Role != "" {
			role = " role=" + rel.Role
		}
		fmt.Fprintf(w, "%s -%s-> %s  [%s, %.2f%s]\n    trigger %q  rule %s\n    sentence %d-%d: %s\n",
			names[rel.Subject], rel.Predicate, names[rel.Object], rel.Modality, rel.Confidence, role,
			rel.Trigger, rel.Rule, rel.Start, rel.End, rel.Sentence)
	}
	_, err := fmt.Fprintln(w)
	return err
}

// openGraph connects to Neo4j and creates the schema.
func (a *app) openGraph(ctx context.Context, cfg config.Config) (*graph.Loader, error) {
	l, err := graph.Open(ctx, graph.Config{
		URI: cfg.Neo4j.URI, User: cfg.Neo4j.User, Password: cfg.Neo4j.Password, Database: cfg.Neo4j.Database,
		BatchSize: cfg.Load.BatchSize, MaxRetryTime: cfg.Neo4j.MaxRetryTime, ConnectTimeout: cfg.Neo4j.ConnectTimeout,
		Logger: a.log,
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if errors.Is(err, graph.ErrAuth) {
			return nil, &exitError{exitFailure, fmt.Errorf("%v (check neo4j.user and POLGRAPH_NEO4J_PASSWORD or neo4j.password_file)", err)}
		}
		return nil, &exitError{exitFailure, fmt.Errorf("%v (start a local Neo4j with 'make neo4j-up', or set --uri / POLGRAPH_NEO4J_URI)", err)}
	}
	if err := l.EnsureSchema(ctx); err != nil {
		l.Close(context.WithoutCancel(ctx))
		return nil, &exitError{exitFailure, fmt.Errorf("create schema: %v", err)}
	}
	return l, nil
}

func (a *app) schemaCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "schema",
		Short:   "Create polgraph's constraints and indexes in Neo4j (idempotent)",
		Example: "  polgraph schema --uri bolt://127.0.0.1:7687",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.loadConfig(cmd, neo4jFlagKeys)
			if err != nil {
				return err
			}
			l, err := a.openGraph(cmd.Context(), cfg)
			if err != nil {
				return err
			}
			defer l.Close(context.WithoutCancel(cmd.Context()))
			fmt.Fprintf(a.stderr, "schema ready on %s (database %s)\n", cfg.RedactedURI(), cfg.Neo4j.Database)
			return nil
		},
	}
	addNeo4jFlags(cmd)
	return cmd
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

// sink returns the writer for load and run and the resume check: Neo4j and
// graph.Loader.Loaded, or, with --dry-run, a validator that writes nothing
// and no resume check (nothing is connected to).
func (a *app) sink(ctx context.Context, cfg config.Config, dry, reload bool, stats *graph.Stats) (*batcher, skipFunc, func(), error) {
	if dry {
		b := &batcher{n: cfg.Load.BatchSize, write: func(_ context.Context, rs []polgraph.Result) error {
			for i := range rs {
				if err := rs[i].Validate(); err != nil {
					a.log.Warn("invalid record", "article", rs[i].Article.ID, "err", err)
					stats.Rejected++
				}
			}
			return nil
		}}
		return b, nil, func() {}, nil
	}
	l, err := a.openGraph(ctx, cfg)
	if err != nil {
		return nil, nil, nil, err
	}
	lease, err := a.takeLease(ctx, l)
	if err != nil {
		l.Close(context.WithoutCancel(ctx))
		return nil, nil, nil, err
	}
	b := &batcher{n: cfg.Load.BatchSize, async: true, write: func(ctx context.Context, rs []polgraph.Result) error {
		return underLease(ctx, lease, func(ctx context.Context) error {
			s, err := l.Write(ctx, rs)
			*stats = stats.Add(s)
			if err != nil && ctx.Err() == nil {
				return &exitError{exitFailure, fmt.Errorf("write to Neo4j at %s: %v", cfg.RedactedURI(), err)}
			}
			return err
		})
	}}
	var skip skipFunc = l.Loaded
	if reload {
		skip = nil
	}
	return b, skip, func() { a.release(ctx, lease); l.Close(context.WithoutCancel(ctx)) }, nil
}

// addLoadFlags adds the flags load and run share.
func addLoadFlags(cmd *cobra.Command, dry, reload *bool) {
	cmd.Flags().BoolVar(dry, "dry-run", false, "read, extract and validate, but connect to nothing and write nothing")
	cmd.Flags().BoolVar(reload, "reload", false, "also process articles already in the graph, replacing them (default: skip them)")
}

func (a *app) runCmd() *cobra.Command {
	var dry, reload bool
	cmd := &cobra.Command{
		Use:   "run [INPUT...]",
		Short: "Extract articles and load them into Neo4j in one streaming pass",
		Long: `Run extracts the articles (the inputs of 'polgraph extract') on every core and
loads the results into Neo4j through one writer, in batches of --batch-size
articles, each batch one transaction.

Resuming: articles whose id is already in the graph are skipped, so an
interrupted run is resumed by running the same command again and ends with
the graph an uninterrupted run gives. --reload extracts them again and
replaces them. Ctrl-C (or SIGTERM) stops after the batch in flight is
written; a second one stops at once, and the batch in flight is rolled back.

Bad input is reported as a warning naming the file and line and skipped (or
repaired, as invalid UTF-8 is); the summary's counts add up to the records
read. See 'polgraph --help' for exit codes.

` + leaseHelp,
		Example: `  polgraph run ../shared/corpus/seed.jsonl
  polgraph run ./news/ --batch-size 200
  polgraph run corpus.csv.gz --text-col body --dry-run
  polgraph run ./news/ --reload        # re-extract articles already loaded`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.loadConfig(cmd, merge(inputFlagKeys, neo4jFlagKeys))
			if err != nil {
				return err
			}
			x, err := a.newExtractor(cfg)
			if err != nil {
				return usageError{err}
			}
			var stats graph.Stats
			ctx := cmd.Context()
			// Writes finish the batch in flight after a signal.
			wctx := context.WithoutCancel(ctx)
			b, skip, closeFn, err := a.sink(ctx, cfg, dry, reload, &stats)
			if err != nil {
				return err
			}
			defer closeFn()
			inputs := inputsOrStdin(args)
			t := &tally{start: time.Now()}
			p := a.startProgress(t, inputs)
			err = a.stream(ctx, cfg, inputs, x, cfg.WorkerCount(), skip,
				func(r polgraph.Result) error { return b.add(wctx, r) }, t)
			if ferr := b.drain(wctx); ferr != nil && (err == nil || errors.Is(err, context.Canceled)) {
				err = ferr
			}
			p.close()
			a.loadSummary(stats, dry)
			return a.finish(cmd, t, "run", "extracted", err)
		},
	}
	addLoadFlags(cmd, &dry, &reload)
	addInputFlags(cmd)
	addNeo4jFlags(cmd)
	addBatchFlag(cmd)
	addLeaseFlags(cmd, &a.lease)
	return cmd
}

func (a *app) loadSummary(s graph.Stats, dry bool) {
	if dry {
		fmt.Fprintf(a.stderr, "dry run: nothing written; %d invalid records\n", s.Rejected)
		return
	}
	line := fmt.Sprintf("loaded: %d articles, %d actors merged, %d evidence claims, %d roll-ups", s.Articles, s.Actors, s.Claims, s.RollUps)
	if s.Rejected > 0 {
		line += fmt.Sprintf("; the loader rejected %d invalid records (see the warnings)", s.Rejected)
	}
	fmt.Fprintln(a.stderr, line)
}

func (a *app) loadCmd() *cobra.Command {
	var dry, reload, strict bool
	cmd := &cobra.Command{
		Use:   "load [FILE|-]",
		Short: "Load extraction JSONL (from 'polgraph extract') into Neo4j",
		Long: `Load reads extraction JSONL (one result per line, the format 'polgraph extract'
writes) and merges it into Neo4j in batches, each batch one transaction. A
line that is not valid JSON or breaks the contract (unknown predicate,
dangling actor) is reported with its line number and skipped.

Resuming: articles already in the graph are skipped, so an interrupted load
is resumed by running the same command again; --reload loads them again,
replacing their claims. Loading the same file twice leaves the graph
unchanged. Ctrl-C (or SIGTERM) stops after the batch in flight.

` + leaseHelp,
		Example: `  polgraph load extraction.jsonl
  polgraph extract corpus.jsonl | polgraph load -
  polgraph load extraction.jsonl --reload --batch-size 200`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.loadConfig(cmd, neo4jFlagKeys)
			if err != nil {
				return err
			}
			path := "-"
			if len(args) == 1 {
				path = args[0]
			}
			r, closeInput, err := a.openInput(path)
			if err != nil {
				return err
			}
			defer closeInput()
			var stats graph.Stats
			ctx := cmd.Context()
			wctx := context.WithoutCancel(ctx)
			b, skip, closeFn, err := a.sink(ctx, cfg, dry, reload, &stats)
			if err != nil {
				return err
			}
			defer closeFn()
			t := &tally{start: time.Now()}
			p := a.startProgress(t, []string{path})
			err = a.loadLines(ctx, path, r, cfg.Input.MaxBytes, skip, b, wctx, t)
			if ferr := b.drain(wctx); ferr != nil && (err == nil || errors.Is(err, context.Canceled)) {
				err = ferr
			}
			p.close()
			a.loadSummary(stats, dry)
			return a.finish(cmd, t, "load", "loaded", err)
		},
	}
	addLoadFlags(cmd, &dry, &reload)
	cmd.Flags().BoolVar(&strict, "strict", false, "exit 1 if any line got a warning")
	addNeo4jFlags(cmd)
	addBatchFlag(cmd)
	addLeaseFlags(cmd, &a.lease)
	return cmd
}

// loadLines reads extraction JSONL line by line (bounded), validating each.
func (a *app) loadLines(ctx context.Context, path string, r io.Reader, maxBytes int64,
	skip skipFunc, b *batcher, wctx context.Context, t *tally) error {
	br := bufio.NewReaderSize(r, 1<<16)
	limit := int(3*maxBytes + 1<<20)
	var chunk []polgraph.Result
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		var loaded map[string]bool
		if skip != nil {
			ids := make([]string, len(chunk))
			for i := range chunk {
				ids[i] = chunk[i].Article.ID
			}
			var err error
			if loaded, err = skip(ctx, ids); err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				return err
			}
		}
		for _, res := range chunk {
			if loaded[res.Article.ID] {
				t.resumed.Add(1)
				continue
			}
			t.done.Add(1)
			t.actors.Add(int64(len(res.Actors)))
			t.relations.Add(int64(len(res.Relations)))
			if err := b.add(wctx, res); err != nil {
				return err
			}
		}
		chunk = chunk[:0]
		return nil
	}
	for line := 1; ; line++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		data, tooLong, err := readLine(br, limit)
		if err == io.EOF && len(data) == 0 && !tooLong {
			break
		}
		if err != nil && err != io.EOF {
			return &exitError{exitFailure, fmt.Errorf("%s:%d: read: %v", path, line, err)}
		}
		bad := func(reason string) {
			t.read.Add(1)
			t.skipped.Add(1)
			a.log.Warn(fmt.Sprintf("%s:%d: %s", path, line, reason), "skipped", true)
		}
		switch {
		case tooLong:
			bad(fmt.Sprintf("line longer than %d bytes", limit))
		case len(strings.TrimSpace(string(data))) == 0:
		default:
			var res polgraph.Result
			if jerr := json.Unmarshal(data, &res); jerr != nil {
				bad("malformed JSON: " + jerr.Error())
			} else if verr := res.Validate(); verr != nil {
				bad("invalid record: " + verr.Error())
			} else {
				t.read.Add(1)
				t.articles.Add(1)
				chunk = append(chunk, res)
				if len(chunk) >= chunkMax {
					if err := flush(); err != nil {
						return err
					}
				}
			}
		}
		if err == io.EOF {
			break
		}
	}
	return flush()
}

// readLine reads one line of at most limit bytes; a longer line is consumed
// and reported as tooLong without being kept in memory.
func readLine(br *bufio.Reader, limit int) ([]byte, bool, error) {
	var buf []byte
	tooLong := false
	for {
		frag, err := br.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(frag) > limit {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, frag...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return buf, tooLong, err
	}
}

// readCmd runs the reading half of extract alone: readers, duplicate
// detection and counting, no extraction. Hidden: it is for measuring the
// readers (scripts/bench-read.sh) and checking an input quickly.
func (a *app) readCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "read [INPUT...]",
		Short:   "Read and check articles without extracting (for measurements)",
		Example: "  polgraph read big.jsonl",
		Hidden:  true,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.loadConfig(cmd, inputFlagKeys)
			if err != nil {
				return err
			}
			opts := corpus.Options{
				TextCol: cfg.Input.TextCol, IDCol: cfg.Input.IDCol, TitleCol: cfg.Input.TitleCol,
				DateCol: cfg.Input.DateCol, URLCol: cfg.Input.URLCol, SourceCol: cfg.Input.SourceCol,
				MaxBytes: cfg.Input.MaxBytes,
			}
			t := &tally{start: time.Now()}
			jobs := make(chan job, 64)
			drained := make(chan struct{})
			go func() {
				defer close(drained)
				for range jobs {
					t.done.Add(1)
				}
			}()
			err = a.readArticles(cmd.Context(), inputsOrStdin(args), opts, nil, jobs, t)
			close(jobs)
			<-drained
			secs := time.Since(t.start).Seconds()
			fmt.Fprintf(a.stderr, "read: %.1f MB of text in %.1fs (%.1f MB/s)\n", float64(t.textBytes.Load())/1e6, secs, float64(t.textBytes.Load())/1e6/secs)
			return a.finish(cmd, t, "read", "read", err)
		},
	}
	addInputFlags(cmd)
	return cmd
}

func (a *app) evalCmd() *cobra.Command {
	var gold, pred string
	var asJSON, perArticle, perType bool
	cmd := &cobra.Command{
		Use:   "eval --gold GOLD (--pred PRED | INPUT...)",
		Short: "Score an extraction against gold annotations",
		Long: `Eval prints precision, recall and F1 for actors and relations (exact type,
category, pair) and modality accuracy, computed exactly as
../shared/eval/score.py computes them. Give a prediction file with --pred, or
articles to extract now as INPUT.`,
		Example: `  polgraph eval --gold ../shared/eval/gold-dev.jsonl --pred extraction.jsonl
  polgraph eval --gold ../shared/eval/gold-dev.jsonl --per-type ../shared/corpus/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if gold == "" {
				return usageError{errors.New("--gold is required")}
			}
			if (pred == "") == (len(args) == 0) {
				return usageError{errors.New("give either --pred FILE or articles to extract, not both")}
			}
			g, err := evaluate.LoadGold(gold)
			if err != nil {
				return &exitError{exitFailure, err}
			}
			var p *evaluate.Articles
			if pred != "" {
				if p, err = evaluate.LoadPredictions(pred); err != nil {
					return &exitError{exitFailure, err}
				}
			} else {
				cfg, err := a.loadConfig(cmd, inputFlagKeys)
				if err != nil {
					return err
				}
				x, err := a.newExtractor(cfg)
				if err != nil {
					return usageError{err}
				}
				want := map[string]bool{}
				for _, id := range g.IDs() {
					want[id] = true
				}
				var results []polgraph.Result
				t := &tally{start: time.Now()}
				err = a.stream(cmd.Context(), cfg, args, x, cfg.WorkerCount(), nil, func(r polgraph.Result) error {
					if want[r.Article.ID] {
						results = append(results, r)
					}
					return nil
				}, t)
				if err != nil {
					return err
				}
				if p, err = evaluate.FromResults(results); err != nil {
					return &exitError{exitFailure, err}
				}
			}
			rep, err := evaluate.Score(g, p)
			if err != nil {
				return &exitError{exitFailure, err}
			}
			switch {
			case asJSON:
				return rep.WriteJSON(a.stdout)
			case perType:
				if err := rep.WriteText(a.stdout, perArticle); err != nil {
					return err
				}
				fmt.Fprintln(a.stdout)
				return rep.WriteTypeTable(a.stdout)
			default:
				return rep.WriteText(a.stdout, perArticle)
			}
		},
	}
	f := cmd.Flags()
	f.StringVar(&gold, "gold", "", "gold annotations (JSONL)")
	f.StringVar(&pred, "pred", "", "predictions: extraction JSONL")
	f.BoolVar(&asJSON, "json", false, "print one JSON object (as score.py --json)")
	f.BoolVar(&perArticle, "per-article", false, "print a line per article (as score.py --per-article)")
	f.BoolVar(&perType, "per-type", false, "also print precision and recall per relation type")
	addInputFlags(cmd)
	return cmd
}

func (a *app) exportCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "export --format neo4j-admin DIR [FILE|-]",
		Short: "Write extraction JSONL as CSV files for neo4j-admin database import",
		Long: `Export turns extraction JSONL into node and relationship CSV files with headers
for 'neo4j-admin database import full', the fastest path for a first load of a
large corpus into an empty database. The files hold the same graph that
'polgraph load' builds, roll-ups included. It prints the neo4j-admin command
to run (with the server stopped); then run 'polgraph schema'. For the local
server of 'make neo4j-up', 'make neo4j-import DIR=...' does all of it.`,
		Example: `  polgraph extract corpus.jsonl | polgraph export --format neo4j-admin ./import -
  polgraph export --format neo4j-admin ./import extraction.jsonl`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "neo4j-admin" {
				return usageError{fmt.Errorf("--format %q: only neo4j-admin is supported", format)}
			}
			cfg, err := a.loadConfig(cmd, nil)
			if err != nil {
				return err
			}
			path := "-"
			if len(args) == 2 {
				path = args[1]
			}
			r, closeInput, err := a.openInput(path)
			if err != nil {
				return err
			}
			defer closeInput()
			ex, err := graph.NewExporter(args[0], a.log)
			if err != nil {
				return &exitError{exitFailure, err}
			}
			var stats graph.Stats
			b := &batcher{n: cfg.Load.BatchSize, write: func(ctx context.Context, rs []polgraph.Result) error {
				s, err := ex.Write(ctx, rs)
				stats = stats.Add(s)
				return err
			}}
			t := &tally{start: time.Now()}
			ctx := cmd.Context()
			err = a.loadLines(ctx, path, r, cfg.Input.MaxBytes, nil, b, ctx, t)
			if ferr := b.drain(ctx); err == nil {
				err = ferr
			}
			if cerr := ex.Close(); err == nil {
				err = cerr
			}
			fmt.Fprintln(a.stderr, t.summary("export", "exported"))
			if err != nil {
				return &exitError{exitFailure, err}
			}
			importArgs, _ := graph.ImportArgs(args[0], cfg.Neo4j.Database)
			fmt.Fprintf(a.stderr, "wrote CSV files to %s; import into an empty database with:\n  neo4j-admin %s\n"+
				"then run 'polgraph schema'; for the local server of 'make neo4j-up': make neo4j-import DIR=%s\n",
				args[0], strings.Join(importArgs, " "), args[0])
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "neo4j-admin", "export format (neo4j-admin)")
	return cmd
}

// openInput opens an extraction JSONL file, or standard input for "-".
func (a *app) openInput(path string) (io.Reader, func(), error) {
	if path == "-" {
		return a.stdin, func() {}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, &exitError{exitFailure, fmt.Errorf("open %s: %v", path, errors.Unwrap(err))}
	}
	return f, func() { f.Close() }, nil
}

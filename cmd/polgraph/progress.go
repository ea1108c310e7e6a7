package main

import (
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/polgraph/polgraph/corpus"
)

// progress shows how a run or load is going: a bar redrawn on stderr when
// stderr is a terminal, otherwise a log line every interval. It reads the
// tally and draws nothing itself once stopped.
type progress struct {
	t        *tally
	log      *slog.Logger
	interval time.Duration
	total    int64        // input bytes (corpus.Size), or -1 when unknown (stdin)
	readNow  func() int64 // input bytes read so far (tally.inputBytes), nil when unknown
	bar      *progressbar.ProgressBar
	stop     chan struct{}
	wg       sync.WaitGroup
}

// startProgress starts the display for inputs; quiet shows nothing. The
// caller must call stop before printing the summary.
func (a *app) startProgress(t *tally, inputs []string) *progress {
	p := &progress{t: t, log: a.log, interval: 10 * time.Second, total: -1, stop: make(chan struct{})}
	if a.quiet {
		return p
	}
	if size, ok := corpus.Size(inputs); ok {
		p.total = size
		// The readers run ahead of extraction by a few hundred articles:
		// count as done the share of the bytes read that the finished
		// records stand for.
		p.readNow = func() int64 {
			n := t.inputBytes.Load()
			if read := t.read.Load(); read > 0 {
				n = int64(float64(n) * float64(read-t.unfinished()) / float64(read))
			}
			return n
		}
	}
	if f, ok := a.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		max := p.total
		if p.readNow == nil {
			max = -1
		}
		p.bar = progressbar.NewOptions64(max,
			progressbar.OptionSetWriter(f),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSetWidth(20),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionSpinnerType(14),
		)
		p.interval = 250 * time.Millisecond
	}
	p.wg.Add(1)
	go p.loop()
	return p
}

func (p *progress) loop() {
	defer p.wg.Done()
	tick := time.NewTicker(p.interval)
	defer tick.Stop()
	for {
		select {
		case <-p.stop:
			if p.bar != nil {
				p.bar.Clear()
			}
			return
		case <-tick.C:
			p.show()
		}
	}
}

// rates are the articles and relations per second so far.
func (p *progress) rates() (arts, rels float64) {
	secs := time.Since(p.t.start).Seconds()
	if secs <= 0 {
		return 0, 0
	}
	return float64(p.t.done.Load()) / secs, float64(p.t.relations.Load()) / secs
}

func (p *progress) show() {
	arts, rels := p.rates()
	if p.bar != nil {
		p.bar.Describe(fmt.Sprintf("%d articles (%.0f/s), %d relations (%.0f/s)",
			p.t.done.Load(), arts, p.t.relations.Load(), rels))
		if p.readNow != nil {
			p.bar.Set64(min(p.readNow(), p.total))
		} else {
			p.bar.Add64(0)
		}
		return
	}
	attrs := []any{"articles", p.t.done.Load(), "relations", p.t.relations.Load(),
		"articles_per_s", fmt.Sprintf("%.1f", arts), "relations_per_s", fmt.Sprintf("%.1f", rels)}
	if p.readNow != nil && p.total > 0 {
		n := min(p.readNow(), p.total)
		attrs = append(attrs, "input_pct", fmt.Sprintf("%.1f", 100*float64(n)/float64(p.total)))
		if secs := time.Since(p.t.start).Seconds(); n > 0 {
			eta := time.Duration(secs*float64(p.total-n)/float64(n)) * time.Second
			attrs = append(attrs, "eta", eta.Round(time.Second).String())
		}
	}
	p.log.Info("progress", attrs...)
}

// close stops the display and clears the bar.
func (p *progress) close() {
	select {
	case <-p.stop:
		return
	default:
	}
	close(p.stop)
	p.wg.Wait()
}

// Command train-parser trains the dependency parser of extract/depparse on
// UD English EWT, with the tags the pipeline's prose tagger predicts, and
// writes the model the package embeds.
//
//	go run ./internal/cmd/train-parser [-treebank dir] [-out file] [-epochs n] [-seed n]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/polgraph/polgraph/extract"
	"github.com/polgraph/polgraph/extract/depparse"
)

func main() {
	treebank := flag.String("treebank", "../shared/resources/ud-english-ewt", "folder of en_ewt-ud-{train,dev,test}.conllu")
	out := flag.String("out", "extract/depparse/model/en_ewt.parser.gz", "model file to write")
	epochs := flag.Int("epochs", 15, "training epochs (the best on dev is kept)")
	seed := flag.Uint64("seed", 1, "shuffling and exploration seed")
	flag.Parse()
	if err := run(*treebank, *out, *epochs, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "train-parser:", err)
		os.Exit(1)
	}
}

func run(dir, out string, epochs int, seed uint64) error {
	tagger, err := extract.NewTagger()
	if err != nil {
		return err
	}
	var sets [3][]depparse.TrainSentence
	for i, part := range []string{"train", "dev", "test"} {
		path := filepath.Join(dir, "en_ewt-ud-"+part+".conllu")
		start := time.Now()
		s, err := readTagged(path, tagger)
		if err != nil {
			return err
		}
		sets[i] = s
		fmt.Printf("%s: %d sentences, tagged in %.1fs\n", path, len(s), time.Since(start).Seconds())
	}
	train, dev, test := sets[0], sets[1], sets[2]

	start := time.Now()
	m, fig, err := depparse.Train(train, dev, depparse.Options{Epochs: epochs, Seed: seed,
		Logf: func(format string, args ...any) { fmt.Printf(format+"\n", args...) }})
	if err != nil {
		return err
	}
	trainTime := time.Since(start)
	fmt.Printf("trained on %d sentences (%d projectivised) in %s; best epoch %d, %d features\n",
		fig.Sentences, fig.Projectivised, trainTime.Round(time.Second), fig.Best, fig.Features)
	best := fig.Epochs[fig.Best-1]
	fmt.Printf("dev:  UAS %.4f LAS %.4f\n", best.Dev.UAS, best.Dev.LAS)

	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		return err
	}
	// Score and time the model as it will be loaded.
	loadStart := time.Now()
	loaded, err := depparse.Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		return err
	}
	loadTime := time.Since(loadStart)
	parseStart := time.Now()
	trees := loaded.ParseAll(test)
	perSec := float64(len(test)) / time.Since(parseStart).Seconds()
	sc := depparse.Evaluate(test, trees)
	fmt.Printf("test: UAS %.4f LAS %.4f (%d words), %.0f sentences/s on one goroutine\n", sc.UAS, sc.LAS, sc.Words, perSec)
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Printf("wrote %s: %.1f MB, loads in %s\n", out, float64(buf.Len())/1e6, loadTime.Round(time.Millisecond))
	return nil
}

// readTagged reads a CoNLL-U file and replaces its input tags with the
// tagger's, on every core (the gold tags stay in XPOS).
func readTagged(path string, tagger *extract.Tagger) ([]depparse.TrainSentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var sents []depparse.TrainSentence
	for s, err := range depparse.ReadCoNLLU(f, path) {
		if err != nil {
			if _, ok := err.(*depparse.Warning); ok {
				fmt.Fprintln(os.Stderr, "warning:", err)
				continue
			}
			return nil, err
		}
		if s.Heads == nil {
			fmt.Fprintf(os.Stderr, "warning: %s:%d: sentence %q has no tree; skipped\n", path, s.Line, s.ID)
			continue
		}
		sents = append(sents, s)
	}
	workers := runtime.GOMAXPROCS(0)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(sents); i += workers {
				tags, err := stableTags(tagger, sents[i].Words)
				if err != nil {
					errs[w] = fmt.Errorf("%s: sentence %s: %w", path, sents[i].ID, err)
					return
				}
				sents[i].Tags = tags
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return sents, nil
}

// tagRuns is how many times stableTags tags a sentence.
const tagRuns = 8

// stableTags tags words tagRuns times and, where the runs disagree, keeps the
// smallest tag seen (in string order). prose sums its weights in map order,
// so a word whose two best tags tie exactly gets either at random, call by
// call; one such word changes the training input and so every byte of the
// model. With 8 runs a 50/50 tie shows both tags but 1 time in 128.
func stableTags(tagger *extract.Tagger, words []string) ([]string, error) {
	var out []string
	for r := range tagRuns {
		tags, err := tagger.Tag(words)
		if err != nil {
			return nil, err
		}
		if r == 0 {
			out = tags
			continue
		}
		for i, t := range tags {
			if t < out[i] {
				out[i] = t
			}
		}
	}
	return out, nil
}

package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/corpus"
	"github.com/polgraph/polgraph/extract"
	"github.com/polgraph/polgraph/extract/depparse"
)

// parseCmd prints dependency parses as CoNLL-U: of articles, split and
// tagged as extraction splits and tags them, or of a CoNLL-U file's own
// tokens, scored against its trees when it has them.
func (a *app) parseCmd() *cobra.Command {
	var conllu, out string
	cmd := &cobra.Command{
		Use:   "parse [INPUT...] | parse --conllu FILE",
		Short: "Print the dependency parse of articles, or of a CoNLL-U file's tokens, as CoNLL-U",
		Long: `Parse prints the dependency trees the extractor reads relations on, as
CoNLL-U: ID, FORM, UPOS, XPOS, HEAD and DEPREL (Universal Dependencies
labels); LEMMA, FEATS, DEPS and MISC are "_".

Given articles (the inputs extract reads), it splits them into sentences
and tokens and tags them as extraction does, and parses every sentence.

With --conllu FILE (or - for standard input) it keeps the file's tokens
(columns 1 and 2) and predicts everything else: the pipeline's tagger tags
the words, the parser re-tags and parses them. When the file has trees of
its own, the summary scores the parse against them: UAS and LAS over all
words, punctuation included, labels compared before ':' (the CoNLL 2018
convention). A malformed line, or a sentence over 250 words (written as a
flat tree), is a warning naming the file and line; the rest is parsed.

The parser is trained on Universal Dependencies English EWT (CC BY-SA 4.0);
see extract/depparse/model/README.md for its figures and how to retrain it.`,
		Example: `  polgraph parse examples/sample/wire.jsonl | less
  echo "Iran was attacked by Israel." | polgraph parse -
  polgraph parse --conllu treebank.conllu -o pred.conllu   # e.g. UD English EWT's test file`,
		RunE: func(cmd *cobra.Command, args []string) error {
			w := a.stdout
			if out != "" && out != "-" {
				f, err := os.Create(out)
				if err != nil {
					return usageError{fmt.Errorf("-o: %v", err)}
				}
				defer f.Close()
				w = f
			}
			bw := bufio.NewWriterSize(w, 1<<16)
			var err error
			if conllu != "" {
				if len(args) > 0 {
					return usageError{errors.New("give articles or --conllu FILE, not both")}
				}
				err = a.parseCoNLLU(conllu, bw)
			} else {
				err = a.parseArticles(cmd, inputsOrStdin(args), bw)
			}
			if ferr := bw.Flush(); err == nil {
				err = ferr
			}
			return err
		},
	}
	cmd.Flags().StringVar(&conllu, "conllu", "", "parse the tokens of this CoNLL-U file (- for standard input) instead of articles")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to this file instead of standard output")
	addInputFlags(cmd)
	return cmd
}

// parseArticles writes the parse of every sentence of the articles.
func (a *app) parseArticles(cmd *cobra.Command, inputs []string, w io.Writer) error {
	cfg, x, err := a.extractor()
	if err != nil {
		return err
	}
	t := &tally{start: time.Now()}
	sents := 0
	for art, rerr := range corpus.Read(cmd.Context(), inputs, a.stdin, readerOptions(cfg, t)) {
		if rerr != nil {
			a.readProblem(rerr, t)
			continue
		}
		if cmd.Context().Err() != nil {
			return errInterrupted
		}
		t.read.Add(1)
		n, err := a.writeArticleParse(w, x, art)
		if err != nil {
			return err
		}
		t.done.Add(1)
		sents += n
	}
	fmt.Fprintf(a.stderr, "parse: %d records read: %d articles parsed (%d sentences), %d skipped; %s\n",
		t.read.Load(), t.done.Load(), sents, t.skipped.Load(), time.Since(t.start).Round(time.Millisecond))
	if t.done.Load() == 0 && t.read.Load() > 0 {
		return errors.New("no article could be read")
	}
	return nil
}

func (a *app) writeArticleParse(w io.Writer, x *extract.Extractor, art polgraph.Article) (int, error) {
	fmt.Fprintf(w, "# newdoc id = %s\n", art.ID)
	parsed, err := x.Parse(art)
	if err != nil {
		return 0, err
	}
	for i, s := range parsed {
		if errors.Is(s.Err, depparse.ErrTooLong) {
			a.log.Warn("sentence too long to parse; written as a flat tree", "article", art.ID, "sentence", i+1, "start", s.Start, "words", s.Tree.Len())
		}
		fmt.Fprintf(w, "# sent_id = %s-%d\n# text = %s\n", art.ID, i+1, oneLine(art.Text[s.Start:s.End]))
		if err := depparse.WriteCoNLLU(w, depparse.Sentence{Words: s.Tree.Words, Tags: s.Tree.Tags}, s.Tree); err != nil {
			return i, err
		}
	}
	return len(parsed), nil
}

// parseCoNLLU parses the tokens of a CoNLL-U file and scores the parse
// against the file's trees where it has them.
func (a *app) parseCoNLLU(path string, w io.Writer) error {
	var r io.Reader = a.stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return usageError{fmt.Errorf("--conllu: %v", err)}
		}
		defer f.Close()
		r = f
	}
	tagger, err := extract.NewTagger()
	if err != nil {
		return err
	}
	model, err := depparse.Default()
	if err != nil {
		return err
	}
	start := time.Now()
	var sents, warnings, scored int
	var words, head, label float64
	for s, rerr := range depparse.ReadCoNLLU(r, path) {
		var warn *depparse.Warning
		if errors.As(rerr, &warn) {
			warnings++
			a.log.Warn(warn.Error())
			continue
		}
		if rerr != nil {
			return rerr
		}
		tags, err := tagger.Tag(s.Words)
		if err != nil {
			return fmt.Errorf("%s:%d: %v", path, s.Line, err)
		}
		tree, err := model.Parse(depparse.Sentence{Words: s.Words, Tags: tags})
		if errors.Is(err, depparse.ErrTooLong) {
			warnings++
			a.log.Warn(fmt.Sprintf("%s:%d: sentence %q has %d words, over the parser's %d; written as a flat tree", path, s.Line, s.ID, len(s.Words), depparse.MaxWords))
		}
		if s.ID != "" {
			fmt.Fprintf(w, "# sent_id = %s\n", s.ID)
		}
		fmt.Fprintf(w, "# text = %s\n", strings.Join(s.Words, " "))
		if err := depparse.WriteCoNLLU(w, depparse.Sentence{Words: tree.Words, Tags: tree.Tags}, tree); err != nil {
			return err
		}
		sents++
		if s.Heads != nil {
			sc := depparse.Evaluate([]depparse.TrainSentence{s}, []depparse.Tree{tree})
			scored++
			words += float64(sc.Words)
			head += sc.UAS * float64(sc.Words)
			label += sc.LAS * float64(sc.Words)
		}
	}
	line := fmt.Sprintf("parse: %d sentences in %s, %d warnings", sents, time.Since(start).Round(time.Millisecond), warnings)
	if scored > 0 {
		line += fmt.Sprintf("; against the file's trees (%d sentences, %.0f words): UAS %.4f LAS %.4f", scored, words, head/words, label/words)
	}
	fmt.Fprintln(a.stderr, line)
	return nil
}

// oneLine keeps a sentence on one comment line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

package extract

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/extract/depparse"
	"github.com/polgraph/polgraph/extract/relmodel"
)

// ErrNoText is returned for an article without text.
var ErrNoText = errors.New("article has no text")

// Options configures an Extractor.
type Options struct {
	KBFiles      []string // extra knowledge-base files (same YAML format as extract/kb)
	LexiconFiles []string // extra trigger files (same TSV format as extract/lexicon)
	// NoPhoenix leaves out the ~25,000 actors converted from the Phoenix
	// dictionaries (extract/phoenix: leaders, parties, armed groups of
	// 1979–2015), which extend the hand-written knowledge base by default.
	NoPhoenix bool
	Logger    *slog.Logger // nil discards
	// RelationModel, when set, decides the pairs no rule relates
	// (extract/relmodel, trained by internal/cmd/train-relations).
	RelationModel *relmodel.Model
}

// An Extractor turns articles into Results. Build one per process with New
// (it loads the POS model and the knowledge base once); Extract is safe for
// concurrent use and performs no I/O.
type Extractor struct {
	kb     *knowledgeBase
	names  *nameIndex
	lex    *lexicon
	text   *textLayer
	titles *titleIndex
	log    *slog.Logger

	parties  partyLabels
	parser   func() (*depparse.Model, error) // loaded on first use: a third of start-up
	relModel *relmodel.Model                 // nil: rules only
}

// New loads the model, the knowledge base and the lexicon.
func New(opts Options) (*Extractor, error) {
	kb, err := loadKB(!opts.NoPhoenix, opts.KBFiles...)
	if err != nil {
		return nil, err
	}
	lex, err := loadLexicon(opts.LexiconFiles...)
	if err != nil {
		return nil, err
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	tl, err := newTextLayer()
	if err != nil {
		return nil, fmt.Errorf("load the language model: %w", err)
	}
	x := &Extractor{kb: kb, lex: lex, text: tl, log: log}
	x.names = buildNameIndex(kb, x.wordTokens)
	x.titles = buildTitleIndex(kb.titles, x.wordTokens)
	x.parties = buildPartyLabels(kb)
	x.parser = sync.OnceValues(func() (*depparse.Model, error) {
		m, err := depparse.Default()
		if err != nil {
			log.Error("the dependency parser did not load; relations are read without it", "err", err)
		}
		return m, err
	})
	x.relModel = opts.RelationModel
	log.Debug("extractor ready", "kb_entries", kb.size(), "triggers", lex.size)
	return x, nil
}

// An ArticleError is an article that could not be extracted.
type ArticleError struct {
	ArticleID string
	Err       error
}

func (e *ArticleError) Error() string { return fmt.Sprintf("article %s: %v", e.ArticleID, e.Err) }
func (e *ArticleError) Unwrap() error { return e.Err }

// Extract reads one article. It never panics on input: a failure inside is
// returned as an *ArticleError.
func (x *Extractor) Extract(a polgraph.Article) (res polgraph.Result, err error) {
	res.Article = a
	res.Article.Text = ""
	if strings.TrimSpace(a.Text) == "" {
		return res, &ArticleError{a.ID, ErrNoText}
	}
	defer func() {
		if r := recover(); r != nil {
			res = polgraph.Result{Article: res.Article}
			err = &ArticleError{a.ID, fmt.Errorf("internal error: %v", r)}
		}
	}()
	an := x.analyse(a)
	res.Actors = an.actorList()
	res.Relations = an.relations
	return res, nil
}

package extract

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
	"gopkg.in/neurosnap/sentences.v1"
	sentdata "gopkg.in/neurosnap/sentences.v1/data"
	"gopkg.in/neurosnap/sentences.v1/english"
)

// A span is a half-open byte range [Start, End) of the article text.
type span struct{ Start, End int }

// A token is one word or punctuation mark with its POS tag and its byte
// offsets in the article text. prose normalises curly quotes, so offsets are
// computed here by aligning its tokens with the original text.
type token struct {
	Text  string // as in the article
	Lower string
	Tag   string // Penn Treebank tag from prose
	Start int
	End   int
}

// A sentence is one segment of the article with its tokens.
type sentence struct {
	span
	Text     string
	Tokens   []token
	Headline bool // the title line or a section heading
	Para     int  // paragraph number, for "the previous sentence" decisions
}

// textLayer wraps prose: segmentation, tokenisation and tagging, each model
// loaded once. Its methods are safe for concurrent use: the tagger and the
// segmenter only read their trained data.
type textLayer struct {
	model     *prose.Model
	segmenter *sentences.DefaultSentenceTokenizer
}

func newTextLayer() (*textLayer, error) {
	// A document with tagging on and extraction off loads only the tagger;
	// keep its model and pass it to every later document.
	doc, err := prose.NewDocument("", prose.WithSegmentation(false), prose.WithExtraction(false))
	if err != nil {
		return nil, err
	}
	// prose segments with the English Punkt model of neurosnap/sentences,
	// but builds it anew for every document (80% of the time on news).
	// Build the same model once, with the abbreviations of news titles.
	raw, err := sentdata.Asset("data/english.json")
	if err != nil {
		return nil, err
	}
	training, err := sentences.LoadTraining(raw)
	if err != nil {
		return nil, err
	}
	for _, abbr := range []string{"sgt", "gov", "no", "mt", "sen", "rep", "gen", "lt", "col", "capt", "cmdr", "adm", "maj", "dr", "mr", "mrs", "ms", "prof", "st", "jr", "sr", "u.s", "u.k", "u.n", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "inc", "corp", "ltd", "co", "vs", "ft", "approx", "est", "dept", "govt", "min"} {
		training.AbbrevTypes.Add(abbr)
	}
	seg, err := english.NewSentenceTokenizer(training)
	if err != nil {
		return nil, err
	}
	return &textLayer{model: doc.Model, segmenter: seg}, nil
}

// sentences splits text into sentences: lines first (news puts the headline,
// the dateline and each paragraph on lines of their own, and prose would glue
// a headline to the next sentence), then prose's segmenter within each line.
func (tl *textLayer) sentences(text string) []sentence {
	var out []sentence
	para := 0
	for _, line := range lineSpans(text) {
		lt := text[line.Start:line.End]
		para++
		if isHeadingLine(lt) {
			out = append(out, tl.sentence(text, line, true, para))
			continue
		}
		var parts []string
		for _, s := range tl.segmenter.Tokenize(lt) {
			// Punkt ends a sentence after a middle initial: "John R." +
			// "Bolton resigned." are one sentence.
			if n := len(parts); n > 0 && endsWithInitial(parts[n-1]) && startsUpper(strings.TrimSpace(s.Text)) {
				parts[n-1] += s.Text
				continue
			}
			parts = append(parts, s.Text)
		}
		for _, sp := range sentenceSpans(lt, parts) {
			sp.Start += line.Start
			sp.End += line.Start
			out = append(out, tl.sentence(text, sp, false, para))
		}
	}
	return out
}

func (tl *textLayer) sentence(text string, sp span, headline bool, para int) sentence {
	s := sentence{span: sp, Text: text[sp.Start:sp.End], Headline: headline, Para: para}
	doc, err := prose.NewDocument(s.Text, prose.WithSegmentation(false), prose.WithExtraction(false), prose.UsingModel(tl.model))
	if err != nil {
		return s
	}
	s.Tokens = alignTokens(text, sp, doc.Tokens())
	return s
}

// lineSpans returns the non-blank lines of text, trimmed of surrounding space.
func lineSpans(text string) []span {
	var out []span
	start := 0
	for start <= len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if sp, ok := trimSpan(text, span{start, end}); ok {
			out = append(out, sp)
		}
		start = end + 1
	}
	return out
}

func trimSpan(text string, sp span) (span, bool) {
	for sp.Start < sp.End {
		r, n := utf8.DecodeRuneInString(text[sp.Start:sp.End])
		if !unicode.IsSpace(r) {
			break
		}
		sp.Start += n
	}
	for sp.End > sp.Start {
		r, n := utf8.DecodeLastRuneInString(text[sp.Start:sp.End])
		if !unicode.IsSpace(r) {
			break
		}
		sp.End -= n
	}
	return sp, sp.End > sp.Start
}

// isHeadingLine reports whether a line is a headline or section heading: no
// sentence-final punctuation and short.
func isHeadingLine(line string) bool {
	if len(line) > 160 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	switch last {
	case '.', '?', '!', '"', '\u201d', ':', ';':
		return false
	}
	return true
}

// sentenceSpans finds each of parts (sentence texts from the segmenter, in
// order, possibly trimmed) in text and returns their byte spans. A part that
// cannot be found is skipped; spans never overlap and stay inside text.
func sentenceSpans(text string, parts []string) []span {
	var out []span
	pos := 0
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" || pos > len(text) {
			continue
		}
		i := strings.Index(text[pos:], p)
		if i < 0 {
			continue
		}
		sp := span{pos + i, pos + i + len(p)}
		// Text the segmenter dropped between two sentences joins the next one.
		if gap, ok := trimSpan(text, span{pos, sp.Start}); ok && len(out) > 0 {
			sp.Start = gap.Start
		}
		out = append(out, sp)
		pos = sp.End
	}
	return out
}

// alignTokens gives each prose token its offsets in text, searching forward
// from the previous token. prose writes curly quotes as straight ones, so the
// comparison treats them as equal. Tokens that cannot be aligned are dropped.
func alignTokens(text string, sp span, toks []prose.Token) []token {
	out := make([]token, 0, len(toks))
	pos := sp.Start
	for _, t := range toks {
		start, end, ok := findToken(text, pos, sp.End, t.Text)
		if !ok {
			continue
		}
		for _, p := range splitHyphens(text[start:end]) {
			tag := t.Tag
			switch {
			case p.text == "-":
				tag = "HYPH"
			case p.off > 0 || p.off+len(p.text) < end-start:
				if startsUpper(p.text) {
					tag = "NNP"
				}
			}
			s := start + p.off
			out = append(out, token{Text: p.text, Lower: strings.ToLower(p.text), Tag: tag, Start: s, End: s + len(p.text)})
		}
		pos = end
	}
	return mergeInitials(out)
}

// mergeInitials joins a capital letter and its full stop ("John R. Bolton")
// into one token when a capitalised word follows, as prose splits them.
func mergeInitials(toks []token) []token {
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if len(t.Text) == 1 && t.Text[0] >= 'A' && t.Text[0] <= 'Z' && i+2 < len(toks) &&
			toks[i+1].Text == "." && toks[i+1].Start == t.End && startsUpper(toks[i+2].Text) {
			t.Text += "."
			t.Lower = strings.ToLower(t.Text)
			t.End = toks[i+1].End
			t.Tag = "NNP"
			i++
		}
		out = append(out, t)
	}
	return out
}

func findToken(text string, pos, limit int, tok string) (int, int, bool) {
	for pos < limit {
		r, n := utf8.DecodeRuneInString(text[pos:])
		if !unicode.IsSpace(r) {
			break
		}
		pos += n
	}
	// Look a little ahead: prose sometimes drops characters it does not keep.
	for skip := 0; skip < 8 && pos < limit; skip++ {
		if end, ok := matchAt(text, pos, limit, tok); ok {
			return pos, end, true
		}
		_, n := utf8.DecodeRuneInString(text[pos:])
		pos += n
	}
	return 0, 0, false
}

func matchAt(text string, pos, limit int, tok string) (int, bool) {
	i := pos
	for _, want := range tok {
		if i >= limit {
			return 0, false
		}
		got, n := utf8.DecodeRuneInString(text[i:])
		if got != want && fold(got) != fold(want) {
			return 0, false
		}
		i += n
	}
	return i, true
}

// fold maps typographic quotes to their ASCII forms.
func fold(r rune) rune {
	switch r {
	case '\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb':
		return '"'
	case '\u2018', '\u2019', '\u201a', '`':
		return '\''
	}
	return r
}

type piece struct {
	text string
	off  int
}

// splitHyphens splits "U.S.-Iran" and "Iran-Iraq" into their parts and the
// hyphen, so that names inside compounds are found; words like "so-called"
// with no capitalised part stay whole.
func splitHyphens(tok string) []piece {
	if len(tok) < 3 || !strings.Contains(tok[1:len(tok)-1], "-") {
		return []piece{{tok, 0}}
	}
	parts := strings.Split(tok, "-")
	upper := false
	for _, p := range parts {
		if p == "" {
			return []piece{{tok, 0}}
		}
		if startsUpper(p) {
			upper = true
		}
	}
	if !upper {
		return []piece{{tok, 0}}
	}
	var out []piece
	off := 0
	for i, p := range parts {
		if i > 0 {
			out = append(out, piece{"-", off})
			off++
		}
		out = append(out, piece{p, off})
		off += len(p)
	}
	return out
}

// endsWithInitial reports whether s ends with a capital initial such as " R.".
func endsWithInitial(s string) bool {
	s = strings.TrimRight(s, " ")
	n := len(s)
	return n >= 3 && s[n-1] == '.' && s[n-2] >= 'A' && s[n-2] <= 'Z' && s[n-3] == ' '
}

// wordTokens tokenises a short phrase (a name or title) the way article text
// is tokenised, so that both sides of a comparison agree.
func (x *Extractor) wordTokens(s string) []string {
	doc, err := prose.NewDocument(s, prose.WithSegmentation(false), prose.WithTagging(false), prose.WithExtraction(false))
	if err != nil {
		return nil
	}
	var out []string
	for _, t := range doc.Tokens() {
		for _, p := range splitHyphens(t.Text) {
			out = append(out, p.text)
		}
	}
	return out
}

// A Tagger gives Penn Treebank tags to words tokenised elsewhere (a treebank,
// or the parser's input) with prose's tagger, the one the pipeline tags
// with. The model is loaded once by NewTagger; Tag is safe for concurrent use.
type Tagger struct {
	model *prose.Model
}

// NewTagger loads prose's tagging model.
func NewTagger() (*Tagger, error) {
	doc, err := prose.NewDocument("", prose.WithSegmentation(false), prose.WithExtraction(false))
	if err != nil {
		return nil, fmt.Errorf("load prose tagger: %w", err)
	}
	return &Tagger{model: doc.Model}, nil
}

// Tag returns one tag per word. prose tags the words joined by single spaces
// and tokenises that text itself; its tokens are aligned back to the words by
// byte offsets (curly and straight quotes compare equal, since prose writes
// the former as the latter). prose may split a word into several tokens
// ("U.S.-led", "can't") but never joins tokens across a space: such a word
// takes the tag of its last token that is not punctuation, or of its last
// token if all are. A word no token aligns with gets a tag guessed from its
// spelling (CD for digits, the punctuation tags for punctuation, NNP for a
// capital, NN otherwise).
func (tg *Tagger) Tag(words []string) ([]string, error) {
	tags := make([]string, len(words))
	if len(words) == 0 {
		return tags, nil
	}
	starts := make([]int, len(words)) // byte offset of each word in text
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		starts[i] = b.Len()
		b.WriteString(w)
	}
	text := b.String()
	doc, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.WithExtraction(false), prose.UsingModel(tg.model))
	if err != nil {
		return nil, fmt.Errorf("tag %d words: %w", len(words), err)
	}
	punctOnly := make([]bool, len(words)) // the word's tag so far is from punctuation
	pos := 0
	for _, tok := range doc.Tokens() {
		start, end, ok := findToken(text, pos, len(text), tok.Text)
		if !ok || tok.Text == "" {
			continue
		}
		pos = end
		i := sort.SearchInts(starts, start+1) - 1 // the word holding start
		if i < 0 {
			continue
		}
		p := postagIsPunct(tok.Text)
		if tags[i] == "" || !p || punctOnly[i] {
			tags[i] = tok.Tag
			punctOnly[i] = p
		}
	}
	for i, t := range tags {
		if t == "" {
			tags[i] = postagGuess(words[i])
		}
	}
	return tags, nil
}

func postagIsPunct(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// postagGuess tags a word prose left out by its spelling.
func postagGuess(w string) string {
	switch w {
	case ",":
		return ","
	case ".", "!", "?":
		return "."
	case ":", ";", "-", "--", "...":
		return ":"
	case "(", "[", "{":
		return "("
	case ")", "]", "}":
		return ")"
	}
	r, _ := utf8.DecodeRuneInString(w)
	switch {
	case unicode.IsDigit(r):
		return "CD"
	case postagIsPunct(w):
		return "SYM"
	case unicode.IsUpper(r):
		return "NNP"
	}
	return "NN"
}

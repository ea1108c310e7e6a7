package extract

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
)

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
		start, end, ok := postagFind(text, pos, tok.Text)
		if !ok {
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

// postagFind finds tok in text at or after pos, skipping spaces and at most a
// few characters prose dropped; it returns tok's byte span.
func postagFind(text string, pos int, tok string) (int, int, bool) {
	for pos < len(text) && text[pos] == ' ' {
		pos++
	}
	for skip := 0; skip < 8 && pos < len(text); skip++ {
		if end, ok := postagMatch(text, pos, tok); ok {
			return pos, end, true
		}
		_, n := utf8.DecodeRuneInString(text[pos:])
		pos += n
	}
	return 0, 0, false
}

func postagMatch(text string, pos int, tok string) (int, bool) {
	if tok == "" {
		return 0, false
	}
	i := pos
	for _, want := range tok {
		if i >= len(text) {
			return 0, false
		}
		got, n := utf8.DecodeRuneInString(text[i:])
		if got != want && postagFold(got) != postagFold(want) {
			return 0, false
		}
		i += n
	}
	return i, true
}

// postagFold maps typographic quotes to their ASCII forms.
func postagFold(r rune) rune {
	switch r {
	case '\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb':
		return '"'
	case '\u2018', '\u2019', '\u201a', '`':
		return '\''
	}
	return r
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

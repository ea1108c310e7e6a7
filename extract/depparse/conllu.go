package depparse

import (
	"bufio"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
)

// A TrainSentence is one sentence of a treebank: gold words, tags, heads
// (0-based, -1 for the root, as in Tree) and relations.
type TrainSentence struct {
	ID    string // the sent_id comment, if any
	Line  int    // line of its first word in the file
	Words []string
	Tags  []string // the parser's input tags: XPOS as read, or a tagger's
	XPOS  []string // gold XPOS (Penn Treebank tags in EWT); UPOS when XPOS is "_"
	// Heads and Labels are the tree; both nil for a sentence given as
	// tokens only (HEAD and DEPREL "_" on every word).
	Heads  []int
	Labels []string
}

// Sentence returns the parser input of s: its words and tags.
func (s TrainSentence) Sentence() Sentence { return Sentence{Words: s.Words, Tags: s.Tags} }

// A Warning reports a malformed line of a CoNLL-U file; the sentence holding
// it is skipped and reading goes on.
type Warning struct {
	File string
	Line int
	Msg  string
}

// Error gives the warning as file:line: message.
func (w *Warning) Error() string { return fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.Msg) }

// maxLine bounds a CoNLL-U line; longer lines end the read with an error.
const maxLine = 1 << 20

// ReadCoNLLU streams the sentences of a CoNLL-U file. name labels warnings.
// Multi-word token lines ("3-4") and empty nodes ("8.1") are skipped. A
// malformed line yields a *Warning with the file name and line number and
// drops its sentence; reading goes on. An I/O error is yielded last.
// Every yielded sentence has as many words, tags, heads and labels, heads in
// [-1, len), and exactly one root.
func ReadCoNLLU(r io.Reader, name string) iter.Seq2[TrainSentence, error] {
	return func(yield func(TrainSentence, error) bool) {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64*1024), maxLine)
		var (
			cur     TrainSentence
			bad     bool // a malformed line was reported for cur
			noTree  int  // words of cur with HEAD and DEPREL "_"
			start   int  // line of cur's first token
			heads   []int
			lineNum int
		)
		warn := func(line int, format string, args ...any) bool {
			return yield(TrainSentence{}, &Warning{File: name, Line: line, Msg: fmt.Sprintf(format, args...)})
		}
		flush := func() bool {
			defer func() { cur, bad, heads, noTree = TrainSentence{}, false, nil, 0 }()
			if bad || len(cur.Words) == 0 {
				return true
			}
			n := len(cur.Words)
			cur.Line = start
			switch noTree {
			case n: // tokens only: nothing to check
				cur.Labels = nil
				return yield(cur, nil)
			case 0:
			default:
				return warn(start, "sentence %q: %d of %d words without HEAD or DEPREL; sentence skipped", cur.ID, noTree, n)
			}
			roots := 0
			cur.Heads = make([]int, n)
			for i, h := range heads {
				if h > n {
					return warn(start, "sentence %q: head %d of word %d outside 0..%d; sentence skipped", cur.ID, h, i+1, n)
				}
				if h == i+1 {
					return warn(start, "sentence %q: word %d is its own head; sentence skipped", cur.ID, i+1)
				}
				if h == 0 {
					roots++
				}
				cur.Heads[i] = h - 1
			}
			if roots != 1 {
				return warn(start, "sentence %q: %d roots; sentence skipped", cur.ID, roots)
			}
			if !acyclic(cur.Heads) {
				return warn(start, "sentence %q: heads form a cycle; sentence skipped", cur.ID)
			}
			return yield(cur, nil)
		}
		for sc.Scan() {
			lineNum++
			line := strings.TrimRight(sc.Text(), "\r")
			if strings.TrimSpace(line) == "" {
				if !flush() {
					return
				}
				continue
			}
			if strings.HasPrefix(line, "#") {
				if v, ok := strings.CutPrefix(line, "# sent_id = "); ok && len(cur.Words) == 0 {
					cur.ID = strings.TrimSpace(v)
				}
				continue
			}
			if bad {
				continue
			}
			cols := strings.Split(line, "\t")
			if len(cols) != 10 {
				bad = true
				if !warn(lineNum, "%d columns, want 10; sentence skipped", len(cols)) {
					return
				}
				continue
			}
			id := cols[0]
			if strings.ContainsAny(id, "-.") {
				continue // multi-word token or empty node
			}
			k, err := strconv.Atoi(id)
			if err != nil || k != len(cur.Words)+1 {
				bad = true
				if !warn(lineNum, "token id %q, want %d; sentence skipped", id, len(cur.Words)+1) {
					return
				}
				continue
			}
			tokensOnly := cols[6] == "_" && cols[7] == "_" && cols[1] != ""
			if tokensOnly {
				cols[6] = "0" // no tree given: counted, and the sentence yields its words only
				noTree++
			}
			h, err := strconv.Atoi(cols[6])
			if err != nil || h < 0 {
				bad = true
				if !warn(lineNum, "head %q is not a word number; sentence skipped", cols[6]) {
					return
				}
				continue
			}
			if cols[1] == "" || cols[7] == "" || cols[7] == "_" && !tokensOnly {
				bad = true
				if !warn(lineNum, "empty form or relation; sentence skipped") {
					return
				}
				continue
			}
			if len(cur.Words) == 0 {
				start = lineNum
			}
			tag := cols[4]
			if tag == "_" || tag == "" {
				tag = cols[3]
			}
			cur.Words = append(cur.Words, cols[1])
			cur.Tags = append(cur.Tags, tag)
			cur.XPOS = append(cur.XPOS, tag)
			cur.Labels = append(cur.Labels, cols[7])
			heads = append(heads, h)
		}
		if err := sc.Err(); err != nil {
			yield(TrainSentence{}, fmt.Errorf("read %s after line %d: %w", name, lineNum, err))
			return
		}
		flush()
	}
}

// acyclic reports whether every token reaches the root (-1) through heads.
func acyclic(heads []int) bool {
	n := len(heads)
	state := make([]uint8, n) // 0 unseen, 1 on the current chain, 2 reaches root
	for i := range heads {
		var chain []int
		j := i
		for j != -1 && state[j] == 0 {
			state[j] = 1
			chain = append(chain, j)
			j = heads[j]
		}
		if j != -1 && state[j] == 1 {
			return false
		}
		for _, c := range chain {
			state[c] = 2
		}
	}
	return true
}

// WriteCoNLLU writes one parsed sentence as CoNLL-U: ID, FORM, UPOS (UPOS of
// the tag, AUX for verbs attached as aux or cop), XPOS (the parser's tag,
// t.Tags, or the input's when the tree has none), HEAD and DEPREL; LEMMA,
// FEATS, DEPS and MISC are "_". A blank line ends it.
func WriteCoNLLU(w io.Writer, s Sentence, t Tree) error {
	if len(s.Words) != len(t.Heads) || len(s.Tags) != len(s.Words) || len(t.Labels) != len(t.Heads) {
		return fmt.Errorf("write conllu: %d words, %d tags, %d heads", len(s.Words), len(s.Tags), len(t.Heads))
	}
	tags := s.Tags
	if len(t.Tags) == len(s.Words) {
		tags = t.Tags
	}
	bw := bufio.NewWriter(w)
	for i, word := range s.Words {
		upos := UPOS(tags[i])
		if upos == "VERB" {
			switch t.Labels[i] {
			case "aux", "aux:pass", "cop":
				upos = "AUX"
			}
		}
		fmt.Fprintf(bw, "%d\t%s\t_\t%s\t%s\t_\t%d\t%s\t_\t_\n", i+1, field(word), upos, field(tags[i]), t.Heads[i]+1, field(t.Labels[i]))
	}
	bw.WriteByte('\n')
	return bw.Flush()
}

// field keeps a CoNLL-U column free of tabs and newlines.
func field(s string) string {
	if s == "" {
		return "_"
	}
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

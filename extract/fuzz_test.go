package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/polgraph/polgraph"
)

// fuzzSentences are seeds for FuzzExtract, written for this test in the
// style of wire copy: meetings, criticism, sanctions, titles, negation and
// intent, quotes, a dateline, a headline line and a non-Latin name.
var fuzzSentences = []string{
	"President Masoud Pezeshkian met with Ali Khamenei in Tehran on Monday.",
	"German Chancellor Olaf Scholz criticized Russia for the attack, calling it \"unacceptable\".",
	"The United States imposed new sanctions on Iran, the Treasury said.",
	"Israel did not attack Lebanon, a spokesman for the army said. Hezbollah plans to meet Iran's foreign minister next week.",
	"Talks Between Israel and Hamas Stall\nCAIRO (Wire) — Egypt and Qatar held talks with Hamas on Sunday.\n\nThe European Union may impose sanctions on Belarus.",
	"Nancy Pelosi, the Speaker of the House, said she would meet Tsai Ing-wen.",
	"NATO Secretary General Jens Stoltenberg and U.S. Secretary of State Antony Blinken met in Brussels.",
	"Владимир Путин встретился с Си Цзиньпином. Xi Jinping met Vladimir Putin in Moscow; they signed an agreement.",
	"He said: 'We condemn the strikes.' Turkey denounced the move. China's ambassador to the UN, Zhang Jun, praised Pakistan.",
	"Dr. John R. Bolton resigned. The U.N. Security Council voted to sanction North Korea.",
}

// FuzzExtract runs the whole extractor on one article. The model is loaded
// once, outside f.Fuzz (a model per input manages a few inputs a minute).
// Invariants: no internal error (Extract turns a panic into one), the result
// passes Validate, every relation's sentence is text[start:end] inside the
// text, both of its actors are listed once, and extracting the same article
// again gives the same result (claim ids, and so resuming, depend on it).
func FuzzExtract(f *testing.F) {
	x, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range fuzzSentences {
		f.Add(s, "", "2024-07-28")
	}
	f.Add(strings.Join(fuzzSentences, "\n\n"), "Leaders meet", "")
	f.Add("", "Empty", "")
	f.Add("\u202eevil\u202c Iran met Israel \x00\x01 e\u0301 '}) DETACH DELETE n //", "`$x`", "2020")
	f.Fuzz(func(t *testing.T, text, title, date string) {
		// Readers hand the extractor valid UTF-8 (they repair the rest).
		text = strings.ToValidUTF8(text, "\uFFFD")
		title = strings.ToValidUTF8(title, "\uFFFD")
		art := polgraph.Article{ID: "fuzz", Title: title, Text: text, Published: date}
		res, err := x.Extract(art)
		if err != nil {
			if errors.Is(err, ErrNoText) && strings.TrimSpace(text) == "" {
				return
			}
			t.Fatalf("Extract(%q): %v", text, err)
		}
		checkResult(t, text, res)
		again, err := x.Extract(art)
		if err != nil {
			t.Fatalf("second Extract(%q): %v", text, err)
		}
		a, _ := json.Marshal(res)
		b, _ := json.Marshal(again)
		if !bytes.Equal(a, b) {
			t.Fatalf("Extract(%q) is not deterministic:\n%s\n%s", text, a, b)
		}
	})
}

// checkResult asserts the invariants of one extraction of text.
func checkResult(t *testing.T, text string, res polgraph.Result) {
	t.Helper()
	if err := res.Validate(); err != nil {
		t.Fatalf("Validate: %v\ntext %q", err, text)
	}
	ids := make(map[string]bool, len(res.Actors))
	for _, a := range res.Actors {
		if ids[a.ID] {
			t.Fatalf("actor %q listed twice\ntext %q", a.ID, text)
		}
		ids[a.ID] = true
		if !utf8.ValidString(a.Name) || strings.TrimSpace(a.Name) == "" {
			t.Fatalf("actor %q has name %q\ntext %q", a.ID, a.Name, text)
		}
	}
	for i, r := range res.Relations {
		if r.Start < 0 || r.End > len(text) || r.Start > r.End {
			t.Fatalf("relation %d: span %d-%d outside text of length %d\ntext %q", i, r.Start, r.End, len(text), text)
		}
		if text[r.Start:r.End] != r.Sentence {
			t.Fatalf("relation %d: sentence %q is not text[%d:%d] = %q", i, r.Sentence, r.Start, r.End, text[r.Start:r.End])
		}
		if !ids[r.Subject] || !ids[r.Object] {
			t.Fatalf("relation %d: %s %s %s names an actor not listed\ntext %q", i, r.Subject, r.Predicate, r.Object, text)
		}
	}
	if _, err := json.Marshal(res); err != nil {
		t.Fatalf("marshal: %v", err)
	}
}

// FuzzSentenceSpans checks the offset arithmetic that every evidence span
// rests on: spans lie inside the text, in order, without overlap, and each
// is trimmed text that contains its part.
func FuzzSentenceSpans(f *testing.F) {
	f.Add("Iran met Israel. Then they talked.", ". ")
	f.Add("  A.  B!  C?  ", "  ")
	f.Add("x\u00e9\u0301 y\n\nz", "\n")
	f.Fuzz(func(t *testing.T, text, sep string) {
		if sep == "" {
			return
		}
		parts := strings.Split(text, sep)
		prev := 0
		for _, sp := range sentenceSpans(text, parts) {
			if sp.Start < prev || sp.End > len(text) || sp.Start >= sp.End {
				t.Fatalf("span %v outside text of length %d or before %d", sp, len(text), prev)
			}
			prev = sp.End
		}
	})
}

// FuzzLexiconLine parses one line of a user's trigger file
// (PREDICATE<TAB>pattern[<TAB>confidence]). Invariants: no panic; an
// accepted line names a predicate of the vocabulary, has a confidence in
// (0, 1] and at least one word, each with at least one surface form (the
// lexicon indexes a trigger by the forms of its first word); a rejected
// line gives an error naming the file and line.
func FuzzLexiconLine(f *testing.F) {
	for _, s := range []string{
		"MET_WITH\tS meet with O",
		"MET_WITH\tS meet",
		"SANCTIONED\tS impose sanctions on O\t0.9",
		"SANCTIONED\tsanctions on O",
		"IN_CONFLICT_WITH\ttensions between S and O",
		"WITHDREW_FROM\twithdrawal of S from O",
		"DESIGNATED\tS designate O as terrorist",
		"BEFRIENDED\tS befriend O",
		"CRITICIZED\tS criticise O\t1.5",
		"CRITICIZED\tO S",
		"MET_WITH\t\t",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		tr, err := parseTrigger(line)
		if err == nil {
			if !tr.Pred.Valid() {
				t.Fatalf("%q: accepted predicate %q", line, tr.Pred)
			}
			if tr.Conf <= 0 || tr.Conf > 1 {
				t.Fatalf("%q: confidence %v", line, tr.Conf)
			}
			if len(tr.Words) == 0 || len(tr.Forms) != len(tr.Words) {
				t.Fatalf("%q: %d words, %d form lists", line, len(tr.Words), len(tr.Forms))
			}
			for i, fs := range tr.Forms {
				if len(fs) == 0 {
					t.Fatalf("%q: word %q has no forms", line, tr.Words[i])
				}
			}
			if tr.Kind == ofTrigger && (tr.OfAt <= 0 || tr.OfAt > len(tr.Words)) {
				t.Fatalf("%q: of-trigger split at %d of %d words", line, tr.OfAt, len(tr.Words))
			}
		}
		lx := newLexicon()
		if err := lx.add("user.tsv", []byte(line+"\n")); err != nil {
			if !strings.HasPrefix(err.Error(), "lexicon user.tsv:") {
				t.Fatalf("%q: error %q does not name the file and line", line, err)
			}
		}
	})
}

// FuzzKBFile reads a user's knowledge-base file (YAML). Invariants: no
// panic; every accepted entry passes validation and is indexed by its id; a
// rejected file gives an error naming the file.
func FuzzKBFile(f *testing.F) {
	f.Add([]byte(`- id: wanda-vazquez-garced
  name: Wanda Vázquez Garced
  type: Person
  country: PRI
  gender: f
  aliases: [Wanda Vázquez, Vázquez Garced]
  roles:
    - {title: Governor, of: puerto-rico, from: 2019-08-07, to: 2021-01-02}
- id: new-progressive-party
  name: New Progressive Party
  type: Organization
  country: PRI
  kind: party
  aliases: [PNP]
`))
	f.Add([]byte("- id: x\n  name: X\n  type: Spirit\n"))
	f.Add([]byte("- id: Bad Id\n  name: \"'}) DETACH DELETE n //\"\n  type: Country\n"))
	f.Add([]byte("- &a {id: a, name: A, type: Country}\n- *a\n"))
	f.Add([]byte("{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		kb := &knowledgeBase{entries: map[string]*kbEntry{}}
		err := kb.addYAML("user.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "knowledge base user.yaml: ") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		if len(kb.order) != len(kb.entries) {
			t.Fatalf("%d ids in order, %d entries", len(kb.order), len(kb.entries))
		}
		for _, id := range kb.order {
			e := kb.entries[id]
			if e == nil || e.ID != id {
				t.Fatalf("entry %q indexed as %v", id, e)
			}
			if err := e.validate(); err != nil {
				t.Fatalf("accepted entry %q is invalid: %v", id, err)
			}
		}
	})
}

package extract

import (
	"strings"
	"sync"
	"testing"
)

func TestTaggerAlignment(t *testing.T) {
	tg, err := NewTagger()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		words []string
		want  map[int]string // word index -> tag
	}{
		{"plain", []string{"Putin", "met", "Xi", "in", "Beijing", "."}, map[int]string{0: "NNP", 1: "VBD", 3: "IN", 5: "."}},
		{"split clitics", []string{"They", "did", "n't", "agree", "."}, map[int]string{1: "VBD", 2: "RB", 3: "VB"}},
		{"curly quotes", []string{"He", "said", "\u201c", "no", "\u201d", "."}, map[int]string{0: "PRP", 1: "VBD", 5: "."}},
		{"word prose splits", []string{"The", "U.S.-led", "coalition", "struck", "."}, map[int]string{0: "DT", 2: "NN"}},
		{"empty", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tags, err := tg.Tag(tc.words)
			if err != nil {
				t.Fatal(err)
			}
			if len(tags) != len(tc.words) {
				t.Fatalf("%d tags for %d words", len(tags), len(tc.words))
			}
			for i, tag := range tags {
				if tag == "" {
					t.Errorf("word %d %q untagged", i, tc.words[i])
				}
			}
			for i, want := range tc.want {
				if tags[i] != want {
					t.Errorf("word %d %q: tag %s, want %s (all: %v)", i, tc.words[i], tags[i], want, tags)
				}
			}
		})
	}
}

func TestTaggerConcurrent(t *testing.T) {
	tg, err := NewTagger()
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("Iran rejected the sanctions imposed by Washington on Monday .")
	want, err := tg.Tag(words)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				got, err := tg.Tag(words)
				if err != nil || strings.Join(got, " ") != strings.Join(want, " ") {
					t.Errorf("concurrent Tag = %v, %v; want %v", got, err, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestPostagGuess(t *testing.T) {
	for w, want := range map[string]string{"2024": "CD", ",": ",", "Obama": "NNP", "x": "NN", "%%": "SYM", "(": "("} {
		if got := postagGuess(w); got != want {
			t.Errorf("postagGuess(%q) = %q, want %q", w, got, want)
		}
	}
}

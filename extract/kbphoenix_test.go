package extract

import (
	"slices"
	"testing"

	"github.com/polgraph/polgraph/extract/phoenix"
)

// TestPhoenixTokens checks that the cheap tokeniser of the Phoenix names
// gives the tokens of the text layer: prose's word tokens with initials
// merged for every name it accepts, and, for a sample, the tokens of the
// name inside a tagged sentence.
func TestPhoenixTokens(t *testing.T) {
	tl, err := newTextLayer()
	if err != nil {
		t.Fatal(err)
	}
	x := &Extractor{text: tl}
	acts, err := phoenix.Actors()
	if err != nil {
		t.Fatal(err)
	}
	var forms []string
	for _, a := range acts {
		forms = append(forms, a.Name)
		forms = append(forms, a.Aliases...)
	}
	cheap, differ := 0, 0
	for i, f := range forms {
		got, ok := phoenixTokens(f)
		if !ok {
			continue
		}
		cheap++
		if want := mergeInitialWords(x.wordTokens(f)); !slices.Equal(got, want) {
			differ++
			t.Errorf("%q: phoenixTokens %q, prose %q", f, got, want)
		}
		if i%40 == 0 {
			const pre = "Officials said "
			text := pre + f + " met them on Monday."
			s := tl.sentence(text, span{0, len(text)}, false, 1)
			var want []string
			for _, tok := range s.Tokens {
				if tok.Start >= len(pre) && tok.End <= len(pre)+len(f) {
					want = append(want, tok.Text)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("%q: phoenixTokens %q, text layer %q", f, got, want)
			}
		}
	}
	t.Logf("%d Phoenix forms, %d split cheaply (%d differ from prose), %d by prose", len(forms), cheap, differ, len(forms)-cheap)
	if cheap < len(forms)*8/10 {
		t.Errorf("only %d of %d forms split cheaply", cheap, len(forms))
	}
}

// BenchmarkNew measures start-up: the tagger, the knowledge base with and
// without the Phoenix actors, the name and title indexes.
func BenchmarkNew(b *testing.B) {
	for _, c := range []struct {
		name string
		opts Options
	}{{"hand", Options{NoPhoenix: true}}, {"phoenix", Options{}}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := New(c.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

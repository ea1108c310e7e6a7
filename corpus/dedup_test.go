package corpus

import (
	"context"
	"errors"
	"iter"
	"reflect"
	"strings"
	"testing"

	"github.com/polgraph/polgraph"
)

func seqOf(items ...any) iter.Seq2[polgraph.Article, error] {
	return func(yield func(polgraph.Article, error) bool) {
		for _, it := range items {
			var ok bool
			switch v := it.(type) {
			case polgraph.Article:
				ok = yield(v, nil)
			case error:
				ok = yield(polgraph.Article{}, v)
			}
			if !ok {
				return
			}
		}
	}
}

func TestDedup(t *testing.T) {
	bad := &RecordError{File: "f.jsonl", Line: 2, Reason: "empty text", Skipped: true}
	art := func(id, text string) polgraph.Article { return polgraph.Article{ID: id, Text: text} }
	tests := []struct {
		name     string
		in       []any
		wantIDs  []string
		wantDups []string // "dropped id <- first id"
	}{
		{"distinct",
			[]any{art("a", "Troops withdrew."), art("b", "Talks began.")},
			[]string{"a", "b"}, nil},
		{"same id",
			[]any{art("a", "Troops withdrew."), art("a", "A different text.")},
			[]string{"a"}, []string{"a <- a"}},
		{"same text other id",
			[]any{art("a", "Troops withdrew from the border."), art("b", "  TROOPS withdrew\n\tfrom the   border. ")},
			[]string{"a"}, []string{"b <- a"}},
		{"text differs in punctuation",
			[]any{art("a", "Troops withdrew."), art("b", "Troops withdrew!")},
			[]string{"a", "b"}, nil},
		{"errors pass through",
			[]any{art("a", "Troops withdrew."), bad, art("a", "Troops withdrew.")},
			[]string{"a", "error"}, []string{"a <- a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ids, dups []string
			onDup := func(a polgraph.Article, firstID string) { dups = append(dups, a.ID+" <- "+firstID) }
			for a, err := range Dedup(seqOf(tt.in...), onDup) {
				if err != nil {
					ids = append(ids, "error")
					continue
				}
				ids = append(ids, a.ID)
			}
			if !reflect.DeepEqual(ids, tt.wantIDs) || !reflect.DeepEqual(dups, tt.wantDups) {
				t.Errorf("got %q dropping %q; want %q dropping %q", ids, dups, tt.wantIDs, tt.wantDups)
			}
		})
	}
}

func TestDedupRead(t *testing.T) {
	// The same article read twice, once as JSON Lines and once from stdin.
	input := `{"id": "wire-001", "text": "Dock workers ended their strike."}` + "\n" + `{"text": "dock workers   ended their STRIKE."}`
	var dups []string
	var ids []string
	seq := Read(context.Background(), []string{"-"}, strings.NewReader(input), Options{})
	for a, err := range Dedup(seq, func(a polgraph.Article, first string) { dups = append(dups, first) }) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	if !reflect.DeepEqual(ids, []string{"wire-001"}) || !reflect.DeepEqual(dups, []string{"wire-001"}) {
		t.Errorf("kept %q, dropped duplicates of %q", ids, dups)
	}
}

func TestDedupBreak(t *testing.T) {
	seq := seqOf(polgraph.Article{ID: "a", Text: "x"}, errors.New("e"), polgraph.Article{ID: "b", Text: "y"})
	for stopAt := range 3 {
		n := 0
		for range Dedup(seq, nil) {
			if n == stopAt {
				break
			}
			n++
		}
	}
}

func TestTextDigest(t *testing.T) {
	long := strings.Repeat("Word ", 5000)
	tests := []struct {
		name string
		a, b string
		same bool
	}{
		{"case", "Ministers Met", "ministers met", true},
		{"spaces", " ministers\n\nmet\t", "ministers met", true},
		{"unicode case", "ÉLYSÉE", "élysée", true},
		{"across buffer", long, strings.ToLower(long) + "\n", true},
		{"words", "ministers met", "minister smet", false},
		{"empty and space", "", " ", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if same := textDigest(tt.a) == textDigest(tt.b); same != tt.same {
				t.Errorf("same digest %v, want %v", same, tt.same)
			}
		})
	}
}

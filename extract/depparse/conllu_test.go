package depparse

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func readString(text string) (sents []TrainSentence, warns []*Warning, err error) {
	for s, e := range ReadCoNLLU(strings.NewReader(text), "t.conllu") {
		var w *Warning
		switch {
		case errors.As(e, &w):
			warns = append(warns, w)
		case e != nil:
			err = e
		default:
			sents = append(sents, s)
		}
	}
	return sents, warns, err
}

func TestReadCoNLLU(t *testing.T) {
	const good = "# sent_id = a\n" +
		"1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n" +
		"2\tdog\tdog\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n" +
		"3\tbarks\tbark\tVERB\tVBZ\t_\t0\troot\t_\t_\n\n"
	tests := []struct {
		name      string
		text      string
		sents     int
		warnLines []int
	}{
		{"good", good, 1, nil},
		{"no final blank line", strings.TrimSuffix(good, "\n"), 1, nil},
		{"CRLF", strings.ReplaceAll(good, "\n", "\r\n"), 1, nil},
		{"multiword and empty nodes skipped", "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n" +
			"1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n" +
			"2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n" +
			"3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n" +
			"3.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t3:conj\t_\n\n", 1, nil},
		{"wrong column count", "1\tThe\tthe\tDET\n\n" + good, 1, []int{1}},
		{"bad head", "1\tA\ta\tDET\tDT\t_\tx\tdet\t_\t_\n2\tb\tb\tX\tNN\t_\t0\troot\t_\t_\n\n" + good, 1, []int{1}},
		{"head out of range", "1\tA\ta\tDET\tDT\t_\t9\tdet\t_\t_\n2\tb\tb\tX\tNN\t_\t0\troot\t_\t_\n\n" + good, 1, []int{1}},
		{"two roots", "1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n2\tb\tb\tX\tNN\t_\t0\troot\t_\t_\n\n" + good, 1, []int{1}},
		{"cycle", "1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n2\tb\tb\tX\tNN\t_\t1\tdep\t_\t_\n3\tc\tc\tX\tNN\t_\t0\troot\t_\t_\n\n" + good, 1, []int{1}},
		{"ids out of order", good[:len(good)-1] + "5\tx\tx\tX\tNN\t_\t3\tdep\t_\t_\n\n" + good, 1, []int{5}},
		{"self head", "1\tA\ta\tDET\tDT\t_\t1\tdet\t_\t_\n2\tb\tb\tX\tNN\t_\t0\troot\t_\t_\n\n" + good, 1, []int{1}},
		{"second line malformed", "# c\n1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n2\tb\tb\n\n" + good, 1, []int{3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sents, warns, err := readString(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			if len(sents) != tc.sents {
				t.Errorf("%d sentences, want %d", len(sents), tc.sents)
			}
			var lines []int
			for _, w := range warns {
				lines = append(lines, w.Line)
				if w.File != "t.conllu" || !strings.HasPrefix(w.Error(), "t.conllu:") {
					t.Errorf("warning %q lacks the file name", w)
				}
			}
			if len(lines) != len(tc.warnLines) {
				t.Fatalf("warnings at lines %v, want %v (%v)", lines, tc.warnLines, warns)
			}
			for i := range lines {
				if lines[i] != tc.warnLines[i] {
					t.Errorf("warnings at lines %v, want %v", lines, tc.warnLines)
				}
			}
			for _, s := range sents {
				if s.Words[0] == "The" && (s.Heads[0] != 1 || s.Heads[2] != -1 || s.Tags[2] != "VBZ") {
					t.Errorf("read %+v", s)
				}
			}
		})
	}
}

func TestReadCoNLLUMultiword(t *testing.T) {
	sents, _, _ := readString("1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n3.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t3:conj\t_\n\n")
	if len(sents) != 1 || strings.Join(sents[0].Words, " ") != "do n't go" {
		t.Fatalf("got %+v", sents)
	}
}

func TestWriteCoNLLURoundTrip(t *testing.T) {
	s := Sentence{Words: []string{"Putin", "met", "Xi", "."}, Tags: []string{"NNP", "VBD", "NNP", "."}}
	tr := Tree{Words: s.Words, Heads: []int{1, -1, 1, 1}, Labels: []string{"nsubj", "root", "obj", "punct"}}
	var buf bytes.Buffer
	if err := WriteCoNLLU(&buf, s, tr); err != nil {
		t.Fatal(err)
	}
	sents, warns, err := readString(buf.String())
	if err != nil || len(warns) > 0 || len(sents) != 1 {
		t.Fatalf("read back %q: %v %v %v", buf.String(), sents, warns, err)
	}
	got := sents[0]
	for i := range s.Words {
		if got.Words[i] != s.Words[i] || got.Heads[i] != tr.Heads[i] || got.Labels[i] != tr.Labels[i] || got.Tags[i] != s.Tags[i] {
			t.Errorf("word %d: got %+v", i, got)
		}
	}
	if !strings.Contains(buf.String(), "\tPROPN\tNNP\t") {
		t.Errorf("no UPOS column in %q", buf.String())
	}
	if err := WriteCoNLLU(&buf, s, Tree{}); err == nil {
		t.Error("mismatched tree written without error")
	}
}

func FuzzReadCoNLLU(f *testing.F) {
	f.Add("1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n2\tdog\tdog\tNOUN\tNN\t_\t0\troot\t_\t_\n\n")
	f.Add("1-2\tx\t_\t_\t_\t_\t_\t_\t_\t_\n1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n1.1\tb\t_\t_\t_\t_\t_\t_\t_\t_\n2\tc\t_\t_\t_\t_\t1\tdep\t_\t_\n")
	f.Add("# x\n1\ta\tb\n\n1\ta\t_\t_\t_\t_\t7\tx\t_\t_\n")
	f.Fuzz(func(t *testing.T, text string) {
		lines := strings.Count(text, "\n") + 1
		for s, err := range ReadCoNLLU(strings.NewReader(text), "f") {
			if err != nil {
				var w *Warning
				if errors.As(err, &w) && (w.Line < 1 || w.Line > lines) {
					t.Fatalf("warning line %d outside 1..%d", w.Line, lines)
				}
				continue
			}
			n := len(s.Words)
			if n == 0 || len(s.Tags) != n || len(s.XPOS) != n || len(s.Heads) != n || len(s.Labels) != n {
				t.Fatalf("ragged sentence %+v", s)
			}
			roots := 0
			for i, h := range s.Heads {
				if h < -1 || h >= n || h == i {
					t.Fatalf("head %d of word %d outside the sentence of %d", h, i, n)
				}
				if h == -1 {
					roots++
				}
			}
			if roots != 1 {
				t.Fatalf("%d roots", roots)
			}
		}
	})
}

func TestReadCoNLLUTokensOnly(t *testing.T) {
	in := "# sent_id = a\n1\tIran\t_\t_\t_\t_\t_\t_\t_\t_\n2\tprotested\t_\t_\t_\t_\t_\t_\t_\t_\n\n" +
		"# sent_id = b\n1\tIran\t_\t_\tNNP\t_\t2\tnsubj\t_\t_\n2\tprotested\t_\t_\tVBD\t_\t_\t_\t_\t_\n\n"
	var got []TrainSentence
	var warns []string
	for s, err := range ReadCoNLLU(strings.NewReader(in), "t.conllu") {
		if err != nil {
			warns = append(warns, err.Error())
			continue
		}
		got = append(got, s)
	}
	if len(got) != 1 || got[0].ID != "a" || got[0].Heads != nil || got[0].Line != 2 || len(got[0].Words) != 2 {
		t.Fatalf("got %+v, want sentence a, words only, from line 2", got)
	}
	if len(warns) != 1 || !strings.Contains(warns[0], "t.conllu:6") || !strings.Contains(warns[0], "without HEAD") {
		t.Errorf("warnings %q, want one for the half-tree sentence b at line 6", warns)
	}
}

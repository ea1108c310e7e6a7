package depparse

import (
	"runtime"
	"strings"
	"sync"
	"testing"
)

// tagged builds a Sentence from "word/TAG" pairs.
func tagged(s string) Sentence {
	var out Sentence
	for _, f := range strings.Fields(s) {
		i := strings.LastIndexByte(f, '/')
		out.Words = append(out.Words, f[:i])
		out.Tags = append(out.Tags, f[i+1:])
	}
	return out
}

// An arc is "dependent label head", by words; label "a|b" accepts either,
// and the universal part of a label matches its subtypes ("obl" matches
// "obl:agent"), unless the subtype is written.
type arc struct{ dep, label, head string }

// TestGolden checks, with the embedded model, the arcs the relation
// extractor relies on, in news sentences with hand-written tags.
func TestGolden(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		sent  string
		arcs  []arc
		paths map[[2]string]string // (from word, to word) -> Path.String()
	}{
		{"passive agent",
			"The/DT sanctions/NNS were/VBD imposed/VBN by/IN the/DT United/NNP States/NNP ./.",
			[]arc{{"sanctions", "nsubj:pass", "imposed"}, {"were", "aux:pass", "imposed"}, {"States", "obl", "imposed"}, {"by", "case", "States"}},
			map[[2]string]string{{"sanctions", "States"}: "nsubj:pass<imposed>obl:by"}},
		{"relative clause",
			"Trump/NNP praised/VBD the/DT general/NN who/WP led/VBD the/DT operation/NN ./.",
			[]arc{{"led", "acl:relcl", "general"}, {"who", "nsubj", "led"}, {"general", "obj", "praised"}, {"operation", "obj", "led"}},
			map[[2]string]string{{"Trump", "operation"}: "nsubj<praised>obj>acl:relcl>obj"}},
		{"appositive",
			"Angela/NNP Merkel/NNP ,/, the/DT German/JJ chancellor/NN ,/, visited/VBD Paris/NNP on/IN Tuesday/NNP ./.",
			[]arc{{"chancellor", "appos", "Angela"}, {"Merkel", "flat", "Angela"}, {"Angela", "nsubj", "visited"}, {"German", "amod", "chancellor"}, {"Paris", "obj", "visited"}},
			map[[2]string]string{{"Angela", "Paris"}: "nsubj<visited>obj"}},
		{"coordination",
			"Russia/NNP and/CC China/NNP signed/VBD a/DT trade/NN agreement/NN ./.",
			[]arc{{"China", "conj", "Russia"}, {"and", "cc", "China"}, {"Russia", "nsubj", "signed"}, {"agreement", "obj", "signed"}, {"trade", "compound", "agreement"}},
			map[[2]string]string{{"China", "agreement"}: "conj<nsubj<signed>obj"}},
		{"complement clause",
			"The/DT president/NN said/VBD that/IN Iran/NNP had/VBD violated/VBN the/DT deal/NN ./.",
			[]arc{{"violated", "ccomp", "said"}, {"that", "mark", "violated"}, {"Iran", "nsubj", "violated"}, {"deal", "obj", "violated"}},
			map[[2]string]string{{"president", "Iran"}: "nsubj<said>ccomp>nsubj"}},
		{"xcomp",
			"Iran/NNP wants/VBZ to/TO build/VB a/DT new/JJ reactor/NN ./.",
			[]arc{{"build", "xcomp", "wants"}, {"to", "mark", "build"}, {"Iran", "nsubj", "wants"}, {"reactor", "obj", "build"}},
			nil},
		{"obl with case",
			"On/IN Monday/NNP ,/, Putin/NNP met/VBD with/IN Xi/NNP ./.",
			[]arc{{"Putin", "nsubj", "met"}, {"Xi", "obl", "met"}, {"with", "case", "Xi"}, {"Monday", "obl", "met"}, {"On", "case", "Monday"}},
			map[[2]string]string{{"Putin", "Xi"}: "nsubj<met>obl:with", {"Monday", "Xi"}: "obl:on<met>obl:with"}},
		{"nmod with case",
			"New/JJ sanctions/NNS on/IN Iran/NNP hurt/VBD its/PRP$ economy/NN ./.",
			[]arc{{"Iran", "nmod", "sanctions"}, {"on", "case", "Iran"}, {"sanctions", "nsubj", "hurt"}, {"economy", "obj", "hurt"}, {"its", "nmod:poss", "economy"}},
			map[[2]string]string{{"sanctions", "Iran"}: "sanctions>nmod:on"}},
		{"compound names",
			"White/NNP House/NNP spokesman/NN Sean/NNP Spicer/NNP criticized/VBD the/DT report/NN ./.",
			[]arc{{"House", "compound", "spokesman"}, {"Spicer", "flat", "Sean"}, {"report", "obj", "criticized"}},
			nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := tagged(tc.sent)
			tr, err := m.Parse(s)
			if err != nil {
				t.Fatal(err)
			}
			index := func(w string) int {
				for i, x := range s.Words {
					if x == w {
						return i
					}
				}
				t.Fatalf("no word %q", w)
				return -1
			}
			for _, a := range tc.arcs {
				d, h := index(a.dep), index(a.head)
				got := tr.Label(d)
				ok := tr.Head(d) == h && labelMatches(got, a.label)
				if !ok {
					t.Errorf("want %s -%s-> %s; got head %q label %s\n%s", a.head, a.label, a.dep, tr.word(tr.Head(d)), got, treeString(tr))
				}
			}
			for ends, want := range tc.paths {
				p, ok := tr.Path(index(ends[0]), index(ends[1]))
				if !ok || p.String() != want {
					t.Errorf("path %s..%s = %q, want %q", ends[0], ends[1], p.String(), want)
				}
			}
		})
	}
}

func labelMatches(got, want string) bool {
	for _, w := range strings.Split(want, "|") {
		if got == w || (!strings.Contains(w, ":") && Universal(got) == w) {
			return true
		}
	}
	return false
}

func treeString(t Tree) string {
	var b strings.Builder
	for i := range t.Heads {
		b.WriteString("  " + t.word(i) + " <-" + t.Labels[i] + "- " + t.word(t.Heads[i]) + "\n")
	}
	return b.String()
}

func TestParseEdgeCases(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Parse(Sentence{Words: []string{"a"}, Tags: nil}); err == nil {
		t.Error("mismatched tags parsed without error")
	}
	if tr, err := m.Parse(Sentence{}); err != nil || tr.Len() != 0 {
		t.Errorf("empty sentence: %v %v", tr, err)
	}
	one, err := m.Parse(tagged("Yes/UH"))
	if err != nil || one.Heads[0] != -1 || one.Labels[0] != "root" {
		t.Errorf("one word: %+v %v", one, err)
	}
	long := Sentence{}
	for range MaxWords + 1 {
		long.Words = append(long.Words, "word")
		long.Tags = append(long.Tags, "NN")
	}
	tr, err := m.Parse(long)
	if err == nil || tr.Len() != MaxWords+1 || tr.Root() != 0 {
		t.Errorf("long sentence: root %d, %v", tr.Root(), err)
	}
	// Odd input: unknown tags, empty words, control characters.
	odd := Sentence{Words: []string{"", "\x00", "ééé", "42", "!!!"}, Tags: []string{"??", "", "NN", "CD", "."}}
	tr, err = m.Parse(odd)
	if err != nil || tr.Len() != 5 {
		t.Fatalf("odd input: %v", err)
	}
	roots := 0
	for i, h := range tr.Heads {
		if h == -1 {
			roots++
		}
		if h < -1 || h >= tr.Len() || h == i {
			t.Errorf("bad head %d of %d", h, i)
		}
	}
	if roots != 1 {
		t.Errorf("%d roots", roots)
	}
}

// BenchmarkParse parses EWT dev sentences (gold tags) on one goroutine and
// reports sentences per second of wall time and, on Linux, per second of the
// goroutine's thread CPU time (robust to other load on the machine).
func BenchmarkParse(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	var sents []Sentence
	for _, s := range readTreebank(b, "en_ewt-ud-dev.conllu", 0) {
		sents = append(sents, s.Sentence())
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.ReportAllocs()
	cpu0, cpuOK := threadCPU()
	n := 0
	for b.Loop() {
		if _, err := m.Parse(sents[n%len(sents)]); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "sentences/s")
	if cpu1, ok := threadCPU(); ok && cpuOK && cpu1 > cpu0 {
		b.ReportMetric(float64(n)/(cpu1-cpu0).Seconds(), "sentences/cpu-s")
	}
}

// TestParseConcurrent parses from several goroutines: the same trees as one
// at a time (run with -race).
func TestParseConcurrent(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sents := []Sentence{
		tagged("Putin/NNP met/VBD with/IN Xi/NNP ./."),
		tagged("The/DT sanctions/NNS were/VBD imposed/VBN by/IN the/DT United/NNP States/NNP ./."),
		tagged("Iran/NNP wants/VBZ to/TO build/VB a/DT new/JJ reactor/NN ./."),
	}
	want := make([]string, len(sents))
	for i, s := range sents {
		tr, _ := m.Parse(s)
		want[i] = treeString(tr)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 50 {
				i := (g + k) % len(sents)
				tr, err := m.Parse(sents[i])
				if err != nil || treeString(tr) != want[i] {
					t.Errorf("concurrent parse of sentence %d differs", i)
					return
				}
			}
		}()
	}
	wg.Wait()
}

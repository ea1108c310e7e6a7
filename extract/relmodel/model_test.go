package relmodel

import (
	"bytes"
	"fmt"
	"testing"
)

// examples is a small separable problem: the verb between two actors
// decides the class, and noise features carry no signal.
func examples(n int) []Example {
	var out []Example
	for i := 0; i < n; i++ {
		noise := fmt.Sprintf("noise:%d", i%7)
		out = append(out,
			Example{Features: []string{"verb:meet", "types:Person|Person", noise}, Class: "MET_WITH="},
			Example{Features: []string{"verb:attack", "types:Country|Country", noise}, Class: "ATTACKED>"},
			Example{Features: []string{"verb:say", "types:Person|Country", noise}, Class: None},
		)
	}
	return out
}

func TestTrainPredict(t *testing.T) {
	m := Train(examples(20), Options{Seed: 1})
	tests := []struct {
		features []string
		want     string
	}{
		{[]string{"verb:meet", "types:Person|Person"}, "MET_WITH="},
		{[]string{"verb:attack", "types:Country|Country"}, "ATTACKED>"},
		{[]string{"verb:say"}, None},
	}
	for _, tt := range tests {
		if got := m.Predict(tt.features); got.Class != tt.want || got.Prob < 0.5 {
			t.Errorf("Predict(%v) = %s %.2f, want %s with p >= 0.5", tt.features, got.Class, got.Prob, tt.want)
		}
	}
	if got := m.Predict([]string{"verb:meet"}); len(got.Top) == 0 || got.Top[0] != "verb:meet" {
		t.Errorf("Top = %v, want verb:meet first", got.Top)
	}
	if _, ok := m.Weights["noise:0"]; !ok {
		t.Errorf("a feature seen in enough examples should be kept")
	}
	rare := Train(append(examples(2), Example{Features: []string{"once"}, Class: None}), Options{Seed: 1})
	if _, ok := rare.Weights["once"]; ok {
		t.Errorf("a feature seen once should be dropped (MinCount 2)")
	}
}

func TestWriteReadDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := Train(examples(10), Options{Seed: 3}).Write(&a); err != nil {
		t.Fatal(err)
	}
	if err := Train(examples(10), Options{Seed: 3}).Write(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the same examples and seed gave different bytes")
	}
	m, err := Read(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Predict([]string{"verb:attack"}); got.Class != "ATTACKED>" {
		t.Errorf("read model predicts %s", got.Class)
	}
	if _, err := Read(bytes.NewReader([]byte("not gzip"))); err == nil {
		t.Error("Read accepted garbage")
	}
}

func TestClass(t *testing.T) {
	tests := []struct {
		pred          string
		first, sym    bool
		class         string
		wantFirstSubj bool
	}{
		{"MET_WITH", true, true, "MET_WITH=", true},
		{"MET_WITH", false, true, "MET_WITH=", true},
		{"LEADS", true, false, "LEADS>", true},
		{"LEADS", false, false, "LEADS<", false},
	}
	for _, tt := range tests {
		c := Class(tt.pred, tt.first, tt.sym)
		if c != tt.class {
			t.Errorf("Class(%s, %v, %v) = %s, want %s", tt.pred, tt.first, tt.sym, c, tt.class)
		}
		p, first := SplitClass(c)
		if p != tt.pred || first != tt.wantFirstSubj {
			t.Errorf("SplitClass(%s) = %s %v", c, p, first)
		}
	}
	if p, _ := SplitClass(None); p != "" {
		t.Errorf("SplitClass(None) = %q", p)
	}
}

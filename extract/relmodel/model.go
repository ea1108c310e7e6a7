// Package relmodel is the learned part of relation extraction: a
// multinomial logistic regression over named binary features of a candidate
// pair of actors in one sentence (the trigger between them, the dependency
// path, their types, ...). It decides whether the sentence relates the two
// and how: a class is "NONE" or a predicate with a direction.
//
// Features are strings, so that --explain can say why a candidate scored
// as it did. Training is deterministic: the same examples in the same order
// and the same options give the same bytes. The package imports the
// standard library only.
package relmodel

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
)

// None is the class of a candidate the sentence does not relate.
const None = "NONE"

// An Example is one labelled candidate.
type Example struct {
	Features []string
	Class    string
}

// Options control training.
type Options struct {
	Epochs int     // passes over the examples (default 12)
	Rate   float64 // initial learning rate (default 0.2)
	L2     float64 // L2 penalty per example (default 1e-4)
	Seed   uint64  // shuffling seed
	// MinCount drops features seen in fewer examples (default 2), so that a
	// word seen once in training does not decide anything.
	MinCount int
}

// A Model scores candidates. It is read-only once built and safe for
// concurrent use.
type Model struct {
	Classes []string             `json:"classes"`
	Bias    []float64            `json:"bias"`
	Weights map[string][]float64 `json:"weights"` // feature -> weight per class
	// Threshold is the least probability at which a class other than None
	// makes a relation; the trainer picks it by cross-validation.
	Threshold float64 `json:"threshold"`
	Trained   string  `json:"trained,omitempty"`
	Settings  Options `json:"settings"`
}

// Train fits a model to examples.
func Train(examples []Example, opts Options) *Model {
	if opts.Epochs == 0 {
		opts.Epochs = 12
	}
	if opts.Rate == 0 {
		opts.Rate = 0.2
	}
	if opts.L2 == 0 {
		opts.L2 = 1e-4
	}
	if opts.MinCount == 0 {
		opts.MinCount = 2
	}
	classSet := map[string]bool{None: true}
	count := map[string]int{}
	for _, e := range examples {
		classSet[e.Class] = true
		seen := map[string]bool{}
		for _, f := range e.Features {
			if !seen[f] {
				seen[f] = true
				count[f]++
			}
		}
	}
	classes := make([]string, 0, len(classSet))
	for c := range classSet {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	classIdx := map[string]int{}
	for i, c := range classes {
		classIdx[c] = i
	}
	var feats []string
	for f, n := range count {
		if n >= opts.MinCount {
			feats = append(feats, f)
		}
	}
	sort.Strings(feats)
	featIdx := make(map[string]int, len(feats))
	for i, f := range feats {
		featIdx[f] = i
	}
	type row struct {
		f []int
		y int
	}
	rows := make([]row, len(examples))
	for i, e := range examples {
		r := row{y: classIdx[e.Class]}
		for _, f := range e.Features {
			if k, ok := featIdx[f]; ok {
				r.f = append(r.f, k)
			}
		}
		slices.Sort(r.f)
		r.f = slices.Compact(r.f)
		rows[i] = r
	}
	nc := len(classes)
	w := make([]float64, len(feats)*nc)
	b := make([]float64, nc)
	rng := rand.New(rand.NewPCG(opts.Seed, 0x5eed))
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	p := make([]float64, nc)
	step := 0
	total := opts.Epochs * len(rows)
	for ep := 0; ep < opts.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			r := rows[i]
			rate := opts.Rate * (1 - float64(step)/float64(total+1))
			step++
			for c := 0; c < nc; c++ {
				s := b[c]
				for _, k := range r.f {
					s += w[k*nc+c]
				}
				p[c] = s
			}
			softmax(p)
			for c := 0; c < nc; c++ {
				g := p[c]
				if c == r.y {
					g--
				}
				b[c] -= rate * g
				for _, k := range r.f {
					wi := k*nc + c
					w[wi] -= rate * (g + opts.L2*w[wi])
				}
			}
		}
	}
	m := &Model{Classes: classes, Bias: b, Weights: map[string][]float64{}, Settings: opts}
	for i, f := range feats {
		row := make([]float64, nc)
		nonzero := false
		for c := 0; c < nc; c++ {
			v := round6(w[i*nc+c])
			row[c] = v
			nonzero = nonzero || v != 0
		}
		if nonzero {
			m.Weights[f] = row
		}
	}
	for c := range m.Bias {
		m.Bias[c] = round6(m.Bias[c])
	}
	return m
}

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

func softmax(s []float64) {
	maxS := math.Inf(-1)
	for _, v := range s {
		maxS = max(maxS, v)
	}
	sum := 0.0
	for i, v := range s {
		s[i] = math.Exp(v - maxS)
		sum += s[i]
	}
	for i := range s {
		s[i] /= sum
	}
}

// A Score is the model's decision on one candidate.
type Score struct {
	Class string  // None or a class seen in training
	Prob  float64 // its probability
	// Top are the features that pushed hardest towards Class, strongest
	// first, for --explain.
	Top []string
}

// Predict returns the most probable class of a candidate.
func (m *Model) Predict(features []string) Score {
	nc := len(m.Classes)
	s := append([]float64(nil), m.Bias...)
	seen := make(map[string]bool, len(features))
	for _, f := range features {
		if seen[f] {
			continue
		}
		seen[f] = true
		if row, ok := m.Weights[f]; ok {
			for c := 0; c < nc; c++ {
				s[c] += row[c]
			}
		}
	}
	softmax(s)
	best := 0
	for c := 1; c < nc; c++ {
		if s[c] > s[best] {
			best = c
		}
	}
	sc := Score{Class: m.Classes[best], Prob: s[best]}
	type contrib struct {
		f string
		v float64
	}
	var cs []contrib
	for f := range seen {
		if row, ok := m.Weights[f]; ok && row[best] > 0 {
			cs = append(cs, contrib{f, row[best]})
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].v != cs[j].v {
			return cs[i].v > cs[j].v
		}
		return cs[i].f < cs[j].f
	})
	for i := 0; i < len(cs) && i < 3; i++ {
		sc.Top = append(sc.Top, cs[i].f)
	}
	return sc
}

// Write stores the model as gzipped JSON with sorted keys (the same model
// gives the same bytes).
func (m *Model) Write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	enc := json.NewEncoder(bw)
	if err := enc.Encode(m); err != nil { // encoding/json sorts map keys
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Read loads a model written by Write.
func Read(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("relation model: %w", err)
	}
	defer zr.Close()
	var m Model
	if err := json.NewDecoder(zr).Decode(&m); err != nil {
		return nil, fmt.Errorf("relation model: %w", err)
	}
	if len(m.Classes) == 0 || len(m.Bias) != len(m.Classes) {
		return nil, fmt.Errorf("relation model: %d classes, %d biases", len(m.Classes), len(m.Bias))
	}
	for f, row := range m.Weights {
		if len(row) != len(m.Classes) {
			return nil, fmt.Errorf("relation model: feature %q has %d weights for %d classes", f, len(row), len(m.Classes))
		}
	}
	return &m, nil
}

// Class names a predicate and a direction: "MET_WITH>" (the first actor in
// the sentence is the subject), "MET_WITH<" (the second is), or for a
// symmetric predicate "MET_WITH=".
func Class(predicate string, firstIsSubject, symmetric bool) string {
	switch {
	case symmetric:
		return predicate + "="
	case firstIsSubject:
		return predicate + ">"
	}
	return predicate + "<"
}

// SplitClass undoes Class: the predicate and whether the first actor is the
// subject (always true for symmetric ones).
func SplitClass(class string) (predicate string, firstIsSubject bool) {
	if class == None || class == "" {
		return "", false
	}
	last := class[len(class)-1]
	return strings.TrimRight(class, "<>="), last != '<'
}

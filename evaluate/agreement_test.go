package evaluate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/internal/testenv"
)

// needPython returns the path of python3, skipping (or failing in CI) without it.
func needPython(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("python3")
	if err != nil {
		unavailable(t, "python3 not found")
	}
	return p
}

func unavailable(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s, and CI is set", why)
	}
	t.Skip(why)
}

// goldLine is a gold article as the generator below reads it.
type goldLine struct {
	ID     string `json:"id"`
	Actors []struct {
		Name     string   `json:"name"`
		Aliases  []string `json:"aliases"`
		Type     string   `json:"type"`
		Optional bool     `json:"optional"`
	} `json:"actors"`
	Relations []struct {
		Subject   string          `json:"subject"`
		Predicate json.RawMessage `json:"predicate"`
		Object    string          `json:"object"`
		Modality  string          `json:"modality"`
	} `json:"relations"`
}

func readGoldLines(t *testing.T, path string) []goldLine {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []goldLine
	for _, l := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		var g goldLine
		if err := json.Unmarshal([]byte(l), &g); err != nil {
			t.Fatal(err)
		}
		out = append(out, g)
	}
	return out
}

func slug(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), "-"))
}

// noise says how far a generated prediction strays from the gold.
type noise struct {
	seed                                   uint64
	dropArticle, dropActor, renameActor    float64
	dropRel, reverseRel, wrongPred         float64
	wrongModality, dupRel, extraRel, oddID float64
	crlf                                   bool
}

// predictions writes gold turned into `polgraph extract` output, perturbed
// by n with a fixed seed.
func predictions(t *testing.T, gold []goldLine, n noise) string {
	t.Helper()
	rng := rand.New(rand.NewPCG(n.seed, 42))
	hit := func(p float64) bool { return rng.Float64() < p }
	modalities := []polgraph.Modality{polgraph.Asserted, polgraph.Negated, polgraph.Intended, polgraph.Possible}
	var out bytes.Buffer
	nl := "\n"
	if n.crlf {
		nl = "\r\n"
	}
	for _, g := range gold {
		if hit(n.dropArticle) {
			continue
		}
		res := polgraph.Result{Article: polgraph.Article{ID: g.ID, Title: "t"}}
		ids := map[string]string{}
		for _, a := range g.Actors {
			id := slug(a.Name)
			ids[a.Name] = id
			act := polgraph.Actor{ID: id, Name: a.Name, Type: polgraph.ActorType(a.Type), Aliases: a.Aliases, Mentions: 1}
			switch {
			case hit(n.dropActor):
				continue
			case hit(n.renameActor):
				switch rng.IntN(6) {
				case 0: // a gold alias as the name: matched in the first pass
					if len(a.Aliases) > 0 {
						act.Name = a.Aliases[rng.IntN(len(a.Aliases))]
					}
				case 1: // matched only through the predicted aliases
					act.Name, act.Aliases = "Mr "+a.Name+" X", []string{strings.ToUpper(a.Name)}
				case 2: // unmatched
					act.Name, act.Aliases = a.Name+" Junior", nil
				case 3:
					act.Name = "the " + a.Name + "'s"
				case 4: // no id: the name is the id
					act.ID = ""
					ids[a.Name] = a.Name
				case 5: // the same actor twice: the second is a false positive
					res.Actors = append(res.Actors, act)
					act.ID += "-2"
				}
			}
			res.Actors = append(res.Actors, act)
		}
		if hit(0.2) {
			rng.Shuffle(len(res.Actors), func(i, j int) { res.Actors[i], res.Actors[j] = res.Actors[j], res.Actors[i] })
		}
		for _, r := range g.Relations {
			var preds []string
			if json.Unmarshal(r.Predicate, &preds) != nil {
				var p string
				if err := json.Unmarshal(r.Predicate, &p); err != nil {
					t.Fatal(err)
				}
				preds = []string{p}
			}
			if hit(n.dropRel) {
				continue
			}
			rel := polgraph.Relation{
				Subject: ids[r.Subject], Object: ids[r.Object],
				Predicate: polgraph.Predicate(preds[rng.IntN(len(preds))]),
				Modality:  polgraph.Modality(r.Modality),
			}
			if hit(n.reverseRel) {
				rel.Subject, rel.Object = rel.Object, rel.Subject
			}
			if hit(n.wrongPred) {
				rel.Predicate = polgraph.Predicates[rng.IntN(len(polgraph.Predicates))]
			}
			if hit(n.wrongModality) {
				rel.Modality = modalities[rng.IntN(len(modalities))]
			} else if rel.Modality == "" && hit(0.5) {
				rel.Modality = polgraph.Asserted
			}
			if hit(n.oddID) {
				rel.Object = "nobody"
			}
			rel.Category = rel.Predicate.Category()
			res.Relations = append(res.Relations, rel)
			if hit(n.dupRel) {
				d := rel
				if hit(0.5) {
					d.Subject, d.Object = d.Object, d.Subject
				}
				res.Relations = append(res.Relations, d)
			}
		}
		for len(res.Actors) > 1 && hit(n.extraRel) {
			a, b := res.Actors[rng.IntN(len(res.Actors))], res.Actors[rng.IntN(len(res.Actors))]
			p := polgraph.Predicates[rng.IntN(len(polgraph.Predicates))]
			res.Relations = append(res.Relations, polgraph.Relation{Subject: a.ID, Predicate: p, Object: b.ID,
				Category: p.Category(), Modality: modalities[rng.IntN(len(modalities))]})
		}
		line, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		if hit(n.oddID) { // keyed by a top-level id
			var m map[string]any
			if err := json.Unmarshal(line, &m); err != nil {
				t.Fatal(err)
			}
			m["id"], m["article"] = g.ID, map[string]any{}
			if line, err = json.Marshal(m); err != nil {
				t.Fatal(err)
			}
		}
		out.Write(line)
		out.WriteString(nl)
		if hit(n.oddID) {
			out.WriteString(nl) // a blank line
		}
	}
	out.WriteString(`{"article": {"id": "not-in-gold"}, "actors": [], "relations": []}` + nl)
	return out.String()
}

// TestAgreesWithScorePy runs score.py and this package on the dev gold and
// predictions made from it, and compares the output byte for byte.
func TestAgreesWithScorePy(t *testing.T) {
	shared := testenv.SharedDir(t, "eval/score.py", "eval/gold-dev.jsonl")
	python := needPython(t)
	script := filepath.Join(shared, "eval", "score.py")
	goldPath := filepath.Join(shared, "eval", "gold-dev.jsonl")
	gold := readGoldLines(t, goldPath)

	cases := map[string]string{
		"names-as-ids": writeFile(t, "names.jsonl", namesAsIDs(t, goldPath)),
		"empty":        writeFile(t, "empty.jsonl", ""),
		"perfect":      writeFile(t, "perfect.jsonl", predictions(t, gold, noise{seed: 1})),
	}
	for i, n := range []noise{
		{seed: 2, dropActor: 0.05, renameActor: 0.2, dropRel: 0.1, reverseRel: 0.1, wrongModality: 0.3},
		{seed: 3, dropArticle: 0.1, dropActor: 0.1, renameActor: 0.3, dropRel: 0.2, reverseRel: 0.2, wrongPred: 0.2,
			wrongModality: 0.3, dupRel: 0.2, extraRel: 0.5, oddID: 0.1, crlf: true},
		{seed: 4, renameActor: 0.5, wrongPred: 0.5, wrongModality: 0.6, dupRel: 0.5, extraRel: 0.8, oddID: 0.2},
		{seed: 5, dropArticle: 0.3, dropActor: 0.3, dropRel: 0.4, reverseRel: 0.5, extraRel: 0.3},
		{seed: 6, renameActor: 0.15, reverseRel: 0.3, wrongPred: 0.1, wrongModality: 0.1, dupRel: 0.1, extraRel: 0.2, oddID: 0.05},
	} {
		name := fmt.Sprintf("perturbed-%d", i+1)
		cases[name] = writeFile(t, name+".jsonl", predictions(t, gold, n))
	}

	names := slices.Sorted(func(yield func(string) bool) {
		for k := range cases {
			if !yield(k) {
				return
			}
		}
	})
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			pred := cases[name]
			g, err := LoadGold(goldPath)
			if err != nil {
				t.Fatal(err)
			}
			p, err := LoadPredictions(pred)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Score(g, p)
			if err != nil {
				t.Fatal(err)
			}
			for _, tc := range []struct {
				flags []string
				write func(w *bytes.Buffer) error
			}{
				{nil, func(w *bytes.Buffer) error { return rep.WriteText(w, false) }},
				{[]string{"--per-article"}, func(w *bytes.Buffer) error { return rep.WriteText(w, true) }},
				{[]string{"--json"}, func(w *bytes.Buffer) error { return rep.WriteJSON(w) }},
				{[]string{"--json", "--per-article"}, func(w *bytes.Buffer) error {
					if err := rep.WritePerArticle(w); err != nil {
						return err
					}
					return rep.WriteJSON(w)
				}},
			} {
				cmd := exec.Command(python, append([]string{script, goldPath, pred}, tc.flags...)...)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				want, err := cmd.Output()
				if err != nil {
					t.Fatalf("score.py %v: %v\n%s", tc.flags, err, stderr.Bytes())
				}
				var got bytes.Buffer
				if err := tc.write(&got); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Bytes(), want) {
					t.Errorf("flags %v:\n--- Go\n%s--- score.py\n%s", tc.flags, got.Bytes(), want)
				} else if testing.Verbose() && !slices.Contains(tc.flags, "--per-article") {
					t.Logf("score.py %v == WriteText/WriteJSON:\n%s", tc.flags, want)
				}
			}
		})
	}
}

// namesAsIDs is the gold with each relation's first predicate as a string:
// predictions whose actors have no ids, so that their names are the ids.
func namesAsIDs(t *testing.T, goldPath string) string {
	t.Helper()
	b, err := os.ReadFile(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		rels, _ := m["relations"].([]any)
		for _, r := range rels {
			r := r.(map[string]any)
			if ps, ok := r["predicate"].([]any); ok && len(ps) > 0 {
				r["predicate"] = ps[0]
			}
		}
		line, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		out.Write(line)
		out.WriteString("\n")
	}
	return out.String()
}

// The gold itself is no prediction: its predicates are lists, which
// score.py cannot hash. Both must refuse it.
func TestGoldAsPredictionFailsLikeScorePy(t *testing.T) {
	shared := testenv.SharedDir(t, "eval/score.py", "eval/gold-dev.jsonl")
	python := needPython(t)
	goldPath := filepath.Join(shared, "eval", "gold-dev.jsonl")
	out, err := exec.Command(python, filepath.Join(shared, "eval", "score.py"), goldPath, goldPath).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "unhashable type: 'list'") {
		t.Fatalf("score.py: err %v, output\n%s", err, out)
	}
	g, err := LoadGold(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Score(g, g); err == nil || !strings.Contains(err.Error(), "unhashable type: list") {
		t.Errorf("Score(gold, gold) = %v, want unhashable type: list", err)
	}
}

// TestVocabularyMatchesScorePy checks that extract's symmetric predicates
// and categories, which Score uses, are score.py's SYMMETRIC and CATEGORY.
func TestVocabularyMatchesScorePy(t *testing.T) {
	shared := testenv.SharedDir(t, "eval/score.py", "eval/gold-dev.jsonl")
	python := needPython(t)
	out, err := exec.Command(python, "-c",
		`import json, sys; sys.path.insert(0, sys.argv[1]); import score; `+
			`print(json.dumps({"symmetric": sorted(score.SYMMETRIC), "category": score.CATEGORY}))`,
		filepath.Join(shared, "eval")).Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var py struct {
		Symmetric []string
		Category  map[string]string
	}
	if err := json.Unmarshal(out, &py); err != nil {
		t.Fatal(err)
	}
	for _, p := range polgraph.Predicates {
		if got, want := p.Symmetric(), slices.Contains(py.Symmetric, string(p)); got != want {
			t.Errorf("%s: symmetric %v in extract, %v in score.py", p, got, want)
		}
		want, ok := py.Category[string(p)]
		if !ok {
			want = string(p)
		}
		if got := string(p.Category()); got != want {
			t.Errorf("%s: category %s in extract, %s in score.py", p, got, want)
		}
	}
	for p := range py.Category {
		if !polgraph.Predicate(p).Valid() {
			t.Errorf("score.py knows %s, extract does not", p)
		}
	}
	for _, p := range py.Symmetric {
		if !polgraph.Predicate(p).Valid() {
			t.Errorf("score.py knows %s, extract does not", p)
		}
	}
}

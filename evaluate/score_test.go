package evaluate

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testdata/gold.jsonl and pred.jsonl are hand-made: a1 has a symmetric
// relation predicted reversed and twice, an actor matched only through a
// predicted alias, one through a gold alias, a reversed asymmetric relation,
// a wrong negation and a wrong modality; a2 has no prediction; a3 has "The"
// before a gold name, a predicate given as a string, a negated relation, an
// optional actor and relation, a prediction keyed by top-level "id", and a
// same-category guess. The want* files are what score.py prints for them.
func loadFixture(t *testing.T) Report {
	t.Helper()
	gold, err := LoadGold("testdata/gold.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	pred, err := LoadPredictions("testdata/pred.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Score(gold, pred)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestScoreFixture(t *testing.T) {
	rep := loadFixture(t)
	want := Report{
		Articles: 3, MissingArticles: 1,
		Actors:        Counts{TP: 6, FP: 1, Found: 5, Required: 7},
		Type:          Counts{TP: 4, FP: 5, Found: 4, Required: 7},
		Category:      Counts{TP: 5, FP: 4, Found: 4, Required: 7},
		Pair:          Counts{TP: 7, FP: 2, Found: 5, Required: 7},
		ModalityRight: 0, ModalityTotal: 1,
	}
	got := rep
	got.PerArticle, got.PerType = nil, nil
	if got.Articles != want.Articles || got.MissingArticles != want.MissingArticles ||
		got.Actors != want.Actors || got.Type != want.Type || got.Category != want.Category ||
		got.Pair != want.Pair || got.ModalityRight != want.ModalityRight || got.ModalityTotal != want.ModalityTotal {
		t.Errorf("report\n got %+v\nwant %+v", got, want)
	}

	wantArticles := []ArticleScore{
		{ID: "a1", Actors: Counts{3, 1, 3, 3}, Type: Counts{3, 3, 3, 4}, Category: Counts{3, 3, 3, 4}, Pair: Counts{4, 2, 3, 4}},
		{ID: "a2", Actors: Counts{0, 0, 0, 2}, Type: Counts{0, 0, 0, 1}, Category: Counts{0, 0, 0, 1}, Pair: Counts{0, 0, 0, 1}},
		{ID: "a3", Actors: Counts{3, 0, 2, 2}, Type: Counts{1, 2, 1, 2}, Category: Counts{2, 1, 1, 2}, Pair: Counts{3, 0, 2, 2}},
	}
	if len(rep.PerArticle) != len(wantArticles) {
		t.Fatalf("%d articles, want %d", len(rep.PerArticle), len(wantArticles))
	}
	for i, w := range wantArticles {
		if rep.PerArticle[i] != w {
			t.Errorf("article %d\n got %+v\nwant %+v", i, rep.PerArticle[i], w)
		}
	}

	wantTypes := map[string]Counts{
		"MET_WITH":        {TP: 1, Found: 1, Required: 1},
		"CRITICIZED":      {TP: 1, FP: 1, Found: 1, Required: 1},
		"COERCED":         {TP: 1},
		"THREATENED":      {FP: 1, Found: 1, Required: 1}, // found through COERCED
		"LEADS":           {FP: 1, Required: 1},
		"ATTACKED":        {FP: 1, Required: 1},
		"REJECTED":        {TP: 1, Found: 1, Required: 1},
		"NEGOTIATED_WITH": {FP: 1},
		"SANCTIONED":      {Required: 1},
	}
	if !maps.Equal(rep.PerType, wantTypes) {
		t.Errorf("per type\n got %v\nwant %v", rep.PerType, wantTypes)
	}
}

// The fixture's output equals what score.py printed for it.
func TestWriteFixture(t *testing.T) {
	rep := loadFixture(t)
	for _, tc := range []struct {
		file  string
		write func(*bytes.Buffer) error
	}{
		{"want.txt", func(b *bytes.Buffer) error { return rep.WriteText(b, false) }},
		{"want-per-article.txt", func(b *bytes.Buffer) error { return rep.WriteText(b, true) }},
		{"want.json", func(b *bytes.Buffer) error { return rep.WriteJSON(b) }},
	} {
		t.Run(tc.file, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("got\n%s\nscore.py printed\n%s", b.Bytes(), want)
			}
		})
	}
}

func TestWriteTypeTable(t *testing.T) {
	var b bytes.Buffer
	if err := loadFixture(t).WriteTypeTable(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	want := []string{
		"| predicate | P | R | F1 | tp | fp | found | required |",
		"|---|---:|---:|---:|---:|---:|---:|---:|",
		"| LEADS | 0.000 | 0.000 | 0.000 | 0 | 1 | 0 | 1 |",
		"| MET_WITH | 1.000 | 1.000 | 1.000 | 1 | 0 | 1 | 1 |",
		"| NEGOTIATED_WITH | 0.000 | 0.000 | 0.000 | 0 | 1 | 0 | 0 |",
		"| CRITICIZED | 0.500 | 1.000 | 0.667 | 1 | 1 | 1 | 1 |",
		"| REJECTED | 1.000 | 1.000 | 1.000 | 1 | 0 | 1 | 1 |",
		"| THREATENED | 0.000 | 1.000 | 0.000 | 0 | 1 | 1 | 1 |",
		"| SANCTIONED | 0.000 | 0.000 | 0.000 | 0 | 0 | 0 | 1 |",
		"| COERCED | 1.000 | 0.000 | 0.000 | 1 | 0 | 0 | 0 |",
		"| ATTACKED | 0.000 | 0.000 | 0.000 | 0 | 1 | 0 | 1 |",
		"| **all** | 0.444 | 0.571 | 0.500 | 4 | 5 | 4 | 7 |",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", b.String(), strings.Join(want, "\n"))
	}
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct{ name, content, want string }{
		{"not JSON", "{\"id\": \"a\"}\n\n{oops}\n", "x.jsonl:3: not JSON: "},
		{"no id", "{\"id\": \"a\"}\r\n{\"article\": {\"title\": \"t\"}}\n", "x.jsonl:2: no article id"},
		{"empty id", "{\"id\": \"\", \"article\": {\"id\": \"\"}}\n", "x.jsonl:1: no article id"},
		{"extra data", "{\"id\": \"a\"} {\"id\": \"b\"}\n", "x.jsonl:1: not JSON: "},
		{"not an object", "[1, 2]\n", "x.jsonl:1: "},
		{"cr line ends", "{\"id\": \"a\"}\r{\"id\": \"b\"}\r{oops}", "x.jsonl:3: not JSON: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := writeFile(t, "x.jsonl", tc.content)
			_, err := LoadGold(p)
			if err == nil || !strings.HasPrefix(err.Error(), p[:len(p)-len("x.jsonl")]+tc.want) {
				t.Errorf("err = %v, want prefix %q", err, tc.want)
			}
		})
	}
}

func TestLoadOrderAndIDs(t *testing.T) {
	p := writeFile(t, "x.jsonl", "{\"id\": \"b\", \"v\": 1}\n \t\n{\"article\": {\"id\": 7}}\n{\"id\": \"b\", \"v\": 2}\n{\"id\": 0, \"article\": {\"id\": \"z\"}}\n\x1c\n")
	arts, err := LoadPredictions(p)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(arts.IDs(), ","), "b,7,z"; got != want {
		t.Errorf("ids %s, want %s", got, want)
	}
	if v := arts.byID["b"]["v"]; v != any(json.Number("2")) {
		t.Errorf("b is %v, want the later line", v)
	}
}

func TestScoreErrors(t *testing.T) {
	for _, tc := range []struct{ name, gold, pred, want string }{
		{"unknown actor",
			`{"id": "g", "actors": [{"name": "Iran"}], "relations": [{"subject": "Iran", "predicate": ["MET_WITH"], "object": "Iraq"}]}`,
			`{"id": "g"}`, "relation names an actor not in its actors"},
		{"unhashable id",
			`{"id": "g", "actors": [{"name": "Iran"}]}`,
			`{"id": "g", "actors": [{"id": ["x"], "name": "Iran"}]}`, "unhashable type: list"},
		{"symmetric ids of two types",
			`{"id": "g", "actors": [{"name": "Iran"}]}`,
			`{"id": "g", "actors": [{"id": "iran", "name": "Iran"}], "relations": [{"subject": "iran", "predicate": "MET_WITH", "object": 3}]}`,
			"'>' not supported"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gold, err := LoadGold(writeFile(t, "gold.jsonl", tc.gold))
			if err != nil {
				t.Fatal(err)
			}
			pred, err := LoadPredictions(writeFile(t, "pred.jsonl", tc.pred))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Score(gold, pred); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

// odd-*.jsonl are valid JSON that no extractor writes: numeric and boolean
// ids (1.0 finds the actor with id 1; 5.0 is not article "5"), aliases as one string (its
// letters), "\r\n" and "\r" line ends, a null relation end matching an actor
// with neither id nor name. want-odd.txt is score.py's --per-article output
// followed by its --json output.
func TestOddInputFixture(t *testing.T) {
	gold, err := LoadGold("testdata/odd-gold.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	pred, err := LoadPredictions("testdata/odd-pred.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Score(gold, pred)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rep.WriteText(&b, true); err != nil {
		t.Fatal(err)
	}
	if err := rep.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("testdata/want-odd.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("got\n%s\nscore.py printed\n%s", b.Bytes(), want)
	}
}

package evaluate

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/polgraph/polgraph"
)

// levels are the report's sections in score.py's order and naming.
func (r Report) levels() []struct {
	name string
	c    Counts
} {
	return []struct {
		name string
		c    Counts
	}{
		{"actors", r.Actors},
		{"relations_type", r.Type},
		{"relations_category", r.Category},
		{"relations_pair", r.Pair},
	}
}

// modalityAccuracy is round(right/total, 4) in Python's str(), or "None".
func (r Report) modalityAccuracy() string {
	if r.ModalityTotal == 0 {
		return "None"
	}
	return floatRepr(round4(float64(r.ModalityRight) / float64(r.ModalityTotal)))
}

// WritePerArticle writes score.py's --per-article lines: per gold article,
// actor F1 and type-level relation P/R/F1 with their counts. score.py
// prints them before its summary, also with --json.
func (r Report) WritePerArticle(w io.Writer) error {
	var b strings.Builder
	for _, a := range r.PerArticle {
		_, _, af := a.Actors.PRF()
		p, rc, f := a.Type.PRF()
		fmt.Fprintf(&b, "%s\tactors F1 %.2f\trelations P %.2f R %.2f F1 %.2f\t(tp %d fp %d found %d/%d)\n",
			a.ID, af, p, rc, f, a.Type.TP, a.Type.FP, a.Type.Found, a.Type.Required)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteText writes what `score.py GOLD PRED` prints, byte for byte, with
// the --per-article lines first when perArticle is set.
func (r Report) WriteText(w io.Writer, perArticle bool) error {
	if perArticle {
		if err := r.WritePerArticle(w); err != nil {
			return err
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "articles %d (missing from prediction: %d)\n", r.Articles, r.MissingArticles)
	for _, l := range r.levels() {
		p, rc, f := l.c.PRF()
		// score.py formats the values it has already rounded to 4 places.
		fmt.Fprintf(&b, "%-20s P %.3f  R %.3f  F1 %.3f   (tp %d, fp %d, required found %d/%d)\n",
			l.name, round4(p), round4(rc), round4(f), l.c.TP, l.c.FP, l.c.Found, l.c.Required)
	}
	fmt.Fprintf(&b, "modality accuracy on matched relations: %s\n", r.modalityAccuracy())
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes what `score.py GOLD PRED --json` prints (without the
// per-article lines; see WritePerArticle): one json.dumps line, same keys
// in the same order, values rounded to 4 places and formatted as Python
// formats floats (0.5, 1.0, 0.6667).
func (r Report) WriteJSON(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, `{"articles": %d, "missing_articles": %d`, r.Articles, r.MissingArticles)
	for _, l := range r.levels() {
		p, rc, f := l.c.PRF()
		fmt.Fprintf(&b, `, "%s": {"precision": %s, "recall": %s, "f1": %s, "tp": %d, "fp": %d, "found": %d, "required": %d}`,
			l.name, floatRepr(round4(p)), floatRepr(round4(rc)), floatRepr(round4(f)), l.c.TP, l.c.FP, l.c.Found, l.c.Required)
	}
	acc := r.modalityAccuracy()
	if acc == "None" {
		acc = "null"
	}
	fmt.Fprintf(&b, `, "modality_accuracy": %s}`+"\n", acc)
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteTypeTable writes Report.PerType as a Markdown table for the README:
// one row per predicate seen in gold or predictions, in the order of
// ontology.md (unknown predicates after, sorted), then the type level as a
// whole. P, R and F1 are rounded as in WriteText; see Report.PerType for
// what they measure.
func (r Report) WriteTypeTable(w io.Writer) error {
	var keys []string
	for _, p := range polgraph.Predicates {
		if _, ok := r.PerType[string(p)]; ok {
			keys = append(keys, string(p))
		}
	}
	var other []string
	for k := range r.PerType {
		if !polgraph.Predicate(k).Valid() {
			other = append(other, k)
		}
	}
	slices.Sort(other)
	keys = append(keys, other...)

	var b strings.Builder
	b.WriteString("| predicate | P | R | F1 | tp | fp | found | required |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|\n")
	row := func(name string, c Counts) {
		p, rc, f := c.PRF()
		fmt.Fprintf(&b, "| %s | %.3f | %.3f | %.3f | %d | %d | %d | %d |\n",
			name, round4(p), round4(rc), round4(f), c.TP, c.FP, c.Found, c.Required)
	}
	for _, k := range keys {
		row(markdownCell(k), r.PerType[k])
	}
	row("**all**", r.Type)
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownCell keeps a predicate from breaking its table row.
func markdownCell(s string) string {
	if s == "" {
		return strconv.Quote(s)
	}
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.Join(strings.Fields(s), " ")
}

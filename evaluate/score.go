// Package evaluate scores an extraction against gold annotations. It is a
// port of ../shared/eval/score.py, the reference scorer, and prints the
// same numbers to the last digit: the same matching (formats.md, "Gold
// annotations"), the same dedup, the same rounding and float formatting.
// Inputs are handled as the JSON values Python would see, so odd files
// (ids that are numbers, aliases given as one string) score as score.py
// scores them; where score.py would crash, Score returns an error.
//
// Known differences, all on input score.py would also treat as broken or
// that no extractor writes: the NaN/Infinity literals Python's json accepts
// are "not JSON" here; lone UTF-16 surrogates in strings are read as
// U+FFFD; dict keys in error messages are sorted; and the Unicode tables
// are Go's (15.0), so a character new since Python's version is a word
// character here but not in an older Python.
package evaluate

import (
	"fmt"

	"github.com/polgraph/polgraph"
)

// Counts are the tallies behind one precision/recall/F1 triple.
type Counts struct {
	TP       int // predictions that match a gold item, required or optional
	FP       int // predictions that match none
	Found    int // required gold items matched by some prediction
	Required int // required (not optional) gold items
}

// PRF returns precision TP/(TP+FP), recall Found/Required and their
// harmonic mean; each is 0 when its denominator is.
func (c Counts) PRF() (p, r, f float64) {
	if c.TP+c.FP != 0 {
		p = float64(c.TP) / float64(c.TP+c.FP)
	}
	if c.Required != 0 {
		r = float64(c.Found) / float64(c.Required)
	}
	if p+r != 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func (c *Counts) add(o Counts) {
	c.TP += o.TP
	c.FP += o.FP
	c.Found += o.Found
	c.Required += o.Required
}

// An ArticleScore is one gold article's share of a Report.
type ArticleScore struct {
	ID                           string
	Actors, Type, Category, Pair Counts
}

// A Report is the outcome of Score.
type Report struct {
	Articles        int // distinct gold article ids
	MissingArticles int // gold articles with no prediction
	Actors          Counts
	// Relations at three levels: Type needs the exact predicate (one of the
	// gold's list), Category its PLOVER category, Pair only subject and
	// object (in either order). Type and Category keep the direction unless
	// the predicted or a gold predicate is symmetric.
	Type, Category, Pair Counts
	// Modality over type-level matches: for each matching prediction, the
	// first gold relation it matches counts when that gold relation has a
	// modality other than "negated"; right when the predicted modality
	// ("asserted" if empty) is the same.
	ModalityRight, ModalityTotal int
	PerArticle                   []ArticleScore // in gold file order
	// PerType breaks the type level down by predicate P. TP and FP count
	// the (deduplicated) predicted relations whose predicate is P: a TP
	// matches some gold relation at the type level. Required counts the
	// required gold relations whose first listed predicate is P, and Found
	// those of them that some prediction matches at the type level.
	// Precision is thus "of the P we predicted, how many were right" and
	// recall "of the gold relations annotated first as P, how many we
	// found" (possibly through another of their listed predicates). A
	// predicate that is not a string is keyed by its Python str().
	PerType map[string]Counts
}

// Score compares predictions with gold, article by article in gold order;
// articles only in pred are ignored. It fails where score.py exits or
// crashes: on a gold relation naming an actor not in its article's actors,
// and on values of the wrong JSON type.
func Score(gold, pred *Articles) (Report, error) {
	rep := Report{Articles: gold.Len(), PerType: map[string]Counts{}}
	for _, id := range gold.ids {
		if _, ok := pred.byID[id]; !ok {
			rep.MissingArticles++
		}
	}
	for _, id := range gold.ids {
		as, mod, err := scoreArticle(gold.byID[id], pred.byID[id], rep.PerType) // nil when missing
		if err != nil {
			return Report{}, fmt.Errorf("article %s: %w", id, err)
		}
		as.ID = id
		rep.Actors.add(as.Actors)
		rep.Type.add(as.Type)
		rep.Category.add(as.Category)
		rep.Pair.add(as.Pair)
		rep.ModalityRight += mod[0]
		rep.ModalityTotal += mod[1]
		rep.PerArticle = append(rep.PerArticle, as)
	}
	return rep, nil
}

type goldRel struct {
	s, o              int
	preds, cats       map[string]bool // hash keys of the predicates and their categories
	sym               bool            // some listed predicate is symmetric
	first             string          // str() of the first listed predicate
	hasFirst          bool
	optional, negated bool
	modality          any
}

type predRel struct {
	s, o         int // gold actor indices, -1 for none
	p            any
	pKey, catKey string
	sym          bool
	negated      bool
	modality     any
}

type relKey struct {
	s, p, o string
	negated bool
}

const (
	levelType = iota
	levelCategory
	levelPair
)

// scoreArticle is score.py's score_article; pred is nil when the article
// has no prediction. perType gathers the type-level breakdown.
func scoreArticle(gold, pred map[string]any, perType map[string]Counts) (ArticleScore, [2]int, error) {
	var as ArticleScore
	var modality [2]int
	ga, err := dicts(or(gold["actors"], []any{}), "actors")
	if err != nil {
		return as, modality, err
	}
	var pa []map[string]any
	if pred != nil {
		if pa, err = dicts(or(pred["actors"], []any{}), "predicted actors"); err != nil {
			return as, modality, err
		}
	}
	goldNames, err := goldActorNames(ga)
	if err != nil {
		return as, modality, err
	}
	assign, err := matchActors(goldNames, pa)
	if err != nil {
		return as, modality, err
	}
	for _, a := range ga {
		if !truthy(a["optional"]) {
			as.Actors.Required++
		}
	}
	for _, i := range assign {
		if i < 0 {
			as.Actors.FP++
			continue
		}
		as.Actors.TP++
		if !truthy(ga[i]["optional"]) {
			as.Actors.Found++
		}
	}

	goldIndex := map[string]int{}
	for i, a := range ga {
		goldIndex[norm(a["name"].(string))] = i // checked by goldActorNames
	}
	grels, err := goldRelations(gold, goldIndex)
	if err != nil {
		return as, modality, err
	}
	var prels []predRel
	if pred != nil {
		if prels, err = predRelations(pred, assign); err != nil {
			return as, modality, err
		}
	}

	for level, c := range []*Counts{&as.Type, &as.Category, &as.Pair} {
		for _, g := range grels {
			if !g.optional {
				c.Required++
			}
		}
		hit := make([]bool, len(grels))
		for _, p := range prels {
			first := -1
			for j := range grels {
				if matches(level, p, grels[j]) {
					if first < 0 {
						first = j
					}
					hit[j] = true
				}
			}
			if first >= 0 {
				c.TP++
				if level == levelType {
					if g := grels[first]; truthy(g.modality) && !g.negated {
						modality[1]++
						if equal(or(p.modality, "asserted"), g.modality) {
							modality[0]++
						}
					}
				}
			} else {
				c.FP++
			}
			if level == levelType {
				pt := perType[str(p.p)]
				if first >= 0 {
					pt.TP++
				} else {
					pt.FP++
				}
				perType[str(p.p)] = pt
			}
		}
		for j, g := range grels {
			if hit[j] && !g.optional {
				c.Found++
			}
			if level == levelType && g.hasFirst && !g.optional {
				pt := perType[g.first]
				pt.Required++
				if hit[j] {
					pt.Found++
				}
				perType[g.first] = pt
			}
		}
	}
	return as, modality, nil
}

// dicts is iterating v where every item must be a dict (score.py calls .get
// or [] on each).
func dicts(v any, what string) ([]map[string]any, error) {
	items, err := iterate(v)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	out := make([]map[string]any, len(items))
	for i, x := range items {
		m, ok := x.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s[%d]: a %s, not an object", what, i, typeName(x))
		}
		out[i] = m
	}
	return out, nil
}

// normAll adds norm(x) to set for each x in "v or []".
func normAll(set map[string]bool, v any, what string) error {
	items, err := iterate(or(v, []any{}))
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	for _, x := range items {
		s, ok := x.(string)
		if !ok {
			return fmt.Errorf("%s: a %s, not a string", what, typeName(x))
		}
		set[norm(s)] = true
	}
	return nil
}

// goldActorNames returns, per gold actor, its normalised name and aliases.
func goldActorNames(ga []map[string]any) ([]map[string]bool, error) {
	out := make([]map[string]bool, len(ga))
	for i, a := range ga {
		v, ok := a["name"]
		if !ok {
			return nil, fmt.Errorf("gold actor %d has no name", i)
		}
		name, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("gold actor %d: name is a %s, not a string", i, typeName(v))
		}
		out[i] = map[string]bool{norm(name): true}
		if err := normAll(out[i], a["aliases"], fmt.Sprintf("gold actor %q aliases", name)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// matchActors is score.py's match_actors: one-to-one, greedy in prediction
// order, first on predicted canonical names, then also on predicted
// aliases. It maps the hash key of each predicted id (id, or name when id
// is empty) to a gold actor index, -1 for none.
func matchActors(goldNames []map[string]bool, pa []map[string]any) (map[string]int, error) {
	taken := make([]bool, len(goldNames))
	assign := map[string]int{}
	for _, useAliases := range []bool{false, true} {
		for _, a := range pa {
			pid, err := hashKey(or(a["id"], a["name"]))
			if err != nil {
				return nil, fmt.Errorf("predicted actor id: %w", err)
			}
			if i, ok := assign[pid]; ok && i >= 0 {
				continue
			}
			v, ok := a["name"]
			if !ok {
				v = ""
			}
			name, ok := v.(string)
			if !ok {
				return nil, fmt.Errorf("predicted actor name is a %s, not a string", typeName(v))
			}
			names := map[string]bool{norm(name): true}
			if useAliases {
				if err := normAll(names, a["aliases"], fmt.Sprintf("predicted actor %q aliases", name)); err != nil {
					return nil, err
				}
			}
			matched := false
			for i, g := range goldNames {
				if !taken[i] && intersects(names, g) {
					assign[pid] = i
					taken[i] = true
					matched = true
					break
				}
			}
			if _, ok := assign[pid]; !matched && !ok {
				assign[pid] = -1
			}
		}
	}
	return assign, nil
}

func intersects(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

// symmetric reports whether p is a symmetric predicate (p in SYMMETRIC).
func symmetric(p any) bool {
	s, ok := p.(string)
	return ok && polgraph.Predicate(s).Symmetric()
}

// categoryKey is the hash key of category(p): the PLOVER category of a
// known predicate, else p itself.
func categoryKey(p any) (string, error) {
	if s, ok := p.(string); ok && polgraph.Predicate(s).Valid() {
		return "s" + string(polgraph.Predicate(s).Category()), nil
	}
	return hashKey(p)
}

func goldRelations(gold map[string]any, goldIndex map[string]int) ([]goldRel, error) {
	rels, err := dicts(or(gold["relations"], []any{}), "relations")
	if err != nil {
		return nil, err
	}
	out := make([]goldRel, 0, len(rels))
	for _, r := range rels {
		var ends [2]int
		for k, field := range []string{"subject", "object"} {
			v, ok := r[field]
			if !ok {
				return nil, fmt.Errorf("gold relation %s has no %s", repr(r), field)
			}
			s, ok := v.(string)
			if !ok {
				return nil, fmt.Errorf("gold relation %s: %s is a %s, not a string", repr(r), field, typeName(v))
			}
			i, ok := goldIndex[norm(s)]
			if !ok {
				i = -1
			}
			ends[k] = i
		}
		if ends[0] < 0 || ends[1] < 0 {
			gid := gold["id"]
			return nil, fmt.Errorf("gold %s: relation names an actor not in its actors: %s", str(gid), repr(r))
		}
		pv, ok := r["predicate"]
		if !ok {
			return nil, fmt.Errorf("gold relation %s has no predicate", repr(r))
		}
		preds, isList := pv.([]any)
		if !isList {
			preds = []any{pv}
		}
		g := goldRel{
			s: ends[0], o: ends[1],
			preds: map[string]bool{}, cats: map[string]bool{},
			optional: truthy(r["optional"]),
			negated:  equal(r["modality"], "negated"),
			modality: r["modality"],
		}
		for _, p := range preds {
			k, err := hashKey(p)
			if err != nil {
				return nil, fmt.Errorf("gold relation %s predicate: %w", repr(r), err)
			}
			g.preds[k] = true
			ck, _ := categoryKey(p)
			g.cats[ck] = true
			g.sym = g.sym || symmetric(p)
		}
		if len(preds) > 0 {
			g.first, g.hasFirst = str(preds[0]), true
		}
		out = append(out, g)
	}
	return out, nil
}

func predRelations(pred map[string]any, assign map[string]int) ([]predRel, error) {
	rels, err := dicts(or(pred["relations"], []any{}), "predicted relations")
	if err != nil {
		return nil, err
	}
	lookup := func(v any) (int, error) {
		k, err := hashKey(v)
		if err != nil {
			return -1, err
		}
		if i, ok := assign[k]; ok {
			return i, nil
		}
		return -1, nil
	}
	seen := map[relKey]bool{}
	var out []predRel
	for _, r := range rels {
		subj, obj, p := r["subject"], r["object"], r["predicate"]
		s, err := lookup(subj)
		if err != nil {
			return nil, fmt.Errorf("predicted relation subject: %w", err)
		}
		o, err := lookup(obj)
		if err != nil {
			return nil, fmt.Errorf("predicted relation object: %w", err)
		}
		pKey, err := hashKey(p)
		if err != nil {
			return nil, fmt.Errorf("predicted relation predicate: %w", err)
		}
		sym := symmetric(p)
		ks, ko := subj, obj
		if sym {
			gt, err := greater(subj, obj)
			if err != nil {
				return nil, fmt.Errorf("predicted relation %s %v %s: %w", repr(subj), p, repr(obj), err)
			}
			if gt {
				ks, ko = obj, subj
			}
		}
		negated := equal(r["modality"], "negated")
		k := relKey{p: pKey, negated: negated}
		k.s, _ = hashKey(ks) // both hashed by lookup
		k.o, _ = hashKey(ko)
		if seen[k] {
			continue
		}
		seen[k] = true
		catKey, _ := categoryKey(p)
		out = append(out, predRel{s: s, o: o, p: p, pKey: pKey, catKey: catKey, sym: sym,
			negated: negated, modality: r["modality"]})
	}
	return out, nil
}

func samePair(p predRel, g goldRel, ordered bool) bool {
	if p.s < 0 || p.o < 0 {
		return false
	}
	if p.s == g.s && p.o == g.o {
		return true
	}
	return !ordered && p.s == g.o && p.o == g.s
}

// matches is score.py's matcher(level)(p, g).
func matches(level int, p predRel, g goldRel) bool {
	if p.negated != g.negated {
		return false
	}
	if level == levelPair {
		return samePair(p, g, false)
	}
	if !samePair(p, g, !(p.sym || g.sym)) {
		return false
	}
	if level == levelType {
		return g.preds[p.pKey]
	}
	return g.cats[p.catKey]
}

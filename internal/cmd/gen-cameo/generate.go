package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/polgraph/polgraph"
)

// Base confidences of the generated entries. They sit below the
// hand-written lexicon's defaults (0.85 for a verb pattern), because CAMEO's
// block-wide codes are coarse and its dictionary was tuned for 1979-2015
// wire news; the measurement on the gold sets will say what they are worth.
const (
	confBareVerb = 0.6 // a verb alone with its (often block-wide) code: "S impose O"
	confPattern  = 0.7 // a verb with the pattern's words: "S impose sanctions against O"
)

// An entry is one line of cameo.tsv.
type entry struct {
	Pred     polgraph.Predicate
	Pattern  string
	Conf     float64
	Modality string
	Code     string   // the CAMEO code that decided Pred
	Line     int      // its line in CAMEO.2.0.txt
	Forms    []string // irregular forms of the verb given in CAMEO's {...}
}

func (e entry) key() string { return string(e.Pred) + "\t" + e.Pattern + "\t" + e.Modality }

// figures are what a run prints.
type figures struct {
	Blocks, Verbs, Patterns       int
	Synsets                       int
	VerbEntries, PatternEntries   int // before de-duplication
	Duplicates                    int
	PatternsForCommentVerbs       int // patterns applied only to the verb named in their comment
	PatternsForBlock              int // patterns applied to every verb of their block
	PlaceholdersDropped           int // patterns converted after dropping a ^ placeholder
	DroppedVerbs, DroppedPatterns counter
	SkippedVerbs, SkippedPatterns counter
	PerPredicate                  counter
	NoObject                      counter // entries "S verb words" without O, per predicate
}

// generate converts a dictionary into sorted, de-duplicated entries.
func generate(d *dictionary, pl ploverTable) ([]entry, *figures) {
	f := &figures{Blocks: len(d.Blocks), Synsets: len(d.Synsets),
		DroppedVerbs: counter{}, DroppedPatterns: counter{}, SkippedVerbs: counter{},
		SkippedPatterns: counter{}, PerPredicate: counter{}, NoObject: counter{}}
	var out []entry
	for _, b := range d.Blocks {
		for _, v := range b.Verbs {
			f.Verbs++
			m := pl.mapCode(v.Code)
			if m.Drop != "" {
				f.DroppedVerbs.add(m.Drop)
				continue
			}
			pat, err := verbPattern(v, "O")
			if err != nil {
				f.SkippedVerbs.add(err.Error())
				continue
			}
			out = append(out, entry{Pred: m.Pred, Pattern: pat, Conf: confBareVerb, Modality: m.Modality,
				Code: m.Code, Line: v.Line, Forms: v.Forms})
			f.VerbEntries++
		}
		for _, p := range b.Patterns {
			f.Patterns++
			m := pl.mapCode(p.Code)
			if m.Drop != "" {
				f.DroppedPatterns.add(m.Drop)
				continue
			}
			es, err := convertPattern(d, b, p, m, f)
			if err != nil {
				f.SkippedPatterns.add(err.Error())
				continue
			}
			out = append(out, es...)
			f.PatternEntries += len(es)
		}
	}
	seen := map[string]bool{}
	kept := out[:0]
	for _, e := range out {
		if seen[e.key()] {
			f.Duplicates++
			continue
		}
		seen[e.key()] = true
		kept = append(kept, e)
		f.PerPredicate.add(string(e.Pred))
		if !strings.HasSuffix(e.Pattern, " O") && !strings.Contains(e.Pattern, " O ") {
			f.NoObject.add(string(e.Pred))
		}
	}
	sort.SliceStable(kept, func(i, j int) bool {
		a, b := kept[i], kept[j]
		if a.Pred != b.Pred {
			return a.Pred < b.Pred
		}
		if a.Pattern != b.Pattern {
			return a.Pattern < b.Pattern
		}
		return a.Modality < b.Modality
	})
	return kept, f
}

// convertPattern turns one pattern line into entries, one per verb it
// applies to and synonym-set member.
func convertPattern(d *dictionary, b *block, p *pattern, m mapping, f *figures) ([]entry, error) {
	sh, err := parseShape(p.Text)
	if err != nil {
		return nil, err
	}
	if sh.symmetricOnly && !m.Pred.Symmetric() {
		return nil, skipNoTargetSlot
	}
	rests, err := sh.expand(d.Synsets)
	if err != nil {
		return nil, err
	}
	verbs, named := verbsFor(b, p.Comment)
	var out []entry
	var lastErr error
	for _, v := range verbs {
		for _, rest := range rests {
			pat, err := verbPattern(v, rest)
			if err != nil {
				lastErr = err
				continue
			}
			out = append(out, entry{Pred: m.Pred, Pattern: pat, Conf: confPattern, Modality: m.Modality,
				Code: m.Code, Line: p.Line, Forms: v.Forms})
		}
	}
	if len(out) == 0 {
		if lastErr == nil {
			lastErr = skipError("block has no verb")
		}
		return nil, lastErr
	}
	if named {
		f.PatternsForCommentVerbs++
	} else {
		f.PatternsForBlock++
	}
	if sh.dropped {
		f.PlaceholdersDropped++
	}
	return out, nil
}

// verbsFor returns the verbs of a block a pattern applies to. CAMEO.2.0.txt
// names in each pattern's comment the verb it was written for ("# RUSH");
// PETRARCH applies a pattern to every verb of its block, which in the broad
// blocks (ARRANGE: arrange, base, place, post, put, set, stage, ...) makes
// "S base fire O" of "- * FIRE [180] # SET". So a pattern goes to the verbs
// its comment names, and to the whole block only when it names none.
func verbsFor(b *block, comment string) ([]*verb, bool) {
	words := strings.FieldsFunc(strings.ToUpper(comment), func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r == '_' || r == '+')
	})
	named := map[string]bool{}
	for _, w := range words {
		named[strings.ReplaceAll(w, "+", "")] = true
	}
	var out []*verb
	for _, v := range b.Verbs {
		if named[v.Key] {
			out = append(out, v)
		}
	}
	if len(out) > 0 {
		return out, true
	}
	return b.Verbs, false
}

// Source descriptions for the generated header.
const (
	cameoSource  = "openeventdata/petrarch2 @676801c, petrarch2/data/dictionaries/CAMEO.2.0.txt, via ../shared/resources/cameo"
	ploverSource = "openeventdata/PLOVER @5e0c24f, CAMEO2PLOVER-2021.txt (PLOVER manual draft 0.8), via ../shared/resources/plover"
	regenerate   = "make gen-cameo   (go run ./internal/cmd/gen-cameo)"
)

// writeTSV writes the header and the entries.
func writeTSV(w io.Writer, d *dictionary, entries []entry) error {
	copyright := d.Copyright
	if copyright == "" {
		copyright = "(no copyright line found in the source)"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `# GENERATED FILE: do not edit by hand. Regenerate with
#   %s
# Trigger patterns converted from the CAMEO verb-pattern dictionary:
#   %s
#   The MIT License (MIT), %s
# CAMEO codes are mapped to polgraph's relation types through the CAMEO-to-PLOVER table
#   %s
#   licensed CC BY-SA 4.0, and the prefix rules in internal/cmd/gen-cameo/mapping.go.
#
# Columns (TAB-separated):
#   PREDICATE  pattern  confidence  modality  CAMEO-code  source  verb-forms
# The first three are those of extract/lexicon/triggers.tsv. modality is
# "intended" for CAMEO 03x (express intent), empty where the sentence decides;
# source is the CAMEO.2.0.txt line the entry comes from; verb-forms are the
# irregular forms CAMEO lists for the pattern's verb (comma-separated).
# An empty last column is left out.
# %d entries.
`, regenerate, cameoSource, copyright, ploverSource, len(entries))
	for _, e := range entries {
		line := fmt.Sprintf("%s\t%s\t%.2f\t%s\t%s\t%s:%d\t%s", e.Pred, e.Pattern, e.Conf, e.Modality,
			e.Code, d.File, e.Line, strings.Join(e.Forms, ","))
		b.WriteString(strings.TrimRight(line, "\t") + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

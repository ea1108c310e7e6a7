package extract

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/polgraph/polgraph"
)

//go:embed lexicon/*.tsv lexicon/cameo/*.tsv
var builtinLexicon embed.FS

// A trigger is one lexicon entry: the words that signal a relation and where
// its two sides are. The pattern language of lexicon/*.tsv:
//
//	S meet with O          verb pattern: S is the clause subject, the first word
//	                       is a verb (all its inflections match), O follows
//	                       the last word; "O be attacked by S" is matched too
//	S meet                 symmetric verb with no object: "X and Y met"
//	meeting with O         nominal pattern: the subject is the possessor or
//	                       modifier before the noun ("Iran's", "US") or else
//	                       the clause subject
//	talks between S and O  both sides inside the phrase
//
// Up to two modifiers (determiners, adjectives, adverbs, numbers) may stand
// between consecutive words: "imposed new economic sanctions on".
type trigger struct {
	Pred    polgraph.Predicate
	Words   []string   // lower-case lemmas, slots removed
	Forms   [][]string // accepted surface forms of each word
	After   [][]string // forms of words that must follow O: "S designate O as terrorist"
	OfAt    int        // ofTrigger: index in Words of the first word after S ("from")
	Kind    triggerKind
	Conf    float64 // the pattern's base confidence
	Pattern string  // as written, for --explain
	Source  string  // file:line; for CAMEO entries also the code and the dictionary line
	// Modality is the modality the pattern itself states ("express intent
	// to meet": intended); empty when the sentence decides.
	Modality  polgraph.Modality
	Code      string // the CAMEO event code of a CAMEO-derived entry
	cameoLine string // its line in the CAMEO dictionary
}

type triggerKind int

const (
	verbTrigger    triggerKind = iota // S w... O [w...]
	verbNoObject                      // S w...   (symmetric, coordinated subject)
	nounTrigger                       // w... O
	betweenTrigger                    // w between S and O
	ofTrigger                         // w of S prep O: "withdrawal of S from O"
)

func (k triggerKind) String() string {
	return [...]string{"verb", "verb-coordinated", "noun", "between", "noun-of"}[k]
}

// lexicon indexes triggers by the surface forms of their first word.
type lexicon struct {
	byFirst  map[string][]*trigger
	size     int
	patterns map[string]bool // the hand-written patterns, lower case
}

// cameoLexicon is the trigger file converted from the CAMEO verb dictionary
// (make gen-cameo). It is read after the hand-written files, and an entry
// whose pattern a hand-written line already has is left out: the
// hand-written lexicon wins.
const cameoLexicon = "lexicon/cameo/cameo.tsv"

// cameoKept says which CAMEO entries the extractor uses. Measured on
// gold-train and gold-dev, CAMEO's bare verbs (WordNet synonyms filed under
// their block's code: "grant", "give", "consider", "surround") and its
// symmetric patterns without an object ("S announce plans") each added
// several wrong relations for every right one; phrase patterns with an
// object ("S call for O", "S impose sanctions on O") are kept, but not
// those with "between": "S host talks between O" would make the host a
// side, where the hand-written "talks between S and O" finds both sides.
func cameoKept(t *trigger) bool {
	return len(t.Words) >= 2 && t.Kind != verbNoObject && !slices.Contains(t.Words, "between")
}

func newLexicon() *lexicon {
	return &lexicon{byFirst: map[string][]*trigger{}, patterns: map[string]bool{}}
}

// loadLexicon reads the built-in trigger files (the hand-written ones, then
// the CAMEO-derived one), then the user's.
func loadLexicon(extra ...string) (*lexicon, error) {
	lx := newLexicon()
	names, err := builtinLexicon.ReadDir("lexicon")
	if err != nil {
		return nil, err
	}
	var builtin []string
	for _, n := range names {
		if !n.IsDir() {
			builtin = append(builtin, "lexicon/"+n.Name())
		}
	}
	builtin = append(builtin, cameoLexicon)
	if err := readFiles(builtinLexicon, builtin, extra, "lexicon", lx.add); err != nil {
		return nil, err
	}
	for k, ts := range lx.byFirst {
		// Longer patterns first: "hold talks with" before "hold".
		sort.SliceStable(ts, func(i, j int) bool { return len(ts[i].Words) > len(ts[j].Words) })
		lx.byFirst[k] = ts
	}
	return lx, nil
}

func (lx *lexicon) add(file string, data []byte) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		t, err := parseTrigger(line)
		if err != nil {
			return fmt.Errorf("lexicon %s:%d: %w", file, n, err)
		}
		t.Source = fmt.Sprintf("%s:%d", file, n)
		key := strings.ToLower(t.Pattern)
		if file == cameoLexicon {
			if lx.patterns[key] || !cameoKept(t) {
				continue
			}
			t.Source = fmt.Sprintf("CAMEO %s, %s (%s)", t.Code, t.Source, t.cameoLine)
		} else {
			lx.patterns[key] = true
		}
		for _, f := range t.Forms[0] {
			lx.byFirst[f] = append(lx.byFirst[f], t)
		}
		lx.size++
	}
	return sc.Err()
}

// parseTrigger reads "PREDICATE<TAB>pattern[<TAB>confidence]", and the
// columns the CAMEO conversion adds: modality, CAMEO code, dictionary line
// and irregular verb forms (comma-separated).
func parseTrigger(line string) (*trigger, error) {
	f := strings.Split(line, "\t")
	if len(f) < 2 {
		return nil, fmt.Errorf("want PREDICATE<TAB>pattern[<TAB>confidence[<TAB>modality<TAB>code<TAB>source<TAB>forms]]")
	}
	col := func(i int) string {
		if i < len(f) {
			return strings.TrimSpace(f[i])
		}
		return ""
	}
	t := &trigger{Pred: polgraph.Predicate(strings.TrimSpace(f[0])), Pattern: strings.TrimSpace(f[1])}
	if !t.Pred.Valid() {
		return nil, fmt.Errorf("predicate %q is not in the vocabulary", t.Pred)
	}
	if len(f) > 2 && strings.TrimSpace(f[2]) != "" {
		c, err := strconv.ParseFloat(strings.TrimSpace(f[2]), 64)
		if err != nil || c <= 0 || c > 1 {
			return nil, fmt.Errorf("confidence %q is not in (0, 1]", f[2])
		}
		t.Conf = c
	}
	words := strings.Fields(strings.ToLower(t.Pattern))
	var kept, after []string
	hasS, hasO, ofS := false, false, -1
	for i, w := range words {
		switch w {
		case "s":
			hasS = true
			switch {
			case i == 0, i >= 1 && words[i-1] == "between":
			case i >= 2 && words[i-1] == "of" && i+2 < len(words) && words[len(words)-1] == "o":
				ofS = len(kept) // "withdrawal of S from O"
			default:
				return nil, fmt.Errorf("S must start the pattern or follow \"between\" or \"NOUN of\"")
			}
			continue
		case "o":
			if hasO {
				return nil, fmt.Errorf("O twice")
			}
			hasO = true
			continue
		}
		if hasO {
			after = append(after, w)
			continue
		}
		kept = append(kept, w)
	}
	if len(after) > 0 && !(hasS && words[0] == "s") {
		return nil, fmt.Errorf("words after O need a verb pattern (S verb O ...)")
	}
	for _, w := range after {
		t.After = append(t.After, wordForms(w))
	}
	if len(kept) == 0 {
		return nil, fmt.Errorf("pattern has no words")
	}
	switch {
	case ofS > 0:
		t.Kind = ofTrigger
		t.OfAt = ofS
	case len(kept) >= 2 && kept[len(kept)-2] == "between" && kept[len(kept)-1] == "and" && hasS && hasO:
		t.Kind = betweenTrigger
		kept = kept[:len(kept)-1] // "and" is matched by the attachment code
	case hasS && words[0] == "s" && hasO:
		t.Kind = verbTrigger
	case hasS && words[0] == "s":
		if !t.Pred.Symmetric() {
			return nil, fmt.Errorf("a pattern without O needs a symmetric predicate")
		}
		t.Kind = verbNoObject
	case !hasS && hasO:
		t.Kind = nounTrigger
	default:
		return nil, fmt.Errorf("cannot tell the pattern's kind: use S ... O, S ..., ... O or ... between S and O")
	}
	if m := polgraph.Modality(col(3)); m != "" {
		if !m.Valid() {
			return nil, fmt.Errorf("modality %q is not one of asserted, negated, intended, possible", m)
		}
		t.Modality = m
	}
	t.Code, t.cameoLine = col(4), col(5)
	t.Words = kept
	for i, w := range kept {
		switch {
		case i == 0 && (t.Kind == verbTrigger || t.Kind == verbNoObject):
			forms := verbForms(w)
			if irregular := col(6); irregular != "" {
				forms = append(forms, strings.Split(irregular, ",")...)
			}
			t.Forms = append(t.Forms, forms)
		case isFunctionWord(w):
			t.Forms = append(t.Forms, []string{w})
		default:
			t.Forms = append(t.Forms, wordForms(w))
		}
	}
	if t.Conf == 0 {
		t.Conf = map[triggerKind]float64{verbTrigger: 0.85, verbNoObject: 0.8, nounTrigger: 0.7, betweenTrigger: 0.75, ofTrigger: 0.7}[t.Kind]
	}
	return t, nil
}

var functionWords = map[string]bool{
	"with": true, "on": true, "to": true, "between": true, "of": true, "against": true, "from": true,
	"for": true, "in": true, "into": true, "at": true, "by": true, "over": true, "and": true, "the": true,
	"a": true, "an": true, "out": true, "up": true, "off": true, "down": true, "as": true, "about": true,
	"upon": true, "toward": true, "towards": true, "across": true, "back": true, "away": true, "'s": true,
}

func isFunctionWord(w string) bool { return functionWords[w] }

var irregular = map[string][]string{
	"meet": {"met"}, "hold": {"held"}, "give": {"gave", "given"}, "take": {"took", "taken"},
	"strike": {"struck", "stricken"}, "speak": {"spoke", "spoken"}, "withdraw": {"withdrew", "withdrawn"},
	"shoot": {"shot"}, "fight": {"fought"}, "send": {"sent"}, "sell": {"sold"}, "lead": {"led"},
	"win": {"won"}, "begin": {"began", "begun"}, "break": {"broke", "broken"}, "make": {"made"},
	"bring": {"brought"}, "buy": {"bought"}, "tell": {"told"}, "say": {"said"}, "see": {"saw", "seen"},
	"go": {"went", "gone"}, "come": {"came"}, "do": {"did", "done", "does"}, "have": {"had", "has"},
	"be": {"is", "are", "was", "were", "been", "being", "am"}, "pay": {"paid"}, "lay": {"laid"},
	"keep": {"kept"}, "put": {"put"}, "set": {"set"}, "cut": {"cut"}, "hit": {"hit"}, "quit": {"quit"},
	"beat": {"beaten"}, "seek": {"sought"}, "stand": {"stood"}, "run": {"ran"}, "drive": {"drove", "driven"},
	"write": {"wrote", "written"}, "rise": {"rose", "risen"}, "choose": {"chose", "chosen"},
	"freeze": {"froze", "frozen"}, "overthrow": {"overthrew", "overthrown"}, "flee": {"fled"},
	"lend": {"lent"}, "spend": {"spent"}, "steal": {"stole", "stolen"}, "forbid": {"forbade", "forbidden"},
	"undertake": {"undertook", "undertaken"}, "shake": {"shook", "shaken"}, "bid": {"bid"},
	"spread": {"spread"}, "feel": {"felt"}, "leave": {"left"}, "draw": {"drew", "drawn"},
	"throw": {"threw", "thrown"}, "upset": {"upset"}, "oversee": {"oversaw", "overseen"},
	"withhold": {"withheld"}, "uphold": {"upheld"}, "sweep": {"swept"}, "swear": {"swore", "sworn"},
	"blow": {"blew", "blown"}, "bear": {"bore", "borne"}, "slay": {"slew", "slain"}, "hang": {"hung", "hanged"},
	"seize": {"seized"}, "tear": {"tore", "torn"}, "stick": {"stuck"}, "get": {"got", "gotten"},
	"find": {"found"}, "understand": {"understood"}, "mislead": {"misled"}, "forgive": {"forgave", "forgiven"},
}

// verbForms returns the inflections of a verb lemma: base, -s, -ed, -ing and
// irregular forms. Over-generation is harmless: a non-word never occurs.
func verbForms(v string) []string {
	set := map[string]bool{v: true}
	for _, f := range irregular[v] {
		set[f] = true
	}
	n := len(v)
	switch {
	case strings.HasSuffix(v, "e") && !strings.HasSuffix(v, "ee"):
		set[v+"s"], set[v+"d"], set[v[:n-1]+"ing"] = true, true, true
	case strings.HasSuffix(v, "y") && n > 1 && !strings.ContainsRune("aeiou", rune(v[n-2])):
		set[v[:n-1]+"ies"], set[v[:n-1]+"ied"], set[v+"ing"] = true, true, true
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "x") || strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "z"):
		set[v+"es"], set[v+"ed"], set[v+"ing"] = true, true, true
	default:
		set[v+"s"], set[v+"ed"], set[v+"ing"] = true, true, true
		if n >= 3 && isCVC(v) {
			last := v[n-1:]
			set[v+last+"ed"], set[v+last+"ing"] = true, true
		}
	}
	if strings.HasSuffix(v, "ee") {
		set[v+"s"], set[v+"d"], set[v+"ing"] = true, true, true
	}
	return keys(set)
}

// wordForms returns a noun's or adjective's forms: singular and plural.
func wordForms(w string) []string {
	set := map[string]bool{w: true}
	n := len(w)
	switch {
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "sh") || strings.HasSuffix(w, "ch"):
		set[w+"es"] = true
	case strings.HasSuffix(w, "y") && n > 1 && !strings.ContainsRune("aeiou", rune(w[n-2])):
		set[w[:n-1]+"ies"] = true
	default:
		set[w+"s"] = true
	}
	return keys(set)
}

func isCVC(v string) bool {
	n := len(v)
	vowel := func(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }
	return !vowel(v[n-1]) && vowel(v[n-2]) && !vowel(v[n-3]) && strings.IndexByte("wxy", v[n-1]) < 0
}

func keys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

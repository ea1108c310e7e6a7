package main

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/polgraph/polgraph"
)

// TestShapes converts single CAMEO patterns: the text after "S verb", or
// the reason the pattern is skipped.
func TestShapes(t *testing.T) {
	synsets := map[string][]string{"&MILITARY": {"army", "armed forces"}}
	tests := []struct {
		name, in string
		want     []string // texts after the verb
		symOnly  bool
		skip     error
	}{
		{"verb alone", "*", []string{"O"}, false, nil},
		{"explicit target", "* SANCTIONS AGAINST +", []string{"sanctions against O"}, false, nil},
		{"source before the verb", "$ * +", []string{"O"}, false, nil},
		{"open preposition takes the target", "* INCURSION (INTO)", []string{"incursion into O"}, false, nil},
		{"target inside a phrase", "* (INTO + POSIT)", []string{"into O posit"}, false, nil},
		{"target after an open preposition", "* CLAIM (AGAINST) +", []string{"claim against O"}, false, nil},
		{"prepositional phrases (required, as in PETRARCH2): the direct object is the target", "* (ON ALERT) (ALONG BORDER)", []string{"O on alert along border"}, false, nil},
		{"noun phrase braces go", "* (FOR {FINANCIAL AID})", []string{"O for financial aid"}, false, nil},
		{"underscore joins words", "* DEBT_RELIEF (TO)", []string{"debt relief to O"}, false, nil},
		{"synset expands", "* (WITH &MILITARY)", []string{"O with army", "O with armed forces"}, false, nil},
		{"disjunction", "* (BY/WITH F/A-18)", []string{"O by f/a-18", "O with f/a-18"}, false, nil},
		{"placeholder phrase dropped", "* TALKS (IN ^) (WITH)", []string{"talks with O"}, false, nil},
		{"object noun only: symmetric types", "* TALKS", []string{"talks"}, true, nil},
		{"words before the verb", "&MILITARY * EXERCISES", nil, false, skipPreWords},
		{"target before the verb", "+ * ROCKET", nil, false, skipPreTarget},
		{"source after the verb", "* FROM $ TO +", nil, false, skipSourceAfter},
		{"compound actor", "% &AIRCRAFT *", nil, false, skipCompound},
		{"two targets", "* + (WITH +)", nil, false, skipTwoTargets},
		{"two open prepositions", "* TRAINS (FROM) (TO)", nil, false, skipTwoOpenPreps},
		{"no verb", "SANCTIONS", nil, false, skipNoVerb},
		{"unbalanced", "* (TO BE {SEEN", nil, false, skipMalformed},
		{"undefined synset", "* (WITH &NAVY)", nil, false, skipSynsetUnknown},
		{"slot word", "* O (TO)", nil, false, skipSlotWord},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sh, err := parseShape(tc.in)
			var got []string
			if err == nil {
				got, err = sh.expand(synsets)
			}
			if tc.skip != nil {
				if !errors.Is(err, tc.skip) {
					t.Fatalf("%q: err %v, want %v", tc.in, err, tc.skip)
				}
				return
			}
			if err != nil {
				t.Fatalf("%q: %v", tc.in, err)
			}
			if !reflect.DeepEqual(got, tc.want) || sh.symmetricOnly != tc.symOnly {
				t.Errorf("%q: %q symmetricOnly=%v, want %q %v (%s)", tc.in, got, sh.symmetricOnly, tc.want, tc.symOnly, sh.describe())
			}
		})
	}
}

// TestVerbLines reads synonym lines: irregular forms, multi-word verbs,
// own codes, and lines that cannot be read.
func TestVerbLines(t *testing.T) {
	tests := []struct {
		in, pattern, code string
		forms             []string
		err               bool
	}{
		{"IMPOSE", "S impose O", "170", nil, false},
		{"LEVY {LEVYING LEVIED LEVIES }", "S levy O", "170", []string{"levying", "levied", "levies"}, false},
		{"+ASK_FOR {+ASKED_FOR +ASKING_FOR +ASKS_FOR} [020]", "S ask for O", "020", []string{"asked", "asking", "asks"}, false},
		{"+CRACK_DOWN {+CRACKED_DOWN , +CRACKS_DOWN , +CRACKING_DOWN}", "S crack down O", "170", []string{"cracked", "cracks", "cracking"}, false},
		{"+ANGERED_BY {}", "S angered by O", "170", nil, false},
		{"REQUEST  [020]", "S request O", "020", nil, false},
		{"WIRE_+TAP {WIRE_+TAPS}", "", "170", []string{"taps"}, false}, // verbPattern refuses it
		{"TWO WORDS", "", "", nil, true},
		{"BEEF_UP", "", "", nil, true}, // multi-word without '+'
		{"LEVY {LEVIED", "", "", nil, true},
	}
	for _, tc := range tests {
		v, err := parseVerbLine(tc.in, "170")
		if tc.err {
			if err == nil {
				t.Errorf("%q: no error", tc.in)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		pat, perr := verbPattern(v, "O")
		if tc.pattern == "" {
			if !errors.Is(perr, skipFrontVerb) {
				t.Errorf("%q: pattern %q err %v, want %v", tc.in, pat, perr, skipFrontVerb)
			}
		} else if pat != tc.pattern || perr != nil {
			t.Errorf("%q: pattern %q err %v, want %q", tc.in, pat, perr, tc.pattern)
		}
		if v.Code != tc.code || !reflect.DeepEqual(v.Forms, tc.forms) {
			t.Errorf("%q: code %q forms %q, want %q %q", tc.in, v.Code, v.Forms, tc.code, tc.forms)
		}
	}
}

// TestMapCode maps CAMEO codes through the sample PLOVER table and the rules.
func TestMapCode(t *testing.T) {
	pl, err := readPlover(strings.NewReader(samplePlover+"07: AID\n10: REQUEST\n11: ACCUSE\n05: SUPPORT\n08: CONCEDE\n08: RETREAT\n087: RETREAT, disarm, military\n"), "plover.txt")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		code, wantCode string
		pred           polgraph.Predicate
		modality       string
		dropped        bool
	}{
		{"042", "042", polgraph.Visited, "", false},
		{"042:043", "042", polgraph.Visited, "", false}, // the source->target half
		{"043", "043", polgraph.MetWith, "", false},     // host: symmetric MET_WITH
		{"046:046", "046", polgraph.NegotiatedWith, "", false},
		{"041", "041", polgraph.NegotiatedWith, "", false},
		{"163", "163", polgraph.Sanctioned, "", false}, // PLOVER says COERCE; our rule 16 wins
		{"1712", "1712", polgraph.Attacked, "", false},
		{"173", "173", polgraph.Coerced, "", false},   // PLOVER COERCE, one type
		{"1723", "1723", polgraph.Coerced, "", false}, // nearest listed ancestor 17
		{"191", "191", polgraph.Coerced, "", false},
		{"192", "192", polgraph.Attacked, "", false},
		{"190", "190", polgraph.Attacked, "", false},
		{"0356", "0356", polgraph.RetreatedFrom, "intended", false}, // most specific rule
		{"0354", "0354", polgraph.ConcededTo, "intended", false},
		{"036", "036", polgraph.NegotiatedWith, "intended", false},
		{"0312", "0312", polgraph.CooperatedWith, "intended", false},
		{"020", "020", polgraph.Requested, "", false},
		{"1041", "1041", polgraph.Requested, "", false},
		{"120", "120", polgraph.Rejected, "", false}, // reject stays asserted: no modality
		{"112", "112", polgraph.Criticized, "", false},
		{"050", "050", polgraph.Supported, "", false}, // support, back: PLOVER SUPPORT
		{"051", "051", polgraph.Supported, "", false},
		{"057", "057", polgraph.AgreedWith, "", false},
		{"084", "084", polgraph.ConcededTo, "", false},
		{"087", "087", polgraph.RetreatedFrom, "", false},
		{"071", "071", polgraph.Aided, "", false},
		{"010", "010", "", "", true},
		{"090", "090", "", "", true},
		{"055", "055", "", "", true},
		{"---", "---", "", "", true},
		{":173", ":173", "", "", true},
		{"080!", "080!", "", "", true},
		{"1", "1", "", "", true},
		{"2100", "2100", "", "", true}, // not in the table
	}
	for _, tc := range tests {
		m := pl.mapCode(tc.code)
		if m.Pred != tc.pred || m.Modality != tc.modality || (m.Drop != "") != tc.dropped || m.Code != tc.wantCode {
			t.Errorf("%s: %+v, want %s %q code %s dropped=%v", tc.code, m, tc.pred, tc.modality, tc.wantCode, tc.dropped)
		}
	}
}

// TestRules checks the rule table itself: valid types and modalities, and
// no prefix listed twice.
func TestRules(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range rules {
		if seen[r.prefix] {
			t.Errorf("prefix %s twice", r.prefix)
		}
		seen[r.prefix] = true
		if r.pred != "" && !r.pred.Valid() {
			t.Errorf("%s: %q is not a type", r.prefix, r.pred)
		}
		if r.modality != "" && r.modality != intended {
			t.Errorf("%s: modality %q", r.prefix, r.modality)
		}
		if r.why == "" {
			t.Errorf("%s: no reason", r.prefix)
		}
	}
}

// TestInputErrors: errors name the file and the line.
func TestInputErrors(t *testing.T) {
	_, err := readPlover(strings.NewReader("# head\n04: CONSULT\nnonsense here\n"), "p.txt")
	if err == nil || !strings.Contains(err.Error(), "p.txt:3") {
		t.Errorf("plover error %v, want p.txt:3", err)
	}
	_, err = readDictionary(strings.NewReader("&SET\n+A\n"), "c.txt")
	if err == nil || !strings.Contains(err.Error(), "c.txt") {
		t.Errorf("dictionary error %v, want c.txt", err)
	}
	d, err := readDictionary(strings.NewReader("####### VERB PATTERNS\nSTRAY\n--- X [010] ---\n- * [\n"), "c.txt")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"c.txt:2: line outside a verb block", "c.txt:4: malformed pattern line"}; !reflect.DeepEqual(d.Problems, want) {
		t.Errorf("problems %q, want %q", d.Problems, want)
	}
}

// FuzzGenerate: no input makes the reader or the converter panic.
func FuzzGenerate(f *testing.F) {
	f.Add(sampleDict)
	f.Add("####### VERB PATTERNS\n--- X [010] ---\nX\n- * ((+ [1]\n- }{ * $ [04]\n")
	f.Add("####### VERB PATTERNS\n---\n- [\n+_+ {+}\n--- [ ---\n")
	pl, err := readPlover(strings.NewReader(samplePlover), "plover.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string) {
		d, err := readDictionary(strings.NewReader(in), "fuzz.txt")
		if err != nil {
			return
		}
		entries, _ := generate(d, pl)
		for _, e := range entries {
			if !strings.HasPrefix(e.Pattern, "S ") || strings.ContainsAny(e.Pattern, "\t\n") {
				t.Fatalf("bad pattern %q", e.Pattern)
			}
		}
	})
}

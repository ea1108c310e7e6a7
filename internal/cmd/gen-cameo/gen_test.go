package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/extract"
	"github.com/polgraph/polgraph/internal/testenv"
)

// committed is the generated file, from this package's directory.
var committed = filepath.Join("..", "..", "..", "extract", "lexicon", "cameo", "cameo.tsv")

// TestCommittedFileIsCurrent rebuilds cameo.tsv from the shared CAMEO and
// PLOVER files and compares it byte for byte with the committed one, twice,
// so that the file is reproducible and nobody edits it by hand.
func TestCommittedFileIsCurrent(t *testing.T) {
	cameoRel := filepath.Join("resources", "cameo", "CAMEO.2.0.txt")
	ploverRel := filepath.Join("resources", "plover", "CAMEO2PLOVER-2021.txt")
	dir := testenv.SharedDir(t, cameoRel, ploverRel)
	want, err := os.ReadFile(committed)
	if err != nil {
		t.Fatal(err)
	}
	for run := 1; run <= 2; run++ {
		got, _, _, err := build(filepath.Join(dir, cameoRel), filepath.Join(dir, ploverRel))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
			for i := 0; i < len(gl) && i < len(wl); i++ {
				if gl[i] != wl[i] {
					t.Fatalf("run %d: %s line %d differs from a fresh build (run make gen-cameo):\n got: %q\nwant: %q", run, committed, i+1, gl[i], wl[i])
				}
			}
			t.Fatalf("run %d: %s has %d lines, a fresh build %d (run make gen-cameo)", run, committed, len(wl), len(gl))
		}
	}
}

// TestCommittedFileLoads loads cameo.tsv with today's lexicon loader, as a
// user file (--lexicon): every line must parse, the extra columns being
// ignored, and a CAMEO-only verb must fire.
func TestCommittedFileLoads(t *testing.T) {
	x, err := extract.New(extract.Options{LexiconFiles: []string{committed}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := x.Extract(polgraph.Article{ID: "cameo", Published: "2022-03-01",
		Text: "Russia bombarded Ukraine on Tuesday."})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range res.Relations {
		got = append(got, r.Subject+" "+string(r.Predicate)+" "+r.Object)
	}
	if !strings.Contains(strings.Join(got, "\n"), "russia ATTACKED ukraine") {
		t.Errorf("relations %q, want russia ATTACKED ukraine from CAMEO's bombard", got)
	}
}

// A small dictionary in CAMEO.2.0.txt's format.
const sampleDict = `# test dictionary
# Copyright (c) 2015 Test Alliance
####### SYNONYM SETS #######
&MILITARY
+ARMY
+ARMED_FORCES

####### VERB PATTERNS #######
---  IMPOSE   [170]  ---
IMPOSE
LEVY {LEVYING LEVIED LEVIES }
- * SANCTIONS AGAINST +                 [163]   # IMPOSE
- * SANCTIONS                           [163]   # IMPOSE
- * BLOCKADE (ON)                       [191]   # IMPOSE
- &MILITARY * CURFEW                    [1723]  # IMPOSE

---  MEET   [040]  ---
+MEET_WITH {+MET_WITH +MEETS_WITH +MEETING_WITH }
MEET {MEETS MET MEETING}
- * (FOR TALKS)                         [046:046] # MEET
- * TALKS                               [046]   # MEET
- $ * (IN ^) (WITH +)                   [044]   # MEET
- * (TO {BANNED PARTIES}) $             [1722]  # MEET
- * (AT HEARING)                        [:173]  # MEET

---  SAY   [010]  ---
SAY {SAID SAYING}
WIRE_+TAP [173]
- * (WITH &MILITARY)                    [0312]  # SAY

---  BROKEN   [120]---  ---
SPURN ;tony 3/9/91
- * OFFER                               [---]   # SPURN
- * (TO BE {SEEN                        [120]   # SPURN
`

// TestGenerateSample converts the sample and checks every entry and figure.
func TestGenerateSample(t *testing.T) {
	d, err := readDictionary(strings.NewReader(sampleDict), "test.txt")
	if err != nil {
		t.Fatal(err)
	}
	if d.Copyright != "Copyright (c) 2015 Test Alliance" {
		t.Errorf("copyright %q", d.Copyright)
	}
	pl, err := readPlover(strings.NewReader(samplePlover), "plover.txt")
	if err != nil {
		t.Fatal(err)
	}
	entries, f := generate(d, pl)
	var got []string
	for _, e := range entries {
		got = append(got, strings.Join([]string{string(e.Pred), e.Pattern, e.Modality, e.Code,
			strings.Join(e.Forms, ",")}, "|"))
	}
	want := []string{
		"COERCED|S impose O||170|",                                            // bare verb, the block's code
		"COERCED|S impose blockade on O||191|",                                // O after the open preposition (ON)
		"COERCED|S levy O||170|levying,levied,levies",                         // irregular forms kept
		"COOPERATED_WITH|S say O with armed forces|intended|0312|said,saying", // synset, 03x intended
		"COOPERATED_WITH|S say O with army|intended|0312|said,saying",
		"MET_WITH|S meet O||040|meets,met,meeting",
		"MET_WITH|S meet with O||040|met,meets,meeting",             // +MEET_WITH, and "$ * (IN ^) (WITH +)" [044]
		"NEGOTIATED_WITH|S meet O for talks||046|meets,met,meeting", // "042:043"-style pair: first half
		"NEGOTIATED_WITH|S meet talks||046|meets,met,meeting",       // symmetric: "X and Y met for talks"
		"REJECTED|S spurn O||120|",                                  // "[120]---" header and ";tony" comment read
		"SANCTIONED|S impose sanctions against O||163|",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entries:\n got %q\nwant %q", got, want)
	}
	checks := []struct {
		what      string
		got, want int
	}{
		{"blocks", f.Blocks, 4},
		{"verbs", f.Verbs, 7},
		{"patterns", f.Patterns, 12},
		{"duplicates", f.Duplicates, 1},
		{"placeholders dropped", f.PlaceholdersDropped, 1},
		{"verbs dropped 01x", f.DroppedVerbs["CAMEO 01: public statement: no relation to a target"], 1},
		{"verbs skipped WIRE_+TAP", f.SkippedVerbs[string(skipFrontVerb)], 1},
		{"patterns dropped ---", f.DroppedPatterns["null code (---): the verb alone is no event"], 1},
		{"patterns dropped [:173]", f.DroppedPatterns["target->source code only ([:X])"], 1},
		{"patterns skipped: object noun", f.SkippedPatterns[string(skipNoTargetSlot)], 1},
		{"patterns skipped: subject words", f.SkippedPatterns[string(skipPreWords)], 1},
		{"patterns skipped: $ after", f.SkippedPatterns[string(skipSourceAfter)], 1},
		{"patterns skipped: unbalanced", f.SkippedPatterns[string(skipMalformed)], 1},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.what, c.got, c.want)
		}
	}
	var buf bytes.Buffer
	if err := writeTSV(&buf, d, entries); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		"#   The MIT License (MIT), Copyright (c) 2015 Test Alliance\n",
		"SANCTIONED\tS impose sanctions against O\t0.70\t\t163\ttest.txt:12\n",
		"COERCED\tS impose O\t0.60\t\t170\ttest.txt:10\n",
		"COERCED\tS levy O\t0.60\t\t170\ttest.txt:11\tlevying,levied,levies\n",
		"COOPERATED_WITH\tS say O with army\t0.70\tintended\t0312\ttest.txt:29\tsaid,saying\n",
	} {
		if !strings.Contains(buf.String(), line) {
			t.Errorf("output lacks %q:\n%s", line, buf.String())
		}
	}
}

const samplePlover = `# test table
04: CONSULT
040: CONSULT, ,  # Consult
046: CONSULT,   , diplomatic    # Engage in negotiation
06: COOPERATE
12: REJECT
120: REJECT,  ,    # Reject
16: SANCTION
163: COERCE, restrict,   diplomatic # Impose embargo, boycott, or sanctions
17: COERCE
170: COERCE, ,    # Coerce
1712: ASSAULT, seize, human_security  # Destroy property
173: COERCE, arrest, legal            # Arrest, detain, or charge with legal action
191: COERCE, restrict, military       # Impose blockade, restrict movement
19: ASSAULT
190: ASSAULT, , military # Use conventional military force
`

package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/polgraph/polgraph"
)

// Table tests for the small rule functions the stages are built from.

func TestIsHeadingLine(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Iran and Israel trade strikes", true},
		{"Khamenei met Pezeshkian on Sunday.", false},
		{`He said: "We will respond."`, false},
		{"Sources:", false},
		{strings.Repeat("long heading ", 20), false},
	}
	for _, tt := range tests {
		t.Run(tt.line[:min(len(tt.line), 30)], func(t *testing.T) {
			if got := isHeadingLine(tt.line); got != tt.want {
				t.Errorf("isHeadingLine(%q) = %v, want %v", tt.line, got, tt.want)
			}
		})
	}
}

func TestSplitHyphens(t *testing.T) {
	tests := []struct {
		tok  string
		want []string
	}{
		{"U.S.-Iran", []string{"U.S.", "-", "Iran"}},
		{"Iranian-backed", []string{"Iranian", "-", "backed"}},
		{"well-known", []string{"well-known"}},
		{"Abdul-Mahdi", []string{"Abdul", "-", "Mahdi"}},
		{"-Iran", []string{"-Iran"}},
		{"a--B", []string{"a--B"}},
	}
	for _, tt := range tests {
		t.Run(tt.tok, func(t *testing.T) {
			var got []string
			off := 0
			for _, p := range splitHyphens(tt.tok) {
				if p.off != off || tt.tok[p.off:p.off+len(p.text)] != p.text {
					t.Fatalf("piece %q at %d does not sit at its offset in %q", p.text, p.off, tt.tok)
				}
				off = p.off + len(p.text)
				got = append(got, p.text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("splitHyphens(%q) = %q, want %q", tt.tok, got, tt.want)
			}
		})
	}
}

func TestSlug(t *testing.T) {
	tests := map[string]string{
		"Ali Khamenei":             "ali-khamenei",
		"Côte d'Ivoire":            "cote-divoire",
		"U.S. Department of State": "us-department-of-state",
		"  Hezbollah  ":            "hezbollah",
		"Recep Tayyip Erdoğan":     "recep-tayyip-erdogan",
		"G7":                       "g7",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			if got := slug(in); got != want {
				t.Errorf("slug(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestNameShapes(t *testing.T) {
	tests := []struct {
		s                         string
		acronym, allCaps, initial bool
	}{
		{"NATO", true, true, false},
		{"U.N.", true, true, false},
		{"Iran", false, false, false},
		{"R.", true, false, true}, // one letter is no all-caps word
		{"SUPERCALIFRAGILISTIC", false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.s, func(t *testing.T) {
			if got := isAcronym(tt.s); got != tt.acronym {
				t.Errorf("isAcronym = %v, want %v", got, tt.acronym)
			}
			if got := isAllCaps(tt.s); got != tt.allCaps {
				t.Errorf("isAllCaps = %v, want %v", got, tt.allCaps)
			}
			if got := isInitial(tt.s); got != tt.initial {
				t.Errorf("isInitial = %v, want %v", got, tt.initial)
			}
		})
	}
}

func TestVerbForms(t *testing.T) {
	tests := []struct {
		verb string
		want []string // must all be present
	}{
		{"meet", []string{"meet", "meets", "met", "meeting"}},
		{"criticize", []string{"criticizes", "criticized", "criticizing"}},
		{"deny", []string{"denies", "denied", "denying"}},
		{"impose", []string{"imposes", "imposed", "imposing"}},
		{"ban", []string{"bans", "banned", "banning"}},
		{"agree", []string{"agrees", "agreed", "agreeing"}},
		{"push", []string{"pushes", "pushed", "pushing"}},
	}
	for _, tt := range tests {
		t.Run(tt.verb, func(t *testing.T) {
			got := verbForms(tt.verb)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("verbForms(%q) = %q lacks %q", tt.verb, got, w)
				}
			}
		})
	}
	for w, want := range map[string]string{"sanction": "sanctions", "ally": "allies", "tax": "taxes"} {
		if got := wordForms(w); !slices.Contains(got, want) {
			t.Errorf("wordForms(%q) = %q lacks %q", w, got, want)
		}
	}
}

func TestParseTrigger(t *testing.T) {
	tests := []struct {
		line    string
		kind    triggerKind
		words   []string
		conf    float64
		wantErr bool
	}{
		{"MET_WITH\tS meet with O", verbTrigger, []string{"meet", "with"}, 0, false},
		{"MET_WITH\tS meet", verbNoObject, []string{"meet"}, 0, false},
		{"MET_WITH\tmeeting with O\t0.8", nounTrigger, []string{"meeting", "with"}, 0.8, false},
		{"IN_CONFLICT_WITH\ttensions between S and O", betweenTrigger, []string{"tensions", "between"}, 0, false},
		{"SANCTIONED\tS boycott O\t0.60\t\t163\tCAMEO.2.0.txt:7993", verbTrigger, []string{"boycott"}, 0.6, false},
		{"NEGOTIATED_WITH\tS fly to O\t0.70\tintended\t036\tCAMEO.2.0.txt:1990\tflying,flies,flew,flown", verbTrigger, []string{"fly", "to"}, 0.7, false},
		{"MET_WITH\tS meet O\t0.7\tsoon", 0, nil, 0, true},
		{"HATES\tS hate O", 0, nil, 0, true},
		{"MET_WITH\tS meet with O\tlots", 0, nil, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			tr, err := parseTrigger(tt.line)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("parseTrigger(%q) accepted a bad line", tt.line)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tr.Kind != tt.kind || !slices.Equal(tr.Words, tt.words) {
				t.Errorf("parseTrigger(%q) = %v %q, want %v %q", tt.line, tr.Kind, tr.Words, tt.kind, tt.words)
			}
			if tt.conf != 0 && tr.Conf != tt.conf {
				t.Errorf("confidence %v, want %v", tr.Conf, tt.conf)
			}
			if strings.Contains(tt.line, "intended") && (tr.Modality != polgraph.Intended || !slices.Contains(tr.Forms[0], "flew")) {
				t.Errorf("CAMEO columns not read: modality %q, forms %q", tr.Modality, tr.Forms[0])
			}
		})
	}
}

func TestCreditStart(t *testing.T) {
	toks := func(ws ...string) []token {
		out := make([]token, len(ws))
		for i, w := range ws {
			out[i] = token{Text: w, Lower: strings.ToLower(w)}
		}
		return out
	}
	if got := creditStart(toks("Trump", "spoke", ".", "Image", ":", "Gage", "Skidmore")); got != 3 {
		t.Errorf("credit at %d, want 3", got)
	}
	if got := creditStart(toks("The", "image", "of", "Trump")); got != 4 {
		t.Errorf("no credit: got %d, want the length 4", got)
	}
}

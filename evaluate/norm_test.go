package evaluate

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/polgraph/polgraph/internal/testenv"
)

// The wanted values are score.py's norm on the same strings (python3, 3.11).
func TestNorm(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "Iran", "iran"},
		{"the prefix", "The United States", "united states"},
		{"the only once", "the the Hague", "the hague"},
		{"the alone", "The", "the"},
		{"theocracy", "Theocracy", "theocracy"},
		{"acronym dots", "U.S.", "us"},
		{"acronym with the", "the U.S. Senate", "us senate"},
		{"possessive", "Ali Khamenei's", "ali khamenei"},
		{"possessive curly", "Ali Khamenei’s", "ali khamenei"},
		{"possessive mid word", "Khamenei'sson", "khameneisson"},
		{"possessive then punct", "Iran's, Israel's.", "iran israel"},
		{"apostrophe name", "Côte d'Ivoire", "côte divoire"},
		{"apostrophe s name", "Ma'shuq", "mashuq"},
		{"hyphen", "Guinea-Bissau", "guinea bissau"},
		{"double hyphen spaces", "  Al--Qaeda \t in\n Yemen  ", "al qaeda in yemen"},
		{"en dash dropped", "Israel–Hamas", "israelhamas"},
		{"sharp s", "Straße", "strasse"},
		{"capital sharp s", "STRASSE ẞ", "strasse ss"},
		{"dotted capital I", "İstanbul", "istanbul"},
		{"dotless i", "Dıyarbakır", "dıyarbakır"},
		{"final sigma", "ΟΔΥΣΣΕΥΣ", "οδυσσευσ"},
		{"greek lower", "Ελλάδα", "ελλάδα"},
		{"cyrillic", "Владимир Путин", "владимир путин"},
		{"arabic", "علي خامنئي", "علي خامنئي"},
		{"devanagari marks dropped", "नर\u0947न\u094Dद\u094Dर म\u094Bद\u0940", "नरनदर मद"},
		{"combining accent dropped", "Jose\u0301", "jose"},
		{"precomposed accent kept", "José", "josé"},
		{"cjk", "习近平", "习近平"},
		{"digits and underscore", "G_7 2024", "g_7 2024"},
		{"superscript digit", "x²", "x²"},
		{"ligature", "ﬁnance", "finance"},
		{"cherokee", "Ꭰꭰ", "ᎠᎠ"},
		{"micro sign", "µ", "μ"},
		{"nbsp and ideographic space", "United\u00A0Nations\u3000Council", "united nations council"},
		{"file separator space", "a\u001Cb", "a b"},
		{"zero width space dropped", "a\u200Bb", "ab"},
		{"emoji dropped", "Iran 🇮🇷", "iran"},
		{"only punctuation", "...", ""},
		{"empty", "", ""},
		{"ampersand", "AT&T", "att"},
		{"parenthesised", "Hamas (Islamic Resistance Movement)", "hamas islamic resistance movement"},
		{"modifier apostrophe kept", "Hawaiʻi", "hawaiʻi"},
		{"quote s at start", "'s Gravenhage", "gravenhage"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := norm(tc.in); got != tc.want {
				t.Errorf("norm(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestNormAgainstPython compares casefold, \w and \s with Python's over
// every code point Python's Unicode version assigns.
func TestNormAgainstPython(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	python := needPython(t)
	const script = `
import re, sys, unicodedata
w, s = re.compile(r"\w"), re.compile(r"\s")
out = []
for c in range(0x110000):
    ch = chr(c)
    if unicodedata.category(ch) in ("Cn", "Cs"):
        continue
    out.append("%x %s %d %d" % (c, ",".join("%x" % ord(x) for x in ch.casefold()),
                                 bool(w.match(ch)), bool(s.match(ch))))
sys.stdout.write("\n".join(out) + "\n")
`
	out, err := exec.Command(python, "-c", script).Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	n, bad := 0, 0
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		c, _ := strconv.ParseUint(f[0], 16, 32)
		r := rune(c)
		var want []rune
		for _, x := range strings.Split(f[1], ",") {
			v, _ := strconv.ParseUint(x, 16, 32)
			want = append(want, rune(v))
		}
		n++
		if got := casefold(string(r)); got != string(want) {
			bad++
			t.Errorf("casefold(%U) = %q, want %q", r, got, string(want))
		}
		if got := isWord(r); got != (f[2] == "1") {
			bad++
			t.Errorf("isWord(%U) = %v, want %v", r, got, !got)
		}
		if got := isSpace(r); got != (f[3] == "1") {
			bad++
			t.Errorf("isSpace(%U) = %v, want %v", r, got, !got)
		}
		if bad > 20 {
			t.Fatal("too many differences")
		}
	}
	if n < 100000 {
		t.Fatalf("only %d code points from python3", n)
	}
}

func TestFloatRepr(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{
		{0, "0.0"}, {1, "1.0"}, {0.5, "0.5"}, {0.6667, "0.6667"}, {0.0001, "0.0001"},
		{0.00001, "1e-05"}, {1.5e-7, "1.5e-07"}, {123.25, "123.25"}, {1e16, "1e+16"},
		{9999999999999998, "9999999999999998.0"}, {2.5e20, "2.5e+20"}, {-0.25, "-0.25"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if got := floatRepr(tc.in); got != tc.want {
				t.Errorf("floatRepr(%v) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestFormattingAgainstPython checks PRF, round4, floatRepr and the
// %.3f/%.2f formatting on many counts against score.py's own Counts.prf.
func TestFormattingAgainstPython(t *testing.T) {
	python := needPython(t)
	shared := testenv.SharedDir(t, "eval/score.py", "eval/gold-dev.jsonl")
	var in strings.Builder
	var counts []Counts
	for req := 0; req <= 60; req += 3 {
		for found := 0; found <= req; found += 2 {
			for tp := 0; tp <= 40; tp += 3 {
				for fp := 0; fp <= 40; fp += 7 {
					counts = append(counts, Counts{TP: tp, FP: fp, Found: found, Required: req})
					in.WriteString(strconv.Itoa(tp) + " " + strconv.Itoa(fp) + " " + strconv.Itoa(found) + " " + strconv.Itoa(req) + "\n")
				}
			}
		}
	}
	const script = `
import sys
sys.path.insert(0, sys.argv[1])
from score import Counts
for line in sys.stdin:
    c = Counts()
    c.tp, c.fp, c.found, c.required = map(int, line.split())
    p, r, f = c.prf()
    q = [round(x, 4) for x in (p, r, f)]
    print(q[0], q[1], q[2], f"{q[0]:.3f} {q[1]:.3f} {q[2]:.3f} {p:.2f} {r:.2f} {f:.2f}")
`
	cmd := exec.Command(python, "-c", script, shared+"/eval")
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(counts) {
		t.Fatalf("python3 gave %d lines for %d counts", len(lines), len(counts))
	}
	for i, c := range counts {
		p, r, f := c.PRF()
		q := []float64{round4(p), round4(r), round4(f)}
		got := floatRepr(q[0]) + " " + floatRepr(q[1]) + " " + floatRepr(q[2]) + " " +
			strconv.FormatFloat(q[0], 'f', 3, 64) + " " + strconv.FormatFloat(q[1], 'f', 3, 64) + " " +
			strconv.FormatFloat(q[2], 'f', 3, 64) + " " + strconv.FormatFloat(p, 'f', 2, 64) + " " +
			strconv.FormatFloat(r, 'f', 2, 64) + " " + strconv.FormatFloat(f, 'f', 2, 64)
		if got != lines[i] {
			t.Errorf("%+v: got %q, python %q", c, got, lines[i])
		}
	}
}

func TestPythonValues(t *testing.T) {
	n := func(s string) any { return json.Number(s) }
	for _, tc := range []struct {
		name string
		a, b any
		eq   bool
	}{
		{"int float", n("1"), n("1.0"), true},
		{"bool int", true, n("1"), true},
		{"zero negzero", n("0"), n("-0.0"), true},
		{"big float int", n("1e20"), n("100000000000000000000"), true},
		{"str num", "1", n("1"), false},
		{"none none", nil, nil, true},
		{"lists", []any{"a", n("2")}, []any{"a", n("2.0")}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := equal(tc.a, tc.b); got != tc.eq {
				t.Errorf("equal = %v, want %v", got, tc.eq)
			}
			ka, erra := hashKey(tc.a)
			kb, errb := hashKey(tc.b)
			if erra == nil && errb == nil && (ka == kb) != tc.eq {
				t.Errorf("hashKey %q %q, want equal %v", ka, kb, tc.eq)
			}
		})
	}
	for _, tc := range []struct {
		in   any
		want string
	}{
		{n("7"), "7"}, {n("-0"), "0"}, {n("1.50"), "1.5"}, {n("1e2"), "100.0"}, {true, "True"},
		{"x", "x"}, {[]any{"it's", n("1")}, `["it's", 1]`},
	} {
		if got := str(tc.in); got != tc.want {
			t.Errorf("str(%#v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

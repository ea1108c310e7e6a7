package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/extract/phoenix"
)

// TestPhoenixTokens checks that the cheap tokeniser of the Phoenix names
// gives the tokens of the text layer: prose's word tokens with initials
// merged for every name it accepts, and, for a sample, the tokens of the
// name inside a tagged sentence.
func TestPhoenixTokens(t *testing.T) {
	tl, err := newTextLayer()
	if err != nil {
		t.Fatal(err)
	}
	x := &Extractor{text: tl}
	acts, err := phoenix.Actors()
	if err != nil {
		t.Fatal(err)
	}
	var forms []string
	for _, a := range acts {
		forms = append(forms, a.Name)
		forms = append(forms, a.Aliases...)
	}
	cheap, differ := 0, 0
	for i, f := range forms {
		got, ok := phoenixTokens(f)
		if !ok {
			continue
		}
		cheap++
		if want := mergeInitialWords(x.wordTokens(f)); !slices.Equal(got, want) {
			differ++
			t.Errorf("%q: phoenixTokens %q, prose %q", f, got, want)
		}
		if i%40 == 0 {
			const pre = "Officials said "
			text := pre + f + " met them on Monday."
			s := tl.sentence(text, span{0, len(text)}, false, 1)
			var want []string
			for _, tok := range s.Tokens {
				if tok.Start >= len(pre) && tok.End <= len(pre)+len(f) {
					want = append(want, tok.Text)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("%q: phoenixTokens %q, text layer %q", f, got, want)
			}
		}
	}
	t.Logf("%d Phoenix forms, %d split cheaply (%d differ from prose), %d by prose", len(forms), cheap, differ, len(forms)-cheap)
	if cheap < len(forms)*8/10 {
		t.Errorf("only %d of %d forms split cheaply", cheap, len(forms))
	}
}

// BenchmarkNew measures start-up: the tagger, the knowledge base with and
// without the Phoenix actors, the name and title indexes.
func BenchmarkNew(b *testing.B) {
	for _, c := range []struct {
		name string
		opts Options
	}{{"hand", Options{NoPhoenix: true}}, {"phoenix", Options{}}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := New(c.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestPhoenixActors checks that actors only the Phoenix tables know resolve
// with their country, that the hand KB keeps its names, and that
// Options.NoPhoenix leaves them out.
func TestPhoenixActors(t *testing.T) {
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	hand, err := New(Options{NoPhoenix: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, date, text string
		id, country      string // an actor of text and its country
	}{
		{"Kenya 1990s", "1995-03-01", "Daniel arap Moi addressed parliament in Nairobi.", "daniel-arap-moi", "KEN"},
		{"South Korea 2004", "2004-06-15", "South Korea's Roh Moo-hyun visited Tokyo on Monday.", "roh-moo-hyun", "KOR"},
		{"Mozambique 1990s", "1992-10-04", "Joaquim Chissano of Mozambique signed the peace accord in Rome.", "joaquim-chissano", "MOZ"},
		{"Peru 1990s", "1995-04-09", "Alberto Fujimori won a second term in Peru.", "alberto-fujimori", "PER"},
		{"El Salvador 1980s armed group", "1989-11-11", "The Farabundo Marti National Liberation Front launched an offensive.", "farabundo-marti-national-liberation-front", "SLV"},
		{"Soviet Union, a former state", "1985-03-11", "The Soviet Union named a new leader.", "soviet-union", "SUN"},
		// A Phoenix person whose country the article never names is someone
		// else of that name: a person without a country.
		{"country not named", "2019-05-01", "Andrew Smith scored twice in the final.", "andrew-smith", ""},
		// The hand KB's Salva Kiir (South Sudan) wins over Phoenix's of Sudan.
		{"hand name wins", "2006-01-10", "Salva Kiir arrived in Khartoum.", "salva-kiir", "SSD"},
		// Phoenix lists FEMA under Homeland Security: an alias that is no
		// form of the name is left out.
		{"organisation alias of a sub-body", "2005-09-01", "Officials at FEMA defended the response.", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			an := x.analyse(polgraph.Article{ID: "t", Text: c.text, Published: c.date})
			acts := an.actorList()
			if c.id == "" {
				for _, a := range acts {
					if e := x.kb.entries[a.ID]; e != nil && e.fromPhoenix() {
						t.Errorf("found Phoenix actor %s (%s)", a.ID, e.Source)
					}
				}
				return
			}
			k := slices.IndexFunc(acts, func(a polgraph.Actor) bool { return a.ID == c.id })
			if k < 0 || acts[k].Country != c.country {
				t.Fatalf("actors %+v, want %s of %q", acts, c.id, c.country)
			}
			if src := x.Source(acts[k]); (c.country == "") != (src == "") {
				t.Errorf("%s: source %q", c.id, src)
			}
			if e := hand.kb.entries[c.id]; e != nil && e.fromPhoenix() {
				t.Errorf("NoPhoenix still has %s", c.id)
			}
		})
	}
}

// TestPhoenixHandWins checks that no name of the index that a hand entry
// writes leads to a Phoenix entry, and that Phoenix entries with a hand id
// keep the hand entry.
func TestPhoenixHandWins(t *testing.T) {
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	handKeys := map[string]string{}
	for _, ns := range x.names.byFirst {
		for _, n := range ns {
			if !n.entry.fromPhoenix() {
				handKeys[strings.Join(n.toks, " ")] = n.entry.ID
			}
		}
	}
	for _, ns := range x.names.byFirst {
		for _, n := range ns {
			if k := strings.Join(n.toks, " "); n.entry.fromPhoenix() && handKeys[k] != "" {
				t.Errorf("%q leads to Phoenix %s and hand %s", k, n.entry.ID, handKeys[k])
			}
		}
	}
	for _, id := range []string{"elizabeth-ii", "salva-kiir", "united-states", "ban-ki-moon"} {
		if e := x.kb.entries[id]; e == nil || e.Source != "hand" {
			t.Errorf("%s: want the hand entry, have %+v", id, e)
		}
	}
}

func TestPhoenixForms(t *testing.T) {
	kb, err := loadKB(true)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		e    kbEntry
		want []string
	}{
		{"a person's surname alone is left out", kbEntry{Name: "Gerhard Schroder", Type: polgraph.Person, Country: "DEU", Aliases: []string{"Schroder", "Gerard Schroeder"}},
			[]string{"Gerhard Schroder", "Gerard Schroeder"}},
		{"sub-bodies are no aliases", kbEntry{Name: "United States Department of Transportation", Type: polgraph.Organization, Country: "USA",
			Aliases: []string{"Federal Aviation Administration", "NTSB", "US Department of Transportation"}},
			[]string{"United States Department of Transportation", "US Department of Transportation"}},
		{"initials and case forms are aliases", kbEntry{Name: "Moro National Liberation Front", Type: polgraph.Organization, Country: "PHL",
			Aliases: []string{"MNLF", "MLF", "MORO NATIONAL LIBERATION FRONT", "Army of the Pure"}},
			[]string{"Moro National Liberation Front", "MNLF", "MORO NATIONAL LIBERATION FRONT"}},
		{"two initials are too few", kbEntry{Name: "Hizbul Mujahideen", Type: polgraph.Organization, Aliases: []string{"HM"}},
			[]string{"Hizbul Mujahideen"}},
		{"a state's words make no alias", kbEntry{Name: "United States Department of the Interior", Type: polgraph.Organization, Country: "USA",
			Aliases: []string{"United States Geological Survey"}},
			[]string{"United States Department of the Interior"}},
		{"agent nouns and dates are left out", kbEntry{Name: "NGO", Type: polgraph.Organization, Aliases: []string{"May 15", "17 November"}}, nil},
		{"a lone head noun is left out", kbEntry{Name: "El Rukn", Type: polgraph.Organization, Country: "USA", Aliases: []string{"Foundation"}},
			[]string{"El Rukn"}},
		{"a lone common word is left out", kbEntry{Name: "June", Type: polgraph.Organization}, nil},
		{"Korean names get their hyphen", kbEntry{Name: "Roh Moo Hyun", Type: polgraph.Person, Country: "KOR"},
			[]string{"Roh Moo Hyun", "Roh Moo-hyun"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.e.Source = "Phoenix test"
			var got []string
			for _, f := range kb.phoenixForms(&c.e) {
				got = append(got, f.s)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("forms %q, want %q", got, c.want)
			}
		})
	}
}

func TestOrgAliasSpelling(t *testing.T) {
	for _, c := range []struct {
		alias, name string
		want        bool
	}{
		{"Hizballah", "Hezbollah", true},
		{"Al Shabab", "Al-Shabaab", true},
		{"Party of God", "Hezbollah", false},
		{"Amal", "AMAL", true},
		{"Hamas", "Hamid", false}, // too short to be a spelling
	} {
		t.Run(c.alias, func(t *testing.T) {
			if got := orgAliasOf(c.alias, c.name, nil); got != c.want {
				t.Errorf("orgAliasOf(%q, %q) = %v, want %v", c.alias, c.name, got, c.want)
			}
		})
	}
}

// BenchmarkNameMatch looks up every token of the shared corpus in the name
// index, with and without the Phoenix names: the cost the merge adds to
// each article (the text layer and the rest of extraction are the same).
func BenchmarkNameMatch(b *testing.B) {
	arts := sharedCorpus(b)
	tl, err := newTextLayer()
	if err != nil {
		b.Fatal(err)
	}
	var sents [][]token
	var size int64
	for _, a := range arts {
		size += int64(len(a.Text))
		for _, s := range tl.sentences(a.Text) {
			sents = append(sents, s.Tokens)
		}
	}
	for _, c := range []struct {
		name string
		opts Options
	}{{"hand", Options{NoPhoenix: true}}, {"phoenix", Options{}}} {
		x, err := New(c.opts)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(size)
			for b.Loop() {
				for _, toks := range sents {
					for i := range toks {
						x.names.match(toks, i)
					}
				}
			}
		})
	}
}

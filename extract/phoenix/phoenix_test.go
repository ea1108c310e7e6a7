package phoenix

import (
	"strings"
	"testing"
	"unicode"
)

// TestKnownActors checks actors of different regions and decades, each
// looked up by eye in the Phoenix source (file:line in the comment).
func TestKnownActors(t *testing.T) {
	actors, err := Actors()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]Actor{}
	for _, a := range actors {
		byID[a.ID] = a
	}
	tests := []struct {
		id, name, typ, country string
		on                     string // a date with a role, "" for none
		of, title              string
	}{
		// Countries:121 BABRAK_KARMAL_ [AFGGOV 791227-861124]
		{"babrak-karmal", "Babrak Karmal", Person, "AFG", "1983-01-01", "afghanistan", "government"},
		// Countries:25490 DANIEL_ARAP_MOI_ [KENGOV 780822-021230]
		{"daniel-arap-moi", "Daniel arap Moi", Person, "KEN", "1990-06-01", "kenya", "government"},
		// Countries:25494 MWAI_KIBAKI_ [KENGOV >021230]
		{"mwai-kibaki", "Mwai Kibaki", Person, "KEN", "2007-01-01", "kenya", "government"},
		// Countries:43031 ROH_MOO_HYUN_ [KORGOV 030225-080225]
		{"roh-moo-hyun", "Roh Moo Hyun", Person, "KOR", "2004-06-01", "south-korea", "government"},
		// Countries:32065 SAMORA_MACHEL_ [MOZGOV 750625-861019]
		{"samora-machel", "Samora Machel", Person, "MOZ", "1980-01-01", "mozambique", "government"},
		// Countries:39478 MIKHAIL_GORBACHEV_ [RUSGOV 850311-910824]: Phoenix codes him RUS
		{"mikhail-gorbachev", "Mikhail Gorbachev", Person, "RUS", "1988-01-01", "russia", "government"},
		// International:41 KOFI_ANNAN_ [IGOUNO 970101-061231]
		{"kofi-annan", "Kofi Annan", Person, "", "2001-01-01", "united-nations", "official"},
		// MilNonState:742 UNITA_ [ANGREB] (ANG is Phoenix's misspelling of AGO)
		{"unita", "UNITA", Organization, "AGO", "", "", ""},
		// MilNonState:1768 TALIBAN [AFGREB]
		{"taliban", "Taliban", Organization, "AFG", "", "", ""},
		// MilNonState:577 AFRICAN_NATIONAL_CONGRESS_(SOUTH_AFRICA)_ [ZAFREB]
		{"african-national-congress", "African National Congress", Organization, "ZAF", "", "", ""},
		// MilNonState:582 MOZAMBIQUE_NATIONAL_RESISTANCE_MOVEMENT_ [SAFREB]: Renamo,
		// coded with the Southern Africa region, so no country
		{"mozambique-national-resistance-movement", "Mozambique National Resistance Movement", Organization, "", "", "", ""},
		// Countries:39241 SOVIET_UNION [SUN ...]
		{"soviet-union", "Soviet Union", Country, "SUN", "", "", ""},
		// Countries:45 AFGHANISTAN_ [AFG]: the hand KB's id and name
		{"afghanistan", "Afghanistan", Country, "AFG", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			a, ok := byID[tt.id]
			if !ok {
				t.Fatalf("no actor %s", tt.id)
			}
			if a.Name != tt.name || a.Type != tt.typ || a.Country != tt.country {
				t.Errorf("got %q %s %q, want %q %s %q", a.Name, a.Type, a.Country, tt.name, tt.typ, tt.country)
			}
			if tt.on == "" {
				if len(a.Roles) != 0 {
					t.Errorf("roles %v, want none", a.Roles)
				}
				return
			}
			for _, r := range a.Roles {
				if r.ActiveOn(tt.on) && r.Of == tt.of && r.Title == tt.title {
					return
				}
			}
			t.Errorf("no %s role of %s on %s in %v", tt.title, tt.of, tt.on, a.Roles)
		})
	}
}

// fold is the comparison key of names: lower case letters and digits.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		} else if b.Len() > 0 && !strings.HasSuffix(b.String(), " ") {
			b.WriteByte(' ')
		}
	}
	return strings.TrimSpace(strings.TrimPrefix(b.String(), "the "))
}

// TestAliasesUnique checks the filtering: ids are unique, no alias belongs
// to two actors, and no alias is another actor's name.
func TestAliasesUnique(t *testing.T) {
	actors, err := Actors()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	names := map[string]string{}
	for _, a := range actors {
		if ids[a.ID] {
			t.Errorf("id %s twice", a.ID)
		}
		ids[a.ID] = true
		names[fold(a.Name)] = a.ID
	}
	owner := map[string]string{}
	for _, a := range actors {
		for _, al := range a.Aliases {
			k := fold(al)
			if o, ok := owner[k]; ok && o != a.ID {
				t.Errorf("alias %q of both %s and %s", al, o, a.ID)
			}
			owner[k] = a.ID
			if n, ok := names[k]; ok && n != a.ID && k != fold(a.Name) {
				t.Errorf("alias %q of %s is the name of %s", al, a.ID, n)
			}
		}
	}
	if len(actors) < 20000 {
		t.Errorf("%d actors, want over 20,000", len(actors))
	}
}

func TestAgents(t *testing.T) {
	agents, err := Agents()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"opposition leader": "OPP", "president": "GOV", "rebel": "REB"}
	for _, a := range agents {
		if s, ok := want[a.Phrase]; ok && s == a.Sector {
			delete(want, a.Phrase)
		}
	}
	if len(want) > 0 {
		t.Errorf("missing agents %v among %d", want, len(agents))
	}
}

func TestParseActorsErrors(t *testing.T) {
	for name, in := range map[string]string{
		"fields": "a\tA\tPerson\n",
		"type":   "a\tA\tPeople\t\t\t\t\t\n",
		"role":   "a\tA\tPerson\tAFG\t\tgovernment@afghanistan@1979@\t\t\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ParseActors("x.tsv", []byte("# header\n"+in))
			if err == nil || !strings.HasPrefix(err.Error(), "x.tsv:2:") {
				t.Errorf("error %v, want one naming x.tsv:2", err)
			}
		})
	}
}

// FuzzParseActors: no panic, and every parsed actor is well formed.
func FuzzParseActors(f *testing.F) {
	f.Add("a\tA\tPerson\tAFG\tX|Y\tgovernment@afghanistan@1979-12-27@\tAFGGOV\tCountries:1\n")
	f.Add("#\n\n")
	f.Fuzz(func(t *testing.T, in string) {
		actors, err := ParseActors("f", []byte(in))
		if err != nil {
			return
		}
		for _, a := range actors {
			if a.ID == "" || a.Name == "" || (a.Type != Person && a.Type != Organization && a.Type != Country) {
				t.Fatalf("bad actor %+v", a)
			}
			for _, r := range a.Roles {
				if r.Title == "" || r.Of == "" {
					t.Fatalf("bad role %+v", r)
				}
			}
		}
	})
}

// BenchmarkActors measures loading the whole embedded table: gunzip and
// parse.
func BenchmarkActors(b *testing.B) {
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		actors, err := Actors()
		if err != nil {
			b.Fatal(err)
		}
		n = len(actors)
	}
	b.ReportMetric(float64(n), "actors")
}

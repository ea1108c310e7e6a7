package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/polgraph/polgraph/internal/testenv"
)

// repoKB and repoOut are the hand KB and the committed output, seen from
// this package's folder.
const (
	repoKB  = "../../../extract/kb"
	repoOut = "../../../extract/kb/phoenix"
)

// TestReproducible converts the shared Phoenix files again and compares
// with the committed tables byte for byte. Without the shared folder it
// skips (fails under CI).
func TestReproducible(t *testing.T) {
	dir := filepath.Join(testenv.SharedDir(t, "resources/phoenix/"+fileCountries), "resources", "phoenix")
	res, err := generate(dir, repoKB)
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range res.files {
		want, err := os.ReadFile(filepath.Join(repoOut, name))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(got, want) {
			continue
		}
		if strings.HasSuffix(name, ".gz") && bytes.Equal(gunzip(t, got), gunzip(t, want)) {
			t.Errorf("%s: same table, other gzip bytes (has compress/flate changed with the Go release?); run make gen-phoenix", name)
			continue
		}
		t.Errorf("%s differs from a fresh conversion; run make gen-phoenix and review the diff", name)
	}
	// A second run gives the same bytes.
	again, err := generate(dir, repoKB)
	if err != nil {
		t.Fatal(err)
	}
	for name := range res.files {
		if !bytes.Equal(res.files[name], again.files[name]) {
			t.Errorf("%s: two runs differ", name)
		}
	}
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDisplayPerson(t *testing.T) {
	tests := []struct{ in, country, want string }{
		{"ABDUL_QADIR_", "AFG", "Abdul Qadir"},
		{"DANIEL_ARAP_MOI_", "KEN", "Daniel arap Moi"},
		{"MUHAMMAD_AL-BARADEI_", "EGY", "Muhammad al-Baradei"},
		{"BALTAZAR_REBELO_DE_SOUSA_", "MOZ", "Baltazar Rebelo de Sousa"},
		{"MANUEL_PIMENTEL_PEREIRA_DOS_SANTOS_", "MOZ", "Manuel Pimentel Pereira dos Santos"},
		{"BAN_KI-MOON", "KOR", "Ban Ki-moon"},
		{"BOUTROS_BOUTROS-GHALI_", "EGY", "Boutros Boutros-Ghali"},
		{"JOHN_MCCAIN", "USA", "John McCain"},
		{"DOUGLAS_MACARTHUR", "USA", "Douglas MacArthur"},
		{"SAMORA_MACHEL_", "MOZ", "Samora Machel"},
		{"MIGUEL_D'ESCOTO_BROCKMANN_", "NIC", "Miguel d'Escoto Brockmann"},
		{"TIP_O'NEILL", "USA", "Tip O'Neill"},
		{"R.K._PACHAURI_", "IND", "R.K. Pachauri"},
		{"GERALD_R._FORD_", "USA", "Gerald R. Ford"},
		{"JUAN_CARLOS_I", "ESP", "Juan Carlos I"},
		{"XI_JINPING", "CHN", "Xi Jinping"},
		{"PAUL_VON_HINDENBURG", "DEU", "Paul von Hindenburg"},
		{"ANWAR_UL_HAQ_AHADY_", "AFG", "Anwar ul Haq Ahady"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			w, _ := tokens(tt.in)
			if got := displayPerson(w, tt.country); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDisplayOrg(t *testing.T) {
	tests := []struct{ in, want string }{
		{"AFRICAN_NATIONAL_CONGRESS_", "African National Congress"},
		{"ANC", "ANC"},
		{"PKK", "PKK"},
		{"UNITA_", "Unita"},
		{"TALIBAN", "Taliban"},
		{"U.N._SECURITY_COUNCIL", "U.N. Security Council"},
		{"UNITED_NATIONS_CHILDREN'S_FUND_", "United Nations Children's Fund"},
		{"BASQUE_FATHERLAND_AND_FREEDOM_(ETA)_", "Basque Fatherland and Freedom"},
		{"PALESTINE_LIBERATION_ORGANIZATION_", "Palestine Liberation Organization"},
		{"ANSAR_AL-SUNNAH_ARMY", "Ansar al-Sunnah Army"},
		{"ANSAR_AL-DIN", "Ansar al-Din"},
		{"KU_KLUX_KLAN", "Ku Klux Klan"},
		{"RUDOLPH_TECHNOLOGIES_INC", "Rudolph Technologies Inc"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			w, paren := tokens(tt.in)
			initials := map[string]bool{}
			for _, p := range paren {
				initials[p] = true
			}
			if got := displayOrg(w, initials); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	// IPCC is an acronym because a synonym spells it out.
	initials := map[string]bool{}
	w, _ := tokens("INTERGOVERNMENTAL_PANEL_ON_CLIMATE_CHANGE_")
	for _, in := range initialsOf(w) {
		initials[in] = true
	}
	if got := displayOrg([]string{"IPCC"}, initials); got != "IPCC" {
		t.Errorf("IPCC: got %q", got)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"780427", "1978-04-27"},
		{"011222", "2001-12-22"},
		{"141231", "2014-12-31"},
		{"300101", "2030-01-01"},
		{"310101", "1931-01-01"},
		{"19270101", "1927-01-01"},
		{"20121115", "2012-11-15"},
		{"2004017", ""},
		{"781327", ""},
		{"7804a7", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseDate(tt.in)
			if tt.want == "" {
				if err == nil {
					t.Errorf("got %q, want an error", got)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %q %v, want %q", got, err, tt.want)
			}
		})
	}
}

func TestCodes(t *testing.T) {
	isCountry := func(c string) bool {
		return map[string]bool{"AFG": true, "USA": true, "KOR": true, "AGO": true, "ARM": true, "GEO": true, "SUN": true, "FRA": true, "GUF": true, "TLS": true}[c]
	}
	tests := []struct {
		in, code, from, to string
		country, place     string
		actor, org, sector string
	}{
		{"AFGGOV 780427-780430", "AFGGOV", "1978-04-27", "1978-04-30", "AFG", "", "", "", "GOV"},
		{"AFGGOV >011222", "AFGGOV", "2001-12-22", "", "AFG", "", "", "", "GOV"},
		{"USRARM <900823", "USRARM", "", "1990-08-23", "SUN", "ARM", "", "", ""},
		{"AFGGOVAGR 050101-050331", "AFGGOVAGR", "2005-01-01", "2005-03-31", "AFG", "", "", "", "GOV"},
		{"IGOUNOKID", "IGOUNOKID", "", "", "", "", "IGO", "UNO", "KID"},
		{"NGOUSAHRI", "NGOUSAHRI", "", "", "USA", "", "NGO", "", "HRI"},
		{"ANGREB", "ANGREB", "", "", "AGO", "", "", "", "REB"},
		{"TMP >990830", "TMP", "1999-08-30", "", "TLS", "", "", "", ""},
		{"FRAGUF", "FRAGUF", "", "", "FRA", "GUF", "", "", ""},
		{"ELI", "ELI", "", "", "", "", "ELI", "", ""},
		{"NGOCHRPRO214", "NGOCHRPRO", "", "", "", "", "NGO", "", "CHR"},
		{"MEAREB", "MEAREB", "", "", "", "", "MEA", "", "REB"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := parseCode(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if c.Code != tt.code || c.From != tt.from || c.To != tt.to {
				t.Errorf("got %+v", c)
			}
			s := splitCodeParts(c.Code, isCountry)
			sector := ""
			if len(s.Sectors) > 0 {
				sector = s.Sectors[0]
			}
			if s.Country != tt.country || s.Place != tt.place || s.Actor != tt.actor || s.Org != tt.org || sector != tt.sector {
				t.Errorf("got %+v", s)
			}
		})
	}
	for _, bad := range []string{"---", "AFGGOV 20121204", "AFGGOV 780427-2004017", "NGOEEURENV"} {
		if _, err := parseCode(bad); err == nil && bad != "---" {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestClassify runs the typing rules on blocks written as in the
// dictionaries.
func TestClassify(t *testing.T) {
	kb := &handKB{stateByISO: map[string]string{"AFG": "afghanistan", "USA": "united-states", "GEO": "georgia", "LBN": "lebanon"},
		ids: map[string][2]string{}, names: map[string]string{}, surface: map[string]string{},
		givenNames: map[string]bool{"CHUCK": true, "JOHN": true, "ANNE": true}, stopCaps: map[string]bool{}}
	cv := &converter{kb: kb, st: stats{}, agents: map[string]bool{}, placeWord: map[string]bool{"AMERICAN": true, "US": true}}
	tests := []struct {
		file, block, want string
	}{
		{fileCountries, "AFGHANISTAN_  [AFG]", tCountry},
		{fileCountries, "GEORGIA_\n\t[USRGEO <910409]\n\t[GEOUNR 910409-911221]\n\t[GEO >911221]", tCountry},
		{fileCountries, "ABDUL_QADIR_  # CountryInfo.txt\n\t[AFGELI 620101-780427]", tPerson},
		{fileCountries, "AFGHAN_NATIONAL_SECURITY_FORCES\n+ANSF\n\t[AFGMIL]", tOrg},
		{fileCountries, "CHUCK_HAGEL\n\t[USAGOV 130227-150217]", tPerson},
		{fileCountries, "DENG_XIAOPING\n\t[CHNELI]", tPerson},
		{fileCountries, "PRESIDENT_OF_THE_UNITED_STATES_\n+POTUS_\n\t[USAGOV]", ""},
		{fileCountries, "SOVIET_OF_NATIONALITIES\n\t[SUNGOVLEG 19171109-19911225]", tOrg},
		{fileCountries, "WHITE_HOUSE_PRESS_CORPS\n\t[USAMED]", tOrg},
		{fileCountries, "KABUL_PROVINCE\n\t[AFGGOV]", ""},
		{fileMilNonState, "BOKO_HARAM [NGAREB]", tOrg},
		{fileMilNonState, "HEZBOLLAH_ [LBNREB]", tOrg},
		{fileInternational, "KOFI_ANNAN_\n\t[IGOUNO 970101-061231]\n\t[ELI]", tPerson},
		{fileInternational, "UN_SECRETARY_GENERAL\n\t[IGOUNO]", ""},
		{fileInternational, "MORGAN_STANLEY_\t[MNCUSA]", tOrg},
		{fileInternational, "ANNE_KRUEGER_\t[IGOBUSIMF]", tPerson},
	}
	for _, tt := range tests {
		t.Run(strings.SplitN(tt.block, "\n", 2)[0], func(t *testing.T) {
			entries, errs, err := parseActors(tt.file, strings.NewReader(tt.block+"\n"))
			if err != nil || len(errs) > 0 || len(entries) != 1 {
				t.Fatalf("parse: %v %v %d entries", err, errs, len(entries))
			}
			p := cv.readCodes(&entries[0])
			words, _ := tokens(entries[0].Name)
			if got := cv.classify(p, words, tt.file); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestBlocks checks that consecutive name lines share one block and that
// an empty line ends it.
func TestBlocks(t *testing.T) {
	in := "U.N._\n\nMIKHAIL_GORBACHEV_  # CountryInfo.txt\n+GORBACHEV\nMIKHAIL_S._GORBACHEV\n\t[RUSGOV 850311-910824]\n"
	entries, errs, err := parseActors("x", strings.NewReader(in))
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	if len(entries) != 2 || entries[1].Name != "MIKHAIL_GORBACHEV_" || len(entries[1].Synonyms) != 2 || len(entries[0].Codes) != 0 {
		t.Errorf("got %+v", entries)
	}
}

func TestAgentsParse(t *testing.T) {
	in := "!PERSON! = MAN, WOMAN\nOPPOSITION_LEADER [~OPP]\nCHAIRMAN {CHAIRMEN} [~GOV]\nBUSINESS!PERSON! [~BUS]\nTRUCE_MONITOR [IGO~]\nISLAMIC_EXTREMIST\n"
	agents, skipped, err := parseAgents("a", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range agents {
		got = append(got, a.Phrase+"="+a.Prefix+"~"+a.Sector)
	}
	want := "opposition leader=~OPP chairman=~GOV chairmen=~GOV businessman=~BUS businesswoman=~BUS truce monitor=IGO~"
	if strings.Join(got, " ") != want || skipped != 1 {
		t.Errorf("got %s (skipped %d), want %s", strings.Join(got, " "), skipped, want)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Babrak Karmal": "babrak-karmal", "Daniel arap Moi": "daniel-arap-moi", "U.N. Security Council": "un-security-council",
		"Tip O'Neill": "tip-oneill", "Ban Ki-moon": "ban-ki-moon", "José Ramos-Horta": "jose-ramos-horta",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzParseActors: no panic on any input, and every entry has a line.
func FuzzParseActors(f *testing.F) {
	f.Add("AFGHANISTAN_  [AFG]\n+AFGHAN_\nX_ # c\n\t[AFGGOV 780427-780430] [ELI]\n")
	f.Add("+A\n\t[\n[]]\n")
	f.Fuzz(func(t *testing.T, in string) {
		entries, _, err := parseActors("f", strings.NewReader(in))
		if err != nil {
			return
		}
		for _, e := range entries {
			if e.Line < 1 {
				t.Fatalf("entry %+v without a line", e)
			}
			for _, c := range e.Codes {
				_, _ = parseCode(c)
			}
		}
	})
}

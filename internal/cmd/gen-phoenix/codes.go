package main

import (
	"fmt"
	"strings"
)

// A code is one parsed [CODE dates] group: "AFGGOV 780427-780430" gives
// Code AFGGOV, From 1978-04-27, To 1978-04-30.
type code struct {
	Code     string // letters as written, upper case (AFGGOV, IGOUNOKID, ELI)
	From, To string // ISO dates, empty when unbounded
	Dated    bool   // the group had a date restriction
}

// centuryPivot decides the century of a six-digit YYMMDD date. The
// dictionaries cover 1979–2015 news, but CountryInfo blocks reach back to
// the 1930s for careers; in the data two-digit years run 00–14 and 31–99
// and nothing lies between, so YY <= 30 is 20YY and YY > 30 is 19YY. Years
// before 1931 are written with eight digits (19270101).
const centuryPivot = 30

// parseDate turns YYMMDD or YYYYMMDD into YYYY-MM-DD.
func parseDate(s string) (string, error) {
	for _, r := range s {
		if r < '0' || r > '9' {
			return "", fmt.Errorf("date %q is not YYMMDD or YYYYMMDD", s)
		}
	}
	var y, md string
	switch len(s) {
	case 6:
		yy := int(s[0]-'0')*10 + int(s[1]-'0')
		if yy <= centuryPivot {
			y = "20" + s[:2]
		} else {
			y = "19" + s[:2]
		}
		md = s[2:]
	case 8:
		y, md = s[:4], s[4:]
	default:
		return "", fmt.Errorf("date %q is not YYMMDD or YYYYMMDD", s)
	}
	m := int(md[0]-'0')*10 + int(md[1]-'0')
	d := int(md[2]-'0')*10 + int(md[3]-'0')
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return "", fmt.Errorf("date %q has no such month or day", s)
	}
	return y + "-" + md[:2] + "-" + md[2:], nil
}

// parseCode reads the contents of one bracket group. Restrictions are
// ">FROM", "<TO" and "FROM-TO" (spaces after > or < allowed). "---" and
// groups without letters are errors for the caller to count.
func parseCode(s string) (code, error) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return code{}, fmt.Errorf("empty code")
	}
	// A few NGO codes end in a number (NGOCHRPRO214): an index of the
	// source list, dropped.
	c := code{Code: strings.TrimRight(strings.ToUpper(f[0]), "0123456789")}
	for _, r := range c.Code {
		if r < 'A' || r > 'Z' {
			return code{}, fmt.Errorf("code %q is not letters", f[0])
		}
	}
	if len(c.Code)%3 != 0 {
		return code{}, fmt.Errorf("code %q is not made of three-letter parts", f[0])
	}
	if len(f) == 1 {
		return c, nil
	}
	restr := strings.Join(f[1:], "")
	c.Dated = true
	var err error
	switch {
	case strings.HasPrefix(restr, ">"):
		c.From, err = parseDate(restr[1:])
	case strings.HasPrefix(restr, "<"):
		c.To, err = parseDate(restr[1:])
	case strings.Count(restr, "-") == 1:
		a, b, _ := strings.Cut(restr, "-")
		if c.From, err = parseDate(a); err == nil {
			c.To, err = parseDate(b)
		}
	default:
		err = fmt.Errorf("date restriction %q is not >FROM, <TO or FROM-TO", restr)
	}
	if err != nil {
		return code{}, fmt.Errorf("code %s: %w", c.Code, err)
	}
	return c, nil
}

// phoenixToISO maps the Phoenix/CAMEO country codes that differ from ISO
// 3166-1 alpha-3 (or from the code the hand KB uses) to that code. USR is
// the Soviet Union, whose withdrawn ISO code was SUN; ANG and FRN are
// misspellings of AGO and FRA in the MilNonState and Countries files.
var phoenixToISO = map[string]string{
	"TMP": "TLS", // East Timor
	"KSV": "XKX", // Kosovo, as countries.yaml spells it
	"ROM": "ROU",
	"ZAR": "COD",
	"USR": "SUN",
	"ANG": "AGO",
	"FRN": "FRA",
}

// historicalISO are withdrawn ISO 3166 alpha-3 codes (ISO 3166-3) of states
// of the 1980–2015 period that the hand KB has no entry for.
var historicalISO = map[string]bool{"SUN": true, "DDR": true, "YUG": true, "CSK": true, "SCG": true}

// sectorTitles are the CAMEO sector codes that make a role, with the coarse
// title a role gets. Phoenix gives no office names, so a head of state and
// a deputy minister are both "government"; the hand KB's titles win.
var sectorTitles = map[string]string{
	"GOV": "government",
	"MIL": "military",
	"LEG": "legislature",
	"JUD": "judiciary",
	"OPP": "opposition",
	"PTY": "party",
	"REB": "rebel",
	"COP": "police",
	"SPY": "intelligence",
	"UAF": "armed group",
	"IGO": "official",
}

// A splitCode is a code cut into its country and sectors.
type splitCode struct {
	Country string   // ISO 3166-1 alpha-3 (or a historical code); empty for IGO, NGO, regions
	Place   string   // the second part when it is itself a country (USRARM, FRAGUF): a sub-state
	Actor   string   // first part when it is not a country: IGO, NGO, MNC, regions
	Org     string   // the part after IGO/NGO naming the body (UNO, WBK, ...)
	Sectors []string // remaining three-letter parts
}

// splitCodeParts cuts a code into three-letter parts and reads them:
// country first (when the first part is a country), then sectors.
func splitCodeParts(c string, isCountry func(string) bool) splitCode {
	var parts []string
	for i := 0; i+3 <= len(c); i += 3 {
		parts = append(parts, c[i:i+3])
	}
	var s splitCode
	if len(parts) == 0 {
		return s
	}
	first := parts[0]
	if iso, ok := phoenixToISO[first]; ok {
		first = iso
	}
	rest := parts[1:]
	if isCountry(first) {
		s.Country = first
		if len(rest) > 0 && sectorTitles[rest[0]] == "" && isCountry(mapISO(rest[0])) && !knownSector[rest[0]] {
			s.Place = mapISO(rest[0])
			rest = rest[1:]
		}
	} else {
		s.Actor = parts[0]
		switch {
		case (first == "NGO" || first == "MNC") && len(rest) > 0 && isCountry(mapISO(rest[0])):
			s.Country = mapISO(rest[0]) // NGOUSAHRI, MNCUSA: an American NGO, company
			rest = rest[1:]
		case (first == "IGO" || first == "NGO") && len(rest) > 0 && !knownSector[rest[0]]:
			s.Org = rest[0]
			rest = rest[1:]
		}
	}
	s.Sectors = rest
	return s
}

// mapISO applies phoenixToISO.
func mapISO(c string) string {
	if iso, ok := phoenixToISO[c]; ok {
		return iso
	}
	return c
}

// knownSector lists the CAMEO sector and religion codes, so that a second
// part like MED or GOV is never read as a country.
var knownSector = map[string]bool{
	"GOV": true, "MIL": true, "LEG": true, "JUD": true, "OPP": true, "PTY": true, "REB": true,
	"COP": true, "SPY": true, "UAF": true, "ELI": true, "BUS": true, "MED": true, "EDU": true,
	"CVL": true, "LAB": true, "REF": true, "HRI": true, "DEV": true, "AGR": true, "ENV": true,
	"HLH": true, "CRM": true, "RAD": true, "MOD": true, "IGO": true, "NGO": true, "MNC": true,
	"UNR": true, "SEP": true, "INS": true, "IMG": true, "MUS": true, "CHR": true, "JEW": true,
	"BUD": true, "HIN": true, "SHI": true, "SUN": true, "ATH": true, "CTH": true, "ORT": true,
	"PRO": true, "SFI": true, "ALE": true, "DRZ": true, "CON": true, "TAO": true, "JAN": true,
	"SIK": true, "SHN": true, "ZRO": true, "BAH": true, "MOS": true, "NMR": true, "ITR": true,
}

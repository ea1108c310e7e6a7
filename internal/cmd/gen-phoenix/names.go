package main

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokens splits a Phoenix name ("ABDUL_QADIR_", "CARLOS SANTOS_CRUZ_") into
// upper-case words. Parenthesised parts are returned separately:
// "BASQUE_FATHERLAND_AND_FREEDOM_(ETA)_" gives [BASQUE FATHERLAND AND
// FREEDOM] and [ETA].
func tokens(name string) (words, paren []string) {
	name = strings.ReplaceAll(name, "_", " ")
	for {
		open := strings.IndexByte(name, '(')
		if open < 0 {
			break
		}
		end := strings.IndexByte(name[open:], ')')
		if end < 0 {
			name = name[:open]
			break
		}
		if in := strings.Fields(name[open+1 : open+end]); len(in) == 1 {
			paren = append(paren, strings.ToUpper(strings.Trim(in[0], ",;:")))
		} // a longer parenthesis is a qualifier: (SOUTH_AFRICA), (CAUCASUS)
		name = name[:open] + " " + name[open+end+1:]
	}
	for _, w := range strings.Fields(name) {
		w = strings.Trim(w, ",;:")
		if w != "" && w != "-" && w != "--" {
			words = append(words, strings.ToUpper(w))
		}
	}
	return words, paren
}

// particles are written in lower case inside a person's name (never first).
var particles = map[string]bool{
	"AL": true, "EL": true, "BIN": true, "BINT": true, "IBN": true, "UL": true, "UD": true,
	"DE": true, "DA": true, "DO": true, "DOS": true, "DAS": true, "DEL": true, "DELLA": true,
	"DER": true, "DEN": true, "DI": true, "DU": true, "VAN": true, "VON": true, "LA": true,
	"LE": true, "Y": true, "E": true, "TER": true, "ZU": true, "ARAP": true,
}

// smallWords are lower case inside an organisation's name (never first).
var smallWords = map[string]bool{
	"OF": true, "THE": true, "AND": true, "FOR": true, "IN": true, "ON": true, "AT": true,
	"TO": true, "BY": true, "WITH": true, "DE": true, "DU": true, "DES": true, "DEL": true,
	"LA": true, "LE": true, "LES": true, "DA": true, "DO": true, "E": true, "Y": true, "ET": true,
	"AL": true, "EL": true, "FROM": true, "AGAINST": true, "WA": true, "WAL": true, "FI": true,
}

// macNames are the Mac- surnames written MacX; other MAC... words (MACHEL,
// MACEDONIA) are ordinary words.
var macNames = map[string]bool{
	"MACARTHUR": true, "MACDONALD": true, "MACKENZIE": true, "MACLEOD": true, "MACMILLAN": true,
	"MACKAY": true, "MACLEAN": true, "MACNEIL": true, "MACINTYRE": true, "MACGREGOR": true,
	"MACSHARRY": true, "MACAPAGAL": false,
}

// eastAsian are the countries whose hyphenated given names are written
// with a lower-case second syllable (Ban Ki-moon, Ma Ying-jeou).
var eastAsian = map[string]bool{"KOR": true, "PRK": true, "TWN": true, "CHN": true, "HKG": true}

// isRoman reports whether w is a regnal number (II, III, IV, ... XIX).
func isRoman(w string) bool {
	if w == "" || len(w) > 5 {
		return false
	}
	for _, r := range w {
		if r != 'I' && r != 'V' && r != 'X' {
			return false
		}
	}
	return true
}

func hasVowel(w string) bool { return strings.ContainsAny(w, "AEIOUY") }

func isLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return w != ""
}

// titleWord writes one word with an initial capital: "QADIR" → "Qadir",
// "O'NEILL" → "O'Neill", "CHILDREN'S" → "Children's", "R.K." → "R.K.",
// "MCCAIN" → "McCain".
func titleWord(w string) string {
	if w == "" {
		return w
	}
	if strings.Contains(w, ".") { // initials and abbreviations: R.K., JR., U.S.
		parts := strings.Split(w, ".")
		for i, p := range parts {
			if utf8.RuneCountInString(p) <= 1 {
				parts[i] = strings.ToUpper(p)
			} else {
				parts[i] = capitalise(p)
			}
		}
		return strings.Join(parts, ".")
	}
	if i := strings.IndexAny(w, "'’"); i > 0 {
		head, tail := w[:i], w[i:]
		if utf8.RuneCountInString(head) == 1 && len(tail) > 2 { // O'Neill, D'Escoto
			_, n := utf8.DecodeRuneInString(tail)
			return strings.ToUpper(head) + tail[:n] + capitalise(tail[n:])
		}
		return capitalise(head) + strings.ToLower(tail)
	}
	if len(w) > 3 && strings.HasPrefix(w, "MC") {
		return "Mc" + capitalise(w[2:])
	}
	if macNames[w] {
		return "Mac" + capitalise(w[3:])
	}
	return capitalise(w)
}

// capitalise upper-cases the first letter and lower-cases the rest.
func capitalise(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + strings.ToLower(w[n:])
}

// displayPerson writes a person's name words in display case: particles in
// lower case (al-, bin, de, von, van), Roman numerals in capitals after the
// first word, hyphenated parts each capitalised except after a particle
// (al-Baradei) and in East Asian given names (Ban Ki-moon).
func displayPerson(words []string, country string) string {
	out := make([]string, len(words))
	for i, w := range words {
		switch {
		case i > 0 && particles[w]:
			out[i] = strings.ToLower(w)
		case i > 0 && isRoman(w):
			out[i] = w
		case i > 0 && (strings.HasPrefix(w, "D'") || strings.HasPrefix(w, "D’")) && len(w) > 3:
			out[i] = "d" + titleWord(w)[1:]
		case strings.Contains(w, "-"):
			parts := strings.Split(w, "-")
			for j, p := range parts {
				switch {
				case p == "":
				case j == 0 && i > 0 && particles[p]:
					parts[j] = strings.ToLower(p)
				case j > 0 && eastAsian[country] && i > 0:
					parts[j] = strings.ToLower(p)
				default:
					parts[j] = titleWord(p)
				}
			}
			out[i] = strings.Join(parts, "-")
		default:
			out[i] = titleWord(w)
		}
	}
	return strings.Join(out, " ")
}

// acronym reports whether an organisation-name word stays in capitals: a
// dotted abbreviation (U.N.), a word of 2–6 letters without a vowel (PKK,
// PFLP), a word of 2 or 3 letters that is not a small or common word (ANC,
// PLO, IRA, UN), or a word whose letters are the initials of the entry's
// name, of one of its synonyms or a one-word parenthesis of the name
// (initials: IPCC beside INTER_GOVERNMENTAL_PANEL_ON_CLIMATE_CHANGE).
// Anything else is capitalised: Hamas, Taliban, Unita, Frelimo; a one-word
// organisation name also gets its all-capitals form as an alias.
func acronym(w string, initials map[string]bool) bool {
	letters := strings.ReplaceAll(w, ".", "")
	if !isLetters(letters) {
		return false
	}
	n := utf8.RuneCountInString(letters)
	switch {
	case strings.Contains(w, ".") && n >= 2: // U.N., U.S.
		return true
	case n >= 2 && n <= 6 && !hasVowel(letters):
		return true
	case (n == 2 || n == 3) && !smallWords[w] && !commonShort[w]:
		return true
	case initials[letters] && n >= 2 && n <= 8:
		return true
	}
	return false
}

// commonShort are short English words that are not acronyms in names.
var commonShort = map[string]bool{
	"NEW": true, "RED": true, "OLD": true, "AIR": true, "SEA": true, "WAR": true, "LAW": true,
	"ARM": true, "GOD": true, "ONE": true, "TWO": true, "SIX": true, "TEN": true, "ALL": true,
	"OUR": true, "SUN": true, "MAY": true, "BAN": true, "NOT": true, "BAY": true, "ART": true,
	"OIL": true, "AID": true, "DAY": true, "MEN": true, "BOY": true, "KEY": true, "ICE": true,
	"SAN": true, "BIN": true, "ABU": true, "IBN": true, "DES": true, "DEN": true, "VAN": true,
	"VON": true, "DAR": true, "WAY": true, "OWN": true, "FAR": true, "LAS": true, "LOS": true,
	"HAQ": true, "INC": true, "HER": true, "HIS": true, "KU": true, "LTD": true, "CO": true, "MAN": true, "ANA": true, "BET": true, "AND": true, "NOR": true, "YES": true, "NUR": true,
}

// displayOrg writes an organisation's or country's name words in display
// case: acronyms in capitals, small words in lower case, the rest
// capitalised (each part of a hyphenated word).
func displayOrg(words []string, initials map[string]bool) string {
	out := make([]string, len(words))
	for i, w := range words {
		switch {
		case acronym(w, initials):
			out[i] = w
		case i > 0 && smallWords[w]:
			out[i] = strings.ToLower(w)
		case strings.Contains(w, "-"):
			parts := strings.Split(w, "-")
			for j, p := range parts {
				switch {
				case p == "":
				case len(p) >= 2 && len(p) <= 6 && isLetters(p) && (!hasVowel(p) || initials[p]):
					parts[j] = p // PFLP-GC; not the DIN of Ansar al-Din
				case j == 0 && (p == "AL" || p == "EL") && i > 0:
					parts[j] = strings.ToLower(p)
				default:
					parts[j] = titleWord(p)
				}
			}
			out[i] = strings.Join(parts, "-")
		default:
			out[i] = titleWord(w)
		}
	}
	return strings.Join(out, " ")
}

// initialsOf gives the initials of a name's words, with and without small
// words ("PALESTINE LIBERATION ORGANIZATION" → PLO; "FRONT FOR THE
// LIBERATION OF MOZAMBIQUE" → FLM and FFTLOM).
func initialsOf(words []string) []string {
	var all, big strings.Builder
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		all.WriteRune(r)
		if !smallWords[w] {
			big.WriteRune(r)
		}
	}
	return []string{all.String(), big.String()}
}

// slug is the hand KB's id rule: lower case, runs of anything but ASCII
// letters and digits become one hyphen, accents are dropped.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		r = foldAccent(r)
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '\'' || r == '’' || r == '.':
			// O'Neill → oneill, U.N. → un
		default:
			dash = true
		}
	}
	return b.String()
}

// foldAccent maps the accented Latin letters seen in the dictionaries to
// ASCII.
func foldAccent(r rune) rune {
	switch r {
	case 'á', 'à', 'â', 'ä', 'ã', 'å':
		return 'a'
	case 'é', 'è', 'ê', 'ë':
		return 'e'
	case 'í', 'ì', 'î', 'ï':
		return 'i'
	case 'ó', 'ò', 'ô', 'ö', 'õ', 'ø':
		return 'o'
	case 'ú', 'ù', 'û', 'ü':
		return 'u'
	case 'ç':
		return 'c'
	case 'ñ':
		return 'n'
	}
	return r
}

// foldKey is the key under which two surface forms count as the same
// alias: lower case, letters and digits only, a leading "the" dropped.
func foldKey(s string) string {
	k := slug(s)
	k = strings.TrimPrefix(k, "the-")
	return strings.ReplaceAll(k, "-", " ")
}

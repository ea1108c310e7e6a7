package main

import (
	"fmt"
	"sort"
	"strings"
)

// Actor types, as the hand KB spells them.
const (
	tPerson  = "Person"
	tOrg     = "Organization"
	tCountry = "Country"
)

// handKB is what the conversion needs from extract/kb: the ids of states by
// ISO code, every id with its type and country, and the folded names,
// aliases, demonyms and capitals with the id they belong to.
type handKB struct {
	stateByISO map[string]string    // ISO3 → id of the sovereign state's entry
	ids        map[string][2]string // id → {type, country}
	names      map[string]string    // id → canonical name
	surface    map[string]string    // foldKey(name or alias) → id
	givenNames map[string]bool      // upper case
	stopCaps   map[string]bool      // upper case
}

// An actor is one converted entry.
type actor struct {
	ID, Name, Type, Country string
	Aliases                 []string
	Roles                   []role
	Codes                   []string
	Sources                 []string
	words                   []string // canonical name words, upper case
}

// A role is an office held between two dates.
type role struct{ Title, Of, From, To string }

// stats are the figures the generator prints.
type stats map[string]int

func (s stats) add(k string) { s[k]++ }

// converter holds the inputs and counters of one conversion.
type converter struct {
	kb        *handKB
	agents    map[string]bool // agent phrases, upper case with spaces
	st        stats
	placeWord map[string]bool // words of Phoenix country names and one-word synonyms
	errs      []error
}

// isCountry reports whether c is a country code the output may carry: one
// the hand KB knows (states and territories) or a withdrawn ISO code of a
// state of the period (SUN, DDR, YUG, CSK, SCG).
func (cv *converter) isCountry(c string) bool {
	if _, ok := cv.kb.stateByISO[c]; ok {
		return true
	}
	return historicalISO[c] || isoTerritories[c]
}

// parsedEntry is a raw entry with its codes read.
type parsedEntry struct {
	raw   *rawEntry
	codes []code
	split []splitCode
}

// readCodes parses every code of an entry; a bad one is counted, reported
// with file and line, and skipped.
func (cv *converter) readCodes(e *rawEntry) parsedEntry {
	p := parsedEntry{raw: e}
	for _, s := range e.Codes {
		if strings.Trim(s, "-") == "" {
			cv.st.add("codes: placeholder [---] skipped")
			continue
		}
		c, err := parseCode(s)
		if err != nil {
			cv.st.add("codes: unreadable, skipped")
			cv.errs = append(cv.errs, fmt.Errorf("%s:%d: %s: %w", e.File, e.Line, e.Name, err))
			continue
		}
		p.codes = append(p.codes, c)
		p.split = append(p.split, splitCodeParts(c.Code, cv.isCountry))
	}
	return p
}

// stripTitle removes a leading title ("FORMER PRESIDENT", "SECRETARY-GENERAL",
// "UN SECRETARY-GENERAL", "US SECRETARY OF DEFENSE") from a person's name
// words: the longest prefix of generic and place words that holds a title
// word. It reports whether it stripped anything.
func (cv *converter) stripTitle(words []string) ([]string, bool) {
	k, title := 0, false
	for k < len(words) && (generic[words[k]] || cv.placeWord[words[k]] || strings.HasPrefix(words[k], "EX-")) {
		if titleStart[words[k]] || strings.HasPrefix(words[k], "EX-") {
			title = true
		}
		k++
	}
	if !title {
		return words, false
	}
	return words[k:], true
}

// isOffice reports whether name words are an office rather than someone:
// all generic or place words, one of them a title; or a title and "of"
// ("DIRECTOR_OF_CENTRAL_INTELLIGENCE", "GENERAL_SECRETARY_OF_THE_...").
func (cv *converter) isOffice(words []string) bool {
	if len(words) > 2 && titleStart[words[0]] && (words[1] == "OF" || titleStart[words[1]] && words[2] == "OF") {
		return true
	}
	title := false
	for _, w := range words {
		if !generic[w] && !cv.placeWord[w] {
			return false
		}
		if titleStart[w] {
			title = true
		}
	}
	return title
}

// classify decides an entry's type; "" means the entry is dropped, with the
// reason counted. Rules, in order:
//  1. Countries file, a bare country code (AFG, FRAGUF, SCG with dates) and
//     no sector but a state's status (GEOUNR), or a name that is a hand KB
//     Country's name or alias (KOSOVO_): Country.
//  2. A name that is an office ("PRESIDENT_OF_THE_UNITED_STATES_"): dropped.
//  3. A CountryInfo.txt block (the leaders and ministers lists): Person.
//  4. An institution word in the name (ARMY, PARTY, MINISTRY, FRONT, ...)
//     or a connective after the first word (OF, THE, FOR, AND): Organization.
//  5. Person evidence, for names of two words or more: an ELI (elite) code,
//     a date-bounded code, a first word that is a given name of
//     extract/kb/given_names.txt, or an initial ("R.K.", "B."): Person. A
//     one-word name (ERGENEKON, VOLKSKAMMER) is no person.
//  6. International and MilNonState files: Organization (they list bodies
//     and groups; their people carry dates or ELI).
//  7. Countries file without evidence: dropped as untyped.
func (cv *converter) classify(p parsedEntry, words []string, file string) string {
	if len(p.codes) == 0 {
		return ""
	}
	if file == fileCountries && isCountryEntry(p) {
		return tCountry
	}
	if id, ok := cv.kb.surface[foldKey(strings.Join(words, " "))]; ok && file == fileCountries && cv.kb.ids[id][0] == tCountry {
		return tCountry // KOSOVO_ with [KSVELI] among its codes
	}
	if cv.isOffice(words) {
		cv.st.add("entries dropped: office, not a named actor")
		return ""
	}
	if p.raw.countryInfo() {
		return tPerson
	}
	for i, w := range words {
		if institution[w] || i > 0 && connective[w] {
			return tOrg
		}
	}
	for i, s := range p.split {
		// Companies named after people (MORGAN_STANLEY, ARTHUR_ANDERSEN).
		if s.Actor == "MNC" && !p.codes[i].Dated {
			return tOrg
		}
	}
	if len(words) < 2 {
		// One word without CountryInfo or an institution word is a body
		// as often as a mononym (ERGENEKON, VOLKSKAMMER): no person.
		if file != fileCountries {
			return tOrg
		}
		cv.st.add("entries dropped: untyped (no person or institution evidence)")
		return ""
	}
	for i, s := range p.split {
		if s.Actor == "ELI" || (len(s.Sectors) > 0 && s.Sectors[0] == "ELI") || p.codes[i].Dated {
			return tPerson
		}
	}
	if cv.kb.givenNames[words[0]] {
		return tPerson
	}
	for _, w := range words {
		if len(w) == 2 && w[1] == '.' {
			return tPerson
		}
	}
	if file != fileCountries {
		return tOrg
	}
	cv.st.add("entries dropped: untyped (no person or institution evidence)")
	return ""
}

// statusSectors are the parts of a state's own codes that say what kind of
// state it was (GEOUNR: Georgia unrecognised, IRQOCC: occupied Iraq).
var statusSectors = set("UNR", "OCC", "AUT", "SEP")

// connective are words found inside the names of bodies, not of people
// ("SOVIET_OF_NATIONALITIES", "HOUSE_OF_THE_PEOPLE").
var connective = set("OF", "THE", "FOR", "AND", "ON", "IN", "AGAINST", "&")

// isCountryEntry reports whether a Countries-file entry is a state or
// territory: at least one bare country code (AFG, FRAGUF) and no code
// with a sector other than a status one.
func isCountryEntry(p parsedEntry) bool {
	bare := false
	for _, s := range p.split {
		if s.Country == "" {
			return false
		}
		if len(s.Sectors) == 0 {
			bare = true
		}
		for _, sec := range s.Sectors {
			if !statusSectors[sec] {
				return false
			}
		}
	}
	return bare
}

// countryOf picks an entry's country. For a Country: the code valid last
// (open-ended or undated, else the latest end), its sub-state part when the
// hand KB knows it (FRAGUF → GUF). For others: the first code with a
// country.
func countryOf(p parsedEntry, typ string, isCountry func(string) bool) string {
	if typ == tCountry {
		best, bestTo := "", ""
		for i, s := range p.split {
			c := s.Country
			if s.Place != "" {
				c = s.Place
			}
			to := p.codes[i].To
			if to == "" {
				to = "9999"
			}
			if to >= bestTo {
				best, bestTo = c, to
			}
		}
		return best
	}
	for _, s := range p.split {
		if s.Country != "" {
			return s.Country
		}
	}
	return ""
}

// rolesOf makes the roles of a person from its date-bounded codes whose
// first sector has a title (GOV, MIL, LEG, JUD, OPP, PTY, REB, COP, SPY,
// UAF) or that name an international body the hand KB has (igoBodies). Undated codes and ELI (elite)
// periods give no role; they stay in Codes.
func (cv *converter) rolesOf(p parsedEntry, stateID func(string) string) []role {
	var out []role
	for i, s := range p.split {
		c := p.codes[i]
		if !c.Dated {
			continue
		}
		var r role
		switch {
		case s.Actor == "IGO":
			r.Title, r.Of = "official", cv.igoBody(s)
		case s.Country != "" && len(s.Sectors) > 0 && sectorTitles[s.Sectors[0]] != "" && s.Sectors[0] != "IGO":
			r.Title, r.Of = sectorTitles[s.Sectors[0]], stateID(s.Country)
		case len(s.Sectors) > 0 && s.Sectors[0] == "ELI" || s.Actor == "ELI":
			cv.st.add("roles: elite period, kept as code only")
			continue
		default:
			cv.st.add("roles: dated code without a role sector")
			continue
		}
		if r.Of == "" {
			cv.st.add("roles: no id for the state or body, dropped")
			continue
		}
		if c.From != "" && c.To != "" && c.From > c.To {
			cv.st.add("roles: from after to, dropped")
			cv.errs = append(cv.errs, fmt.Errorf("%s:%d: %s: code %s runs backwards", p.raw.File, p.raw.Line, p.raw.Name, c.Code))
			continue
		}
		r.From, r.To = c.From, c.To
		out = append(out, r)
	}
	return out
}

// igoBodies maps the body parts of IGO codes to hand KB ids: IGOUNO the
// UN, IGOEUREEC the EU, IGOWSTNAT NATO, IGOUNODEVWBK the World Bank.
var igoBodies = map[string]string{
	"UNO": "united-nations", "EEC": "european-union", "NAT": "nato", "WBK": "world-bank",
	"IAE": "international-atomic-energy-agency", "WHO": "world-health-organization",
	"KID": "unicef", "HCR": "unhcr", "WFP": "world-food-programme", "IMF": "international-monetary-fund",
	"OPC": "opec", "AFU": "african-union", "ICJ": "international-court-of-justice",
}

// igoBody is the hand KB id of the most specific body an IGO code names
// (IGOUNODEVWBK: world-bank rather than united-nations), or "".
func (cv *converter) igoBody(s splitCode) string {
	parts := append([]string{s.Org}, s.Sectors...)
	for i := len(parts) - 1; i >= 0; i-- {
		if id := cv.kb.idIf(igoBodies[parts[i]]); id != "" {
			return id
		}
	}
	return ""
}

// idIf returns id when the hand KB has it.
func (kb *handKB) idIf(id string) string {
	if _, ok := kb.ids[id]; ok {
		return id
	}
	return ""
}

// display writes name words for an actor of type typ.
func display(words []string, typ, country string, initials map[string]bool) string {
	if typ == tPerson {
		if len(words) == 1 && len(words[0]) <= 4 && !hasVowel(words[0]) {
			return words[0] // FDR, JFK
		}
		return displayPerson(words, country)
	}
	return displayOrg(words, initials)
}

// convertEntry turns one parsed entry into an actor (nil when dropped).
func (cv *converter) convertEntry(p parsedEntry, file string, stateID func(string) string) *actor {
	e := p.raw
	words, paren := tokens(e.Name)
	if len(words) == 0 {
		cv.st.add("entries dropped: empty name")
		return nil
	}
	if words[0] == "THE" && len(words) > 1 {
		words = words[1:]
	}
	if len(p.codes) == 0 {
		cv.st.add("entries dropped: no usable code")
		return nil
	}
	typ := cv.classify(p, words, file)
	if typ == "" {
		return nil
	}
	aliasWords := [][]string{}
	if typ == tPerson {
		if stripped, ok := cv.stripTitle(words); ok {
			if len(stripped) < 2 {
				cv.st.add("entries dropped: title and one name")
				return nil
			}
			words = stripped
		}
	}
	country := countryOf(p, typ, cv.isCountry)
	initials := map[string]bool{}
	for _, in := range initialsOf(words) {
		initials[in] = true
	}
	for _, s := range e.Synonyms {
		w, _ := tokens(s)
		for _, in := range initialsOf(w) {
			initials[in] = true
		}
	}
	for _, w := range paren {
		initials[strings.ReplaceAll(w, ".", "")] = true
	}
	a := &actor{Type: typ, Country: country, words: words,
		Sources: []string{fmt.Sprintf("%s:%d", shortFile(file), e.Line)}}
	a.Name = display(words, typ, country, initials)
	if typ == tOrg {
		if len(paren) == 1 && isLetters(strings.ReplaceAll(paren[0], ".", "")) {
			aliasWords = append(aliasWords, paren)
		}
		if len(words) == 1 && len(words[0]) >= 4 && len(words[0]) <= 7 && isLetters(words[0]) {
			// A one-word name of up to five letters is written as an
			// acronym (AIPPI, FEMSA, HAMAS), a longer one capitalised
			// (Taliban, Frelimo); news writes both forms, so the other one
			// is an alias.
			if len(words[0]) <= 5 {
				a.Name = words[0]
			}
			if a.Name == words[0] {
				a.Aliases = append(a.Aliases, capitalise(words[0]))
			} else {
				a.Aliases = append(a.Aliases, words[0])
			}
		}
	}
	for _, s := range e.Synonyms {
		w, _ := tokens(s)
		if len(w) > 0 && w[0] == "THE" && len(w) > 1 {
			w = w[1:]
		}
		aliasWords = append(aliasWords, w)
	}
	for _, w := range aliasWords {
		if al := cv.alias(a, w, initials); al != "" {
			a.Aliases = append(a.Aliases, al)
		}
	}
	if typ == tPerson {
		a.Roles = cv.rolesOf(p, stateID)
	}
	for _, c := range p.codes {
		a.Codes = append(a.Codes, c.Code)
	}
	return a
}

// alias converts one synonym of a, or returns "" with the reason counted.
func (cv *converter) alias(a *actor, w []string, initials map[string]bool) string {
	if len(w) == 0 {
		cv.st.add("aliases dropped: empty")
		return ""
	}
	if cv.isOffice(w) {
		cv.st.add("aliases dropped: office or title alone")
		return ""
	}
	if a.Type == tPerson {
		if stripped, ok := cv.stripTitle(w); ok {
			w = stripped
			if len(w) == 0 {
				cv.st.add("aliases dropped: office or title alone")
				return ""
			}
		}
	}
	if a.Type == tCountry {
		// Phoenix lists cities and provinces as synonyms of their country
		// (KABUL, HELMAND); keep only forms that begin with the name's first
		// three letters (AFGHAN, AFGANISTAN), that hold a word beginning with
		// the first four letters of the name's first word (REPUBLIC OF
		// GEORGIA, UNION OF SOVIET SOCIALIST REPUBLICS), or that are the
		// initials of a synonym (USSR). The hand KB has capitals of its own.
		if !countryForm(a.words, w, initials) {
			cv.st.add("aliases dropped: place within a country (city, province)")
			return ""
		}
	}
	if len(w) == 1 {
		one := strings.ReplaceAll(w[0], ".", "")
		switch {
		case len(one) <= 1:
			cv.st.add("aliases dropped: one letter")
			return ""
		case commonWords[w[0]] || cv.kb.stopCaps[w[0]] || cv.agents[w[0]]:
			cv.st.add("aliases dropped: single common word")
			return ""
		case a.Type == tPerson && cv.kb.givenNames[w[0]]:
			cv.st.add("aliases dropped: given name alone")
			return ""
		}
	}
	if a.Type == tPerson && hasAny(w, institution) {
		// GORBACHEV_ADMINISTRATION shares Gorbachev's block and codes.
		cv.st.add("aliases dropped: a body's name on a person")
		return ""
	}
	if a.Type != tPerson && personLike(w, cv.kb.givenNames) {
		// HEZBOLLAH lists its commander IMAD_MUGHNIYAH as a synonym.
		cv.st.add("aliases dropped: a person's name on an organisation")
		return ""
	}
	if cv.agents[strings.Join(w, " ")] {
		cv.st.add("aliases dropped: agent noun phrase")
		return ""
	}
	for _, x := range w {
		if strings.ContainsAny(x, "|@\t") {
			cv.st.add("aliases dropped: field separator in text")
			return ""
		}
	}
	s := display(w, a.Type, a.Country, initials)
	if a.Type == tOrg && len(w) == 1 && len(w[0]) <= 5 && isLetters(w[0]) {
		s = w[0] // a one-word synonym of a body is nearly always its acronym: IPCC, WFP, ANSF
	}
	if foldKey(s) == foldKey(a.Name) && s == a.Name {
		cv.st.add("aliases dropped: same as the name")
		return ""
	}
	return s
}

// countryForm reports whether synonym words w of a country named by words
// are a form of its name rather than a place within it.
func countryForm(words, w []string, initials map[string]bool) bool {
	n, s := strings.Join(words, ""), strings.Join(w, "")
	if len(n) >= 3 && len(s) >= 3 && n[:3] == s[:3] {
		return true
	}
	if len(w) == 1 && initials[strings.ReplaceAll(w[0], ".", "")] {
		return true
	}
	if nw := words[0]; len(nw) >= 4 {
		for _, x := range w {
			if strings.HasPrefix(x, nw[:4]) {
				return true
			}
		}
	}
	return false
}

// personLike reports whether synonym words of a body look like a person's
// name: no institution word, and a given name, a title, Abu/Umm first, or
// a particle (al, bin, ibn, al-) after the first of two to four words
// ("MOUAZ AL KHATEEB", "HUTHAIFA AL-BATAWI").
func personLike(w []string, given map[string]bool) bool {
	if len(w) < 2 || hasAny(w, institution) {
		return false
	}
	switch {
	case given[w[0]] || titleStart[w[0]] || w[0] == "ABU" || w[0] == "UMM":
		return true
	case len(w) <= 4:
		for i, x := range w[1:] {
			if i < len(w)-2 && (x == "AL" || x == "EL" || x == "BIN" || x == "IBN") ||
				strings.HasPrefix(x, "AL-") || strings.HasPrefix(x, "EL-") {
				return true
			}
		}
	}
	return false
}

// hasAny reports whether any of words is in m.
func hasAny(words []string, m map[string]bool) bool {
	for _, w := range words {
		if m[w] {
			return true
		}
	}
	return false
}

// shortFile names a source file in the output: "Countries" for
// Phoenix.Countries.actors.txt.
func shortFile(f string) string {
	f = strings.TrimPrefix(f, "Phoenix.")
	f = strings.TrimSuffix(f, ".txt")
	return strings.TrimSuffix(f, ".actors")
}

// mergeKey groups entries that are the same actor: same type, same folded
// name, same country (Phoenix lists XI_JINPING twice, HAMMARSKJOLD_ and
// HAMMARSKJOLD, UNITED_NATIONS_ in several blocks). Countries merge by code.
func mergeKey(a *actor) string {
	if a.Type == tCountry {
		return a.Type + "|" + a.Country
	}
	return a.Type + "|" + foldKey(a.Name) + "|" + a.Country
}

// merge folds b into a.
func merge(a, b *actor) {
	a.Aliases = append(a.Aliases, b.Aliases...)
	a.Roles = append(a.Roles, b.Roles...)
	a.Codes = append(a.Codes, b.Codes...)
	a.Sources = append(a.Sources, b.Sources...)
}

// uniq sorts and deduplicates strings.
func uniq(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// finish deduplicates an actor's lists and sorts them.
func (a *actor) finish() {
	seen := map[string]bool{foldKey(a.Name) + "\x00" + a.Name: true}
	var al []string
	for _, x := range a.Aliases {
		if k := foldKey(x) + "\x00" + x; !seen[k] && x != a.Name {
			seen[k] = true
			al = append(al, x)
		}
	}
	a.Aliases = uniq(al)
	a.Codes = uniq(a.Codes)
	sort.Slice(a.Roles, func(i, j int) bool {
		x, y := a.Roles[i], a.Roles[j]
		if x.From != y.From {
			return x.From < y.From
		}
		if x.To != y.To {
			return x.To < y.To
		}
		if x.Of != y.Of {
			return x.Of < y.Of
		}
		return x.Title < y.Title
	})
	var rs []role
	for i, r := range a.Roles {
		if i == 0 || r != a.Roles[i-1] {
			rs = append(rs, r)
		}
	}
	a.Roles = rs
}

package extract

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/extract/phoenix"
)

// The Phoenix actors (extract/phoenix, converted from the PETRARCH2
// dictionaries: about 18,000 leaders and ministers, 7,000 parties, armed
// groups, bodies and companies of 1979–2015 news) extend the hand-written
// knowledge base. The hand KB wins:
//
//   - a Phoenix row with a hand id is the hand entry: it keeps the hand
//     name, country and roles, and only an organisation takes Phoenix's
//     spellings of its name as further aliases;
//   - a Phoenix name or alias that a hand entry writes (name, alias,
//     demonym or capital, compared as lower-case tokens) stays the hand
//     entry's (buildNameIndex);
//   - Phoenix roles name no office (a president and a deputy minister are
//     both "government"), so they are kept as Periods, for debugging and
//     dating, and never as Roles, which the title rules read: no LEADS or
//     OFFICIAL_OF comes from them;
//   - a Phoenix person keeps its country only where the article names that
//     country (confirmPhoenixPersons).
//
// Only full names and the aliases the conversion kept enter the name index,
// never a person's surname alone (phoenixForms says which).

// addPhoenix merges the Phoenix actor table under the entries loaded so far.
func (kb *knowledgeBase) addPhoenix() error {
	acts, err := phoenix.Actors()
	if err != nil {
		return fmt.Errorf("knowledge base: phoenix: %w", err)
	}
	agents, err := phoenix.Agents()
	if err != nil {
		return fmt.Errorf("knowledge base: phoenix: %w", err)
	}
	kb.phoenixAgents = map[string]bool{}
	for _, a := range agents {
		kb.phoenixAgents[a.Phrase] = true
	}
	kb.phoenixOf = map[string]*kbEntry{}
	for _, a := range acts {
		if h, ok := kb.entries[a.ID]; ok {
			// The hand entry of this actor. An organisation takes the
			// spellings Phoenix knows (Hizballah, Al Qaida); a person's
			// Phoenix aliases are not trusted (George W. Bush lists his
			// father), nor a country's (China lists the Great Wall).
			if h.Type == polgraph.Organization && a.Type == phoenix.Organization && len(a.Aliases) > 0 {
				kb.phoenixOf[a.ID] = &kbEntry{ID: a.ID, Name: a.Name, Type: h.Type, Country: h.Country, Aliases: a.Aliases,
					Source: "Phoenix " + strings.Join(a.Source, ",")}
			}
			continue
		}
		e := &kbEntry{
			ID:      a.ID,
			Name:    a.Name,
			Type:    polgraph.ActorType(a.Type),
			Country: a.Country,
			Aliases: a.Aliases,
			Source:  "Phoenix " + strings.Join(a.Source, ","),
		}
		for _, r := range a.Roles {
			e.Periods = append(e.Periods, kbRole{Title: r.Title, Of: r.Of, From: r.From, To: r.To})
		}
		// No validate: package phoenix checked types, countries and dates,
		// and gen-phoenix's tests the ids; the regexps would cost a tenth
		// of start-up.
		kb.entries[e.ID] = e
		if e.Type == polgraph.Country {
			// former states (soviet-union): found by code like any state
			kb.order = append(kb.order, e.ID)
		} else {
			kb.phoenix = append(kb.phoenix, e.ID)
		}
	}
	return nil
}

// fromPhoenix reports whether the entry comes from the Phoenix tables.
func (e *kbEntry) fromPhoenix() bool { return strings.HasPrefix(e.Source, "Phoenix ") }

// A phoenixForm is one name of a Phoenix entry for the name index.
type phoenixForm struct {
	s    string
	form nameForm
}

// phoenixForms lists the names of a Phoenix entry that may find it in text:
// its name and the aliases the conversion kept, less the forms that would
// mostly find something else. Each rule answers a class of forms that
// fired wrongly on the corpus (the commits name the cases).
func (kb *knowledgeBase) phoenixForms(e *kbEntry) []phoenixForm {
	var out []phoenixForm
	try := func(s string, form nameForm) {
		s = strings.TrimSpace(s)
		if s == "" {
			return
		}
		if kb.phoenixAgents[strings.ToLower(s)] || isDateName(s) {
			// Phoenix's own agent nouns ("NGO", "Aid Group", "National
			// Security Council") name a kind of body, and "May 15",
			// "17 November", "313" are dates and numbers in text.
			return
		}
		if !strings.ContainsAny(s, " -") {
			// A lone word: never a capitalised common word, a given name
			// or a head noun ("Foundation" on El Rukn, "Organization").
			if kb.stopCaps[s] || kb.givenNames[s] || kb.orgHeads[strings.ToLower(s)] != "" {
				return
			}
			// A person's lone word is a surname ("Gandhi", "Schroder"):
			// it would take another person of that name in the article.
			// The resolver joins a surname to a full name it has seen.
			if form == formAlias && e.Type == polgraph.Person {
				return
			}
		}
		// An organisation's alias must be a form of its name: Phoenix lists
		// bodies under their ministry (the FAA and the NTSB on the US
		// Department of Transportation, FEMA on Homeland Security), rivals
		// and translations among a group's synonyms.
		if form == formAlias && e.Type == polgraph.Organization && !orgAliasOf(s, e.Name, kb.countryWords(e.Country)) {
			return
		}
		out = append(out, phoenixForm{s, form})
	}
	try(e.Name, formName)
	for _, a := range e.Aliases {
		try(a, formAlias)
	}
	if v := koreanHyphen(e); v != "" {
		try(v, formAlias)
	}
	return out
}

// koreanHyphen is the usual English spelling of a Korean, Chinese or
// Taiwanese three-syllable name that Phoenix writes in three words: "Roh
// Moo Hyun" is "Roh Moo-hyun" in the news. Empty when it does not apply.
func koreanHyphen(e *kbEntry) string {
	switch e.Country {
	case "KOR", "PRK", "TWN", "CHN", "HKG":
	default:
		return ""
	}
	w := strings.Fields(e.Name)
	if e.Type != polgraph.Person || len(w) != 3 || strings.ContainsAny(e.Name, "-.") {
		return ""
	}
	return w[0] + " " + w[1] + "-" + strings.ToLower(w[2])
}

// isDateName reports whether every word of s is a number or a month.
func isDateName(s string) bool {
	for _, w := range strings.Fields(s) {
		if !months[w] && strings.TrimLeft(w, "0123456789") != "" {
			return false
		}
	}
	return true
}

var months = map[string]bool{"January": true, "February": true, "March": true, "April": true, "May": true, "June": true,
	"July": true, "August": true, "September": true, "October": true, "November": true, "December": true}

// countryWords are the lower-case words of the names of the state with ISO
// code iso ("united", "states", "us", "american"): shared with an alias
// they do not make it a form of the name.
func (kb *knowledgeBase) countryWords(iso string) map[string]bool {
	if w, ok := kb.stateWords[iso]; ok {
		return w
	}
	e := kb.entries[kb.stateByISO[iso]]
	if e == nil {
		return nil
	}
	out := map[string]bool{}
	if kb.stateWords == nil {
		kb.stateWords = map[string]map[string]bool{}
	}
	kb.stateWords[iso] = out
	for _, n := range append(append([]string{e.Name}, e.Aliases...), e.Demonyms...) {
		for _, w := range contentWords(n) {
			out[w] = true
		}
	}
	return out
}

// orgAliasOf reports whether alias is a form of an organisation's name:
// the same letters in other case or punctuation ("DISNEY"), or at most two
// letters apart in a name of six or more ("Hizballah"), its initials of three letters or more ("HM" is too short for
// Hizbul Mujahideen), or a name of several words that shares at least half
// of its content words with the name ("US Department of Transportation"),
// the words of its state's names aside ("United States Geological Survey"
// is no name of the United States Department of the Interior).
func orgAliasOf(alias, name string, country map[string]bool) bool {
	letters := func(s string) string { return strings.ToLower(alnum(s)) }
	if la, ln := letters(alias), letters(name); la == ln || len(ln) >= 6 && editDistance(la, ln) <= 2 {
		return true // "Hizballah" for Hezbollah, "Al Shabab" for Al-Shabaab
	}
	aw, nw := contentWords(alias), contentWords(name)
	if isAcronym(alias) {
		a := letters(alias)
		var all, content strings.Builder
		for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return r == ' ' || r == '-' }) {
			all.WriteString(w[:1])
		}
		for _, w := range nw {
			content.WriteString(w[:1])
		}
		return len(a) >= 3 && (a == all.String() || a == content.String())
	}
	if len(aw) < 2 {
		return false
	}
	in := map[string]bool{}
	for _, w := range nw {
		in[w] = true
	}
	shared, own := 0, 0
	for _, w := range aw {
		if in[w] {
			shared++
			if !country[w] {
				own++
			}
		}
	}
	return 2*shared >= len(aw) && own > 0
}

// contentWords are the lower-case words of a name less the small words.
func contentWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	}) {
		w = strings.TrimSuffix(strings.Trim(w, "'"), "'s")
		switch w {
		case "", "of", "the", "and", "for", "in", "on", "a", "an", "al", "el", "de", "la":
			continue
		}
		out = append(out, w)
	}
	return out
}

// phoenixTokens splits a Phoenix name the way the text layer tokenises it
// in running text (prose's tokeniser, splitHyphens, mergeInitials) for the
// names where that is plain: words of letters with inner hyphens, and
// capital initials with a full stop before a capitalised word. For any
// other name it reports false and the caller tokenises with prose.
// TestPhoenixTokens checks the two agree on every Phoenix name.
func phoenixTokens(s string) ([]string, bool) {
	fields := strings.Fields(s)
	out := make([]string, 0, len(fields)+2)
	for k, f := range fields {
		if len(f) == 2 && f[0] >= 'A' && f[0] <= 'Z' && f[1] == '.' {
			if k+1 == len(fields) || !startsUpper(fields[k+1]) {
				return nil, false
			}
			out = append(out, f)
			continue
		}
		if f[0] == '-' || f[len(f)-1] == '-' || strings.Contains(f, "--") {
			return nil, false
		}
		for _, r := range f {
			if r != '-' && !unicode.IsLetter(r) {
				return nil, false
			}
		}
		if strings.IndexByte(f, '-') < 0 {
			out = append(out, f)
			continue
		}
		for _, p := range splitHyphens(f) {
			out = append(out, p.text)
		}
	}
	return out, len(out) > 0
}

// spells reports whether tokens hold every letter and digit of s, in order:
// prose drops what it cannot read, and a name cut short finds the wrong
// things.
func spells(toks []string, s string) bool {
	return alnum(strings.Join(toks, "")) == alnum(s)
}

func alnum(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Source says where the knowledge-base entry of an extracted actor comes
// from: "hand" (extract/kb), the path of a --kb file, or "Phoenix " and the
// Phoenix blocks ("Phoenix Countries:121"); empty for an actor the
// knowledge base does not know (a Phoenix person whose country the article
// did not name is one). For --explain and debugging.
func (x *Extractor) Source(a polgraph.Actor) string {
	if e := x.kb.entries[a.ID]; e != nil && e.Type == a.Type && e.Country == a.Country {
		return e.Source
	}
	return ""
}

// Command gen-phoenix converts the Phoenix actor and agent dictionaries
// (openeventdata/petrarch2, MIT) into polgraph's generated knowledge-base
// tables in extract/kb/phoenix: phoenix.tsv.gz (actors) and agents.tsv
// (agent nouns with their CAMEO sector). The output is deterministic: the
// same input gives the same bytes. The rules are documented in
// extract/kb/phoenix/README.md and on the functions that apply them.
//
//	go run ./internal/cmd/gen-phoenix [-in ../shared/resources/phoenix] [-kb extract/kb] [-out extract/kb/phoenix]
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The input files, in the order they are read.
const (
	fileCountries     = "Phoenix.Countries.actors.txt"
	fileInternational = "Phoenix.International.actors.txt"
	fileMilNonState   = "Phoenix.MilNonState.actors.txt"
	fileAgents        = "Phoenix.agents.txt"
)

var actorFiles = []string{fileCountries, fileInternational, fileMilNonState}

func main() {
	in := flag.String("in", "../shared/resources/phoenix", "folder of the Phoenix dictionaries")
	kbDir := flag.String("kb", "extract/kb", "folder of the hand-written knowledge base (read only)")
	out := flag.String("out", "extract/kb/phoenix", "output folder")
	verbose := flag.Bool("v", false, "list every input problem (file:line)")
	flag.Parse()
	res, err := generate(*in, *kbDir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen-phoenix:", err)
		os.Exit(1)
	}
	for name, data := range res.files {
		if err := os.WriteFile(filepath.Join(*out, name), data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gen-phoenix:", err)
			os.Exit(1)
		}
	}
	names := make([]string, 0, len(res.files))
	for n := range res.files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Printf("wrote %s (%d bytes)\n", filepath.Join(*out, n), len(res.files[n]))
	}
	keys := make([]string, 0, len(res.stats))
	for k := range res.stats {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Printf("%-70s %7d\n", k, res.stats[k])
	}
	fmt.Printf("input problems: %d (-v lists them)\n", len(res.problems))
	if *verbose {
		for _, e := range res.problems {
			fmt.Println("  ", e)
		}
	}
}

// result is one conversion: the output files by name, the figures and the
// input problems (each naming file and line).
type result struct {
	files    map[string][]byte
	stats    stats
	problems []error
}

// generate runs the whole conversion; it writes nothing.
func generate(in, kbDir string) (*result, error) {
	kb, err := loadHandKB(kbDir)
	if err != nil {
		return nil, err
	}
	st := stats{}
	cv := &converter{kb: kb, st: st, agents: map[string]bool{}, placeWord: map[string]bool{}}

	af, err := os.Open(filepath.Join(in, fileAgents))
	if err != nil {
		return nil, err
	}
	agents, skipped, err := parseAgents(fileAgents, af)
	af.Close()
	if err != nil {
		return nil, err
	}
	st["agents: lines without a code, skipped"] = skipped
	for _, a := range agents {
		cv.agents[strings.ToUpper(a.Phrase)] = true
	}

	raw := map[string][]rawEntry{}
	for _, f := range actorFiles {
		r, err := os.Open(filepath.Join(in, f))
		if err != nil {
			return nil, err
		}
		entries, errs, err := parseActors(f, r)
		r.Close()
		if err != nil {
			return nil, err
		}
		raw[f] = entries
		cv.errs = append(cv.errs, errs...)
		st["read: "+f+" entries"] = len(entries)
	}

	// Place words: the words of the Countries file's country names and of
	// their one-word synonyms (AFGHAN, AMERICAN), for title stripping.
	parsed := map[string][]parsedEntry{}
	for _, f := range actorFiles {
		for i := range raw[f] {
			parsed[f] = append(parsed[f], cv.readCodes(&raw[f][i]))
		}
	}
	for _, p := range parsed[fileCountries] {
		words, _ := tokens(p.raw.Name)
		if len(words) > 0 && cv.classifyQuiet(p, words) == tCountry {
			for _, w := range words {
				cv.placeWord[w] = true
			}
			for _, s := range p.raw.Synonyms {
				if w, _ := tokens(s); len(w) == 1 {
					cv.placeWord[w[0]] = true
				}
			}
		}
	}
	for _, w := range []string{"OF", "THE", "AND"} {
		delete(cv.placeWord, w)
	}

	// Phoenix's own country entries give an id to states the hand KB lacks
	// (the Soviet Union, Yugoslavia), so that their people's roles have an of.
	phoenixStates := map[string]string{}
	for _, p := range parsed[fileCountries] {
		words, _ := tokens(p.raw.Name)
		if len(words) == 0 || cv.classifyQuiet(p, words) != tCountry {
			continue
		}
		iso := countryOf(p, tCountry, cv.isCountry)
		if _, ok := kb.stateByISO[iso]; ok || iso == "" {
			continue
		}
		if _, ok := phoenixStates[iso]; !ok {
			phoenixStates[iso] = slug(display(words, tCountry, iso, nil))
		}
	}
	stateID := func(iso string) string {
		if id := kb.stateByISO[iso]; id != "" {
			return id
		}
		return phoenixStates[iso]
	}
	var actors []*actor
	for _, f := range actorFiles {
		for _, p := range parsed[f] {
			if a := cv.convertEntry(p, f, stateID); a != nil {
				actors = append(actors, a)
			}
		}
	}

	actors = mergeActors(actors, st)
	actors = linkActors(actors, st)
	actors = adoptHandIDs(actors, kb, st)
	assignIDs(actors, kb, st)
	filterAliases(actors, kb, st)
	for _, a := range actors {
		st["written: "+a.Type]++
		st["written: aliases"] += len(a.Aliases)
		st["written: roles"] += len(a.Roles)
	}
	sort.Slice(actors, func(i, j int) bool { return actors[i].ID < actors[j].ID })

	tsv := writeActors(actors)
	gz, err := gzipFixed(tsv)
	if err != nil {
		return nil, err
	}
	agentsTSV, nAgents, conflicts := writeAgents(agents)
	st["agents: rows written"] = nAgents
	st["agents: phrases with more than one code"] = conflicts
	st["written: phoenix.tsv bytes before gzip"] = len(tsv)
	return &result{
		files:    map[string][]byte{"phoenix.tsv.gz": gz, "agents.tsv": agentsTSV},
		stats:    st,
		problems: cv.errs,
	}, nil
}

// classifyQuiet is classify without counting.
func (cv *converter) classifyQuiet(p parsedEntry, words []string) string {
	saved := cv.st
	cv.st = stats{}
	t := cv.classify(p, words, fileCountries)
	cv.st = saved
	return t
}

// mergeActors folds entries with the same merge key into the first one.
func mergeActors(actors []*actor, st stats) []*actor {
	byKey := map[string]*actor{}
	var out []*actor
	for _, a := range actors {
		k := mergeKey(a)
		if b, ok := byKey[k]; ok {
			merge(b, a)
			st["merged: entries folded into an earlier one of the same name"]++
			continue
		}
		byKey[k] = a
		out = append(out, a)
	}
	for _, a := range out {
		a.finish()
	}
	return out
}

// linkActors merges entries the dictionaries themselves say are one actor,
// where nothing contradicts it: two entries of the same type where a
// synonym of one is the other's name (KOFI_ANNAN_ +KOFI_ATTA_ANNAN_ and an
// entry KOFI_ATTA_ANNAN_), or a name shared with exactly one entry of the
// same type, and the countries are equal or one is empty (the International
// file's BAN_KI-MOON and the Countries file's). The entry read first keeps
// its name; the others' names become aliases.
func linkActors(actors []*actor, st stats) []*actor {
	parent := make([]int, len(actors))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	byName := map[string][]int{}
	for i, a := range actors {
		k := a.Type + "|" + foldKey(a.Name)
		byName[k] = append(byName[k], i)
	}
	compatible := func(a, b *actor) bool {
		return a.Type != tCountry && (a.Country == b.Country || a.Country == "" || b.Country == "")
	}
	link := func(i int, k string) {
		var cands []int
		for _, j := range byName[k] {
			if j != i && compatible(actors[i], actors[j]) {
				cands = append(cands, j)
			}
		}
		if len(cands) != 1 {
			return
		}
		ri, rj := find(i), find(cands[0])
		if ri == rj {
			return
		}
		// The group keeps one country: never join two groups of different ones.
		ci, cj := actors[ri].Country, actors[rj].Country
		if ci != "" && cj != "" && ci != cj {
			return
		}
		if rj < ri {
			ri, rj = rj, ri
		}
		parent[rj] = ri
		if actors[ri].Country == "" {
			actors[ri].Country = actors[rj].Country
		}
		st["merged: entries linked by a synonym or a shared name"]++
	}
	for i, a := range actors {
		if a.Type == tCountry {
			continue
		}
		if a.Country == "" {
			link(i, a.Type+"|"+foldKey(a.Name))
		}
		for _, al := range a.Aliases {
			link(i, a.Type+"|"+foldKey(al))
		}
	}
	var out []*actor
	for i, a := range actors {
		r := find(i)
		if r == i {
			out = append(out, a)
			continue
		}
		root := actors[r]
		root.Aliases = append(root.Aliases, a.Name)
		merge(root, a)
	}
	for _, a := range out {
		a.finish()
	}
	return out
}

// adoptHandIDs gives an actor the id of the hand KB entry whose name or
// alias is the actor's name, when the types are the same and the countries
// are equal or one is empty (the hand KB leaves international NGOs without
// a country; Phoenix codes Reuters or Abu Sayyaf with no country or a
// region): Phoenix's "UN" is the hand KB's united-nations. Different
// countries keep the entries apart (Salva Kiir SDN and SSD). Phoenix actors that adopt the same id are merged, the
// first read keeping its name.
func adoptHandIDs(actors []*actor, kb *handKB, st stats) []*actor {
	byID := map[string]*actor{}
	var out []*actor
	for _, a := range actors {
		if a.Type != tCountry {
			if id, ok := kb.surface[foldKey(a.Name)]; ok {
				h := kb.ids[id]
				if h[0] == a.Type && (h[1] == a.Country || h[1] == "" || a.Country == "") {
					if root, ok := byID[id]; ok {
						root.Aliases = append(root.Aliases, a.Name)
						merge(root, a)
						root.finish()
						st["ids: Phoenix entries merged under one adopted hand KB id"]++
						continue
					}
					a.ID = id
					byID[id] = a
					st["ids: adopted from the hand KB entry of that name or alias"]++
				}
			}
		}
		out = append(out, a)
	}
	return out
}

// assignIDs gives each actor the hand KB's slug of its name. A Country
// takes the hand KB id of its ISO code. Where two Phoenix actors share a
// slug, or the hand KB has the slug for an actor of another type or
// country, each gets "-" + its lower-case country code (or its type when it
// has none), then "-2", "-3" in source order if still not unique. A hand
// KB entry and a Phoenix one of the same type match when either has no
// country.
func assignIDs(actors []*actor, kb *handKB, st stats) {
	bySlug := map[string][]*actor{}
	for _, a := range actors {
		if a.ID != "" {
			continue // adopted
		}
		if a.Type == tCountry {
			if id := kb.stateByISO[a.Country]; id != "" {
				// The hand KB's name, so that the row reads as the state it
				// merges into (Phoenix's first RUS block is the Russian SFSR).
				a.ID = id
				if n := kb.names[id]; n != a.Name {
					a.Aliases = append(a.Aliases, a.Name)
					a.Name = n
					a.finish()
				}
				continue
			}
		}
		s := slug(a.Name)
		bySlug[s] = append(bySlug[s], a)
	}
	taken := map[string]bool{}
	for _, a := range actors {
		if a.ID != "" {
			taken[a.ID] = true
		}
	}
	slugs := make([]string, 0, len(bySlug))
	for s := range bySlug {
		slugs = append(slugs, s)
	}
	sort.Strings(slugs)
	for _, s := range slugs {
		group := bySlug[s]
		hand, inHand := kb.ids[s]
		// The hand KB omits the country of international officials (Ban
		// Ki-moon) and NGOs; Phoenix that of many media and groups.
		sameCountry := hand[1] == group[0].Country || hand[1] == "" || group[0].Country == ""
		clash := len(group) > 1 || taken[s] ||
			inHand && (hand[0] != group[0].Type || !sameCountry)
		if !clash {
			group[0].ID = s
			taken[s] = true
			if inHand {
				st["ids: same id as a hand KB entry of the same type and country (hand KB wins)"]++
			}
			continue
		}
		st["ids: collisions (slugs shared, disambiguated)"]++
		for _, a := range group {
			suffix := strings.ToLower(a.Country)
			if suffix == "" {
				suffix = strings.ToLower(a.Type[:3])
			}
			id := s + "-" + suffix
			for n := 2; taken[id]; n++ {
				id = fmt.Sprintf("%s-%s-%d", s, suffix, n)
			}
			a.ID = id
			taken[id] = true
			st["ids: entries given a suffixed id"]++
		}
	}
}

// filterAliases drops aliases that could merge two actors: an alias (folded)
// that is another Phoenix actor's name or alias, a one-word alias of a
// person that is a word of another actor's name (a shared surname), and an
// alias that is a name, alias, demonym or capital of a hand KB entry with
// another id.
func filterAliases(actors []*actor, kb *handKB, st stats) {
	owners := map[string]map[*actor]bool{}
	nameOf := map[string]map[*actor]bool{}
	wordIn := map[string]int{}
	for _, a := range actors {
		k := foldKey(a.Name)
		if nameOf[k] == nil {
			nameOf[k] = map[*actor]bool{}
		}
		nameOf[k][a] = true
		seen := map[string]bool{}
		for _, w := range strings.Fields(k) {
			if !seen[w] {
				seen[w] = true
				wordIn[w]++
			}
		}
		for _, al := range a.Aliases {
			k := foldKey(al)
			if owners[k] == nil {
				owners[k] = map[*actor]bool{}
			}
			owners[k][a] = true
		}
	}
	for _, a := range actors {
		kept := a.Aliases[:0]
		for _, al := range a.Aliases {
			k := foldKey(al)
			switch {
			case k == foldKey(a.Name):
				kept = append(kept, al) // a spelling of its own name (case, punctuation)
				continue
			case len(nameOf[k]) > 0 && !nameOf[k][a]:
				st["aliases dropped: name of another entry"]++
				continue
			case len(owners[k]) > 1:
				st["aliases dropped: shared by two entries"]++
				continue
			case a.Type == tPerson && !strings.Contains(k, " ") && wordIn[k] > 1:
				st["aliases dropped: one-word alias in other entries' names (shared surname)"]++
				continue
			}
			if id, ok := kb.surface[k]; ok && id != a.ID {
				st["aliases dropped: name or alias of another hand KB entry"]++
				continue
			}
			kept = append(kept, al)
		}
		a.Aliases = kept
		if id, ok := kb.surface[foldKey(a.Name)]; ok && id != a.ID {
			st["names: equal to a hand KB name or alias of another id (merge must check)"]++
		}
	}
}

// header is the comment block at the top of phoenix.tsv.
const header = `# phoenix.tsv — GENERATED by go run ./internal/cmd/gen-phoenix (make gen-phoenix); do not edit.
# Source: Phoenix actor dictionaries of openeventdata/petrarch2 (petrarch2/data/dictionaries, @676801c),
# via ../shared/resources/phoenix: Phoenix.Countries.actors.txt, Phoenix.International.actors.txt,
# Phoenix.MilNonState.actors.txt. MIT licence, Copyright (c) 2014 Open Event Data (LICENSE there).
# Rules: extract/kb/phoenix/README.md. The hand-written KB (extract/kb/*.yaml) wins over these entries.
# One actor a line, tab-separated; lists are joined by '|', a role is title@of@from@to (ISO dates,
# empty when unbounded); source is file:line of each Phoenix block merged into the entry.
# id	name	type	country	aliases	roles	codes	source
`

// writeActors renders the actor table.
func writeActors(actors []*actor) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	for _, a := range actors {
		roles := make([]string, len(a.Roles))
		for i, r := range a.Roles {
			roles[i] = r.Title + "@" + r.Of + "@" + r.From + "@" + r.To
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", a.ID, a.Name, a.Type, a.Country,
			strings.Join(a.Aliases, "|"), strings.Join(roles, "|"), strings.Join(a.Codes, "|"),
			strings.Join(a.Sources, "|"))
	}
	return b.Bytes()
}

// agentsHeader is the comment block at the top of agents.tsv.
const agentsHeader = `# agents.tsv — GENERATED by go run ./internal/cmd/gen-phoenix (make gen-phoenix); do not edit.
# Source: Phoenix.agents.txt of openeventdata/petrarch2 (@676801c) via ../shared/resources/phoenix,
# MIT licence, Copyright (c) 2014 Open Event Data. Agent nouns ("opposition leader"), not actors:
# phrase (lower case, !PERSON!/!MINIST! macros and {plural} forms expanded), CAMEO sector code
# (the part after '~': GOV, OPP, GOVBUS), actor prefix (the part before '~', e.g. IGO; mostly empty),
# line in Phoenix.agents.txt.
# phrase	sector	prefix	line
`

// writeAgents renders the agent table, sorted and without duplicate rows;
// it returns the rows written and the phrases with several codes.
func writeAgents(agents []agent) ([]byte, int, int) {
	sort.SliceStable(agents, func(i, j int) bool {
		x, y := agents[i], agents[j]
		if x.Phrase != y.Phrase {
			return x.Phrase < y.Phrase
		}
		if x.Sector != y.Sector {
			return x.Sector < y.Sector
		}
		if x.Prefix != y.Prefix {
			return x.Prefix < y.Prefix
		}
		return x.Line < y.Line
	})
	var b bytes.Buffer
	b.WriteString(agentsHeader)
	rows, conflicts := 0, 0
	for i, a := range agents {
		if i > 0 {
			p := agents[i-1]
			if p.Phrase == a.Phrase && p.Sector == a.Sector && p.Prefix == a.Prefix {
				continue
			}
			if p.Phrase == a.Phrase {
				conflicts++
			}
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%d\n", a.Phrase, a.Sector, a.Prefix, a.Line)
		rows++
	}
	return b.Bytes(), rows, conflicts
}

// gzipFixed compresses with a fixed header (no name, no time), so the same
// input gives the same bytes with the same Go release.
func gzipFixed(data []byte) ([]byte, error) {
	var b bytes.Buffer
	w, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// kbEntry is the part of a hand KB entry the conversion reads.
type kbEntry struct {
	ID       string   `yaml:"id"`
	Name     string   `yaml:"name"`
	Type     string   `yaml:"type"`
	Country  string   `yaml:"country"`
	Aliases  []string `yaml:"aliases"`
	Demonyms []string `yaml:"demonyms"`
	Capitals []string `yaml:"capitals"`
}

// loadHandKB reads extract/kb: countries.yaml before territories.yaml (the
// first Country of a code is its state, as extract.LoadKB decides), the
// other YAML files for ids and surface forms, and the name lists.
func loadHandKB(dir string) (*handKB, error) {
	kb := &handKB{stateByISO: map[string]string{}, ids: map[string][2]string{}, names: map[string]string{}, surface: map[string]string{},
		givenNames: map[string]bool{}, stopCaps: map[string]bool{}}
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var entries []kbEntry
		if err := yaml.Unmarshal(data, &entries); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for _, e := range entries {
			kb.ids[e.ID] = [2]string{e.Type, e.Country}
			kb.names[e.ID] = e.Name
			if e.Type == tCountry && e.Country != "" {
				if _, ok := kb.stateByISO[e.Country]; !ok {
					kb.stateByISO[e.Country] = e.ID
				}
			}
			for _, s := range append(append(append([]string{e.Name}, e.Aliases...), e.Demonyms...), e.Capitals...) {
				k := foldKey(s)
				if _, ok := kb.surface[k]; !ok {
					kb.surface[k] = e.ID
				}
			}
		}
	}
	for name, m := range map[string]map[string]bool{"given_names.txt": kb.givenNames, "stop_capitalized.txt": kb.stopCaps} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		for _, line := range strings.Split(string(data), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			m[strings.ToUpper(strings.Fields(line)[0])] = true
		}
	}
	return kb, nil
}

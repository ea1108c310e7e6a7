package extract

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/polgraph/polgraph"
	"go.yaml.in/yaml/v3"
)

//go:embed kb/*.yaml kb/*.txt kb/*.tsv
var builtinKB embed.FS

// A kbEntry is one actor of the knowledge base, as written in the YAML files
// of extract/kb (and in users' --kb files, which use the same format).
type kbEntry struct {
	ID       string             `yaml:"id"`
	Name     string             `yaml:"name"`
	Type     polgraph.ActorType `yaml:"type"`
	Country  string             `yaml:"country"`
	Aliases  []string           `yaml:"aliases"`
	Demonyms []string           `yaml:"demonyms"`
	Capitals []string           `yaml:"capitals"`
	Kind     string             `yaml:"kind"`
	PartOf   string             `yaml:"part_of"`
	Gender   string             `yaml:"gender"`
	Roles    []kbRole           `yaml:"roles"`

	// Source says where the entry comes from, for --explain and
	// debugging: "hand" for extract/kb, the path of a user's file, or
	// "Phoenix " and the Phoenix blocks ("Phoenix Countries:121").
	Source string `yaml:"-"`
	// Periods are the coarse dated sectors of a Phoenix person
	// ("government" of kenya, 1978–2002): they date and place the person
	// but name no office, so no rule reads them as a title (see kbphoenix.go).
	Periods []kbRole `yaml:"-"`
}

// A kbRole is an office held between two dates (YYYY or YYYY-MM-DD; To is
// empty while in office).
type kbRole struct {
	Title string `yaml:"title"`
	Of    string `yaml:"of"`
	From  string `yaml:"from"`
	To    string `yaml:"to"`
}

var (
	slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	isoRE  = regexp.MustCompile(`^[A-Z]{3}$`)
	dateRE = regexp.MustCompile(`^\d{4}(-\d{2}-\d{2})?$`)
)

// validate checks one entry; the error names the entry.
func (e *kbEntry) validate() error {
	switch {
	case !slugRE.MatchString(e.ID):
		return fmt.Errorf("id %q is not a lowercase slug", e.ID)
	case strings.TrimSpace(e.Name) == "":
		return fmt.Errorf("%s: no name", e.ID)
	case !e.Type.Valid():
		return fmt.Errorf("%s: type %q is not Person, Country or Organization", e.ID, e.Type)
	case e.Country != "" && !isoRE.MatchString(e.Country):
		return fmt.Errorf("%s: country %q is not an ISO 3166-1 alpha-3 code", e.ID, e.Country)
	case e.Gender != "" && e.Gender != "m" && e.Gender != "f":
		return fmt.Errorf("%s: gender %q is not m or f", e.ID, e.Gender)
	}
	for _, r := range e.Roles {
		if r.Title == "" || r.Of == "" {
			return fmt.Errorf("%s: a role needs a title and an of", e.ID)
		}
		for _, d := range []string{r.From, r.To} {
			if d != "" && !dateRE.MatchString(d) {
				return fmt.Errorf("%s: role %s date %q is not YYYY or YYYY-MM-DD", e.ID, r.Title, d)
			}
		}
	}
	return nil
}

// activeOn reports whether the role was held on date (YYYY-MM-DD). With no
// date, only roles without an end count.
func (r kbRole) activeOn(date string) bool {
	if date == "" {
		return r.To == ""
	}
	from, to := r.From, r.To
	if len(from) == 4 {
		from += "-01-01"
	}
	if len(to) == 4 {
		to += "-12-31"
	}
	return (from == "" || from <= date) && (to == "" || date <= to)
}

// knowledgeBase is the loaded knowledge base: entries by id and the lexical resources
// that recognition uses. It is read-only after loading.
type knowledgeBase struct {
	entries    map[string]*kbEntry
	order      []string // ids in load order, for deterministic iteration
	givenNames map[string]bool
	stopCaps   map[string]bool
	orgHeads   map[string]string // lower-case head noun (may be several words) -> kind
	titles     []titleEntry
	stateByISO map[string]string // ISO code -> id of the sovereign state's entry
	// phoenix lists the ids of the Phoenix persons and organisations
	// (kbphoenix.go), which stay out of order: the rules that scan the
	// whole KB (office holders, bodies of a state) read hand entries only.
	phoenix       []string
	phoenixAgents map[string]bool // Phoenix agent nouns, lower case ("opposition leader", "ngo")
	// phoenixOf holds the Phoenix rows of hand organisations (same id),
	// whose aliases the name index adds to the hand entry.
	phoenixOf  map[string]*kbEntry
	stateWords map[string]map[string]bool // countryWords by ISO code, filled while the index is built
}

type titleEntry struct {
	Words    []string // lower-case tokens
	Title    string   // canonical form, as written in titles.tsv
	Relation polgraph.Predicate
	Class    string
}

// loadKB reads the built-in knowledge base, then each extra file in order;
// an entry of an extra file with the id of an existing one replaces it.
// With withPhoenix, the Phoenix actors are merged under these entries last
// (kbphoenix.go).
func loadKB(withPhoenix bool, extra ...string) (*knowledgeBase, error) {
	kb := &knowledgeBase{entries: map[string]*kbEntry{}, givenNames: map[string]bool{}, stopCaps: map[string]bool{}, orgHeads: map[string]string{}}
	files, err := fs.Glob(builtinKB, "kb/*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	if err := readFiles(builtinKB, files, extra, "knowledge base", kb.addYAML); err != nil {
		return nil, err
	}
	if err := kb.loadLists(); err != nil {
		return nil, err
	}
	if withPhoenix {
		if err := kb.addPhoenix(); err != nil {
			return nil, err
		}
	}
	// The first Country entry of a code is the state (countries.yaml loads
	// before territories.yaml, whose entries carry their state's code).
	kb.stateByISO = map[string]string{}
	for _, id := range kb.order {
		if e := kb.entries[id]; e.Type == polgraph.Country && e.Country != "" {
			if _, ok := kb.stateByISO[e.Country]; !ok {
				kb.stateByISO[e.Country] = id
			}
		}
	}
	return kb, kb.check()
}

func (kb *knowledgeBase) addYAML(file string, data []byte) error {
	var entries []kbEntry
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&entries); err != nil {
		return fmt.Errorf("knowledge base %s: %w", file, err)
	}
	for i := range entries {
		e := entries[i]
		if err := e.validate(); err != nil {
			return fmt.Errorf("knowledge base %s: entry %d: %w", file, i+1, err)
		}
		e.Source = "hand"
		if !strings.HasPrefix(file, "kb/") {
			e.Source = file // a user's --kb file
		}
		if _, ok := kb.entries[e.ID]; !ok {
			kb.order = append(kb.order, e.ID)
		}
		kb.entries[e.ID] = &e
	}
	return nil
}

// check verifies cross references once everything is loaded.
func (kb *knowledgeBase) check() error {
	for _, id := range kb.order {
		e := kb.entries[id]
		if e.PartOf != "" && kb.entries[e.PartOf] == nil {
			return fmt.Errorf("knowledge base: %s: part_of %q is not an entry", id, e.PartOf)
		}
	}
	return nil
}

func (kb *knowledgeBase) loadLists() error {
	read := func(name string, fn func(fields []string) error) error {
		data, err := builtinKB.ReadFile("kb/" + name)
		if err != nil {
			return nil // lists are optional
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		n := 0
		for sc.Scan() {
			n++
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			if err := fn(strings.Split(line, "\t")); err != nil {
				return fmt.Errorf("knowledge base %s:%d: %w", name, n, err)
			}
		}
		return sc.Err()
	}
	if err := read("given_names.txt", func(f []string) error { kb.givenNames[strings.TrimSpace(f[0])] = true; return nil }); err != nil {
		return err
	}
	if err := read("stop_capitalized.txt", func(f []string) error { kb.stopCaps[strings.TrimSpace(f[0])] = true; return nil }); err != nil {
		return err
	}
	if err := read("org_heads.txt", func(f []string) error {
		kind := ""
		if len(f) > 1 {
			kind = strings.TrimSpace(f[1])
		}
		kb.orgHeads[strings.ToLower(strings.TrimSpace(f[0]))] = kind
		return nil
	}); err != nil {
		return err
	}
	return read("titles.tsv", func(f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("want title<TAB>relation<TAB>class")
		}
		t := titleEntry{Title: strings.TrimSpace(f[0])}
		switch rel := strings.TrimSpace(f[1]); rel {
		case "NONE", "":
		case string(polgraph.Leads), string(polgraph.OfficialOf), string(polgraph.MemberOf):
			t.Relation = polgraph.Predicate(rel)
		default:
			return fmt.Errorf("relation %q is not LEADS, OFFICIAL_OF, MEMBER_OF or NONE", rel)
		}
		if len(f) > 2 {
			t.Class = strings.TrimSpace(f[2])
		}
		kb.titles = append(kb.titles, t)
		return nil
	})
}

// size is the number of entries.
func (kb *knowledgeBase) size() int { return len(kb.entries) }

// readFiles passes each built-in file (from fsys), then each user file, to
// add: the knowledge base and the lexicon load the same way, users' files
// after and over the built-in ones. what names the data in errors.
func readFiles(fsys fs.FS, builtin, extra []string, what string, add func(name string, data []byte) error) error {
	for _, f := range builtin {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return err
		}
		if err := add(f, data); err != nil {
			return err
		}
	}
	for _, f := range extra {
		data, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		if err := add(f, data); err != nil {
			return err
		}
	}
	return nil
}

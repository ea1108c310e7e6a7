package extract

// Predicate is a relation type from the closed vocabulary of
// ../shared/spec/ontology.md. No other value is ever emitted or loaded.
type Predicate string

// Category is the PLOVER event category of a predicate; structural
// predicates are their own category.
type Category string

// The relation vocabulary.
const (
	Leads            Predicate = "LEADS"
	OfficialOf       Predicate = "OFFICIAL_OF"
	MemberOf         Predicate = "MEMBER_OF"
	Succeeded        Predicate = "SUCCEEDED"
	AlliedWith       Predicate = "ALLIED_WITH"
	InConflictWith   Predicate = "IN_CONFLICT_WITH"
	MetWith          Predicate = "MET_WITH"
	Visited          Predicate = "VISITED"
	NegotiatedWith   Predicate = "NEGOTIATED_WITH"
	AgreedWith       Predicate = "AGREED_WITH"
	Supported        Predicate = "SUPPORTED"
	ConcededTo       Predicate = "CONCEDED_TO"
	CooperatedWith   Predicate = "COOPERATED_WITH"
	Aided            Predicate = "AIDED"
	RetreatedFrom    Predicate = "RETREATED_FROM"
	Requested        Predicate = "REQUESTED"
	Criticized       Predicate = "CRITICIZED"
	Rejected         Predicate = "REJECTED"
	Threatened       Predicate = "THREATENED"
	Protested        Predicate = "PROTESTED"
	Sanctioned       Predicate = "SANCTIONED"
	MobilizedAgainst Predicate = "MOBILIZED_AGAINST"
	Coerced          Predicate = "COERCED"
	Attacked         Predicate = "ATTACKED"
)

type predicateInfo struct {
	category  Category
	symmetric bool
}

var vocabulary = map[Predicate]predicateInfo{
	Leads:            {"LEADS", false},
	OfficialOf:       {"OFFICIAL_OF", false},
	MemberOf:         {"MEMBER_OF", false},
	Succeeded:        {"SUCCEEDED", false},
	AlliedWith:       {"ALLIED_WITH", true},
	InConflictWith:   {"IN_CONFLICT_WITH", true},
	MetWith:          {"CONSULT", true},
	Visited:          {"CONSULT", false},
	NegotiatedWith:   {"CONSULT", true},
	AgreedWith:       {"AGREE", true},
	Supported:        {"SUPPORT", false},
	ConcededTo:       {"CONCEDE", false},
	CooperatedWith:   {"COOPERATE", true},
	Aided:            {"AID", false},
	RetreatedFrom:    {"RETREAT", false},
	Requested:        {"REQUEST", false},
	Criticized:       {"ACCUSE", false},
	Rejected:         {"REJECT", false},
	Threatened:       {"THREATEN", false},
	Protested:        {"PROTEST", false},
	Sanctioned:       {"SANCTION", false},
	MobilizedAgainst: {"MOBILIZE", false},
	Coerced:          {"COERCE", false},
	Attacked:         {"ASSAULT", false},
}

// Predicates lists the vocabulary in the order of ontology.md.
var Predicates = []Predicate{
	Leads, OfficialOf, MemberOf, Succeeded, AlliedWith, InConflictWith,
	MetWith, Visited, NegotiatedWith, AgreedWith, Supported, ConcededTo,
	CooperatedWith, Aided, RetreatedFrom, Requested, Criticized, Rejected,
	Threatened, Protested, Sanctioned, MobilizedAgainst, Coerced, Attacked,
}

// Valid reports whether p is in the closed vocabulary.
func (p Predicate) Valid() bool { _, ok := vocabulary[p]; return ok }

// Category returns p's PLOVER category ("" for an unknown predicate).
func (p Predicate) Category() Category { return vocabulary[p].category }

// Symmetric reports whether p is stored once per unordered pair.
func (p Predicate) Symmetric() bool { return vocabulary[p].symmetric }

// Structural reports whether p describes a standing relation rather than an event.
func (p Predicate) Structural() bool { return string(p.Category()) == string(p) }

package polgraph

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

// vocabulary is the one table of the closed vocabulary, in the order of
// ontology.md: each predicate's PLOVER category (its own name for the
// structural ones) and whether it is stored once per unordered pair.
var vocabulary = []struct {
	predicate Predicate
	category  Category
	symmetric bool
}{
	{Leads, "LEADS", false},
	{OfficialOf, "OFFICIAL_OF", false},
	{MemberOf, "MEMBER_OF", false},
	{Succeeded, "SUCCEEDED", false},
	{AlliedWith, "ALLIED_WITH", true},
	{InConflictWith, "IN_CONFLICT_WITH", true},
	{MetWith, "CONSULT", true},
	{Visited, "CONSULT", false},
	{NegotiatedWith, "CONSULT", true},
	{AgreedWith, "AGREE", true},
	{Supported, "SUPPORT", false},
	{ConcededTo, "CONCEDE", false},
	{CooperatedWith, "COOPERATE", true},
	{Aided, "AID", false},
	{RetreatedFrom, "RETREAT", false},
	{Requested, "REQUEST", false},
	{Criticized, "ACCUSE", false},
	{Rejected, "REJECT", false},
	{Threatened, "THREATEN", false},
	{Protested, "PROTEST", false},
	{Sanctioned, "SANCTION", false},
	{MobilizedAgainst, "MOBILIZE", false},
	{Coerced, "COERCE", false},
	{Attacked, "ASSAULT", false},
}

// Predicates lists the vocabulary in the order of ontology.md.
var Predicates = func() []Predicate {
	out := make([]Predicate, len(vocabulary))
	for i, v := range vocabulary {
		out[i] = v.predicate
	}
	return out
}()

// lookup returns p's row of the vocabulary table.
func lookup(p Predicate) (category Category, symmetric, ok bool) {
	for _, v := range vocabulary {
		if v.predicate == p {
			return v.category, v.symmetric, true
		}
	}
	return "", false, false
}

// Valid reports whether p is in the closed vocabulary.
func (p Predicate) Valid() bool { _, _, ok := lookup(p); return ok }

// Category returns p's PLOVER category ("" for an unknown predicate).
func (p Predicate) Category() Category { c, _, _ := lookup(p); return c }

// Symmetric reports whether p is stored once per unordered pair.
func (p Predicate) Symmetric() bool { _, s, _ := lookup(p); return s }

// Structural reports whether p describes a standing relation rather than an event.
func (p Predicate) Structural() bool { return string(p.Category()) == string(p) }

package extract

import "github.com/polgraph/polgraph"

// formerStates groups a state of the Phoenix years with its successors: a
// Soviet minister coded RUS is confirmed by "the Soviet Union".
var formerStates = map[string][]string{
	"SUN": {"RUS", "UKR", "BLR", "MDA", "EST", "LVA", "LTU", "GEO", "ARM", "AZE", "KAZ", "KGZ", "TJK", "TKM", "UZB"},
	"YUG": {"SRB", "MNE", "HRV", "SVN", "BIH", "MKD", "XKX"},
	"SCG": {"SRB", "MNE", "XKX"},
	"CSK": {"CZE", "SVK"},
	"DDR": {"DEU"},
}

// confirmPhoenixPersons keeps a Phoenix person only where the article names
// the person's country (or a former state of it, or a state it succeeded):
// the tables hold 18,000 ministers and officials, so an "Andrew Smith" or a
// "Richard Burton" in an article about other countries is someone else. The
// name stays a person's, as one the knowledge base does not know, without
// a country. On the corpus, 5 of the 51 Phoenix persons found named no
// country of theirs, and all 5 were someone else (a Kamloops constable, an
// Alabama governor coded for Liberia); of the 46 confirmed, 2 still were
// (the singer James Brown, a judge under an alias of General James Jones).
func (d *analysis) confirmPhoenixPersons() {
	named := map[string]bool{}
	for _, a := range d.actors {
		if a.Type == polgraph.Country && a.Country != "" {
			named[a.Country] = true
			for _, s := range formerStates[a.Country] {
				named[s] = true
			}
			for old, succ := range formerStates {
				for _, s := range succ {
					if s == a.Country {
						named[old] = true
					}
				}
			}
		}
	}
	for i, a := range d.actors {
		if a.entry == nil || !a.entry.fromPhoenix() || a.Type != polgraph.Person || a.Country == "" || named[a.Country] {
			continue
		}
		id := slug(a.Name)
		if j, taken := d.actorByID[id]; taken && j != i {
			continue
		}
		delete(d.actorByID, a.ID)
		a.ID, a.Country, a.entry = id, "", nil
		d.actorByID[id] = i
	}
}

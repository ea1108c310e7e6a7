package main

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/polgraph/polgraph"
)

// CAMEO code -> polgraph relation type.
//
// A code reaches a PLOVER category through CAMEO2PLOVER-2021.txt. Where that
// category holds exactly one of our types (REQUEST is REQUESTED, ASSAULT is
// ATTACKED, ...), that type is the answer. The rules below come first: they
// split PLOVER's CONSULT into our three types, send CAMEO 03 "express
// intent to X" to the type of X with modality intended, cover CAMEO 01/02,
// which the PLOVER table leaves out, and correct the few places where our
// ontology (../shared/spec/ontology.md) puts an event elsewhere than PLOVER.
// The rule with the longest matching prefix wins.

// A rule maps the CAMEO codes starting with prefix.
type rule struct {
	prefix   string
	pred     polgraph.Predicate // "" drops the codes
	modality string             // "" lets the sentence decide; "intended" for 03x
	why      string
}

const intended = "intended"

var rules = []rule{
	{"01", "", "", "public statement: no relation to a target"},
	{"02", polgraph.Requested, "", "appeal: REQUESTED like 10 demand (PLOVER table has no 02)"},

	// 03 express intent to X: X's type, intended. PLOVER files all of 03 under AGREE.
	{"030", polgraph.CooperatedWith, intended, "intent to cooperate (as 06)"},
	{"031", polgraph.CooperatedWith, intended, "intent to cooperate materially (as 06)"},
	{"032", polgraph.Supported, intended, "intent to cooperate diplomatically (as 05)"},
	{"033", polgraph.Aided, intended, "intent to provide aid (as 07)"},
	{"034", polgraph.ConcededTo, intended, "intent to bring political reform (as 083)"},
	{"035", polgraph.ConcededTo, intended, "intent to yield (as 08)"},
	{"0356", polgraph.RetreatedFrom, intended, "intent to de-escalate militarily (as 087)"},
	{"036", polgraph.NegotiatedWith, intended, "intent to meet or negotiate (as 046)"},
	{"037", polgraph.AgreedWith, intended, "intent to settle a dispute"},
	{"038", polgraph.NegotiatedWith, intended, "intent to accept mediation (as 045)"},
	{"039", polgraph.NegotiatedWith, intended, "intent to mediate (as 045)"},

	// 04 consult: PLOVER CONSULT is three types of ours.
	{"040", polgraph.MetWith, "", "consult"},
	{"041", polgraph.NegotiatedWith, "", "discuss by telephone (ontology: phone call with)"},
	{"042", polgraph.Visited, "", "make a visit: S visits O"},
	{"043", polgraph.MetWith, "", "host a visit: O visited S, which S->O patterns cannot say; MET_WITH is symmetric (ontology: hosted, received)"},
	{"044", polgraph.MetWith, "", "meet at a third location"},
	{"045", polgraph.NegotiatedWith, "", "mediate"},
	{"046", polgraph.NegotiatedWith, "", "negotiate"},

	// 05 diplomatic cooperation is PLOVER SUPPORT, our SUPPORTED (CAMEO files
	// support, back, side with under 050), except:
	{"055", "", "", "apologise: no type of ours"},
	{"056", "", "", "forgive: no type of ours"},
	{"057", polgraph.AgreedWith, "", "sign a formal agreement (ontology: signed)"},

	// 08 yield: PLOVER splits CONCEDE (080-083) and RETREAT (084-087); the
	// ontology puts releasing prisoners, easing sanctions and admitting
	// observers under CONCEDED_TO.
	{"0813", polgraph.ConcededTo, "", "ease curfew (PLOVER RETREAT): a concession to the population"},
	{"0814", polgraph.ConcededTo, "", "ease state of emergency (PLOVER RETREAT): a concession"},
	{"084", polgraph.ConcededTo, "", "return, release (ontology: released prisoners to)"},
	{"085", polgraph.ConcededTo, "", "ease economic sanctions (ontology: eased sanctions on)"},
	{"086", polgraph.ConcededTo, "", "allow international involvement"},

	{"09", "", "", "investigate: not an accusation, no type of ours"},

	// 16 reduce relations: PLOVER files 163 (sanctions) under COERCE.
	{"16", polgraph.Sanctioned, "", "reduce relations, sanctions, expel (ontology: imposed sanctions on)"},
	// 17 coerce: PLOVER files 1712 and 175 under ASSAULT, which we follow.
	{"1712", polgraph.Attacked, "", "destroy property (PLOVER ASSAULT)"},
	{"175", polgraph.Attacked, "", "violent repression (PLOVER ASSAULT)"},
	// 19 fight is PLOVER ASSAULT but for 191 blockade (COERCE, which we keep)
	// and 192 occupy territory: the ontology lists "invaded" under ATTACKED.
	{"192", polgraph.Attacked, "", "occupy territory, invade (PLOVER COERCE)"},
}

// ploverTable maps CAMEO codes to PLOVER categories.
type ploverTable map[string]string

var ploverLine = regexp.MustCompile(`^(\d{2,4}):\s*([A-Z]+)\b`)

// readPlover reads CAMEO2PLOVER-2021.txt: "163: COERCE, restrict, diplomatic # ...".
// A code listed twice keeps its first category.
func readPlover(r io.Reader, file string) (ploverTable, error) {
	t := ploverTable{}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "~") {
			continue
		}
		m := ploverLine.FindStringSubmatch(line)
		if m == nil {
			return nil, fmt.Errorf("%s:%d: want CODE: CATEGORY, got %q", file, n, line)
		}
		if _, dup := t[m[1]]; !dup {
			t[m[1]] = m[2]
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", file, n, err)
	}
	if len(t) == 0 {
		return nil, fmt.Errorf("%s: no CODE: CATEGORY line", file)
	}
	return t, nil
}

// category returns the PLOVER category of code: its own line, else its
// nearest listed ancestor's.
func (t ploverTable) category(code string) string {
	for c := code; len(c) >= 2; c = c[:len(c)-1] {
		if cat, ok := t[c]; ok {
			return cat
		}
	}
	return ""
}

// A mapping is where one CAMEO code goes.
type mapping struct {
	Code     string // the code used: the source->target half of "042:043"
	Pred     polgraph.Predicate
	Modality string
	Drop     string // why the code has no type; Pred is then ""
}

var cameoCode = regexp.MustCompile(`^\d{2,4}$`)

// mapCode maps a CAMEO code as written in CAMEO.2.0.txt ("163", "042:043",
// ":173", "---") to one of our types.
func (t ploverTable) mapCode(written string) mapping {
	code, _, paired := strings.Cut(written, ":")
	code = strings.TrimSpace(code)
	switch {
	case code == "---" || code == "" && !paired:
		return mapping{Code: written, Drop: "null code (---): the verb alone is no event"}
	case code == "":
		// "[:173]": only an event from the target to the source.
		return mapping{Code: written, Drop: "target->source code only ([:X])"}
	case !cameoCode.MatchString(code):
		return mapping{Code: written, Drop: "malformed code"}
	}
	m := mapping{Code: code}
	var best *rule
	for i := range rules {
		r := &rules[i]
		if strings.HasPrefix(code, r.prefix) && (best == nil || len(r.prefix) > len(best.prefix)) {
			best = r
		}
	}
	if best != nil {
		if best.pred == "" {
			m.Drop = "CAMEO " + best.prefix + ": " + best.why
			return m
		}
		m.Pred, m.Modality = best.pred, best.modality
		return m
	}
	cat := t.category(code)
	if cat == "" {
		m.Drop = "code not in CAMEO2PLOVER"
		return m
	}
	var found []polgraph.Predicate
	for _, p := range polgraph.Predicates {
		if string(p.Category()) == cat {
			found = append(found, p)
		}
	}
	if len(found) != 1 {
		m.Drop = fmt.Sprintf("PLOVER %s is %d types of ours and no rule picks one", cat, len(found))
		return m
	}
	m.Pred = found[0]
	return m
}

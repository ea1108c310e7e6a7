package graph

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/polgraph/polgraph"
)

// The export writes CSV for "neo4j-admin database import full" with
// --multiline-fields=true (sentences hold newlines) and
// --array-delimiter=U+001F (aliases may hold ';'). Every string value is
// quoted, so that "" is an empty string, while an absent value (a roll-up's
// missing firstSeen, role, from, to) is an empty unquoted field, which
// neo4j-admin reads as no property. encoding/csv quotes only when it must,
// which loses that difference, hence the small writer below.

// arrayDelimiter separates list elements inside one CSV field; an element
// containing it has it replaced by a space.
const arrayDelimiter = "\x1f"

// csvFile is one CSV output file.
type csvFile struct {
	name string
	f    *os.File
	w    *bufio.Writer
	rows int
}

func createCSV(dir, name string, header ...string) (*csvFile, error) {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		return nil, err
	}
	c := &csvFile{name: name, f: f, w: bufio.NewWriterSize(f, 1<<20)}
	for i, h := range header {
		if i > 0 {
			c.w.WriteByte(',')
		}
		c.w.WriteString(h) // headers are fixed words: no quoting needed
	}
	c.w.WriteByte('\n')
	return c, nil
}

// A csvField is one CSV value, quoted or not.
type csvField struct {
	s      string
	quoted bool
}

func csvString(s string) csvField   { return csvField{s, true} }
func csvInt(n int) csvField         { return csvField{strconv.Itoa(n), false} }
func csvFloat(f float64) csvField   { return csvField{strconv.FormatFloat(f, 'g', -1, 64), false} }
func csvOptional(s string) csvField { return csvField{s, s != ""} }
func csvList(xs []string) csvField {
	clean := make([]string, len(xs))
	for i, x := range xs {
		clean[i] = strings.ReplaceAll(x, arrayDelimiter, " ")
	}
	return csvString(strings.Join(clean, arrayDelimiter))
}

// optList is a list value, or no value when v is absent or empty (the
// importer has no empty list).
func optList(v any) csvField {
	switch v := v.(type) {
	case []string:
		if len(v) == 0 {
			break
		}
		return csvList(v)
	case []int64:
		s := make([]string, len(v))
		for i, n := range v {
			s[i] = strconv.FormatInt(n, 10)
		}
		return csvField{strings.Join(s, arrayDelimiter), false}
	}
	return csvField{}
}

func (c *csvFile) row(fields ...csvField) {
	for i, f := range fields {
		if i > 0 {
			c.w.WriteByte(',')
		}
		if f.quoted {
			c.w.WriteByte('"')
			c.w.WriteString(strings.ReplaceAll(f.s, `"`, `""`))
			c.w.WriteByte('"')
		} else {
			c.w.WriteString(f.s)
		}
	}
	c.w.WriteByte('\n')
	c.rows++
}

func (c *csvFile) close() error {
	return errors.Join(c.w.Flush(), c.f.Close())
}

// File names and headers.
const (
	actorsFile   = "actors.csv"
	articlesFile = "articles.csv"
	claimsFile   = "claims.csv"
	mentionsFile = "mentions.csv"
	statesFile   = "states.csv"
	subjectFile  = "subject.csv"
	objectFile   = "object.csv"
)

var (
	actorsHeader   = []string{"id:ID(Actor)", ":LABEL", "name", "type", "country", "aliases:string[]", "kbRoles:string[]"}
	articlesHeader = []string{"id:ID(Article)", ":LABEL", "title", "url", "published", "source", "actors:long", "relations:long"}
	claimsHeader   = []string{"id:ID(Claim)", ":LABEL", "key", "predicate", "category", "modality", "confidence:double",
		"trigger", "rule", "role", "sentence", "start:long", "end:long", "article", "published", "subject", "object"}
	mentionsHeader = []string{":START_ID(Article)", ":END_ID(Actor)", ":TYPE", "count:long",
		"name", "type", "country", "aliases:string[]", "kbRoles:string[]"}
	statesHeader  = []string{":START_ID(Article)", ":END_ID(Claim)", ":TYPE"}
	subjectHeader = []string{":START_ID(Claim)", ":END_ID(Actor)", ":TYPE"}
	rollUpHeader  = []string{":START_ID(Actor)", ":END_ID(Actor)", ":TYPE", "count:long", "articles:long",
		"firstSeen", "lastSeen", "asserted:long", "negated:long", "intended:long", "possible:long",
		"confidence:double", "role", "roles:string[]", "roleCounts:long[]", "from", "to"}
)

func rollUpFile(p polgraph.Predicate) string { return "rollup-" + string(p) + ".csv" }

// An Exporter writes Results as neo4j-admin import files into one folder.
// Articles, claims and their relationships stream to disk as Write is
// called; actors and roll-ups are kept in memory (one entry per actor id and
// per roll-up key) and written by Close. An article id already exported by
// an earlier Write is skipped (logged and counted as rejected): the files
// cannot take a row back, unlike DB.Write, which replaces it.
type Exporter struct {
	dir     string
	log     *slog.Logger
	files   map[string]*csvFile
	seen    map[string]bool
	actors  map[string]*actorRow
	rollUps map[string]*rollUp
	closed  bool
}

// NewExporter creates dir if needed and opens the streaming files in it.
func NewExporter(dir string, log *slog.Logger) (*Exporter, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	e := &Exporter{dir: dir, log: log, files: make(map[string]*csvFile), seen: make(map[string]bool),
		actors: make(map[string]*actorRow), rollUps: make(map[string]*rollUp)}
	for name, header := range map[string][]string{
		articlesFile: articlesHeader, claimsFile: claimsHeader, mentionsFile: mentionsHeader,
		statesFile: statesHeader, subjectFile: subjectHeader, objectFile: subjectHeader,
	} {
		f, err := createCSV(dir, name, header...)
		if err != nil {
			e.abort()
			return nil, fmt.Errorf("export: %w", err)
		}
		e.files[name] = f
	}
	return e, nil
}

func (e *Exporter) abort() {
	for _, f := range e.files {
		f.close()
	}
}

// Write adds one batch to the export. It validates like DB.Write.
func (e *Exporter) Write(ctx context.Context, batch []polgraph.Result) (Stats, error) {
	if e.closed {
		return Stats{}, errors.New("export: write after close")
	}
	if err := ctx.Err(); err != nil {
		return Stats{}, err
	}
	p := prepare(batch, e.log)
	st := Stats{Rejected: p.rejected}
	touched := make(map[string]bool)
	for _, a := range p.articles {
		if e.seen[a.art.ID] {
			e.log.Warn("article rejected", "article", a.art.ID, "err", errors.New("already exported"))
			st.Rejected++
			continue
		}
		e.seen[a.art.ID] = true
		st.Articles++
		art := a.art
		e.files[articlesFile].row(csvString(art.ID), csvString("Article"), csvString(art.Title), csvString(art.URL), csvString(art.Published),
			csvString(art.Source), csvInt(len(a.mentions)), csvInt(len(a.claims)))
		for _, m := range a.mentions {
			v := m.view
			e.files[mentionsFile].row(csvString(art.ID), csvString(m.actor), csvString("MENTIONS"), csvInt(m.count),
				csvString(v.name), csvString(v.typ), csvString(v.country), optList(v.aliases), optList(v.roles))
		}
		inArticle := make(map[string]bool)
		for _, c := range a.claims {
			r := c.rel
			e.files[claimsFile].row(csvString(c.id), csvString("Claim"), csvString(c.key), csvString(string(r.Predicate)), csvString(string(r.Category)),
				csvString(string(r.Modality)), csvFloat(r.Confidence), csvString(r.Trigger), csvString(r.Rule), csvString(r.Role), csvString(r.Sentence),
				csvInt(r.Start), csvInt(r.End), csvString(c.article), csvString(c.published), csvString(r.Subject), csvString(r.Object))
			e.files[statesFile].row(csvString(art.ID), csvString(c.id), csvString("STATES"))
			e.files[subjectFile].row(csvString(c.id), csvString(r.Subject), csvString("SUBJECT"))
			e.files[objectFile].row(csvString(c.id), csvString(r.Object), csvString("OBJECT"))
			st.Claims++
			ru := e.rollUps[c.key]
			if ru == nil {
				ru = newRollUp(c.a, r.Predicate, c.b)
				e.rollUps[c.key] = ru
			}
			ru.add(c, !inArticle[c.key])
			inArticle[c.key] = true
			touched[c.key] = true
		}
	}
	for _, a := range p.actors {
		if have, ok := e.actors[a.id]; ok {
			have.merge(a)
		} else {
			e.actors[a.id] = a
		}
	}
	st.Actors = len(p.actors)
	st.RollUps = len(touched)
	return st, nil
}

// Close writes actors and roll-ups and closes every file.
func (e *Exporter) Close() error {
	if e.closed {
		return nil
	}
	e.closed = true
	err := e.writeActors()
	err = errors.Join(err, e.writeRollUps())
	for _, f := range e.files {
		err = errors.Join(err, f.close())
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

func (e *Exporter) writeActors() error {
	f, err := createCSV(e.dir, actorsFile, actorsHeader...)
	if err != nil {
		return err
	}
	e.files[actorsFile] = f
	ids := make([]string, 0, len(e.actors))
	for id := range e.actors {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		a := e.actors[id]
		f.row(csvString(a.id), csvList([]string{"Actor", a.typ}), csvString(a.name), csvString(a.typ), csvString(a.country),
			optList(a.aliases), optList(a.roles))
	}
	return nil
}

func (e *Exporter) writeRollUps() error {
	byPredicate := make(map[polgraph.Predicate][]string)
	for k, ru := range e.rollUps {
		byPredicate[ru.p] = append(byPredicate[ru.p], k)
	}
	for _, p := range polgraph.Predicates {
		keys := byPredicate[p]
		if len(keys) == 0 {
			continue
		}
		slices.Sort(keys)
		f, err := createCSV(e.dir, rollUpFile(p), rollUpHeader...)
		if err != nil {
			return err
		}
		e.files[rollUpFile(p)] = f
		for _, k := range keys {
			ru := e.rollUps[k]
			var kb []string
			if a := e.actors[ru.a]; a != nil {
				kb = a.roles
			}
			m := ru.props(kb)
			opt := func(k string) csvField { s, _ := m[k].(string); return csvOptional(s) }
			f.row(csvString(ru.a), csvString(ru.b), csvString(string(p)), csvInt(ru.n), csvInt(ru.articles),
				opt("firstSeen"), opt("lastSeen"),
				csvInt(ru.modality[polgraph.Asserted]), csvInt(ru.modality[polgraph.Negated]),
				csvInt(ru.modality[polgraph.Intended]), csvInt(ru.modality[polgraph.Possible]),
				csvFloat(ru.confidence), opt("role"), optList(m["roles"]), optList(m["roleCounts"]), opt("from"), opt("to"))
		}
	}
	return nil
}

// ImportArgs returns the arguments of "neo4j-admin database import full"
// that load an export in dir (after Close) into database.
func ImportArgs(dir, database string) ([]string, error) {
	args := []string{"database", "import", "full", database, "--multiline-fields=true", "--array-delimiter=U+001F"}
	nodes := []string{actorsFile, articlesFile, claimsFile}
	rels := []string{mentionsFile, statesFile, subjectFile, objectFile}
	for _, p := range polgraph.Predicates {
		rels = append(rels, rollUpFile(p))
	}
	for _, n := range nodes {
		args = append(args, "--nodes="+filepath.Join(dir, n))
	}
	for _, r := range rels {
		path := filepath.Join(dir, r)
		if _, err := os.Stat(path); err != nil {
			if errors.Is(err, os.ErrNotExist) && strings.HasPrefix(r, "rollup-") {
				continue
			}
			return nil, fmt.Errorf("import args: %w", err)
		}
		args = append(args, "--relationships="+path)
	}
	return args, nil
}

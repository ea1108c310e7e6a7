package graph

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/polgraph/polgraph/extract"
)

// TestExportRoundTrip exports a corpus, loads the files back and expects
// the very graph a direct Write of the same corpus builds.
//
// The files are loaded by LoadCSV below, in Go, not by LOAD CSV or
// neo4j-admin: the shared test server's import folder is not ours to write.
// So this test proves the files' content (every node, relationship and
// property, absent values included) equals a direct load, read by the
// rules neo4j-admin applies to that format (quoted "" is an empty string,
// an unquoted empty field no value, lists split on U+001F).
func TestExportRoundTrip(t *testing.T) {
	l, p := openTest(t, Config{})
	ctx := context.Background()
	corpus := synth(synthOptions{prefix: p, articles: 150, relations: 5, actors: 50, seed: 11})
	hostile := "quote \" comma , newline \n cr \r backslash \\ semicolon ; $x {y} `z` 'w' '}) DETACH DELETE n // \u202e"
	corpus[3].Article.Title = hostile
	corpus[3].Relations[0].Sentence = hostile
	corpus[3].Actors[0].Aliases = append(corpus[3].Actors[0].Aliases, hostile, "")

	writeAll(t, l, corpus, 17)
	want := dump(t, l, p)
	wantCounts, err := l.counts(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	deletePrefix(t, l, p)

	dir := t.TempDir()
	st, err := Export(ctx, slices.Values(corpus), dir, 23, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 150 || st.Claims != 750 || st.Rejected != 0 {
		t.Errorf("export stats %+v", st)
	}
	loadCSV(t, l, dir)
	if got := dump(t, l, p); !slices.Equal(got, want) {
		t.Errorf("export loaded back differs from a direct load: %s", diffLines(want, got))
	}
	gc, err := l.counts(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if !mapsEqual(gc.Nodes, wantCounts.Nodes) || !mapsEqual(gc.Relationships, wantCounts.Relationships) ||
		gc.RollUpClaims != wantCounts.RollUpClaims {
		t.Errorf("counts %+v, want %+v", gc, wantCounts)
	}

	head, err := os.ReadFile(filepath.Join(dir, actorsFile))
	if err != nil {
		t.Fatal(err)
	}
	if line, _, _ := strings.Cut(string(head), "\n"); line != "id:ID(Actor),:LABEL,name,type,country,aliases:string[],kbRoles:string[]" {
		t.Errorf("actors.csv header %q", line)
	}
	args, err := ImportArgs(dir, "neo4j")
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(args, " ")
	for _, f := range []string{actorsFile, articlesFile, claimsFile, mentionsFile, statesFile, subjectFile, objectFile, rollUpFile(extract.MetWith)} {
		if !strings.Contains(joined, filepath.Join(dir, f)) {
			t.Errorf("import args %q lack %s", joined, f)
		}
	}
}

// TestExportRepeatedArticle: an article already exported is skipped.
func TestExportRepeatedArticle(t *testing.T) {
	corpus := synth(synthOptions{prefix: "x-", articles: 4, relations: 2, actors: 10, seed: 1})
	e, err := NewExporter(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := e.Write(ctx, corpus[:3]); err != nil {
		t.Fatal(err)
	}
	st, err := e.Write(ctx, corpus[2:])
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 1 || st.Rejected != 1 {
		t.Errorf("stats %+v, want 1 article and 1 rejected", st)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Write(ctx, corpus); err == nil {
		t.Error("Write after Close succeeded")
	}
}

// loadCSV loads an export folder into the test database in Go, by the
// rules of neo4j-admin's CSV import. Labels and types come from the files,
// so they are checked against the fixed sets before they reach a statement.
func loadCSV(t *testing.T, l *Loader, dir string) {
	t.Helper()
	labels := map[string]bool{"Actor": true, "Person": true, "Country": true, "Organization": true, "Article": true, "Claim": true}
	types := map[string]bool{"MENTIONS": true, "STATES": true, "SUBJECT": true, "OBJECT": true}
	for _, p := range extract.Predicates {
		types[string(p)] = true
	}
	ctx := context.Background()
	exec := func(cypher string, rows []any) {
		t.Helper()
		for i := 0; i < len(rows); i += 1000 {
			_, err := neo4j.ExecuteQuery(ctx, l.driver, cypher, map[string]any{"rows": rows[i:min(i+1000, len(rows))]},
				neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(l.db))
			if err != nil {
				t.Fatalf("%s: %v", cypher, err)
			}
		}
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// Nodes first, then relationships.
	slices.SortFunc(files, func(a, b string) int {
		return strings.Compare(fmt.Sprint(!isNodeFile(a), a), fmt.Sprint(!isNodeFile(b), b))
	})
	for _, file := range files {
		header, records := readCSV(t, file)
		byStatement := make(map[string][]any)
		for _, rec := range records {
			props := make(map[string]any)
			var nodeLabels []string
			var start, end, startGroup, endGroup, typ string
			for i, h := range header {
				name, kind, _ := strings.Cut(h, ":")
				f := rec[i]
				switch {
				case strings.HasPrefix(kind, "ID("):
					props[name] = f.s
				case kind == "LABEL":
					nodeLabels = strings.Split(f.s, arrayDelimiter)
				case strings.HasPrefix(kind, "START_ID("):
					start, startGroup = f.s, strings.TrimSuffix(strings.TrimPrefix(kind, "START_ID("), ")")
				case strings.HasPrefix(kind, "END_ID("):
					end, endGroup = f.s, strings.TrimSuffix(strings.TrimPrefix(kind, "END_ID("), ")")
				case kind == "TYPE":
					typ = f.s
				case f.s == "" && !f.quoted:
					// no value
				case kind == "long":
					n, err := strconv.ParseInt(f.s, 10, 64)
					if err != nil {
						t.Fatalf("%s: %s %q: %v", file, h, f.s, err)
					}
					props[name] = n
				case kind == "double":
					x, err := strconv.ParseFloat(f.s, 64)
					if err != nil {
						t.Fatalf("%s: %s %q: %v", file, h, f.s, err)
					}
					props[name] = x
				case kind == "long[]":
					var list []int64
					for _, x := range strings.Split(f.s, arrayDelimiter) {
						n, err := strconv.ParseInt(x, 10, 64)
						if err != nil {
							t.Fatalf("%s: %s %q: %v", file, h, f.s, err)
						}
						list = append(list, n)
					}
					props[name] = list
				case kind == "string[]":
					list := []string{}
					if f.s != "" {
						list = strings.Split(f.s, arrayDelimiter)
					}
					props[name] = list
				case kind == "" || kind == "string":
					props[name] = f.s
				default:
					t.Fatalf("%s: unknown column type %q", file, h)
				}
			}
			if nodeLabels != nil {
				for _, lb := range nodeLabels {
					if !labels[lb] {
						t.Fatalf("%s: label %q outside the model", file, lb)
					}
				}
				q := fmt.Sprintf("UNWIND $rows AS row CREATE (n:%s) SET n = row", strings.Join(nodeLabels, ":"))
				byStatement[q] = append(byStatement[q], props)
				continue
			}
			if !types[typ] || !labels[startGroup] || !labels[endGroup] {
				t.Fatalf("%s: relationship %s from %s to %s outside the model", file, typ, startGroup, endGroup)
			}
			q := fmt.Sprintf(`UNWIND $rows AS row MATCH (s:%s {id: row.s}) MATCH (e:%s {id: row.e})
CREATE (s)-[r:%s]->(e) SET r = row.props`, startGroup, endGroup, typ)
			byStatement[q] = append(byStatement[q], map[string]any{"s": start, "e": end, "props": props})
		}
		for q, rows := range byStatement {
			exec(q, rows)
		}
	}
}

func isNodeFile(path string) bool {
	switch filepath.Base(path) {
	case actorsFile, articlesFile, claimsFile:
		return true
	}
	return false
}

// readCSV reads an RFC 4180 file, keeping whether each field was quoted
// (encoding/csv drops that, and it is what tells "" from no value).
func readCSV(t *testing.T, path string) (header []string, records [][]csvField) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	var rec []csvField
	i := 0
	for i < len(s) {
		var f csvField
		if s[i] == '"' {
			f.quoted = true
			var b strings.Builder
			i++
			for {
				if i >= len(s) {
					t.Fatalf("%s: unterminated quote", path)
				}
				if s[i] == '"' {
					if i+1 < len(s) && s[i+1] == '"' {
						b.WriteByte('"')
						i += 2
						continue
					}
					i++
					break
				}
				b.WriteByte(s[i])
				i++
			}
			f.s = b.String()
		} else {
			j := i
			for j < len(s) && s[j] != ',' && s[j] != '\n' {
				j++
			}
			f.s = s[i:j]
			i = j
		}
		rec = append(rec, f)
		if i >= len(s) || s[i] == '\n' {
			if header == nil {
				for _, h := range rec {
					header = append(header, h.s)
				}
			} else {
				if len(rec) != len(header) {
					t.Fatalf("%s: record of %d fields under a header of %d", path, len(rec), len(header))
				}
				records = append(records, rec)
			}
			rec = nil
		} else if s[i] != ',' {
			t.Fatalf("%s: %q after a csvField", path, s[i])
		}
		i++
	}
	return header, records
}

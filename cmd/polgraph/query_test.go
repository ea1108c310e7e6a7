package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/graph"
	"github.com/polgraph/polgraph/internal/testenv"
)

func TestParsePeriod(t *testing.T) {
	for _, tc := range []struct {
		name, since, until string
		want               graph.Period
		err                bool
	}{
		{"open", "", "", graph.Period{}, false},
		{"days", "2020-01-05", "2020-02-03", graph.Period{Since: "2020-01-05", Until: "2020-02-03"}, false},
		{"years", "2019", "2020", graph.Period{Since: "2019-01-01", Until: "2020-12-31"}, false},
		{"months", "2020-02", "2020-02", graph.Period{Since: "2020-02-01", Until: "2020-02-29"}, false},
		{"month of 28 days", "", "2021-02", graph.Period{Until: "2021-02-28"}, false},
		{"december", "", "2020-12", graph.Period{Until: "2020-12-31"}, false},
		{"since after until", "2021", "2020", graph.Period{}, true},
		{"no such month", "2020-13", "", graph.Period{}, true},
		{"no such day", "", "2021-02-29", graph.Period{}, true},
		{"compact", "20200101", "", graph.Period{}, true},
		{"words", "last week", "", graph.Period{}, true},
		{"short fields", "2020-1-5", "", graph.Period{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parsePeriod(tc.since, tc.until)
			if (err != nil) != tc.err {
				t.Fatalf("parsePeriod(%q, %q): err = %v, want error %v", tc.since, tc.until, err, tc.err)
			}
			if err == nil && got != tc.want {
				t.Errorf("parsePeriod(%q, %q) = %+v, want %+v", tc.since, tc.until, got, tc.want)
			}
		})
	}
}

// runQuery runs "polgraph query ARGS... --uri URI" (no --uri without
// ARGS) in process and returns
// what a user sees, with run's exit code. Until main.go registers the
// query command, it is added here and run's error handling repeated.
func runQuery(t *testing.T, uri string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if len(args) > 0 {
		args = append(args, "--uri", uri)
	}
	args = append([]string{"query"}, args...)
	var out, errb bytes.Buffer
	code := run(ctx, args, strings.NewReader(""), &out, &errb)
	return result{out.String(), errb.String(), code}
}

// cliFixture loads a small known graph with fixed ids under t-cmdquery-,
// dated 2193 so that a period picks it out, and empties it when the test
// ends: the articles are written again without actors or relations, which
// deletes their claims and roll-ups (the article and actor nodes stay, with
// the same ids on every run).
//
//	2193-03-02  Pat LEADS Alpha (President); Alpha THREATENED Beta
//	2193-04-10  Alpha NEGOTIATED_WITH Beta (intended); Beta CRITICIZED Pat
//
// Two people share the alias "Qcmdq Twin".
func cliFixture(t *testing.T, uri string) {
	t.Helper()
	ctx := context.Background()
	l, err := graph.Open(ctx, graph.Config{URI: uri})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	const p = "t-cmdquery-"
	actor := func(id, name string, typ polgraph.ActorType, aliases ...string) polgraph.Actor {
		return polgraph.Actor{ID: p + id, Name: name, Type: typ, Country: "QQQ", Aliases: append([]string{name}, aliases...), Mentions: 1}
	}
	alpha := actor("alpha", "Qcmdq Alpha", polgraph.Country)
	beta := actor("beta", "Qcmdq Beta", polgraph.Country)
	pat := actor("pat", "Qcmdq Pat", polgraph.Person)
	pat.Roles = []polgraph.Role{{Title: "President", Of: p + "alpha", From: "2190-01-01"}}
	twin1 := actor("twin1", "Qcmdq Twin One", polgraph.Person, "Qcmdq Twin")
	twin2 := actor("twin2", "Qcmdq Twin Two", polgraph.Person, "Qcmdq Twin")
	rel := func(s string, pr polgraph.Predicate, o string, m polgraph.Modality, conf float64, role, sentence string) polgraph.Relation {
		return polgraph.Relation{Subject: p + s, Predicate: pr, Object: p + o, Category: pr.Category(), Modality: m, Role: role,
			Evidence: polgraph.Evidence{Sentence: sentence, End: len(sentence), Trigger: "t", Confidence: conf}}
	}
	results := []polgraph.Result{
		{Article: polgraph.Article{ID: p + "art1", Title: "One", Published: "2193-03-02"},
			Actors: []polgraph.Actor{alpha, beta, pat, twin1, twin2},
			Relations: []polgraph.Relation{
				rel("pat", polgraph.Leads, "alpha", polgraph.Asserted, 0.9, "President", "President Pat of Alpha spoke."),
				rel("alpha", polgraph.Threatened, "beta", polgraph.Asserted, 0.85, "", "Alpha threatened Beta."),
			}},
		{Article: polgraph.Article{ID: p + "art2", Title: "Two", Published: "2193-04-10"},
			Actors: []polgraph.Actor{alpha, beta, pat},
			Relations: []polgraph.Relation{
				rel("alpha", polgraph.NegotiatedWith, "beta", polgraph.Intended, 0.7, "", "Alpha wants talks with Beta."),
				rel("beta", polgraph.Criticized, "pat", polgraph.Asserted, 0.85, "", "Beta criticised Pat."),
			}},
	}
	if _, err := l.Write(ctx, results); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		empty := make([]polgraph.Result, len(results))
		for i, r := range results {
			empty[i] = polgraph.Result{Article: r.Article}
		}
		if _, err := l.Write(ctx, empty); err != nil {
			t.Errorf("empty the fixture: %v", err)
		}
		l.Close(ctx)
	})
}

func TestQueryCLI(t *testing.T) {
	uri := testenv.URI(t)
	cliFixture(t, uri)
	for _, tc := range []struct {
		name string
		args []string
		code int
		want []string // in stdout, in this order (exit code 0) or in stderr
	}{
		{"actor", []string{"actor", "qcmdq alpha"}, 0, []string{
			"Qcmdq Alpha (t-cmdquery-alpha)  Country  QQQ\naliases: Qcmdq Alpha\n\n",
			"CATEGORY   RELATION            PARTNER    TYPE     CLAIMS  ARTICLES  FIRST       LAST\n" +
				"LEADS      LEADS           <-  Qcmdq Pat  Person   1       1         2193-03-02  2193-03-02\n" +
				"CONSULT    NEGOTIATED_WITH --  Qcmdq Beta Country  1       1         2193-04-10  2193-04-10\n"}},
		{"actor roles", []string{"actor", "--id", "t-cmdquery-pat"}, 0, []string{
			"roles:\n  President of Qcmdq Alpha, 2190-01-01 to present\n",
			"ACCUSE  CRITICIZED  <-  Qcmdq Beta"}},
		{"ambiguous", []string{"actor", "Qcmdq Twin"}, exitUsage, []string{
			`"Qcmdq Twin" matches 2 actors equally well; pass the id (--id, or the id in place of the name):`,
			"t-cmdquery-twin1  Qcmdq Twin One  Person  QQQ",
			"t-cmdquery-twin2  Qcmdq Twin Two  Person  QQQ"}},
		{"id in place of the name", []string{"actor", "t-cmdquery-twin2"}, 0, []string{"Qcmdq Twin Two (t-cmdquery-twin2)"}},
		{"not found", []string{"actor", "Qcmdq Nobody"}, exitFailure, []string{`no actor matches "Qcmdq Nobody"`}},
		{"ego", []string{"ego", "Qcmdq Pat", "--hops", "1"}, 0, []string{
			"HOP  RELATION                                 CLAIMS  ARTICLES  FIRST       LAST\n" +
				"1    Qcmdq Beta -[CRITICIZED]-> Qcmdq Pat     1       1         2193-04-10  2193-04-10\n" +
				"1    Qcmdq Pat -[LEADS]-> Qcmdq Alpha         1       1         2193-03-02  2193-03-02\n"}},
		{"ego two hops", []string{"ego", "Qcmdq Pat"}, 0, []string{
			"2    Qcmdq Alpha -[NEGOTIATED_WITH]- Qcmdq Beta", "2    Qcmdq Alpha -[THREATENED]-> Qcmdq Beta"}},
		{"path", []string{"path", "Qcmdq Pat", "Qcmdq Beta"}, 0, []string{
			"path 1 (1 hop)\n  Qcmdq Beta -[CRITICIZED]-> Qcmdq Pat\n      \"Beta criticised Pat.\"\n      (t-cmdquery-art2, 2193-04-10, asserted, 0.85)\n"}},
		{"dyad", []string{"dyad", "Qcmdq Beta", "Qcmdq Alpha"}, 0, []string{
			"2193-03\n  Qcmdq Alpha -[THREATENED]-> Qcmdq Beta  1 claim (asserted 1)\n      \"Alpha threatened Beta.\"\n",
			"2193-04\n  Qcmdq Alpha -[NEGOTIATED_WITH]- Qcmdq Beta  1 claim (intended 1)\n      \"Alpha wants talks with Beta.\"\n"}},
		{"balance", []string{"balance", "Qcmdq Alpha", "Qcmdq Beta"}, 0, []string{"Qcmdq Alpha and Qcmdq Beta\n\n" +
			"MONTH    CLAIMS  COOPERATION  CONFLICT  NET\n" +
			"2193-03  1       0            -6        -6\n" +
			"2193-04  1       0.5          0         0.5\n" +
			"total    2       0.5          -6        -5.5\n"}},
		{"top", []string{"top", "--since", "2193", "--until", "2193"}, 0, []string{
			"RANK  ID                 NAME         TYPE     COUNTRY  DEGREE  PARTNERS  CLAIMS\n" +
				"1     t-cmdquery-alpha   Qcmdq Alpha  Country  QQQ      3       2         3\n" +
				"2     t-cmdquery-beta    Qcmdq Beta   Country  QQQ      3       2         3\n" +
				"3     t-cmdquery-pat     Qcmdq Pat    Person   QQQ      2       2         2\n"}},
		{"new", []string{"new", "--since", "2193-04-01", "--until", "2193-12-31"}, 0, []string{
			"FIRST       RELATION                                     CLAIMS  ARTICLES  LAST\n" +
				"2193-04-10  Qcmdq Beta -[CRITICIZED]-> Qcmdq Pat        1       1         2193-04-10\n" +
				"2193-04-10  Qcmdq Alpha -[NEGOTIATED_WITH]- Qcmdq Beta  1       1         2193-04-10\n"}},
		{"new csv", []string{"new", "--since", "2193-04-01", "--until", "2193", "--format", "csv"}, 0, []string{
			"from_id,from,type,to_id,to,claims,articles,first_seen,last_seen\n" +
				"t-cmdquery-beta,Qcmdq Beta,CRITICIZED,t-cmdquery-pat,Qcmdq Pat,1,1,2193-04-10,2193-04-10\n" +
				"t-cmdquery-alpha,Qcmdq Alpha,NEGOTIATED_WITH,t-cmdquery-beta,Qcmdq Beta,1,1,2193-04-10,2193-04-10\n"}},
		{"new needs since", []string{"new"}, exitUsage, []string{"new needs --since DATE"}},
		{"same actor twice", []string{"dyad", "Qcmdq Alpha", "t-cmdquery-alpha"}, exitUsage, []string{"are the same actor"}},
		{"bad format", []string{"top", "--format", "xml"}, exitUsage, []string{`--format "xml" is not table, json or csv`}},
		{"bad date", []string{"top", "--since", "yesterday"}, exitUsage, []string{`--since "yesterday" is not a date`}},
		{"bad hops", []string{"ego", "Qcmdq Pat", "--hops", "9"}, exitUsage, []string{"--hops 9: give 1 to 5"}},
		{"bad ranking", []string{"top", "--by", "fame"}, exitUsage, []string{`--by "fame" is not degree or pagerank`}},
		{"no verb", []string{}, exitUsage, []string{"query needs a verb"}},
		{"two names for one", []string{"actor", "a", "b"}, exitUsage, []string{"accepts 1 arg"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runQuery(t, uri, tc.args...)
			if r.code != tc.code {
				t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tc.code, r.stdout, r.stderr)
			}
			got := r.stdout
			if tc.code != 0 {
				got = r.stderr
			}
			got = squeeze(got)
			rest := got
			for _, w := range tc.want {
				i := strings.Index(rest, squeeze(w))
				if i < 0 {
					t.Fatalf("output lacks (or has out of order)\n%s\ngot:\n%s", w, got)
				}
				rest = rest[i+len(squeeze(w)):]
			}
		})
	}
}

// squeeze turns each run of spaces into one, so that expectations do not
// depend on the column widths of other rows.
func squeeze(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.Join(lines, "\n")
}

func TestQueryCLIFormats(t *testing.T) {
	uri := testenv.URI(t)
	cliFixture(t, uri)

	r := runQuery(t, uri, "actor", "Qcmdq Alpha", "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var prof graph.Profile
	if err := json.Unmarshal([]byte(r.stdout), &prof); err != nil {
		t.Fatalf("actor --format json: %v\n%s", err, r.stdout)
	}
	if prof.Actor.ID != "t-cmdquery-alpha" || len(prof.Partners) != 3 {
		t.Errorf("actor --format json: %+v", prof)
	}

	r = runQuery(t, uri, "dyad", "Qcmdq Alpha", "Qcmdq Beta", "--format", "csv")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatalf("dyad --format csv: %v\n%s", err, r.stdout)
	}
	want := [][]string{
		{"month", "subject_id", "subject", "predicate", "object_id", "object", "modality", "confidence", "published", "article", "sentence"},
		{"2193-03", "t-cmdquery-alpha", "Qcmdq Alpha", "THREATENED", "t-cmdquery-beta", "Qcmdq Beta", "asserted", "0.85", "2193-03-02", "t-cmdquery-art1", "Alpha threatened Beta."},
		{"2193-04", "t-cmdquery-alpha", "Qcmdq Alpha", "NEGOTIATED_WITH", "t-cmdquery-beta", "Qcmdq Beta", "intended", "0.70", "2193-04-10", "t-cmdquery-art2", "Alpha wants talks with Beta."},
	}
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		t.Errorf("dyad --format csv:\n got %q\nwant %q", rows, want)
	}

	r = runQuery(t, uri, "balance", "Qcmdq Alpha", "Qcmdq Beta", "--format", "json", "--since", "2193-04")
	var months []graph.BalanceMonth
	if err := json.Unmarshal([]byte(r.stdout), &months); err != nil || r.code != 0 {
		t.Fatalf("balance --format json: exit %d, %v\n%s%s", r.code, err, r.stdout, r.stderr)
	}
	if fmt.Sprint(months) != fmt.Sprint([]graph.BalanceMonth{{Month: "2193-04", Claims: 1, Cooperation: 0.5, Net: 0.5}}) {
		t.Errorf("balance since 2193-04: %+v", months)
	}

	r = runQuery(t, uri, "path", "--id", "t-cmdquery-pat", "t-cmdquery-beta", "--format", "json")
	var paths []graph.Path
	if err := json.Unmarshal([]byte(r.stdout), &paths); err != nil || r.code != 0 {
		t.Fatalf("path --format json: exit %d, %v\n%s%s", r.code, err, r.stdout, r.stderr)
	}
	if len(paths) != 1 || len(paths[0].Hops) != 1 || paths[0].Hops[0].Evidence.Sentence != "Beta criticised Pat." {
		t.Errorf("path --format json: %+v", paths)
	}

	// PageRank: the test server has no GDS; if one has, it must answer.
	r = runQuery(t, uri, "top", "--by", "pagerank", "--since", "2193", "--until", "2193")
	switch r.code {
	case exitFailure:
		if !strings.Contains(r.stderr, "PageRank needs the Neo4j Graph Data Science library, which this server does not have; use --by degree") {
			t.Errorf("top --by pagerank without GDS: %s", r.stderr)
		}
	case 0:
		if !strings.Contains(r.stdout, "t-cmdquery-alpha") {
			t.Errorf("top --by pagerank: %s", r.stdout)
		}
	default:
		t.Errorf("top --by pagerank: exit %d: %s", r.code, r.stderr)
	}
}

func TestQueryHelp(t *testing.T) {
	var out bytes.Buffer
	a := &app{stdout: &out, stderr: &out}
	cmd := a.queryBalanceCmd(&queryOpts{})
	for c, w := range graph.BalanceWeights {
		if !strings.Contains(cmd.Long, fmt.Sprintf("%-17s %+3g", c, w)) {
			t.Errorf("balance help lacks the weight of %s", c)
		}
	}
}

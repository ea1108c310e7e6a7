package main

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/graph"
)

// queryOpts are the flags every query verb shares.
type queryOpts struct {
	format       string
	since, until string
	byID         bool
}

func (a *app) queryCmd() *cobra.Command {
	o := &queryOpts{}
	cmd := &cobra.Command{
		Use:   "query",
		Short: "Canned analyses of the graph: an actor, its neighbourhood, paths, dyads, rankings",
		Long: `Query answers the questions analysts ask most, against the graph in Neo4j.
Each verb prints a table (default), JSON (--format json, the full typed
result) or CSV (--format csv, one row per line of the table).

NAME is an actor's name or alias, matched without regard to case through the
full-text index actorNames: an actor whose id is NAME wins, then one whose
name or alias is NAME, then the best full-text match (a typo per word is
forgiven). When several actors match equally well, polgraph lists them and
exits with code 2: pass the id instead (--id, or the id in place of NAME).

--since and --until (YYYY-MM-DD, YYYY-MM or YYYY; both inclusive) keep the
claims published in that period: counts, first and last dates are then those
of the period. With either set, undated claims are left out.

For Cypher to paste into the Neo4j Browser, see docs/cookbook.md.`,
		Example: `  polgraph query actor Iran
  polgraph query ego "Donald Trump" --hops 1 --since 2020-01
  polgraph query path Iran Israel
  polgraph query dyad "Donald Trump" "Joe Biden" --format json
  polgraph query top --by degree --limit 10
  polgraph query balance "Donald Trump" "Joe Biden"
  polgraph query new --since 2020-12-01 --format csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usageError{errors.New("query needs a verb: actor, ego, path, dyad, top, balance or new")}
		},
	}
	pf := cmd.PersistentFlags()
	pf.StringVar(&o.format, "format", "table", "output format: table, json or csv")
	pf.StringVar(&o.since, "since", "", "only claims published on or after this date (YYYY-MM-DD, YYYY-MM or YYYY)")
	pf.StringVar(&o.until, "until", "", "only claims published on or before this date (YYYY-MM-DD, YYYY-MM or YYYY)")
	pf.BoolVar(&o.byID, "id", false, "the actor arguments are ids, not names")
	cmd.AddCommand(a.queryActorCmd(o), a.queryEgoCmd(o), a.queryPathCmd(o), a.queryDyadCmd(o),
		a.queryTopCmd(o), a.queryBalanceCmd(o), a.queryNewCmd(o))
	return cmd
}

// queryRun opens the graph, checks the shared flags, resolves the actor
// arguments and calls fn.
func (a *app) queryRun(cmd *cobra.Command, o *queryOpts, names []string,
	fn func(db *graph.DB, p graph.Period, actors []graph.ActorInfo) error) error {
	if o.format != "table" && o.format != "json" && o.format != "csv" {
		return usageError{fmt.Errorf("--format %q is not table, json or csv", o.format)}
	}
	p, err := parsePeriod(o.since, o.until)
	if err != nil {
		return usageError{err}
	}
	cfg, err := a.config()
	if err != nil {
		return err
	}
	ctx := cmd.Context()
	db, err := a.openGraph(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close(ctx)
	actors := make([]graph.ActorInfo, len(names))
	for i, name := range names {
		var err error
		if o.byID {
			actors[i], err = db.ActorByID(ctx, name)
		} else {
			actors[i], err = db.FindActor(ctx, name)
		}
		var amb *graph.AmbiguousError
		switch {
		case errors.As(err, &amb):
			var b strings.Builder
			fmt.Fprintf(&b, "%v; pass the id (--id, or the id in place of the name):\n", amb)
			tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "  ID\tNAME\tTYPE\tCOUNTRY")
			for _, c := range amb.Candidates {
				fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", c.ID, c.Name, c.Type, c.Country)
			}
			tw.Flush()
			return usageError{errors.New(strings.TrimRight(b.String(), "\n"))}
		case err != nil:
			return err
		}
	}
	if len(actors) == 2 && actors[0].ID == actors[1].ID {
		return usageError{fmt.Errorf("%q and %q are the same actor (%s)", names[0], names[1], actors[0].ID)}
	}
	if err := fn(db, p, actors); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return err
	}
	return nil
}

// parsePeriod reads --since and --until: YYYY-MM-DD, YYYY-MM or YYYY, a
// short since standing for the first day, a short until for the last.
func parsePeriod(since, until string) (graph.Period, error) {
	var p graph.Period
	var err error
	if p.Since, err = parseDay("--since", since, false); err != nil {
		return p, err
	}
	if p.Until, err = parseDay("--until", until, true); err != nil {
		return p, err
	}
	if p.Since != "" && p.Until != "" && p.Since > p.Until {
		return p, fmt.Errorf("--since %s is after --until %s", since, until)
	}
	return p, nil
}

func parseDay(flag, s string, end bool) (string, error) {
	if s == "" {
		return "", nil
	}
	for _, f := range []struct {
		layout string
		years  int
		months int
	}{{"2006-01-02", 0, 0}, {"2006-01", 0, 1}, {"2006", 1, 0}} {
		t, err := time.Parse(f.layout, s)
		if err != nil || len(s) != len(f.layout) {
			continue
		}
		if end {
			t = t.AddDate(f.years, f.months, 0)
			if f.years+f.months > 0 {
				t = t.AddDate(0, 0, -1)
			}
		}
		return t.Format("2006-01-02"), nil
	}
	return "", fmt.Errorf("%s %q is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", flag, s)
}

// queryVerb builds a verb with the Neo4j flags.
func queryVerb(use, short, long, example string, args cobra.PositionalArgs) *cobra.Command {
	cmd := &cobra.Command{Use: use, Short: short, Long: long, Example: example, Args: args}
	addNeo4jFlags(cmd)
	return cmd
}

func (a *app) queryActorCmd(o *queryOpts) *cobra.Command {
	var limit int
	cmd := queryVerb("actor NAME", "An actor: aliases, type, country, roles and top partners per category",
		`Actor prints an actor's id, name, type, country, aliases and knowledge-base
roles (title, body, from, to), then, for each relation category in the order
of the vocabulary, its partners with the most claims: the relation, the
direction (-> the actor is the subject, <- the object, -- a symmetric type),
the number of claims and articles and the first and last publication dates.`,
		`  polgraph query actor Iran
  polgraph query actor "donald trump" --limit 3 --since 2020
  polgraph query actor --id united-states --format json`, cobra.ExactArgs(1))
	cmd.Flags().IntVar(&limit, "limit", 5, "partners per category (0: all)")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		return a.queryRun(cmd, o, args, func(db *graph.DB, p graph.Period, actors []graph.ActorInfo) error {
			prof, err := db.Profile(cmd.Context(), actors[0].ID, p, limit)
			if err != nil {
				return err
			}
			head := []string{"actor_id", "category", "predicate", "direction", "partner_id", "partner", "partner_type",
				"claims", "articles", "first_seen", "last_seen"}
			var rows [][]string
			for _, pa := range prof.Partners {
				rows = append(rows, []string{prof.Actor.ID, pa.Category, pa.Predicate, arrow(pa.Direction), pa.Partner.ID,
					pa.Partner.Name, pa.Partner.Type, strconv.Itoa(pa.Count), strconv.Itoa(pa.Articles), pa.FirstSeen, pa.LastSeen})
			}
			return a.emit(o, prof, head, rows, func(w io.Writer) {
				writeActorHeader(w, prof.Actor, p)
				if len(rows) == 0 {
					fmt.Fprintln(w, "no relations")
					return
				}
				tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, "CATEGORY\tRELATION\t\tPARTNER\tTYPE\tCLAIMS\tARTICLES\tFIRST\tLAST")
				for _, r := range rows {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r[1], r[2], r[3], r[5], r[6], r[7], r[8], r[9], r[10])
				}
				tw.Flush()
			})
		})
	}
	return cmd
}

func writeActorHeader(w io.Writer, a graph.ActorInfo, p graph.Period) {
	fmt.Fprintf(w, "%s (%s)  %s", a.Name, a.ID, a.Type)
	if a.Country != "" {
		fmt.Fprintf(w, "  %s", a.Country)
	}
	fmt.Fprintln(w)
	if len(a.Aliases) > 0 {
		fmt.Fprintf(w, "aliases: %s\n", strings.Join(a.Aliases, ", "))
	}
	for i, r := range a.Roles {
		if i == 0 {
			fmt.Fprintln(w, "roles:")
		}
		to := r.To
		if to == "" {
			to = "present"
		}
		from := r.From
		if from == "" {
			from = "?"
		}
		fmt.Fprintf(w, "  %s of %s, %s to %s\n", r.Title, r.OfName, from, to)
	}
	if p != (graph.Period{}) {
		fmt.Fprintf(w, "period: %s to %s\n", orDots(p.Since), orDots(p.Until))
	}
	fmt.Fprintln(w)
}

func orDots(s string) string {
	if s == "" {
		return "..."
	}
	return s
}

// arrow shows a partner's direction as seen from the actor.
func arrow(dir string) string {
	switch dir {
	case "out":
		return "->"
	case "in":
		return "<-"
	}
	return "--"
}

// rel shows a relation between two actors, -- for symmetric types.
func rel(from, typ, to string) string {
	if polgraph.Predicate(typ).Symmetric() {
		return fmt.Sprintf("%s -[%s]- %s", from, typ, to)
	}
	return fmt.Sprintf("%s -[%s]-> %s", from, typ, to)
}

func edgeRows(edges []graph.Edge, withHop bool) ([]string, [][]string) {
	head := []string{"from_id", "from", "type", "to_id", "to", "claims", "articles", "first_seen", "last_seen"}
	if withHop {
		head = append([]string{"hop"}, head...)
	}
	rows := [][]string{}
	for _, e := range edges {
		r := []string{e.From.ID, e.From.Name, e.Type, e.To.ID, e.To.Name, strconv.Itoa(e.Count), strconv.Itoa(e.Articles),
			e.FirstSeen, e.LastSeen}
		if withHop {
			r = append([]string{strconv.Itoa(e.Hop)}, r...)
		}
		rows = append(rows, r)
	}
	return head, rows
}

func writeEdges(w io.Writer, edges []graph.Edge, withHop bool) {
	if len(edges) == 0 {
		fmt.Fprintln(w, "no relations")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if withHop {
		fmt.Fprint(tw, "HOP\t")
	}
	fmt.Fprintln(tw, "RELATION\tCLAIMS\tARTICLES\tFIRST\tLAST")
	for _, e := range edges {
		if withHop {
			fmt.Fprintf(tw, "%d\t", e.Hop)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\n", rel(e.From.Name, e.Type, e.To.Name), e.Count, e.Articles, e.FirstSeen, e.LastSeen)
	}
	tw.Flush()
}

func (a *app) queryEgoCmd(o *queryOpts) *cobra.Command {
	var hops, limit int
	cmd := queryVerb("ego NAME", "An actor's neighbourhood: roll-up relations up to N hops",
		`Ego lists the roll-up relations around an actor, breadth first: those of the
actor (hop 1), then those of its partners (hop 2), and so on up to --hops,
at most --limit in all; within a hop, the relations with the most claims
come first.`,
		`  polgraph query ego Iran
  polgraph query ego "Donald Trump" --hops 1 --limit 20
  polgraph query ego Iran --since 2020-01-01 --until 2020-01-31 --format csv`, cobra.ExactArgs(1))
	cmd.Flags().IntVar(&hops, "hops", 2, "how many hops out from the actor (1-5)")
	cmd.Flags().IntVar(&limit, "limit", 50, "at most this many relations")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if hops < 1 || hops > 5 {
			return usageError{fmt.Errorf("--hops %d: give 1 to 5", hops)}
		}
		if limit < 1 {
			return usageError{fmt.Errorf("--limit %d: give at least 1", limit)}
		}
		return a.queryRun(cmd, o, args, func(db *graph.DB, p graph.Period, actors []graph.ActorInfo) error {
			ego, err := db.Ego(cmd.Context(), actors[0].ID, hops, limit, p)
			if err != nil {
				return err
			}
			head, rows := edgeRows(ego.Edges, true)
			return a.emit(o, ego, head, rows, func(w io.Writer) {
				writeActorHeader(w, ego.Center, p)
				writeEdges(w, ego.Edges, true)
			})
		})
	}
	return cmd
}

func (a *app) queryPathCmd(o *queryOpts) *cobra.Command {
	var limit int
	cmd := queryVerb("path A B", "Shortest paths between two actors, with the evidence of each hop",
		`Path finds the shortest chains of roll-up relations (up to 6 hops, in either
direction) between two actors and prints, for each hop, the sentence of its
most confident claim. With --since/--until, relations are followed only when
they have claims in the period, and the evidence comes from the period.`,
		`  polgraph query path Iran Israel
  polgraph query path "Boris Johnson" "Donald Trump" --limit 3
  polgraph query path --id iran united-states --format json`, cobra.ExactArgs(2))
	cmd.Flags().IntVar(&limit, "limit", 5, "at most this many paths")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if limit < 1 {
			return usageError{fmt.Errorf("--limit %d: give at least 1", limit)}
		}
		return a.queryRun(cmd, o, args, func(db *graph.DB, p graph.Period, actors []graph.ActorInfo) error {
			paths, err := db.Paths(cmd.Context(), actors[0].ID, actors[1].ID, limit, p)
			if err != nil {
				return err
			}
			head := []string{"path", "hop", "from_id", "from", "type", "to_id", "to", "forward", "sentence", "article",
				"published", "modality", "confidence"}
			rows := [][]string{}
			for i, pa := range paths {
				for j, h := range pa.Hops {
					rows = append(rows, []string{strconv.Itoa(i + 1), strconv.Itoa(j + 1), h.From.ID, h.From.Name, h.Type,
						h.To.ID, h.To.Name, strconv.FormatBool(h.Forward), h.Evidence.Sentence, h.Evidence.Article,
						h.Evidence.Published, h.Evidence.Modality, conf(h.Evidence.Confidence)})
				}
			}
			return a.emit(o, paths, head, rows, func(w io.Writer) {
				if len(paths) == 0 {
					fmt.Fprintf(w, "no path from %s to %s within 6 hops\n", actors[0].Name, actors[1].Name)
					return
				}
				for i, pa := range paths {
					if i > 0 {
						fmt.Fprintln(w)
					}
					fmt.Fprintf(w, "path %d (%s)\n", i+1, plural(len(pa.Hops), "hop"))
					for _, h := range pa.Hops {
						from, to := h.From.Name, h.To.Name
						if !h.Forward {
							from, to = to, from
						}
						fmt.Fprintf(w, "  %s\n", rel(from, h.Type, to))
						writeEvidence(w, h.Evidence)
					}
				}
			})
		})
	}
	return cmd
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func conf(c float64) string { return strconv.FormatFloat(c, 'f', 2, 64) }

func writeEvidence(w io.Writer, e graph.Evidence) {
	date := e.Published
	if date == "" {
		date = "undated"
	}
	fmt.Fprintf(w, "      %q\n      (%s, %s, %s, %s)\n", e.Sentence, e.Article, date, e.Modality, conf(e.Confidence))
}

func month(m string) string {
	if m == "" {
		return "undated"
	}
	return m
}

func (a *app) queryDyadCmd(o *queryOpts) *cobra.Command {
	cmd := queryVerb("dyad A B", "The relations between two actors month by month, with evidence",
		`Dyad lists what the graph says about two actors, in both directions, month by
month (undated claims first): each relation with its number of claims, their
modalities, and every sentence, most confident first.`,
		`  polgraph query dyad "Donald Trump" "Joe Biden"
  polgraph query dyad Armenia Azerbaijan --format csv
  polgraph query dyad Iran "United States" --since 2020`, cobra.ExactArgs(2))
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		return a.queryRun(cmd, o, args, func(db *graph.DB, p graph.Period, actors []graph.ActorInfo) error {
			rels, err := db.Dyad(cmd.Context(), actors[0].ID, actors[1].ID, p)
			if err != nil {
				return err
			}
			head := []string{"month", "subject_id", "subject", "predicate", "object_id", "object", "modality", "confidence",
				"published", "article", "sentence"}
			rows := [][]string{}
			for _, d := range rels {
				for _, e := range d.Evidence {
					rows = append(rows, []string{d.Month, d.Subject.ID, d.Subject.Name, d.Predicate, d.Object.ID, d.Object.Name,
						e.Modality, conf(e.Confidence), e.Published, e.Article, e.Sentence})
				}
			}
			return a.emit(o, rels, head, rows, func(w io.Writer) {
				if len(rels) == 0 {
					fmt.Fprintf(w, "no relations between %s and %s\n", actors[0].Name, actors[1].Name)
					return
				}
				for i, d := range rels {
					if i == 0 || rels[i-1].Month != d.Month {
						if i > 0 {
							fmt.Fprintln(w)
						}
						fmt.Fprintln(w, month(d.Month))
					}
					fmt.Fprintf(w, "  %s  %s (%s)\n", rel(d.Subject.Name, d.Predicate, d.Object.Name), plural(d.Count, "claim"),
						modalities(d.Modalities))
					for _, e := range d.Evidence {
						writeEvidence(w, e)
					}
				}
			})
		})
	}
	return cmd
}

func modalities(m map[string]int) string {
	var parts []string
	for _, k := range []polgraph.Modality{polgraph.Asserted, polgraph.Negated, polgraph.Intended, polgraph.Possible} {
		if n := m[string(k)]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k, n))
		}
	}
	return strings.Join(parts, ", ")
}

func (a *app) queryTopCmd(o *queryOpts) *cobra.Command {
	var by string
	var limit int
	cmd := queryVerb("top", "The most connected actors, by degree or PageRank",
		`Top ranks actors. --by degree (the default) counts an actor's roll-up
relations (one per relation type and partner; with --since/--until, those
with claims in the period), ties broken by distinct partners, then claims.
--by pagerank runs PageRank of the Neo4j Graph Data Science library over the
actors linked by claims (weighted by their number, direction ignored); a
server without the library gets an error saying so.`,
		`  polgraph query top
  polgraph query top --limit 10 --since 2020-01 --until 2020-03
  polgraph query top --by pagerank --format json`, cobra.NoArgs)
	cmd.Flags().StringVar(&by, "by", "degree", "ranking: degree or pagerank")
	cmd.Flags().IntVar(&limit, "limit", 20, "this many actors")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		r := graph.Ranking(by)
		if r != graph.RankDegree && r != graph.RankPageRank {
			return usageError{fmt.Errorf("--by %q is not degree or pagerank", by)}
		}
		if limit < 1 {
			return usageError{fmt.Errorf("--limit %d: give at least 1", limit)}
		}
		return a.queryRun(cmd, o, nil, func(db *graph.DB, p graph.Period, _ []graph.ActorInfo) error {
			top, err := db.Top(cmd.Context(), r, limit, p)
			if errors.Is(err, graph.ErrNoGDS) {
				return graph.ErrNoGDS
			}
			if err != nil {
				return err
			}
			head := []string{"rank", "id", "name", "type", "country", "degree", "partners", "claims"}
			if r == graph.RankPageRank {
				head = []string{"rank", "id", "name", "type", "country", "score"}
			}
			rows := [][]string{}
			for i, t := range top {
				row := []string{strconv.Itoa(i + 1), t.Actor.ID, t.Actor.Name, t.Actor.Type, t.Actor.Country}
				if r == graph.RankPageRank {
					row = append(row, strconv.FormatFloat(t.Score, 'f', 4, 64))
				} else {
					row = append(row, strconv.Itoa(t.Degree), strconv.Itoa(t.Partners), strconv.Itoa(t.Claims))
				}
				rows = append(rows, row)
			}
			return a.emit(o, top, head, rows, func(w io.Writer) { writeTable(w, head, rows) })
		})
	}
	return cmd
}

// writeTable prints head in upper case and rows, aligned.
func writeTable(w io.Writer, head []string, rows [][]string) {
	if len(rows) == 0 {
		fmt.Fprintln(w, "nothing found")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join(head, "\t")))
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	tw.Flush()
}

// weightTable is the balance weights as help text, highest first.
func weightTable() string {
	type cw struct {
		c polgraph.Category
		w float64
	}
	var ws []cw
	for c, w := range graph.BalanceWeights {
		ws = append(ws, cw{c, w})
	}
	slices.SortFunc(ws, func(a, b cw) int { return cmp.Or(cmp.Compare(b.w, a.w), cmp.Compare(a.c, b.c)) })
	var b strings.Builder
	for i, x := range ws {
		if i%4 == 0 {
			b.WriteString("\n ")
		}
		fmt.Fprintf(&b, " %-17s %+3g", x.c, x.w)
	}
	return b.String()
}

func (a *app) queryBalanceCmd(o *queryOpts) *cobra.Command {
	cmd := queryVerb("balance A B", "Cooperation versus conflict between two actors, month by month",
		`Balance weighs every claim between two actors (both directions) by its
category on a Goldstein-like scale from -10 (conflict) to +10 (cooperation)
and sums the weights per month: cooperation is the sum of the positive
weights, conflict of the negative ones, net their sum. An asserted claim
counts its full weight, an intended or possible one half, a negated one 0.
The weights per category (relation types: ontology.md):
`+weightTable()+`

Structural types (LEADS, OFFICIAL_OF, MEMBER_OF, SUCCEEDED) are counted as
claims but weigh 0.`,
		`  polgraph query balance "Donald Trump" "Joe Biden"
  polgraph query balance Armenia Azerbaijan --format csv
  polgraph query balance Iran "United States" --since 2019-06 --until 2020-06`, cobra.ExactArgs(2))
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		return a.queryRun(cmd, o, args, func(db *graph.DB, p graph.Period, actors []graph.ActorInfo) error {
			months, err := db.Balance(cmd.Context(), actors[0].ID, actors[1].ID, p)
			if err != nil {
				return err
			}
			head := []string{"month", "claims", "cooperation", "conflict", "net"}
			rows := [][]string{}
			var total graph.BalanceMonth
			for _, m := range months {
				rows = append(rows, []string{month(m.Month), strconv.Itoa(m.Claims), weight(m.Cooperation),
					weight(m.Conflict), weight(m.Net)})
				total.Claims += m.Claims
				total.Cooperation += m.Cooperation
				total.Conflict += m.Conflict
				total.Net += m.Net
			}
			return a.emit(o, months, head, rows, func(w io.Writer) {
				fmt.Fprintf(w, "%s and %s\n\n", actors[0].Name, actors[1].Name)
				if len(rows) == 0 {
					fmt.Fprintln(w, "no claims")
					return
				}
				writeTable(w, head, append(rows, []string{"total", strconv.Itoa(total.Claims), weight(total.Cooperation),
					weight(total.Conflict), weight(total.Net)}))
			})
		})
	}
	return cmd
}

func weight(f float64) string {
	if f == 0 {
		return "0"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func (a *app) queryNewCmd(o *queryOpts) *cobra.Command {
	var limit int
	cmd := queryVerb("new --since DATE", "Relations first seen on or after a date",
		`New lists the roll-up relations whose first claim was published on or after
--since (and, with --until, on or before it), oldest first, with their
totals over all time.`,
		`  polgraph query new --since 2020-12-01
  polgraph query new --since 2020-01 --until 2020-01 --format csv`, cobra.NoArgs)
	cmd.Flags().IntVar(&limit, "limit", 100, "at most this many relations")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if o.since == "" {
			return usageError{errors.New("new needs --since DATE")}
		}
		if limit < 1 {
			return usageError{fmt.Errorf("--limit %d: give at least 1", limit)}
		}
		return a.queryRun(cmd, o, nil, func(db *graph.DB, p graph.Period, _ []graph.ActorInfo) error {
			edges, err := db.NewRelations(cmd.Context(), p, limit)
			if err != nil {
				return err
			}
			head, rows := edgeRows(edges, false)
			return a.emit(o, edges, head, rows, func(w io.Writer) {
				if len(edges) == 0 {
					fmt.Fprintln(w, "no relations first seen in the period")
					return
				}
				tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, "FIRST\tRELATION\tCLAIMS\tARTICLES\tLAST")
				for _, e := range edges {
					fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\n", e.FirstSeen, rel(e.From.Name, e.Type, e.To.Name), e.Count, e.Articles, e.LastSeen)
				}
				tw.Flush()
			})
		})
	}
	return cmd
}

// emit writes a result as JSON (v), CSV (head and rows) or a table (table).
func (a *app) emit(o *queryOpts, v any, head []string, rows [][]string, table func(io.Writer)) error {
	switch o.format {
	case "json":
		enc := json.NewEncoder(a.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	case "csv":
		w := csv.NewWriter(a.stdout)
		w.Write(head)
		w.WriteAll(rows)
		return w.Error()
	}
	table(a.stdout)
	return nil
}

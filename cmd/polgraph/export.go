package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/polgraph/polgraph/graph"
)

func (a *app) exportCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "export --format neo4j-admin DIR [FILE|-]",
		Short: "Write extraction JSONL as CSV files for neo4j-admin database import",
		Long: `Export turns extraction JSONL into node and relationship CSV files with headers
for 'neo4j-admin database import full', the fastest path for a first load of a
large corpus into an empty database. The files hold the same graph that
'polgraph load' builds, roll-ups included. It prints the neo4j-admin command
to run (with the server stopped); then run 'polgraph schema'. For the local
server of 'make neo4j-up', 'make neo4j-import DIR=...' does all of it.`,
		Example: `  polgraph extract corpus.jsonl | polgraph export --format neo4j-admin ./import -
  polgraph export --format neo4j-admin ./import extraction.jsonl`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "neo4j-admin" {
				return usageError{fmt.Errorf("--format %q: only neo4j-admin is supported", format)}
			}
			cfg, err := a.config()
			if err != nil {
				return err
			}
			path, r, closeInput, err := a.openInput(args, 1)
			if err != nil {
				return err
			}
			defer closeInput()
			ex, err := graph.NewExporter(args[0], a.log)
			if err != nil {
				return err
			}
			var stats graph.Stats
			b := batches(ex, cfg.Load.BatchSize, false, &stats, nil)
			t := &tally{start: time.Now()}
			ctx := cmd.Context()
			err = a.loadResults(ctx, path, r, readerOptions(cfg, t), nil, b, ctx, t)
			if ferr := b.drain(ctx); err == nil {
				err = ferr
			}
			if cerr := ex.Close(); err == nil {
				err = cerr
			}
			fmt.Fprintln(a.stderr, t.summary("export", "exported"))
			if err != nil {
				return err
			}
			importArgs, _ := graph.ImportArgs(args[0], cfg.Neo4j.Database)
			fmt.Fprintf(a.stderr, "wrote CSV files to %s; import into an empty database with:\n  neo4j-admin %s\n"+
				"then run 'polgraph schema'; for the local server of 'make neo4j-up': make neo4j-import DIR=%s\n",
				args[0], strings.Join(importArgs, " "), args[0])
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "neo4j-admin", "export format (neo4j-admin)")
	return cmd
}

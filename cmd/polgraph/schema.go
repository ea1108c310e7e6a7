package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/polgraph/polgraph/config"
	"github.com/polgraph/polgraph/graph"
)

func (a *app) schemaCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "schema",
		Short:   "Create polgraph's constraints and indexes in Neo4j (idempotent)",
		Example: "  polgraph schema --uri bolt://127.0.0.1:7687",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.config()
			if err != nil {
				return err
			}
			db, err := a.openGraph(cmd.Context(), cfg)
			if err != nil {
				return err
			}
			defer db.Close(context.WithoutCancel(cmd.Context()))
			fmt.Fprintf(a.stderr, "schema ready on %s (database %s)\n", cfg.RedactedURI(), cfg.Neo4j.Database)
			return nil
		},
	}
	addNeo4jFlags(cmd)
	return cmd
}

// openGraph connects to Neo4j and creates the schema.
func (a *app) openGraph(ctx context.Context, cfg config.Config) (*graph.DB, error) {
	db, err := a.connect(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := db.EnsureSchema(ctx); err != nil {
		db.Close(context.WithoutCancel(ctx))
		return nil, fmt.Errorf("create schema: %v", err)
	}
	return db, nil
}

// connect opens the graph without creating the schema (verify reports a
// missing one); the error says what to check.
func (a *app) connect(ctx context.Context, cfg config.Config) (*graph.DB, error) {
	db, err := graph.Open(ctx, graph.Config{
		URI: cfg.Neo4j.URI, User: cfg.Neo4j.User, Password: cfg.Neo4j.Password, Database: cfg.Neo4j.Database,
		MaxRetryTime: cfg.Neo4j.MaxRetryTime, ConnectTimeout: cfg.Neo4j.ConnectTimeout,
		Logger: a.log,
	})
	switch {
	case err == nil:
		return db, nil
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case errors.Is(err, graph.ErrAuth):
		return nil, fmt.Errorf("%v (check neo4j.user and POLGRAPH_NEO4J_PASSWORD or neo4j.password_file)", err)
	default:
		return nil, fmt.Errorf("%v (start a local Neo4j with 'make neo4j-up', or set --uri / POLGRAPH_NEO4J_URI)", err)
	}
}

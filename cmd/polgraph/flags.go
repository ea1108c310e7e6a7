package main

import "github.com/spf13/cobra"

// The flags several commands share. Those that set a configuration key are
// listed in flagKeys (main.go).

// addInputFlags adds the reader and extractor flags of extract, run, eval
// and read.
func addInputFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.String("text-col", "", "CSV/TSV column holding the text (default: text, content, body, ...)")
	f.String("id-col", "", "CSV/TSV column holding the id")
	f.String("title-col", "", "CSV/TSV column holding the title")
	f.String("date-col", "", "CSV/TSV column holding the publication date")
	f.String("url-col", "", "CSV/TSV column holding the URL")
	f.String("source-col", "", "CSV/TSV column holding the source")
	f.Int64("max-bytes", 5<<20, "skip articles whose text is larger than this")
	f.StringSlice("kb", nil, "extra knowledge-base YAML file (repeatable)")
	f.StringSlice("lexicon", nil, "extra trigger lexicon TSV file (repeatable)")
	f.Bool("phoenix", true, "add the Phoenix actors of 1979-2015 to the knowledge base (--phoenix=false: the hand-written one only)")
	f.Int("workers", 0, "extraction workers (default: one per core)")
	f.Bool("strict", false, "exit 1 if any record or file got a warning")
}

// addNeo4jFlags adds the flags that say where the graph is.
func addNeo4jFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.String("uri", "", "Neo4j URI (config neo4j.uri, env POLGRAPH_NEO4J_URI; default bolt://127.0.0.1:7687)")
	f.String("user", "", "Neo4j user (env POLGRAPH_NEO4J_USER; password from POLGRAPH_NEO4J_PASSWORD or neo4j.password_file)")
	f.String("database", "", "Neo4j database (default neo4j)")
}

// addBatchFlag adds --batch-size to the commands that write.
func addBatchFlag(cmd *cobra.Command) {
	cmd.Flags().Int("batch-size", 0, "articles per transaction (config load.batch_size)")
}

// addLoadFlags adds the flags load and run share.
func addLoadFlags(cmd *cobra.Command, dry, reload *bool) {
	cmd.Flags().BoolVar(dry, "dry-run", false, "read, extract and validate, but connect to nothing and write nothing")
	cmd.Flags().BoolVar(reload, "reload", false, "also process articles already in the graph, replacing them (default: skip them)")
}

func inputsOrStdin(args []string) []string {
	if len(args) == 0 {
		return []string{"-"}
	}
	return args
}

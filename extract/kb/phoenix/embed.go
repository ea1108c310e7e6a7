// Package phoenixdata embeds the tables that internal/cmd/gen-phoenix
// generates from the Phoenix dictionaries (see README.md here). Read them
// through package extract/phoenix; this package only holds the bytes, next
// to the files, because //go:embed cannot reach a parent directory.
package phoenixdata

import "embed"

// FS holds phoenix.tsv.gz (actors) and agents.tsv (agent nouns).
//
//go:embed phoenix.tsv.gz agents.tsv
var FS embed.FS

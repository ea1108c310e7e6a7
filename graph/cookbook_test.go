package graph

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/polgraph/polgraph/internal/testenv"
)

// cookbookQuery is one ```cypher block of docs/cookbook.md.
type cookbookQuery struct {
	heading string // the ## heading above it
	line    int    // where the block starts
	cypher  string
}

// readCookbook returns the cypher blocks of a Markdown file.
func readCookbook(t *testing.T, path string) []cookbookQuery {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []cookbookQuery
	var cur *cookbookQuery
	heading := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case cur == nil && strings.HasPrefix(line, "## "):
			heading = strings.TrimPrefix(line, "## ")
		case cur == nil && strings.TrimSpace(line) == "```cypher":
			cur = &cookbookQuery{heading: heading, line: n}
		case cur != nil && strings.TrimSpace(line) == "```":
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			cur.cypher += line + "\n"
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if cur != nil {
		t.Fatalf("%s:%d: cypher block not closed", path, cur.line)
	}
	return out
}

// loadCorpus loads the shared corpus into the test database with the
// polgraph command, as a user would. The corpus's ids are stable and run
// skips what is loaded, so loading it again, here or in another test,
// changes nothing.
func loadCorpus(t *testing.T, uri, corpus string) {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "polgraph")
	build := exec.Command("go", "build", "-o", bin, "../cmd/polgraph")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build polgraph: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	run := exec.CommandContext(ctx, bin, "run", "--quiet", "--uri", uri, corpus)
	run.Dir = dir // no polgraph.yaml of the developer's
	run.Env = append(os.Environ(), "XDG_CONFIG_HOME="+dir)
	if out, err := run.CombinedOutput(); err != nil {
		t.Fatalf("polgraph run %s: %v\n%s", corpus, err, out)
	}
}

// TestCookbook runs every query of docs/cookbook.md against the graph of
// the shared corpus and fails on an error or an empty result: the
// cookbook's queries must paste and answer as they are.
func TestCookbook(t *testing.T) {
	uri := testenv.URI(t)
	corpus := filepath.Join(testenv.SharedDir(t, "corpus/seed.jsonl"), "corpus")
	queries := readCookbook(t, filepath.Join("..", "docs", "cookbook.md"))
	if len(queries) < 14 {
		t.Errorf("docs/cookbook.md has %d cypher blocks, want at least 14", len(queries))
	}
	loadCorpus(t, uri, corpus)
	ctx := context.Background()
	l, err := Open(ctx, Config{URI: uri})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close(ctx)
	for _, q := range queries {
		t.Run(q.heading, func(t *testing.T) {
			recs, err := l.readQuery(ctx, q.cypher, nil)
			if err != nil {
				t.Fatalf("docs/cookbook.md:%d: %v\n%s", q.line, err, q.cypher)
			}
			if len(recs) == 0 {
				t.Errorf("docs/cookbook.md:%d: no rows\n%s", q.line, q.cypher)
			}
		})
	}
}

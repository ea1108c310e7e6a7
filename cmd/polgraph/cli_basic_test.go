package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/internal/testenv"
)

func TestHelpAndVersion(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"extract", "--help"}, {"load", "--help"}, {"run", "--help"}, {"schema", "--help"}, {"eval", "--help"}, {"export", "--help"}, {"parse", "--help"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := runPolgraph(t, "", "", nil, args...)
			if r.code != 0 {
				t.Fatalf("exit %d, stderr %s", r.code, r.stderr)
			}
			if !strings.Contains(r.stdout, "Usage:") || !strings.Contains(r.stdout, "Examples:") {
				t.Errorf("help lacks usage or examples:\n%s", r.stdout)
			}
		})
	}
	r := runPolgraph(t, "", "", nil, "version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "polgraph ") {
		t.Errorf("version: exit %d, %q", r.code, r.stdout)
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	for name, args := range map[string][]string{
		"unknown command": {"frobnicate"},
		"unknown flag":    {"extract", "--nope"},
		"eval no gold":    {"eval", "--pred", "x.jsonl"},
		"bad batch size":  {"run", "--batch-size", "-3", "x.jsonl"},
	} {
		t.Run(name, func(t *testing.T) {
			r := runPolgraph(t, "", "", nil, args...)
			if r.code != exitUsage {
				t.Errorf("exit %d, want %d; stderr %s", r.code, exitUsage, r.stderr)
			}
			if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic") {
				t.Errorf("stack trace on stderr:\n%s", r.stderr)
			}
		})
	}
}

func TestBadConfigNamesKey(t *testing.T) {
	r := runPolgraph(t, "", "", []string{"POLGRAPH_LOAD_BATCH_SIZE=zero"}, "schema")
	if r.code != exitUsage || !strings.Contains(r.stderr, "batch_size") {
		t.Errorf("exit %d, stderr %q: want exit 2 naming batch_size", r.code, r.stderr)
	}
	r = runPolgraph(t, "", "", []string{"POLGRAPH_NEO4J_URI=http://x:1"}, "schema")
	if r.code != exitUsage || !strings.Contains(r.stderr, "neo4j.uri") {
		t.Errorf("exit %d, stderr %q: want exit 2 naming neo4j.uri", r.code, r.stderr)
	}
}

// TestExtractSeed checks the seed article's core facts through the CLI, in
// the JSONL contract of formats.md.
func TestExtractSeed(t *testing.T) {
	shared := testenv.SharedDir(t, "corpus/seed.jsonl")
	r := runPolgraph(t, "", "", nil, "extract", abs(t, filepath.Join(shared, "corpus", "seed.jsonl")))
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var res polgraph.Result
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, r.stdout)
	}
	if err := res.Validate(); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{
		"ali-khamenei MET_WITH masoud-pezeshkian asserted":    false,
		"ali-khamenei LEADS iran asserted":                    false,
		"masoud-pezeshkian LEADS iran asserted":               false,
		"iran IN_CONFLICT_WITH israel asserted":               false,
		"ali-khamenei NEGOTIATED_WITH united-states intended": false,
	}
	for _, rel := range res.Relations {
		k := string(rel.Subject) + " " + string(rel.Predicate) + " " + rel.Object + " " + string(rel.Modality)
		if _, ok := want[k]; ok {
			want[k] = true
		}
	}
	for k, ok := range want {
		if !ok {
			t.Errorf("missing relation %s", k)
		}
	}
}

// TestLoadNeo4jDownFailsFast checks the message and the time when Neo4j is
// not there: one line naming the URI and how to start one, within 15 s.
func TestLoadNeo4jDownFailsFast(t *testing.T) {
	start := time.Now()
	r := runPolgraph(t, "", `{"article":{"id":"a"},"actors":[],"relations":[]}`+"\n",
		[]string{"POLGRAPH_NEO4J_URI=bolt://127.0.0.1:1"}, "load", "-")
	if took := time.Since(start); took > 15*time.Second {
		t.Errorf("took %v, want under 15s", took)
	}
	if r.code == 0 {
		t.Fatal("exit 0 with Neo4j down")
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	last := lines[len(lines)-1]
	if !strings.Contains(last, "bolt://127.0.0.1:1") || !strings.Contains(last, "make neo4j-up") {
		t.Errorf("last line %q should name the URI and 'make neo4j-up'", last)
	}
	if strings.Contains(r.stderr, "goroutine ") {
		t.Errorf("stack trace:\n%s", r.stderr)
	}
}

var _ = exec.Command

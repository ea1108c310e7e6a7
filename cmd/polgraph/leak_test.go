package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// The leak tests run commands in process with run and then check with
// goleak that every goroutine they started has ended.

// noNewGoroutines fails if goroutines that were not running at before are
// still running once the command has returned (goleak retries for a while:
// drivers and pipes finish asynchronously after Close).
func noNewGoroutines(t *testing.T, what string, before goleak.Option) {
	t.Helper()
	if err := goleak.Find(before); err != nil {
		t.Errorf("%s: goroutines still running after it returned: %v", what, err)
	}
}

// runInProcess runs one command line with run and returns what it printed.
func runInProcess(ctx context.Context, stdin io.Reader, args ...string) result {
	var out, errb bytes.Buffer
	code := run(ctx, args, stdin, &out, &errb)
	return result{out.String(), errb.String(), code}
}

// TestLeakNoGoroutinesAfterCommands runs extract, run --dry-run, a run
// interrupted while its reader is blocked on standard input, schema against
// a closed port and, with the test Neo4j, load, each in process, and checks
// that no goroutine outlives the command: not the readers, the extraction
// workers, the writer, the progress ticker nor the driver's.
func TestLeakNoGoroutinesAfterCommands(t *testing.T) {
	mixed := abs(t, filepath.Join("testdata", "mixed"))
	if _, err := os.Stat(mixed); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // no user config
	t.Chdir(t.TempDir())                     // no polgraph.yaml
	// Build the extractor's lazily initialised state once, outside the
	// measured runs.
	if r := runInProcess(context.Background(), strings.NewReader(""), "extract", "-o", filepath.Join(t.TempDir(), "warm.jsonl"), mixed); r.code != 0 {
		t.Fatalf("warm-up extract: exit %d\n%s", r.code, r.stderr)
	}

	cases := []struct {
		name string
		args []string
		code int
	}{
		{"extract", []string{"extract", "--workers", "4", "-o", filepath.Join(t.TempDir(), "out.jsonl"), mixed}, exitOK},
		{"run --dry-run", []string{"run", "--dry-run", "--workers", "3", "--batch-size", "2", mixed}, exitOK},
		{"schema, Neo4j down", []string{"schema", "--uri", "bolt://" + closedPort(t)}, exitFailure},
		{"load, Neo4j down", []string{"load", tinyExtraction(t, "t-leak-"), "--uri", "neo4j://" + closedPort(t)}, exitFailure},
	}
	if uri := os.Getenv("POLGRAPH_TEST_NEO4J_URI"); uri != "" {
		cases = append(cases, struct {
			name string
			args []string
			code int
		}{"load", []string{"load", "--reload", "--wait", "5m", tinyExtraction(t, "t-leak-"), "--uri", uri}, exitOK})
	}
	for _, c := range cases {
		before := goleak.IgnoreCurrent()
		r := runInProcess(context.Background(), strings.NewReader(""), c.args...)
		if r.code != c.code {
			t.Errorf("%s: exit %d, want %d\n%s", c.name, r.code, c.code, r.stderr)
		}
		noNewGoroutines(t, c.name, before)
	}

	// Interrupted while the reader waits on standard input: run returns,
	// and once the input ends the reader goroutine ends too.
	before := goleak.IgnoreCurrent()
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	var cancelled time.Time
	go func() {
		// io.Pipe's Write returns once the reader has taken the line: the
		// model is loaded and the reader is about to block on the next.
		pw.Write([]byte(`{"id":"leak-1","text":"Iran and Israel held talks in Geneva."}` + "\n"))
		time.Sleep(300 * time.Millisecond)
		cancelled = time.Now()
		cancel()
	}()
	r := runInProcess(ctx, pr, "run", "--dry-run", "-")
	if r.code != exitCanceled {
		t.Errorf("interrupted run: exit %d, want %d\n%s", r.code, exitCanceled, r.stderr)
	}
	if took := time.Since(cancelled); took > 2*time.Second {
		t.Errorf("interrupted run returned %s after the cancellation", took)
	}
	pw.Close()
	noNewGoroutines(t, "interrupted run --dry-run on standard input", before)
}

package main

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/polgraph/polgraph/graph"
	"github.com/polgraph/polgraph/internal/testenv"
)

// privateNeo4j starts a Neo4j server of the test's own (scripts/neo4j-up.sh
// with a temporary home and free ports) and stops it when the test ends. A
// resumed run must give the same graph as an uninterrupted one, and whole
// graphs can only be compared where nothing else writes: Community has one
// database, and the shared server's actors are everyone's.
// It may run on a goroutine of its own, so it returns errors, not Fatal.
func privateNeo4j(t *testing.T) (string, error) {
	s, err := testenv.Prepare(t, "")
	if err == nil {
		err = s.Script("neo4j-up.sh")
	}
	if err != nil {
		return "", err
	}
	return s.URI, nil
}

// interrupt starts `polgraph args...`, waits until the graph at uri holds
// at least `after` articles (or, when after is negative, for -after
// seconds), sends the signals 200 ms apart and returns the exit code (-1
// when killed by a signal) and stderr.
func interrupt(t *testing.T, uri string, after int, signals []syscall.Signal, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(polgraphBin, args...)
	cmd.Dir = t.TempDir()
	cmd.Env = append(cleanEnv(), "POLGRAPH_NEO4J_URI="+uri)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	l, err := graph.Open(ctx, graph.Config{URI: uri})
	if err != nil {
		cmd.Process.Kill()
		t.Fatal(err)
	}
	defer l.Close(ctx)
	deadline := time.Now().Add(5 * time.Minute)
	if after < 0 {
		time.Sleep(time.Duration(-after) * time.Second)
	}
	for after >= 0 {
		c, err := l.Counts(ctx)
		if err != nil {
			cmd.Process.Kill()
			t.Fatal(err)
		}
		if c.Nodes["Article"] >= after {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no %d articles in the graph after 5 minutes:\n%s", after, stderr.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	for i, sig := range signals {
		if i > 0 {
			time.Sleep(200 * time.Millisecond)
		}
		cmd.Process.Signal(sig)
	}
	err = cmd.Wait()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, stderr.String()
}

// TestResumeMatchesUninterrupted stops a run on the full shared corpus twice
// (once cleanly with SIGTERM, once at once with a second SIGTERM in the
// middle of a batch), resumes it, and checks that the graph equals the one
// an uninterrupted run builds on a second server: nodes by label,
// relationships by type, roll-ups and the sum of their counts. Then a
// --reload of part of the corpus must leave the graph unchanged.
func TestResumeMatchesUninterrupted(t *testing.T) {
	testenv.URI(t) // integration tests enabled
	shared := testenv.SharedDir(t, "corpus/seed.jsonl")
	if testing.Short() {
		t.Skip("starts two Neo4j servers; skipped with -short")
	}
	corpusDir := abs(t, filepath.Join(shared, "corpus"))

	// Two servers, started at once: A is interrupted and resumed, B is the reference.
	var uri [2]string
	var errs [2]error
	var wg sync.WaitGroup
	for i := range uri {
		wg.Add(1)
		go func() { defer wg.Done(); uri[i], errs[i] = privateNeo4j(t) }()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	uriA, uriB := uri[0], uri[1]
	args := []string{"run", "--batch-size", "20", "--workers", "2", corpusDir}

	// The reference, one uninterrupted run, goes on meanwhile on B.
	refDone := make(chan error, 1)
	var refErr bytes.Buffer
	go func() {
		ref := exec.Command(polgraphBin, args...)
		ref.Dir = t.TempDir()
		ref.Env = append(cleanEnv(), "POLGRAPH_NEO4J_URI="+uriB)
		ref.Stderr = &refErr
		refDone <- ref.Run()
	}()

	// Stop cleanly after the batch in flight.
	code, stderr := interrupt(t, uriA, 40, []syscall.Signal{syscall.SIGTERM}, args...)
	if code != exitCanceled || !strings.Contains(stderr, "interrupted; run the same command again to resume") {
		t.Fatalf("SIGTERM: exit %d, want %d with a resume hint:\n%s", code, exitCanceled, stderr)
	}
	checkBalance(t, stderr)
	after1 := wholeGraph(t, uriA).Nodes["Article"]

	// Stop at once while the one big batch is written: a second SIGTERM
	// exits with the transaction open, and Neo4j rolls it back.
	big := append([]string{"run", "--batch-size", "1000"}, args[3:]...)
	code, stderr = interrupt(t, uriA, -8, []syscall.Signal{syscall.SIGTERM, syscall.SIGTERM}, big...)
	if code != exitCanceled || !strings.Contains(stderr, "second signal, stopping now") {
		t.Fatalf("second SIGTERM: exit %d, want %d, stopping now:\n%s", code, exitCanceled, stderr)
	}
	if n := wholeGraph(t, uriA).Nodes["Article"]; n != after1 {
		t.Errorf("the batch stopped at once was written in part: %d articles, want %d", n, after1)
	}

	// Killed: whatever batch was in flight is rolled back.
	code, stderr = interrupt(t, uriA, after1+30, []syscall.Signal{syscall.SIGKILL}, args...)
	if code != -1 {
		t.Fatalf("SIGKILL: exit %d, want killed:\n%s", code, stderr)
	}
	after2 := wholeGraph(t, uriA).Nodes["Article"]
	if after2 >= 295 {
		t.Fatalf("the interrupted runs loaded everything (%d articles): nothing was resumed", after2)
	}
	t.Logf("interrupted at %d, then killed at %d of 295 articles", after1, after2)

	if err := <-refDone; err != nil {
		t.Fatalf("reference run: %v\n%s", err, refErr.String())
	}
	want := wholeGraph(t, uriB)
	if want.Nodes["Article"] != 295 {
		t.Fatalf("reference graph has %d articles, want 295", want.Nodes["Article"])
	}

	// Resume: the articles in the graph are skipped, the rest loaded.
	r := runPolgraph(t, "", "", []string{"POLGRAPH_NEO4J_URI=" + uriA}, args...)
	if r.code != 0 {
		t.Fatalf("resumed run: exit %d\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, fmt.Sprintf("%d extracted, 0 skipped, 0 duplicates, %d already loaded", 295-after2, after2)) {
		t.Errorf("resumed run should extract %d and skip %d:\n%s", 295-after2, after2, lastLine(r.stderr))
	}
	if got := wholeGraph(t, uriA); !reflect.DeepEqual(got, want) {
		t.Errorf("resumed graph differs from the uninterrupted one:\n got  %+v\n want %+v", got, want)
	}

	// --reload extracts and replaces what is there: same graph.
	r = runPolgraph(t, "", "", []string{"POLGRAPH_NEO4J_URI=" + uriA}, "run", "--reload", filepath.Join(corpusDir, "seed.jsonl"))
	if r.code != 0 || !strings.Contains(r.stderr, "1 records read: 1 extracted") {
		t.Fatalf("--reload: exit %d\n%s", r.code, r.stderr)
	}
	if got := wholeGraph(t, uriA); !reflect.DeepEqual(got, want) {
		t.Errorf("graph changed after --reload:\n got  %+v\n want %+v", got, want)
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

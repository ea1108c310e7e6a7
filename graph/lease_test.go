package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/internal/testenv"
)

// These tests run polgraph writers against a Neo4j of their own: verify
// reads the whole database, and the lease is the database's, so the shared
// test server (and other tests' loads) must not see them.

// privateGraph starts a Neo4j for the test and opens a DB on it with
// the schema in place.
func privateGraph(t *testing.T) (*DB, string) {
	t.Helper()
	testenv.URI(t) // skips (or fails under CI) without the test Neo4j set up
	srv := testenv.Start(t, "")
	ctx := context.Background()
	l, err := Open(ctx, Config{URI: srv.URI})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close(ctx) })
	if err := l.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	return l, srv.URI
}

// writeResults writes results as extraction JSONL with every id prefixed
// (as prefixed does) and returns the file.
func writeResults(t *testing.T, results []polgraph.Result, prefix, name string) string {
	t.Helper()
	var b bytes.Buffer
	for _, r := range results {
		r = withPrefix(r, prefix)
		line, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(append(line, '\n'))
	}
	path := filepath.Join(t.TempDir(), name+".jsonl")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// startCLI starts polgraph with args and returns the command and a channel
// that receives its result when it exits.
func startCLI(t *testing.T, bin string, args ...string) (*exec.Cmd, <-chan cliResult) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir, cmd.Env = t.TempDir(), cliEnv(t)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan cliResult, 1)
	go func() {
		err := cmd.Wait()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			code = -1
		}
		done <- cliResult{out.String(), errb.String(), code}
	}()
	return cmd, done
}

// verifyClean fails the test unless Verify finds nothing.
func verifyClean(t *testing.T, l *DB, how string) {
	t.Helper()
	rep, err := l.Verify(context.Background(), VerifyOptions{})
	if err != nil {
		t.Fatalf("%s: verify: %v", how, err)
	}
	if !rep.Clean() {
		t.Errorf("%s: verify found %d problems %v: %v", how, rep.Problems, rep.ByKind, rep.First)
	}
}

// TestConcurrentWriters starts two `polgraph load` processes at once on
// overlapping parts of the extraction of ../shared/corpus (the same ids:
// shared actors and, in the overlap, shared articles), in rounds whose
// split points come from a logged seed. With the lease the second waits
// (--wait) and the graph equals one load of the union, node by node and
// property by property, and verify finds nothing. Without it
// (--unsafe-no-lease) the same rounds must go wrong at least once: that
// shows the comparison can see what the lease prevents.
func TestConcurrentWriters(t *testing.T) {
	l, uri := privateGraph(t)
	bin := buildPolgraph(t)
	corpus := readResults(t, extractShared(t, bin))
	n := len(corpus)
	if n < 40 {
		t.Fatalf("corpus of %d articles is too small", n)
	}
	load := func(file string, extra ...string) []string {
		return append([]string{"load", file, "--uri", uri, "--batch-size", "10", "-q"}, extra...)
	}
	if r := runCLI(t, bin, load(writeResults(t, corpus, "~ref~", "ref"))...); r.code != 0 {
		t.Fatalf("reference load: exit %d\n%s", r.code, r.stderr)
	}
	ref := canonical(t, l, "~ref~")

	seed := uint64(time.Now().UnixNano())
	t.Logf("split points from seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 16))
	round := func(name string, extra ...string) (bool, string) {
		lo := n/5 + rng.IntN(n/4) // B starts here
		hi := lo + 5 + rng.IntN(n/4)
		p := "~" + name + "~"
		a := writeResults(t, corpus[:hi], p, name+"-a")
		rev := slices.Clone(corpus[lo:])
		slices.Reverse(rev) // B meets A's articles in the overlap from the other end
		b := writeResults(t, rev, p, name+"-b")
		_, doneA := startCLI(t, bin, load(a, extra...)...)
		_, doneB := startCLI(t, bin, load(b, extra...)...)
		ra, rb := <-doneA, <-doneB
		exits := fmt.Sprintf("A [0,%d) exit %d, B [%d,%d) reversed exit %d", hi, ra.code, lo, n, rb.code)
		if ra.code != 0 || rb.code != 0 {
			return false, exits + "\n" + ra.stderr + rb.stderr
		}
		got := canonical(t, l, p)
		if !slices.Equal(got, ref) {
			kinds := map[string]int{}
			for _, x := range differing(ref, got) {
				kind, _, _ := strings.Cut(x, " {")
				kinds[strings.Join(strings.Fields(kind)[:2], " ")]++
			}
			return false, fmt.Sprintf("%s: graph differs from one load of the union, lines by kind %v: %s", exits, kinds, diffLines(ref, got))
		}
		return true, exits
	}
	for k := range 5 {
		ok, how := round(fmt.Sprintf("lease%d", k), "--wait", "5m")
		t.Logf("with the lease, round %d: %s", k, how)
		if !ok {
			t.Errorf("with the lease, round %d: %s", k, how)
		}
	}
	verifyClean(t, l, "after the rounds with the lease")

	differed := 0
	for k := range 5 {
		ok, how := round(fmt.Sprintf("free%d", k), "--unsafe-no-lease")
		t.Logf("without the lease, round %d: equal=%v: %.600s", k, ok, how)
		if !ok {
			differed++
		}
	}
	t.Logf("without the lease, %d of 5 rounds went wrong", differed)
	if rep, err := l.Verify(context.Background(), VerifyOptions{}); err == nil {
		t.Logf("verify after the rounds without the lease: %d problems %v, e.g. %v", rep.Problems, rep.ByKind, rep.First[:min(3, len(rep.First))])
	}
	if differed == 0 {
		t.Errorf("without the lease no round went wrong: the test cannot see what the lease prevents")
	}
}

// TestLeaseKilledWriter kills a load holding the lease with SIGKILL. A
// writer of another host (simulated by rewriting the lease's host) must
// wait for the expiry of the short TTL, then proceed with no manual step;
// a writer of the same host proceeds at once (the holder's pid is dead).
// Each resumed load ends with the graph of one uninterrupted load.
func TestLeaseKilledWriter(t *testing.T) {
	l, uri := privateGraph(t)
	ctx := context.Background()
	t.Run("Library", func(t *testing.T) { leaseLibrary(t, l) })
	bin := buildPolgraph(t)
	corpus := readResults(t, extractShared(t, bin))
	if r := runCLI(t, bin, "load", writeResults(t, corpus, "~ref~", "ref"), "--uri", uri, "-q"); r.code != 0 {
		t.Fatalf("reference load: exit %d\n%s", r.code, r.stderr)
	}
	ref := canonical(t, l, "~ref~")
	file := writeResults(t, corpus, "~k~", "k")
	const ttl = 8 * time.Second
	load := func(extra ...string) []string {
		return append([]string{"load", file, "--uri", uri, "--batch-size", "5", "--lease-ttl", ttl.String()}, extra...)
	}

	// killHolder starts a load, kills it once it holds the lease and has
	// committed a batch, and returns its pid.
	killHolder := func() int {
		t.Helper()
		cmd, done := startCLI(t, bin, load()...)
		deadline := time.Now().Add(2 * time.Minute)
		for {
			select {
			case r := <-done:
				t.Fatalf("the load ended before it was killed: exit %d\n%s", r.code, r.stderr)
			case <-time.After(20 * time.Millisecond):
			}
			h, held, err := l.CurrentLease(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if held && h.PID == cmd.Process.Pid && articleCount(t, l, "~k~") > 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the load took no lease")
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
		return cmd.Process.Pid
	}

	pid := killHolder()
	query(t, l, `MATCH (l:PolgraphLease {name: $name}) SET l.host = 'elsewhere'`, map[string]any{"name": LeaseName})
	r := runCLI(t, bin, load()...)
	if r.code != 1 || !strings.Contains(r.stderr, fmt.Sprintf("pid %d", pid)) || !strings.Contains(r.stderr, "host elsewhere") ||
		strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
		t.Errorf("a writer while a dead writer of another host holds the lease: exit %d, want 1 and one line naming it:\n%s", r.code, r.stderr)
	}
	h, held, err := l.CurrentLease(ctx)
	if err != nil || !held {
		t.Fatalf("lease %v held %v: %v", h, held, err)
	}
	r = runCLI(t, bin, load("--wait", "1m")...)
	if r.code != 0 {
		t.Fatalf("the next writer with --wait: exit %d\n%s", r.code, r.stderr)
	}
	waited := regexp.MustCompile(`took the writer lease after waiting.*`).FindString(r.stderr)
	t.Logf("SIGKILLed pid %d (on \"another host\"), lease expiring at %s; the next writer: %s",
		pid, h.ExpiresAt.Format(time.RFC3339Nano), waited)
	if waited == "" {
		t.Errorf("the next writer did not wait:\n%s", r.stderr)
	}
	if got := canonical(t, l, "~k~"); !slices.Equal(got, ref) {
		t.Errorf("after the kill and the resumed load: %s", diffLines(ref, got))
	}
	if _, held, _ := l.CurrentLease(ctx); held {
		t.Error("the lease is still held after the writer ended")
	}

	deletePrefix(t, l, "~k~")
	pid = killHolder()
	start := time.Now()
	if r := runCLI(t, bin, load()...); r.code != 0 {
		t.Fatalf("a writer of the same host after the holder was killed: exit %d\n%s", r.code, r.stderr)
	}
	t.Logf("SIGKILLed pid %d on this host; the next writer proceeded without waiting (%s in all)", pid, time.Since(start).Round(time.Millisecond))
	if got := canonical(t, l, "~k~"); !slices.Equal(got, ref) {
		t.Errorf("after the second kill and the resumed load: %s", diffLines(ref, got))
	}
	verifyClean(t, l, "after the killed writers")
}

// leaseLibrary checks AcquireLease: a second taker is refused naming the
// holder, waits for a release, and a lease renewed in the background
// outlives its TTL; a lease removed by force is lost to its holder.
func leaseLibrary(t *testing.T, l *DB) {
	ctx := context.Background()
	ttl := 2 * time.Second
	first, err := l.AcquireLease(ctx, LeaseOptions{TTL: ttl, Command: "test"})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * ttl) // renewed meanwhile
	_, err = l.AcquireLease(ctx, LeaseOptions{TTL: ttl, Command: "second"})
	var held *LeaseHeldError
	if !errors.As(err, &held) || held.Holder.PID != os.Getpid() || held.Holder.Command != "test" {
		t.Fatalf("second taker while held: %v, want *LeaseHeldError naming pid %d", err, os.Getpid())
	}
	t.Logf("refused: %v", err)
	if first.Err() != nil {
		t.Fatalf("the holder lost its lease: %v", first.Err())
	}
	go func() { time.Sleep(ttl); first.Release(ctx) }()
	start := time.Now()
	second, err := l.AcquireLease(ctx, LeaseOptions{TTL: ttl, Wait: 10 * time.Second, Command: "second"})
	if err != nil {
		t.Fatalf("waiting taker: %v", err)
	}
	t.Logf("the waiting taker got the lease after %s", time.Since(start).Round(time.Millisecond))
	if err := l.ForceUnlock(ctx); err != nil {
		t.Fatal(err)
	}
	third, err := l.AcquireLease(ctx, LeaseOptions{TTL: ttl, Command: "third"})
	if err != nil {
		t.Fatalf("after --force-unlock: %v", err)
	}
	deadline := time.Now().Add(5 * ttl)
	for second.Err() == nil && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !errors.Is(second.Err(), ErrLeaseLost) {
		t.Errorf("the holder of a lease taken by force: Err %v, want ErrLeaseLost", second.Err())
	}
	bound, cancel := second.Bind(ctx)
	defer cancel()
	if !errors.Is(context.Cause(bound), ErrLeaseLost) {
		t.Errorf("a context bound to a lost lease: cause %v", context.Cause(bound))
	}
	second.Release(ctx)
	if err := third.Release(ctx); err != nil {
		t.Fatal(err)
	}
	if _, held, _ := l.CurrentLease(ctx); held {
		t.Error("lease held after release")
	}
}

// differing returns the lines in one list and not the other.
func differing(a, b []string) []string {
	in := make(map[string]int)
	for _, x := range a {
		in[x]++
	}
	for _, x := range b {
		in[x]--
	}
	var out []string
	for x, c := range in {
		if c != 0 {
			out = append(out, x)
		}
	}
	return out
}

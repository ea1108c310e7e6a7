package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/polgraph/polgraph"
)

// TestDeleteSource gives the articles of ../shared/corpus's extraction one
// of three sources, loads them all (prefix ~d~) and, for the reference, all
// but source wire-b's (prefix ~w~). `polgraph delete --source wire-b` must
// leave ~d~ equal to ~w~, actor properties included (recomputed from the
// views kept on the remaining mentions), with verify clean; --dry-run must
// list those articles and change nothing; a second delete must change
// nothing. Then the same after a delete killed
// with SIGKILL between batches and run again.
func TestDeleteSource(t *testing.T) {
	l, uri := privateGraph(t)
	ctx := context.Background()
	bin := buildPolgraph(t)
	corpus := readResults(t, extractShared(t, bin))
	var kept []polgraph.Result
	gone := 0
	for i := range corpus {
		corpus[i].Article.Source = []string{"wire-a", "wire-b", "wire-c"}[i%3]
		if corpus[i].Article.Source == "wire-b" {
			gone++
		} else {
			kept = append(kept, corpus[i])
		}
	}
	all := writeResults(t, corpus, "~d~", "all")
	for _, f := range []string{all, writeResults(t, kept, "~w~", "kept")} {
		if r := runCLI(t, bin, "load", f, "--uri", uri, "-q"); r.code != 0 {
			t.Fatalf("load %s: exit %d\n%s", f, r.code, r.stderr)
		}
	}
	want := canonical(t, l, "~w~")
	loaded := canonical(t, l, "~d~")
	del := func(extra ...string) []string {
		return append([]string{"delete", "--source", "wire-b", "--uri", uri, "--batch-size", "7"}, extra...)
	}

	r := runCLI(t, bin, del("--dry-run")...)
	if lines := strings.Count(r.stdout, "\n"); r.code != 0 || lines != gone || !strings.Contains(r.stderr, fmt.Sprintf("would delete %d articles", gone)) {
		t.Errorf("--dry-run: exit %d, %d lines, want %d\n%s", r.code, lines, gone, r.stderr)
	}
	if got := canonical(t, l, "~d~"); !slices.Equal(got, loaded) {
		t.Errorf("--dry-run changed the graph: %s", diffLines(loaded, got))
	}

	r = runCLI(t, bin, del()...)
	t.Logf("delete: exit %d: %s", r.code, r.stderr)
	if r.code != 0 {
		t.Fatalf("delete: exit %d\n%s", r.code, r.stderr)
	}
	checkDeleted(t, l, want, "delete --source wire-b")
	r = runCLI(t, bin, del()...)
	if r.code != 0 || !strings.Contains(r.stderr, "deleted: 0 articles") {
		t.Errorf("delete again: exit %d\n%s", r.code, r.stderr)
	}
	checkDeleted(t, l, want, "delete again")

	// Killed between batches (or within one), then run again.
	if r := runCLI(t, bin, "load", all, "--uri", uri, "-q"); r.code != 0 {
		t.Fatalf("load again: exit %d\n%s", r.code, r.stderr)
	}
	if got := canonical(t, l, "~d~"); !slices.Equal(got, loaded) {
		t.Fatalf("loading the deleted articles again: %s", diffLines(loaded, got))
	}
	count := func() int {
		rows := query(t, l, `MATCH (ar:Article {source: 'wire-b'}) RETURN count(ar) AS n`, nil)
		return int(rows[0]["n"].(int64))
	}
	cmd, done := startCLI(t, bin, del("--batch-size", "3")...)
	for count() > gone*2/3 {
		select {
		case r := <-done:
			t.Fatalf("the delete ended before it was killed: exit %d\n%s", r.code, r.stderr)
		case <-time.After(5 * time.Millisecond):
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	<-done
	left := count()
	t.Logf("delete killed with %d of %d wire-b articles left", left, gone)
	if left == 0 {
		t.Errorf("the delete finished before it was killed")
	}
	r = runCLI(t, bin, del()...)
	if r.code != 0 || !strings.Contains(r.stderr, fmt.Sprintf("deleted: %d articles", left)) {
		t.Errorf("delete run again after SIGKILL: exit %d, want 0 and %d articles\n%s", r.code, left, r.stderr)
	}
	checkDeleted(t, l, want, "delete killed and run again")
	_ = ctx
}

// checkDeleted compares the graph of ~d~, node by node and property by
// property, with the reference ~w~, and runs verify.
func checkDeleted(t *testing.T, l *DB, want []string, how string) {
	t.Helper()
	if got := canonical(t, l, "~d~"); !slices.Equal(got, want) {
		t.Errorf("%s: graph differs from loading without the deleted articles (%d lines): %s", how, countDiff(want, got), diffLines(want, got))
	}
	verifyClean(t, l, how)
}

// countDiff counts the lines in one list and not the other.
func countDiff(a, b []string) int {
	in := make(map[string]int)
	for _, x := range a {
		in[x]++
	}
	for _, x := range b {
		in[x]--
	}
	n := 0
	for _, c := range in {
		n += max(c, -c)
	}
	return n
}

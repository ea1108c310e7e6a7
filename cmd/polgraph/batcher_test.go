package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/polgraph/polgraph"
)

// recordingWriter records the batches it is given (by first article id)
// and fails the one numbered failAt (from 1; 0 never fails).
type recordingWriter struct {
	mu       sync.Mutex
	batches  []string
	inFlight int
	maxIn    int
	failAt   int
}

func (w *recordingWriter) write(_ context.Context, rs []polgraph.Result) error {
	w.mu.Lock()
	w.batches = append(w.batches, fmt.Sprintf("%s+%d", rs[0].Article.ID, len(rs)))
	n := len(w.batches)
	w.inFlight++
	w.maxIn = max(w.maxIn, w.inFlight)
	w.mu.Unlock()
	time.Sleep(5 * time.Millisecond) // long enough for the caller to gather the next batch
	w.mu.Lock()
	w.inFlight--
	w.mu.Unlock()
	if n == w.failAt {
		return errors.New("batch failed")
	}
	return nil
}

func results(n int) []polgraph.Result {
	rs := make([]polgraph.Result, n)
	for i := range rs {
		rs[i].Article.ID = fmt.Sprint("a", i)
	}
	return rs
}

// TestBatcherAsync: batches of n in order, one write at a time, the last
// partial batch written by drain, and drain waiting for it.
func TestBatcherAsync(t *testing.T) {
	w := &recordingWriter{}
	b := &batcher{n: 3, async: true, write: w.write}
	ctx := context.Background()
	for _, r := range results(8) {
		if err := b.add(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.drain(ctx); err != nil {
		t.Fatal(err)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if got, want := fmt.Sprint(w.batches), "[a0+3 a3+3 a6+2]"; got != want {
		t.Errorf("batches %s, want %s", got, want)
	}
	if w.maxIn != 1 || w.inFlight != 0 {
		t.Errorf("at most %d writes at once, %d still running after drain; want 1 and 0", w.maxIn, w.inFlight)
	}
}

// TestBatcherAsyncStopsAfterError: once a write fails, no later batch is
// written and every later call returns that error, drain included.
func TestBatcherAsyncStopsAfterError(t *testing.T) {
	for _, async := range []bool{true, false} {
		w := &recordingWriter{failAt: 2}
		b := &batcher{n: 2, async: async, write: w.write}
		ctx := context.Background()
		var addErr error
		added := 0
		for _, r := range results(20) {
			if addErr = b.add(ctx, r); addErr != nil {
				break
			}
			added++
		}
		if addErr == nil || addErr.Error() != "batch failed" {
			t.Fatalf("async=%v: add returned %v after %d results, want the write's error", async, addErr, added)
		}
		if err := b.drain(ctx); err == nil || err.Error() != "batch failed" {
			t.Errorf("async=%v: drain returned %v, want the write's error", async, err)
		}
		w.mu.Lock()
		if len(w.batches) != 2 {
			t.Errorf("async=%v: %d batches written %v, want 2 (none after the failed one)", async, len(w.batches), w.batches)
		}
		w.mu.Unlock()
	}
}

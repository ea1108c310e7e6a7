package corpus

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"
)

// TestReadResults: valid lines come out in order, blank lines are passed
// over, and every bad line is a *RecordError naming its line, after which
// reading goes on.
func TestReadResults(t *testing.T) {
	in := strings.Join([]string{
		`{"article":{"id":"a1"},"actors":[],"relations":[]}`,
		``,
		`{"article":{"id":"a2"`,
		`{"article":{"id":"a3"},"actors":[],"relations":[{"subject":"x","predicate":"MET_WITH","object":"y"}]}`,
		`{"article":{"id":"` + strings.Repeat("x", 1<<20+100) + `"}}`,
		"  \t",
		`{"article":{"id":"a4"},"actors":[],"relations":[]}`,
	}, "\n")
	var n atomic.Int64
	var ids, errs []string
	for res, err := range ReadResults(context.Background(), strings.NewReader(in), "x.jsonl", Options{MaxBytes: 1, BytesRead: &n}) {
		if err != nil {
			var re *RecordError
			if !errors.As(err, &re) || !re.Skipped {
				t.Fatalf("error %v is not a skipped *RecordError", err)
			}
			errs = append(errs, err.Error())
			continue
		}
		ids = append(ids, res.Article.ID)
	}
	if strings.Join(ids, " ") != "a1 a4" {
		t.Errorf("results %v, want a1 a4", ids)
	}
	want := []string{"x.jsonl:3: malformed JSON: ", "x.jsonl:4: invalid record: ", "x.jsonl:5: line longer than 1048579 bytes"}
	if len(errs) != len(want) {
		t.Fatalf("errors %q, want %d", errs, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(errs[i], w) {
			t.Errorf("error %d is %q, want it to start %q", i, errs[i], w)
		}
	}
	if n.Load() != int64(len(in)) {
		t.Errorf("BytesRead %d, want %d", n.Load(), len(in))
	}
}

// TestReadResultsStops: a read failure ends the sequence with an error that
// is not a *RecordError, and so does cancellation.
func TestReadResultsStops(t *testing.T) {
	r := iotest.TimeoutReader(strings.NewReader(strings.Repeat(`{"article":{"id":"a"}}`+"\n", 10000)))
	var last error
	for _, err := range ReadResults(context.Background(), r, "-", Options{}) {
		last = err
	}
	var re *RecordError
	if last == nil || errors.As(last, &re) || !strings.HasPrefix(last.Error(), "-:") {
		t.Errorf("last error %v, want a read error naming the line", last)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, err := range ReadResults(ctx, strings.NewReader("{}\n"), "-", Options{}) {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled: %v", err)
		}
	}
}

// TestBytesRead: reading a folder counts every byte of the files Read
// reads, which is what Size reports beforehand; hidden files count in
// neither.
func TestBytesRead(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"a.txt": "Some text.\n", "sub/b.jsonl": `{"id":"b","text":"More text."}` + "\n", ".hidden.txt": "not read"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	size, ok := Size([]string{dir})
	if !ok || size != int64(len("Some text.\n")+len(`{"id":"b","text":"More text."}`+"\n")) {
		t.Errorf("Size %d, %v", size, ok)
	}
	var n atomic.Int64
	for _, err := range Read(context.Background(), []string{dir}, nil, Options{BytesRead: &n}) {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n.Load() != size {
		t.Errorf("BytesRead %d, Size %d", n.Load(), size)
	}
	if _, ok := Size([]string{dir, "-"}); ok {
		t.Error("Size of standard input known")
	}
}

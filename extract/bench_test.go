package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/internal/testenv"
)

// sharedCorpus reads the articles of ../shared/corpus, or skips.
func sharedCorpus(tb testing.TB) []polgraph.Article {
	tb.Helper()
	names := []string{"corpus/seed.jsonl", "corpus/wikinews-2019-2020.jsonl"}
	dir := testenv.SharedDir(tb, names...)
	var out []polgraph.Article
	for _, name := range names {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			tb.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			var a polgraph.Article
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				tb.Fatal(err)
			}
			out = append(out, a)
		}
		f.Close()
	}
	return out
}

// BenchmarkExtract runs the whole extraction over the shared corpus on one
// goroutine and reports MB/s and articles/s per core.
func BenchmarkExtract(b *testing.B) {
	benchCorpus(b, func(x *Extractor, a polgraph.Article) {
		if _, err := x.Extract(a); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkActors runs actor recognition and resolution alone (text layer,
// knowledge base, titles, coreference) over the shared corpus.
func BenchmarkActors(b *testing.B) {
	benchCorpus(b, func(x *Extractor, a polgraph.Article) { x.recognise(a) })
}

// benchCorpus runs fn over every article of the shared corpus per
// iteration, with the model built before the timer starts.
func benchCorpus(b *testing.B, fn func(*Extractor, polgraph.Article)) {
	arts := sharedCorpus(b)
	x, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	var bytes int64
	for _, a := range arts {
		bytes += int64(len(a.Text))
	}
	b.SetBytes(bytes)
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, a := range arts {
			fn(x, a)
		}
		n++
	}
	b.ReportMetric(float64(n*len(arts))/b.Elapsed().Seconds(), "articles/s")
}

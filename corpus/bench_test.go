package corpus

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/polgraph/polgraph"
)

// wireText is an invented wire story of about 1.5 KB for generated inputs.
func wireText(i int) string {
	return fmt.Sprintf("LAKEPORT (Wire) -- Story %d. Foreign ministers of Norland and Ostmark met on Wednesday "+
		"to discuss fishing rights in the northern strait, officials said.\n\n", i) +
		strings.Repeat("The talks, the third round this year, ended without agreement on quotas but with a "+
			"promise to meet again \"within weeks\", a spokesperson for the ministry said. ", 10)
}

func jsonLine(i int, text string) []byte {
	line, _ := json.Marshal(map[string]string{
		"id": fmt.Sprintf("gen-%d", i), "title": fmt.Sprintf("Story %d", i), "text": text,
		"published": "2024-07-28T10:00:00Z", "url": fmt.Sprintf("https://news.example/%d", i), "source": "Example Wire",
	})
	return append(line, '\n')
}

func TestReadBigInputHeap(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 200 MB; skipped with -short")
	}
	const total = 200 << 20
	pr, pw := io.Pipe()
	go func() {
		chunk := bytes.Repeat([]byte("a"), 64<<10)
		// bigLine writes a line holding a text of n bytes without building it.
		bigLine := func(i, n int) (int, error) {
			w, err := fmt.Fprintf(pw, `{"id": "big-%d", "text": "`, i)
			for ; err == nil && n > 0; n -= len(chunk) {
				var m int
				m, err = pw.Write(chunk[:min(n, len(chunk))])
				w += m
			}
			if err == nil {
				var m int
				m, err = io.WriteString(pw, "\"}\n")
				w += m
			}
			return w, err
		}
		for i, w := 0, 0; w < total; i++ {
			var m int
			var err error
			switch i % 20000 {
			case 1000:
				m, err = bigLine(i, 6<<20) // a text over the 5 MB limit, in a line read whole
			case 3000:
				m, err = bigLine(i, 20<<20) // a line over the line limit, read through
			default:
				m, err = pw.Write(jsonLine(i, wireText(i)))
			}
			if err != nil {
				return
			}
			w += m
		}
		pw.Close()
	}()
	defer pr.Close()

	runtime.GC()
	var ms runtime.MemStats
	var peak uint64
	articles, problems := 0, 0
	for _, err := range Read(context.Background(), []string{"-"}, pr, Options{}) {
		if err != nil {
			problems++
		} else {
			articles++
		}
		if (articles+problems)%1000 == 0 || err != nil {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	runtime.ReadMemStats(&ms)
	peak = max(peak, ms.HeapInuse)
	t.Logf("read %d articles and %d problems from 200 MB; peak HeapInuse %.1f MB", articles, problems, float64(peak)/(1<<20))
	if articles < 50_000 || problems == 0 {
		t.Errorf("read %d articles, %d problems: the generator or reader went wrong", articles, problems)
	}
	if peak > 64<<20 {
		t.Errorf("peak HeapInuse %.1f MB, want under 64 MB", float64(peak)/(1<<20))
	}
}

// benchInput is n generated articles in JSON Lines or CSV.
func benchInput(b *testing.B, format string, n int) []byte {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	if format == "csv" {
		cw.Write([]string{"id", "title", "text", "date", "url", "source"})
	}
	for i := range n {
		if format == "jsonl" {
			buf.Write(jsonLine(i, wireText(i)))
			continue
		}
		cw.Write([]string{fmt.Sprintf("gen-%d", i), fmt.Sprintf("Story %d", i), wireText(i), "2024-07-28", fmt.Sprintf("https://news.example/%d", i), "Example Wire"})
	}
	cw.Flush()
	return buf.Bytes()
}

// benchStream reads data as a file of the given name, n times over.
func benchStream(b *testing.B, name string, data []byte, want int) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		r := &reader{ctx: context.Background(), max: defaultMaxBytes, yield: func(_ polgraph.Article, err error) bool {
			if err != nil {
				b.Fatal(err)
			}
			n++
			return true
		}}
		r.stream(name, "", name, bytes.NewReader(data), false)
		if n != want {
			b.Fatalf("read %d articles, want %d", n, want)
		}
	}
}

func BenchmarkReadJSONL(b *testing.B) {
	benchStream(b, "bench.jsonl", benchInput(b, "jsonl", 5000), 5000)
}

func BenchmarkReadCSV(b *testing.B) { benchStream(b, "bench.csv", benchInput(b, "csv", 5000), 5000) }

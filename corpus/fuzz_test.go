package corpus

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/polgraph/polgraph"
)

// fuzzOpts keeps the size limits small enough for the fuzzer to reach.
var fuzzOpts = Options{MaxBytes: 512}

// readStream reads data as if from a file of the given name, checking the
// invariants every consumer relies on, and returns the articles.
func readStream(t *testing.T, name, data string) []polgraph.Article {
	t.Helper()
	var arts []polgraph.Article
	yield := func(a polgraph.Article, err error) bool {
		if err != nil {
			var re *RecordError
			if !errors.As(err, &re) {
				t.Fatalf("error %v (%T) is not a *RecordError", err, err)
			}
			if re.Line < 0 || re.File != name || re.Reason == "" {
				t.Fatalf("bad record error %#v", re)
			}
			if !utf8.ValidString(re.Reason) {
				t.Fatalf("reason %q is not valid UTF-8", re.Reason)
			}
			return true
		}
		checkArticle(t, a)
		arts = append(arts, a)
		return true
	}
	r := &reader{ctx: context.Background(), opts: fuzzOpts, max: fuzzOpts.maxBytes(), yield: yield}
	r.stream(name, "", name, strings.NewReader(data), false)
	return arts
}

func checkArticle(t *testing.T, a polgraph.Article) {
	t.Helper()
	if a.ID == "" {
		t.Fatalf("article without id: %+v", a)
	}
	for _, s := range []string{a.ID, a.Title, a.Text, a.Published, a.URL, a.Source} {
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 %q in %+v", s, a)
		}
	}
	if strings.TrimSpace(a.Text) == "" || int64(len(a.Text)) > fuzzOpts.maxBytes() {
		t.Fatalf("text of %d bytes yielded: %q", len(a.Text), a.Text)
	}
	if a.Published != "" {
		if _, err := time.Parse("2006-01-02", a.Published); err != nil {
			t.Fatalf("published %q is not an ISO date", a.Published)
		}
	}
}

// addFixtures seeds f with the test data files of the given extensions.
func addFixtures(f *testing.F, exts ...string) {
	for _, ext := range exts {
		paths, _ := filepath.Glob(filepath.Join("testdata", "*"+ext))
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(string(data))
		}
	}
}

func FuzzJSONL(f *testing.F) {
	addFixtures(f, ".jsonl", ".json")
	f.Add(`{"id": 1.5e3, "text": "x", "source": {"name": "BBC"}}`)
	f.Add("{\"text\": \"\xff\xfe\", \"published\": \"July 4, 2024\"}\n\n{\"text\": null}")
	f.Add(`[{"text": "a"}, {"text": "b"}`)
	f.Add(`{"text": "` + strings.Repeat("é", 400) + `"}`)
	f.Fuzz(func(t *testing.T, data string) {
		readStream(t, "f.jsonl", data)
		readStream(t, "f.json", data)
	})
}

func FuzzCSV(f *testing.F) {
	addFixtures(f, ".csv", ".tsv")
	f.Add("text\n\"unterminated")
	f.Add("id,text\n1,\xff\n2,\"a\"\"b\"\n\n3")
	f.Fuzz(func(t *testing.T, data string) {
		readStream(t, "f.csv", data)
		readStream(t, "f.tsv", data)
	})
}

func FuzzHTML(f *testing.F) {
	addFixtures(f, ".html")
	f.Add("<title>\xff</title><article><script>x</script>a<br>b</article>")
	f.Add(strings.Repeat("<div>", 2000) + "deep" + strings.Repeat("</div>", 10))
	f.Add(`<meta property="article:published_time" content="not a date"><p>x</p>`)
	f.Fuzz(func(t *testing.T, data string) {
		readStream(t, "f.html", data)
	})
}

func FuzzText(f *testing.F) {
	addFixtures(f, ".txt", ".md")
	f.Add("\ufeffTitle\r\n\r\nBody.\r\n")
	f.Add("bin\x00ary")
	f.Add("  \n\t")
	f.Fuzz(func(t *testing.T, data string) {
		arts := readStream(t, "f.txt", data)
		if len(arts) == 1 && utf8.ValidString(data) && arts[0].Text != strings.TrimPrefix(data, "\ufeff") {
			t.Fatalf("text %q is not the file content %q", arts[0].Text, data)
		}
		readStream(t, "-", data) // sniffed
	})
}

func FuzzDateISO(f *testing.F) {
	for _, s := range []string{"2024-07-28", "Sun, 28 Jul 2024 10:30:00 GMT", "July 28, 2024", "20240728", "0001-01-01", "02/01/2006", "9999-12-31T23:59:59-23:59"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := DateISO(s)
		if !ok {
			if got != "" {
				t.Fatalf("DateISO(%q) = %q with ok false", s, got)
			}
			return
		}
		if _, err := time.Parse("2006-01-02", got); err != nil || len(got) != 10 {
			t.Fatalf("DateISO(%q) = %q, not YYYY-MM-DD", s, got)
		}
		if again, ok := DateISO(got); !ok || again != got {
			t.Fatalf("DateISO(%q) = %q, %v; not a fixed point", got, again, ok)
		}
	})
}

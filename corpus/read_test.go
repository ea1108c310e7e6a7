package corpus

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/polgraph/polgraph"
	"github.com/polgraph/polgraph/internal/testenv"
)

// wantErr is an expected *RecordError, its file left out.
type wantErr struct {
	line    int
	reason  string
	skipped bool
}

func (w wantErr) String() string {
	return fmt.Sprintf("%d: %s (skipped %v)", w.line, w.reason, w.skipped)
}

// readAll collects what Read yields, failing on errors other than *RecordError.
func readAll(t testing.TB, inputs []string, stdin io.Reader, opts Options) ([]polgraph.Article, []*RecordError) {
	t.Helper()
	var arts []polgraph.Article
	var errs []*RecordError
	for a, err := range Read(context.Background(), inputs, stdin, opts) {
		if err != nil {
			var re *RecordError
			if !errors.As(err, &re) {
				t.Fatalf("error %v (%T) is not a *RecordError", err, err)
			}
			errs = append(errs, re)
			continue
		}
		arts = append(arts, a)
	}
	return arts, errs
}

// checkErrs compares errors with the wanted ones, all from file.
func checkErrs(t *testing.T, file string, got []*RecordError, want []wantErr) {
	t.Helper()
	var g, w []string
	for _, e := range got {
		g = append(g, wantErr{e.Line, e.Reason, e.Skipped}.String())
		if e.File != file {
			t.Errorf("error %q names file %q, want %q", e, e.File, file)
		}
	}
	for _, e := range want {
		w = append(w, e.String())
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("errors:\n got %q\nwant %q", g, w)
	}
}

func checkArticles(t *testing.T, got, want []polgraph.Article) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d articles, want %d", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Errorf("article %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func sha1ID(text string) string {
	sum := sha1.Sum([]byte(text))
	return "sha1-" + hex.EncodeToString(sum[:])[:16]
}

func readFixture(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// gzipFile writes data gzipped to dir/name and returns the path.
func gzipFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadFormats(t *testing.T) {
	note := readFixture(t, "note.txt")
	brief := readFixture(t, "brief.md")
	tests := []struct {
		file  string
		name  string // for rows reading the same file
		opts  Options
		byExt bool // the id of the one article is the file name
		want  []polgraph.Article
		errs  []wantErr
	}{
		{
			file: "articles.jsonl",
			want: []polgraph.Article{
				{ID: "wire-001", Title: "Port workers end strike in Valdoria",
					Text:      "VALDORIA CITY (Wire) -- Dock workers in Valdoria ended a nine-day strike on Tuesday after the Labour Ministry agreed to review overtime pay.\n\nMinister Elena Marsh said talks would resume next week.",
					Published: "2024-03-12", URL: "https://news.example/wire-001", Source: "Example Wire"},
				{ID: "1002", Title: "Border talks stall",
					Text:      "Negotiators from Norland and Sudria failed to agree on a border commission on Friday, officials said.",
					Published: "2024-03-15", URL: "https://news.example/1002", Source: "Daily Example"},
				{ID: sha1ID("The Senate of Ostmark approved the 2025 budget by 51 votes to 40 late on Thursday."), Title: "Senate passes budget",
					Text:      "The Senate of Ostmark approved the 2025 budget by 51 votes to 40 late on Thursday.",
					Published: "2024-03-14"},
			},
		},
		{
			file: "articles.json",
			want: []polgraph.Article{
				{ID: "arr-1", Title: "Ministers meet in Lakeport",
					Text:      "Foreign ministers of Norland and Ostmark met in Lakeport on Wednesday to discuss fishing rights.",
					Published: "2024-04-03"},
				{ID: "arr-3", Text: "The opposition leader called for early elections.", Published: "2024-04-03"},
			},
			errs: []wantErr{{8, "empty text", true}},
		},
		{
			file: "articles.csv",
			want: []polgraph.Article{
				{ID: "c-1", Title: "Rail strike called off",
					Text:      "The rail union called off Monday's strike, saying the government had \"moved enough\".\nTrains will run as normal.",
					Published: "2024-05-06", URL: "https://news.example/c-1", Source: "Example Wire"},
				{ID: "c-2", Title: "Minister resigns", Text: "The transport minister of Sudria resigned on Sunday.",
					Published: "2024-05-06", Source: "Daily Example"},
				{ID: "c-4", Title: "Quiet day", Text: "Markets were calm in Lakeport."},
			},
			errs: []wantErr{{5, "empty text", true}, {6, `unparseable date "05/06/2024"`, false}},
		},
		{
			file: "articles.tsv",
			want: []polgraph.Article{
				{ID: "t-1", Title: "Harbour reopens", Text: "The harbour of Valdoria City reopened after repairs.", Published: "2024-06-01"},
				{ID: "t-2", Title: "Storm warning", Text: "Forecasters warned of a storm on the coast.", Published: "2024-06-02"},
			},
		},
		{
			file:  "note.txt",
			byExt: true,
			want:  []polgraph.Article{{Title: "Ostmark and Norland sign water accord", Text: note}},
		},
		{
			file:  "brief.md",
			byExt: true,
			want:  []polgraph.Article{{Title: "Talks resume in Sudria", Text: brief}},
		},
		{
			file:  "page.html",
			byExt: true,
			want: []polgraph.Article{{
				Title: "Valdoria election: turnout hits record & counting begins",
				Text: "Valdoria election: turnout hits record\n" +
					"Voters in Valdoria turned out in record numbers on Sunday, the electoral commission said.\n" +
					"President Anna Kovac called the vote \u201ca celebration\u201d.\n" +
					"Counting began at 8 p.m.\n" +
					"Turnout: 78%\n" +
					"Seats: 120",
				Published: "2024-07-28", URL: "https://news.example/valdoria-election", Source: "Example Wire",
			}},
		},
		{
			file: "override.csv",
			name: "columns set",
			opts: Options{TextCol: "Story_Text", IDCol: "doc", DateCol: "DAY"},
			want: []polgraph.Article{{ID: "x-1", Text: "Parliament of Ostmark opened its spring session.", Published: "2024-02-01"}},
		},
		{
			file: "override.csv",
			name: "id column missing",
			opts: Options{TextCol: "story_text", IDCol: "nope"},
			want: []polgraph.Article{{ID: sha1ID("Parliament of Ostmark opened its spring session."), Text: "Parliament of Ostmark opened its spring session."}},
			errs: []wantErr{{0, `no column "nope" (columns: doc, story_text, day, Body)`, false}},
		},
		{
			file: "nocolumn.csv",
			name: "no text column",
			errs: []wantErr{{0, "no text column (columns: id, headline, when)", true}},
		},
		{
			file: "nocolumn.csv",
			name: "text column set",
			opts: Options{TextCol: "story"},
			errs: []wantErr{{0, `no text column "story" (columns: id, headline, when)`, true}},
		},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		for _, gz := range []bool{false, true} {
			path := filepath.Join("testdata", tt.file)
			name := tt.file
			if gz {
				name += ".gz"
				path = gzipFile(t, dir, name, []byte(readFixture(t, tt.file)))
			}
			if tt.name != "" {
				name += "/" + tt.name
			}
			t.Run(name, func(t *testing.T) {
				want := append([]polgraph.Article(nil), tt.want...)
				if tt.byExt {
					want[0].ID = filepath.Base(path)
				}
				arts, errs := readAll(t, []string{path}, nil, tt.opts)
				checkArticles(t, arts, want)
				checkErrs(t, path, errs, tt.errs)
			})
		}
	}
}

func TestReadBadRecords(t *testing.T) {
	path := filepath.Join("testdata", "bad.jsonl")
	arts, errs := readAll(t, []string{path}, nil, Options{})
	var ids []string
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	if want := []string{"ok-1", "ok-2", "when", "ok-3"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("ids %q, want %q", ids, want)
	}
	checkErrs(t, path, errs, []wantErr{
		{2, "malformed JSON: unexpected end of input", true},
		{5, "empty text", true},
		{6, `unparseable date "sometime last spring"`, false},
		{7, "field text is a JSON number, not a string", true},
		{8, "field title ignored: not a string or number", false},
	})
	if len(errs) > 0 {
		if got, want := errs[0].Error(), path+":2: malformed JSON: unexpected end of input"; got != want {
			t.Errorf("Error() = %q, want %q", got, want)
		}
	}
}

func TestRecordErrorString(t *testing.T) {
	tests := []struct {
		name string
		err  RecordError
		want string
	}{
		{"with line", RecordError{File: "a.jsonl", Line: 3, Reason: "empty text"}, "a.jsonl:3: empty text"},
		{"without line", RecordError{File: "-", Reason: "binary or unknown file type"}, "-: binary or unknown file type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReadSizeLimits(t *testing.T) {
	opts := Options{MaxBytes: 1000}
	long := fmt.Sprintf(`{"id": "huge", "text": %q}`, strings.Repeat("a", 200_000))
	input := strings.Join([]string{
		`{"id": "first", "text": "Before the long line."}`,
		long,
		`{"id": "after", "text": "After the long line."}`,
		fmt.Sprintf(`{"id": "big", "text": %q}`, strings.Repeat("b", 1500)),
		`{"id": "last", "text": "The end."}`,
	}, "\n")
	dir := t.TempDir()
	jsonl := filepath.Join(dir, "long.jsonl")
	os.WriteFile(jsonl, []byte(input), 0o644)
	txt := filepath.Join(dir, "big.txt")
	os.WriteFile(txt, bytes.Repeat([]byte("word "), 300), 0o644)
	csvPath := filepath.Join(dir, "long.csv")
	os.WriteFile(csvPath, []byte("id,text\nc1,short one\nc2,\""+strings.Repeat("line\n", 20_000)+"\"\n"), 0o644)

	t.Run("jsonl", func(t *testing.T) {
		arts, errs := readAll(t, []string{jsonl}, nil, opts)
		var ids []string
		for _, a := range arts {
			ids = append(ids, a.ID)
		}
		if want := []string{"first", "after", "last"}; !reflect.DeepEqual(ids, want) {
			t.Errorf("ids %q, want %q", ids, want)
		}
		checkErrs(t, jsonl, errs, []wantErr{
			{2, fmt.Sprintf("line over 66.9 KB size limit (%d bytes)", len(long)+1), true},
			{4, "text over 1000 bytes size limit (1500 bytes)", true},
		})
	})
	t.Run("txt", func(t *testing.T) {
		arts, errs := readAll(t, []string{txt}, nil, opts)
		checkArticles(t, arts, nil)
		checkErrs(t, txt, errs, []wantErr{{0, "text over 1000 bytes size limit (1500 bytes)", true}})
	})
	t.Run("csv", func(t *testing.T) {
		arts, errs := readAll(t, []string{csvPath}, nil, opts)
		checkArticles(t, arts, []polgraph.Article{{ID: "c1", Text: "short one"}})
		checkErrs(t, csvPath, errs, []wantErr{{3, "record over 66.9 KB size limit", true}})
	})
}

func TestReadInvalidUTF8(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"bad.jsonl": "{\"id\": \"u1\", \"text\": \"Caf\xe9 owners protested.\"}\n",
		"bad.csv":   "id,text\nu1,Caf\xe9 owners protested.\n",
		"bad.txt":   "Caf\xe9 owners protested.",
		"bad.html":  "<p>Caf\xe9 owners protested.</p>",
	}
	for name, data := range files {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			os.WriteFile(path, []byte(data), 0o644)
			arts, errs := readAll(t, []string{path}, nil, Options{})
			line := 1
			if strings.HasSuffix(name, ".csv") {
				line = 2
			} else if !strings.HasSuffix(name, ".jsonl") {
				line = 0
			}
			checkErrs(t, path, errs, []wantErr{{line, "invalid UTF-8 repaired", false}})
			if len(arts) != 1 || arts[0].Text != "Caf\uFFFD owners protested." {
				t.Errorf("got %+v, want one article with the byte repaired", arts)
			}
		})
	}
}

func TestReadFolder(t *testing.T) {
	root := t.TempDir()
	write := func(name, data string) {
		path := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", readFixture(t, "note.txt"))
	write("b/c.md", readFixture(t, "brief.md"))
	write("b/d.jsonl", readFixture(t, "articles.jsonl"))
	write(".hidden.txt", "Not to be read.")
	write(".git/config", "[core]")
	write("README", "About this folder.")
	write("image.txt", "GIF89a\x00\x01\x00")
	write("notes.xyz", "Some notes.")
	write("x.txt/y.txt", "A folder named like a file.")
	gzipFile(t, root, "e.csv.gz", []byte(readFixture(t, "articles.tsv")))
	gzipFile(t, root, "f.tsv.gz", []byte(readFixture(t, "articles.tsv")))
	if err := os.Symlink(filepath.Join(root, "gone.txt"), filepath.Join(root, "z-link.txt")); err != nil {
		t.Fatal(err)
	}

	arts, errs := readAll(t, []string{root}, nil, Options{})
	var ids []string
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	wantIDs := []string{"a.txt", "b/c.md", "wire-001", "1002", sha1ID("The Senate of Ostmark approved the 2025 budget by 51 votes to 40 late on Thursday."), "t-1", "t-2", "x.txt/y.txt"}
	if !reflect.DeepEqual(ids, wantIDs) {
		t.Errorf("ids:\n got %q\nwant %q", ids, wantIDs)
	}
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{
		filepath.Join(root, "README") + ": unsupported file type (no extension)",
		// a TSV named .csv: one column, so no text column
		filepath.Join(root, "e.csv.gz") + ": no text column (columns: id\ttitle\ttext\tpublished)",
		filepath.Join(root, "image.txt") + ": binary or unknown file type",
		filepath.Join(root, "notes.xyz") + ": unsupported file type .xyz",
		filepath.Join(root, "z-link.txt") + ": no such file or directory",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("errors:\n got %q\nwant %q", got, want)
	}
}

func TestReadUnreadable(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join("testdata", "note.txt")
	locked := filepath.Join(dir, "locked.txt")
	os.WriteFile(locked, []byte("Secret."), 0o644)
	os.Chmod(locked, 0)
	lockedReason := "open: permission denied"
	if f, err := os.Open(locked); err == nil {
		// Running as root: permissions do not stop us, so use a dangling link.
		f.Close()
		os.Remove(locked)
		os.Symlink(filepath.Join(dir, "nowhere.txt"), locked)
		lockedReason = "no such file or directory"
	}
	tests := []struct {
		name, path, reason string
	}{
		{"unreadable", locked, lockedReason},
		{"missing", filepath.Join(dir, "missing.jsonl"), "no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, errs := readAll(t, []string{tt.path, good}, nil, Options{})
			checkErrs(t, tt.path, errs, []wantErr{{0, tt.reason, true}})
			if len(arts) != 1 || arts[0].ID != "note.txt" {
				t.Errorf("got %+v, want the next input read", arts)
			}
		})
	}
}

func TestReadUnknownExtension(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, data string
		want       []polgraph.Article
		errs       []wantErr
	}{
		{"story.dat", "Riot police cleared the square.\n", []polgraph.Article{{ID: "story.dat", Text: "Riot police cleared the square.\n"}}, nil},
		{"feed.dat", "\n  {\"id\": \"j1\", \"text\": \"Sniffed as JSON Lines.\"}\n", []polgraph.Article{{ID: "j1", Text: "Sniffed as JSON Lines."}}, nil},
		{"blob.bin", "\x7fELF\x00\x00\x01", nil, []wantErr{{0, "binary or unknown file type", true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name)
			os.WriteFile(path, []byte(tt.data), 0o644)
			arts, errs := readAll(t, []string{path}, nil, Options{})
			checkArticles(t, arts, tt.want)
			checkErrs(t, path, errs, tt.errs)
		})
	}
}

func TestReadStdin(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(`{"id": "g1", "text": "Gzipped on stdin."}` + "\n"))
	zw.Close()
	plain := "Ceasefire holds\n\nThe ceasefire held for a third day, monitors said.\n"
	tests := []struct {
		name, data string
		want       []polgraph.Article
		errs       []wantErr
	}{
		{"jsonl", "\ufeff{\"id\": \"s1\", \"text\": \"From a pipe.\"}\n{\"id\": \"s2\", \"text\": \"Second line.\"}",
			[]polgraph.Article{{ID: "s1", Text: "From a pipe."}, {ID: "s2", Text: "Second line."}}, nil},
		{"json array", `[{"id": "a1", "text": "In an array."}]`, []polgraph.Article{{ID: "a1", Text: "In an array."}}, nil},
		{"text", plain, []polgraph.Article{{ID: sha1ID(plain), Title: "Ceasefire holds", Text: plain}}, nil},
		{"text with brackets", "[Wire] Talks ended.", []polgraph.Article{{ID: sha1ID("[Wire] Talks ended."), Text: "[Wire] Talks ended."}}, nil},
		{"html", "<!doctype html><title>T</title><p>Sniffed page.</p>", []polgraph.Article{{ID: sha1ID("Sniffed page."), Title: "T", Text: "Sniffed page."}}, nil},
		{"gzip", gz.String(), []polgraph.Article{{ID: "g1", Text: "Gzipped on stdin."}}, nil},
		{"empty", "", nil, []wantErr{{0, "empty text", true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, errs := readAll(t, []string{"-"}, strings.NewReader(tt.data), Options{})
			checkArticles(t, arts, tt.want)
			checkErrs(t, "-", errs, tt.errs)
		})
	}
}

func TestReadCorruptGzip(t *testing.T) {
	var lines []string
	for i := range 2000 {
		lines = append(lines, fmt.Sprintf(`{"id": "n%d", "text": "Article %d about the harbour strike in Valdoria, day %d."}`, i, i, i%97))
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(strings.Join(lines, "\n") + "\n"))
	zw.Close()
	whole := buf.Bytes()
	flipped := bytes.Clone(whole)
	flipped[len(flipped)-6] ^= 0xff // the CRC-32
	dir := t.TempDir()
	tests := []struct {
		name   string
		data   []byte
		reason string
		some   bool // some articles are read before the failure
	}{
		{"truncated", whole[:len(whole)/2], "corrupt gzip stream: unexpected EOF", true},
		{"bad checksum", flipped, "corrupt gzip stream: invalid checksum", true},
		{"not gzip", []byte("plain text, not gzip"), "corrupt gzip stream: invalid header", false},
	}
	next := filepath.Join("testdata", "note.txt")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name+".jsonl.gz")
			os.WriteFile(path, tt.data, 0o644)
			arts, errs := readAll(t, []string{path, next}, nil, Options{})
			if len(errs) != 1 || errs[0].Reason != tt.reason || !errs[0].Skipped || errs[0].File != path {
				t.Fatalf("errors %v, want one %q", errs, tt.reason)
			}
			if tt.some && (len(arts) < 2 || errs[0].Line != len(arts)) {
				t.Errorf("%d articles read, error at line %d: want the error on the line after the last article", len(arts)-1, errs[0].Line)
			}
			if arts[len(arts)-1].ID != "note.txt" {
				t.Errorf("the next input was not read")
			}
		})
	}
}

func TestTextTitle(t *testing.T) {
	tests := []struct {
		name, text string
		markdown   bool
		want       string
	}{
		{"blank line after", "Rebels take town\n\nRebels took the town.", false, "Rebels take town"},
		{"long but blank line after", strings.Repeat("x", 200) + ".\n\nBody.", false, strings.Repeat("x", 200) + "."},
		{"short", "Rebels take town\nRebels took the town.", false, "Rebels take town"},
		{"sentence", "Rebels took the town.\nThe army withdrew.", false, ""},
		{"long", strings.Repeat("word ", 30) + "\nMore.", false, ""},
		{"one line", "Rebels take town", false, ""},
		{"leading blank lines", "\n\n  Rebels take town  \r\n\r\nBody.", false, "Rebels take town"},
		{"markdown heading", "## Rebels take town\nBody.", true, "Rebels take town"},
		{"crlf", "Rebels take town\r\nBody.", false, "Rebels take town"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := textTitle(tt.text, tt.markdown); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReadHTML(t *testing.T) {
	tests := []struct {
		name string
		html string
		want polgraph.Article
	}{
		{"h1 when no title",
			`<body><h1>Summit ends</h1><div>Leaders left <b>Lakeport</b>.</div><script>x()</script></body>`,
			polgraph.Article{Title: "Summit ends", Text: "Summit ends\nLeaders left Lakeport."}},
		{"main when no article",
			`<title>T</title><nav>Menu</nav><main><p>Main text.</p></main><p>Outside.</p>`,
			polgraph.Article{Title: "T", Text: "Main text."}},
		{"body, time and og:url",
			`<html><head><meta property="og:url" content="https://news.example/x"></head><body><p>Posted <time datetime="2023-11-05">Sunday</time>.</p><form>Search</form><noscript>JS</noscript><template><p>T</p></template><iframe>ad</iframe></body></html>`,
			polgraph.Article{Text: "Posted Sunday.", Published: "2023-11-05", URL: "https://news.example/x"}},
		{"table cells",
			`<table><tr><td>Party</td><td>Seats</td></tr><tr><td>Blue</td><td>61</td></tr></table>`,
			polgraph.Article{Text: "Party Seats\nBlue 61"}},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, "page.html")
			os.WriteFile(path, []byte(tt.html), 0o644)
			arts, errs := readAll(t, []string{path}, nil, Options{})
			tt.want.ID = "page.html"
			checkArticles(t, arts, []polgraph.Article{tt.want})
			checkErrs(t, path, errs, nil)
		})
	}
}

func TestHashIDStable(t *testing.T) {
	input := `{"text": "Parliament was dissolved on Monday."}` + "\n" + `{"text": "Parliament was dissolved on Monday."}`
	first, _ := readAll(t, []string{"-"}, strings.NewReader(input), Options{})
	second, _ := readAll(t, []string{"-"}, strings.NewReader(input), Options{})
	want := sha1ID("Parliament was dissolved on Monday.")
	if len(first) != 2 || first[0].ID != want || first[1].ID != want || second[0].ID != want {
		t.Errorf("ids %v then %v, want all %q", first, second, want)
	}
	if len(want) != len("sha1-")+16 {
		t.Errorf("id %q is not sha1- and 16 hex digits", want)
	}
}

func TestReadCancel(t *testing.T) {
	inputs := []string{filepath.Join("testdata", "articles.jsonl"), filepath.Join("testdata", "note.txt")}
	t.Run("during", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var n int
		var got []error
		for a, err := range Read(ctx, inputs, nil, Options{}) {
			if err != nil {
				got = append(got, err)
				continue
			}
			n++
			if a.ID == "wire-001" {
				cancel()
			}
		}
		if n != 1 || len(got) != 1 || !errors.Is(got[0], context.Canceled) {
			t.Errorf("read %d articles then errors %v; want 1 article then context.Canceled once", n, got)
		}
	})
	t.Run("before", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var got []error
		for _, err := range Read(ctx, inputs, nil, Options{}) {
			got = append(got, err)
		}
		if len(got) != 1 || !errors.Is(got[0], context.Canceled) {
			t.Errorf("got %v, want context.Canceled once", got)
		}
	})
}

func TestReadBreak(t *testing.T) {
	// The runtime panics if Read yields after the loop body returned false.
	inputs := []string{"testdata", filepath.Join("testdata", "articles.jsonl")}
	for stopAt := range 12 {
		t.Run(fmt.Sprint(stopAt), func(t *testing.T) {
			n := 0
			for range Read(context.Background(), inputs, nil, Options{}) {
				if n == stopAt {
					break
				}
				n++
			}
			if n != stopAt {
				t.Errorf("stopped after %d items, want %d", n, stopAt)
			}
		})
	}
}

func TestWikinews(t *testing.T) {
	const name = "corpus/wikinews-2019-2020.jsonl"
	path := filepath.Join(testenv.SharedDir(t, name), name)
	arts, errs := readAll(t, []string{path}, nil, Options{})
	for _, e := range errs {
		t.Error(e)
	}
	if len(arts) != 293 {
		t.Errorf("read %d articles, want 293", len(arts))
	}
	for i, a := range arts {
		if a.ID == "" || a.Text == "" || a.Published == "" {
			t.Errorf("article %d has an empty id, text or date: %+v", i, a.ID)
		}
	}
}

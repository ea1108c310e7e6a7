package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/polgraph/polgraph"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*")

// mixedDir copies testdata/mixed into a temporary folder and adds the inputs
// that are better generated than committed: gzip, a corrupt gzip, invalid
// UTF-8, binary and unknown files, a dangling link (a file that cannot be
// opened, even by root) and an article over the size limit of the tests
// (--max-bytes 4096).
func mixedDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "mixed")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "mixed"))); err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(`{"id": "gz-1", "title": "Iceland signs fisheries pact", "text": "REYKJAVIK (Wire) - Iceland and Norway signed a fisheries pact on Monday, the two governments said.", "published": "2025-03-11"}` + "\n"))
	zw.Close()
	long := "Britain extends talks\n\n" + strings.Repeat("LONDON (Wire) - Britain said on Monday that the talks would go on. ", 70)
	files := map[string]string{
		"archive.jsonl.gz": gz.String(),
		"broken.jsonl.gz":  "this is not a gzip stream",
		"latin1.txt":       "Peru elects speaker\n\nLIMA (Wire) - Peru\xe9s congress elected a new speaker on Tuesday, officials said.\n",
		"bad-utf8.jsonl":   "{\"id\": \"utf-1\", \"title\": \"Ecuador \xff\", \"text\": \"QUITO (Wire) - Ecuador and Colombia reopened a border crossing on Wednesday \xfe\xfe after talks.\"}\n",
		"scan.txt":         "PK\x03\x04\x00\x00not text\x00",
		"photo.png":        "\x89PNG\r\n\x1a\n\x00\x00",
		"notes/long.txt":   long,
		".hidden.jsonl":    `{"id": "hidden-1", "text": "Never read: hidden files are skipped."}` + "\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("missing.txt", filepath.Join(dir, "gone.txt")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// stdinArticles is what the batch tests pipe into "-".
const stdinArticles = `{"id": "stdin-1", "title": "Vietnam and Laos open railway", "text": "HANOI (Wire) - Vietnam and Laos opened a cross-border railway on Friday, state media said.", "published": "2025-03-14"}
not json at all
`

var (
	timeAttr    = regexp.MustCompile(`(?m)^time=\S+ `)
	summaryTail = regexp.MustCompile(`; \d+ actors, \d+ relations; [0-9.]+s \([0-9.]+ articles/s\)`)
	progressLog = regexp.MustCompile(`(?m)^level=INFO msg=progress .*\n`)
)

// normalise makes stderr comparable across runs and machines: no times, no
// temporary paths, and no extraction counts in the summary (extract/ has
// its own golden tests; here the record counts matter).
func normalise(stderr, dir string) string {
	s := strings.ReplaceAll(stderr, dir, "MIXED")
	s = timeAttr.ReplaceAllString(s, "")
	s = progressLog.ReplaceAllString(s, "")
	return summaryTail.ReplaceAllString(s, "; (actors, relations, time)")
}

// articleLines reduces extraction JSONL to the articles, one per line.
func articleLines(t *testing.T, stdout string) string {
	t.Helper()
	var b strings.Builder
	for line := range strings.Lines(stdout) {
		var res polgraph.Result
		if err := json.Unmarshal([]byte(line), &res); err != nil {
			t.Fatalf("output line is not a result: %v\n%s", err, line)
		}
		if err := res.Validate(); err != nil {
			t.Errorf("article %s: %v", res.Article.ID, err)
		}
		out, _ := json.Marshal(res.Article)
		b.Write(out)
		b.WriteByte('\n')
	}
	return b.String()
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/polgraph -run TestBatch -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs; run go test ./cmd/polgraph -run TestBatch -update and review the diff\n--- got\n%s--- want\n%s", path, got, want)
	}
}

var summaryCounts = regexp.MustCompile(`(\w+): (\d+) records read: (\d+) \w+, (\d+) skipped, (\d+) duplicates(?:, (\d+) already loaded)?(?:, (\d+) unfinished)?`)

// checkBalance checks that the summary accounts for every record exactly once.
func checkBalance(t *testing.T, stderr string) (read, done, skipped, dups int) {
	t.Helper()
	m := summaryCounts.FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no summary line in stderr:\n%s", stderr)
	}
	n := make([]int, len(m))
	for i := 2; i < len(m); i++ {
		n[i], _ = strconv.Atoi(m[i])
	}
	if n[2] != n[3]+n[4]+n[5]+n[6]+n[7] {
		t.Errorf("summary does not add up: %s", m[0])
	}
	return n[2], n[3], n[4], n[5]
}

// TestBatchExtract reads a folder of every format and every kind of bad
// input, plus standard input, and checks the articles, the warnings with
// their file and line, the counts and the exit code.
func TestBatchExtract(t *testing.T) {
	dir := mixedDir(t)
	r := runPolgraph(t, "", stdinArticles, nil, "extract", "--max-bytes", "4096", "--workers", "3", dir, "-")
	if r.code != exitOK {
		t.Fatalf("exit %d, want 0 (every problem is per record):\n%s", r.code, r.stderr)
	}
	golden(t, "extract.stdout", articleLines(t, r.stdout))
	golden(t, "extract.stderr", normalise(r.stderr, dir))
	read, done, skipped, dups := checkBalance(t, r.stderr)
	if read != 26 || done != 13 || skipped != 11 || dups != 2 {
		t.Errorf("read %d, extracted %d, skipped %d, duplicates %d; want 26, 13, 11, 2", read, done, skipped, dups)
	}
	// Every warning names the file, and the line when there is one.
	for line := range strings.Lines(r.stderr) {
		if strings.Contains(line, "level=WARN") && !strings.Contains(line, dir) && !strings.Contains(line, `msg="-:`) {
			t.Errorf("warning without its file: %s", line)
		}
	}
}

// TestBatchRunDry runs the same folder through run --dry-run (the path of
// run without Neo4j): the same counts, and the exit codes of --strict and
// of an input where nothing can be read.
func TestBatchRunDry(t *testing.T) {
	dir := mixedDir(t)
	r := runPolgraph(t, "", "", nil, "run", "--dry-run", "--max-bytes", "4096", dir)
	if r.code != exitOK {
		t.Fatalf("exit %d, want 0:\n%s", r.code, r.stderr)
	}
	golden(t, "run-dry.stderr", normalise(r.stderr, dir))
	if r.stdout != "" {
		t.Errorf("run wrote to stdout: %q", r.stdout)
	}
	checkBalance(t, r.stderr)

	t.Run("strict", func(t *testing.T) {
		r := runPolgraph(t, "", "", nil, "run", "--dry-run", "--strict", "--max-bytes", "4096", dir)
		if r.code != exitFailure || !strings.Contains(r.stderr, "--strict: 13 warnings") {
			t.Errorf("exit %d, want 1 naming 13 warnings:\n%s", r.code, r.stderr)
		}
	})
	t.Run("nothing readable", func(t *testing.T) {
		bad := t.TempDir()
		os.WriteFile(filepath.Join(bad, "a.jsonl"), []byte("{broken\n{\"text\": \"\"}\n"), 0o644)
		os.WriteFile(filepath.Join(bad, "b.bin"), []byte{0, 1, 2}, 0o644)
		r := runPolgraph(t, "", "", nil, "run", "--dry-run", bad)
		if r.code != exitFailure || !strings.Contains(r.stderr, "nothing could be read: all 3 records or files skipped") {
			t.Errorf("exit %d, want 1:\n%s", r.code, r.stderr)
		}
	})
	t.Run("missing file", func(t *testing.T) {
		r := runPolgraph(t, "", "", nil, "extract", filepath.Join(dir, "nope.jsonl"))
		if r.code != exitFailure || !strings.Contains(r.stderr, "nope.jsonl: no such file or directory") {
			t.Errorf("exit %d, want 1:\n%s", r.code, r.stderr)
		}
	})
	t.Run("quiet", func(t *testing.T) {
		r := runPolgraph(t, "", "", nil, "run", "--dry-run", "--quiet", "--max-bytes", "4096", dir)
		if strings.Contains(r.stderr, "level=INFO") || !strings.Contains(r.stderr, "level=WARN") || !strings.Contains(r.stderr, "records read") {
			t.Errorf("--quiet: want warnings and the summary only:\n%s", r.stderr)
		}
	})
	t.Run("json logs", func(t *testing.T) {
		r := runPolgraph(t, "", "", nil, "run", "--dry-run", "--log-format", "json", "--max-bytes", "4096", dir)
		var n int
		for line := range strings.Lines(r.stderr) {
			if !strings.HasPrefix(line, "{") {
				continue
			}
			var rec map[string]any
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				t.Errorf("not JSON: %s", line)
			}
			if msg, _ := rec["msg"].(string); strings.Contains(msg, "agency-wire.jsonl:2: malformed JSON") {
				n++
			}
		}
		if n != 1 {
			t.Errorf("want one JSON warning for agency-wire.jsonl:2:\n%s", r.stderr)
		}
	})
}

// TestBatchCSVOverrides checks --text-col and --id-col on a file whose
// columns have no common name, and the error naming the columns otherwise.
func TestBatchCSVOverrides(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "odd.csv")
	os.WriteFile(path, []byte("ref,story_text\nodd-1,\"ROME (Wire) - Italy and Greece agreed on Monday to patrol the Ionian Sea together.\"\n"), 0o644)
	r := runPolgraph(t, "", "", nil, "extract", path)
	if r.code != exitFailure || !strings.Contains(r.stderr, "odd.csv: no text column (columns: ref, story_text)") {
		t.Errorf("without --text-col: exit %d, want 1 naming the columns:\n%s", r.code, r.stderr)
	}
	r = runPolgraph(t, "", "", nil, "extract", "--text-col", "story_text", "--id-col", "ref", path)
	if r.code != exitOK || !strings.Contains(r.stdout, `"id":"odd-1"`) {
		t.Errorf("with --text-col: exit %d, stdout %s, stderr %s", r.code, r.stdout, r.stderr)
	}
}

// TestCompletion checks that the completion command is there and documented.
func TestCompletion(t *testing.T) {
	for _, sh := range []string{"bash", "zsh", "fish", "powershell"} {
		r := runPolgraph(t, "", "", nil, "completion", sh)
		if r.code != 0 || !strings.Contains(r.stdout, "polgraph") {
			t.Errorf("completion %s: exit %d, stderr %s", sh, r.code, r.stderr)
		}
	}
	r := runPolgraph(t, "", "", nil, "completion", "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "Examples:") || !strings.Contains(r.stdout, "source <(polgraph completion bash)") {
		t.Errorf("completion --help: exit %d:\n%s", r.code, r.stdout)
	}
	if r := runPolgraph(t, "", "", nil, "completion", "tcsh"); r.code != exitUsage {
		t.Errorf("completion tcsh: exit %d, want 2", r.code)
	}
	r = runPolgraph(t, "", "", nil, "__complete", "run", "--rel")
	if !strings.Contains(r.stdout, "--reload") {
		t.Errorf("run flags do not complete --reload:\n%s", r.stdout)
	}
}

// TestBatchLoadDry loads extraction JSONL with bad lines through load
// --dry-run: warnings with file:line, counts that add up, exit codes.
func TestBatchLoadDry(t *testing.T) {
	dir := t.TempDir()
	good := `{"article":{"id":"l-1","title":"t"},"actors":[{"id":"kenya","name":"Kenya","type":"Country"}],"relations":[]}`
	dangling := `{"article":{"id":"l-2"},"actors":[],"relations":[{"subject":"x","predicate":"MET_WITH","object":"y","modality":"asserted"}]}`
	path := filepath.Join(dir, "extraction.jsonl")
	os.WriteFile(path, []byte(good+"\n{not json\n\n"+dangling+"\n"), 0o644)
	r := runPolgraph(t, "", "", nil, "load", "--dry-run", path)
	if r.code != exitOK {
		t.Fatalf("exit %d, want 0:\n%s", r.code, r.stderr)
	}
	for _, want := range []string{"extraction.jsonl:2: malformed JSON", "extraction.jsonl:4: invalid record", "load: 3 records read: 1 loaded, 2 skipped, 0 duplicates"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	checkBalance(t, r.stderr)
	if r := runPolgraph(t, "", "", nil, "load", "--dry-run", "--strict", path); r.code != exitFailure {
		t.Errorf("--strict: exit %d, want 1", r.code)
	}
	if r := runPolgraph(t, "", "{broken\n", nil, "load", "--dry-run", "-"); r.code != exitFailure {
		t.Errorf("nothing loadable: exit %d, want 1:\n%s", r.code, r.stderr)
	}
}

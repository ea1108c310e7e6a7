package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/polgraph/polgraph/internal/testenv"
)

func TestParseShard(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want shard
		err  string
	}{
		{"", shard{}, ""},
		{"1/1", shard{1, 1}, ""},
		{"3/7", shard{3, 7}, ""},
		{"7/7", shard{7, 7}, ""},
		{"0/3", shard{}, "K must be between 1 and N"},
		{"4/3", shard{}, "K must be between 1 and N"},
		{"1/0", shard{}, "N must be at least 1"},
		{"0/0", shard{}, "N must be at least 1"},
		{"-1/3", shard{}, "want K/N"},
		{"2", shard{}, "want K/N"},
		{"a/b", shard{}, "want K/N"},
		{"1/3/5", shard{}, "want K/N"},
		{" 1/3", shard{}, "want K/N"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseShard(tc.in)
			switch {
			case tc.err == "" && err != nil:
				t.Fatalf("error %v", err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Fatalf("error %v, want one saying %q", err, tc.err)
			case got != tc.want:
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestShardKeepsOneEach: for every id exactly one shard of N keeps it, the
// one FNV-1a 64 of the id picks (the documented rule, checked against
// known values), and the whole corpus (the zero shard) keeps everything.
func TestShardKeepsOneEach(t *testing.T) {
	// FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c, of "" 0xcbf29ce484222325.
	if !(shard{0xaf63dc4c8601ec8c%5 + 1, 5}).keeps("a") || !(shard{0xcbf29ce484222325%3 + 1, 3}).keeps("") {
		t.Error("shard is not FNV-1a 64 of the id mod N")
	}
	for _, id := range []string{"", "a", "seed-1", "wikinews-42", "sha1-0123456789abcdef", "été"} {
		if !(shard{}).keeps(id) {
			t.Errorf("the whole corpus leaves out %q", id)
		}
		for _, n := range []uint64{1, 2, 3, 7} {
			in := 0
			for k := uint64(1); k <= n; k++ {
				if (shard{k, n}).keeps(id) {
					in++
				}
			}
			if in != 1 {
				t.Errorf("%q is in %d shards of %d", id, in, n)
			}
		}
	}
}

func TestShardFlagUsage(t *testing.T) {
	for _, bad := range []string{"0/3", "4/3", "1/0", "x"} {
		r := runPolgraph(t, "", "", nil, "extract", "--shard", bad, "-")
		if r.code != exitUsage || !strings.Contains(r.stderr, "--shard") {
			t.Errorf("--shard %s: exit %d, want %d; stderr %s", bad, r.code, exitUsage, r.stderr)
		}
	}
	r := runPolgraph(t, "", "", nil, "extract", "--help")
	if !strings.Contains(r.stdout, "--shard K/N") || !strings.Contains(r.stdout, "--shard 2/3") {
		t.Errorf("extract --help does not document --shard with an example:\n%s", r.stdout)
	}
}

// TestShardUnion extracts a corpus whole and in N shards (N = 3 and 7):
// every article is in exactly one shard, and the shards' lines together,
// sorted, are the whole extraction's, sorted, byte for byte. The corpora
// are examples/sample/wire.jsonl and, when the shared folder is there, the
// first 60 Wikinews articles (all 293 take minutes under the race detector).
func TestShardUnion(t *testing.T) {
	corpora := []string{abs(t, filepath.Join("..", "..", "examples", "sample", "wire.jsonl"))}
	if wiki := sharedHead(t, filepath.Join("corpus", "wikinews-2019-2020.jsonl"), 60); wiki != "" && !testing.Short() {
		corpora = append(corpora, wiki)
	}
	for _, in := range corpora {
		t.Run(filepath.Base(in), func(t *testing.T) {
			whole := extractLines(t, in)
			if len(whole) < 5 {
				t.Fatalf("%s: %d articles extracted, too few to shard", in, len(whole))
			}
			for _, n := range []int{3, 7} {
				var union []string
				shardOf := map[string]int{}
				for k := 1; k <= n; k++ {
					for _, line := range extractLines(t, in, "--shard", fmt.Sprintf("%d/%d", k, n)) {
						var r struct {
							Article struct{ ID string } `json:"article"`
						}
						if err := json.Unmarshal([]byte(line), &r); err != nil {
							t.Fatal(err)
						}
						if other, ok := shardOf[r.Article.ID]; ok {
							t.Errorf("N=%d: article %s in shards %d and %d", n, r.Article.ID, other, k)
						}
						shardOf[r.Article.ID] = k
						union = append(union, line)
					}
				}
				slices.Sort(union)
				if !slices.Equal(union, whole) {
					t.Errorf("N=%d: the shards' %d lines differ from the whole extraction's %d", n, len(union), len(whole))
				}
				sizes := make([]int, n)
				for _, k := range shardOf {
					sizes[k-1]++
				}
				t.Logf("N=%d: %d articles, per shard %v", n, len(union), sizes)
			}
		})
	}
}

// extractLines runs polgraph extract on in with args and returns the
// output lines, sorted.
func extractLines(t *testing.T, in string, args ...string) []string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out.jsonl")
	r := runPolgraph(t, "", "", nil, append([]string{"extract", "-q", "-o", out, in}, args...)...)
	if r.code != 0 {
		t.Fatalf("extract %s %v: exit %d\n%s", in, args, r.code, r.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(data) == 0 {
		lines = nil
	}
	slices.Sort(lines)
	return lines
}

// sharedHead writes the first n lines of a file of the shared folder to a
// temporary file and returns its path, or "" when the file is not there.
func sharedHead(t *testing.T, file string, n int) string {
	data, err := os.ReadFile(filepath.Join(testenv.SharedDir(t), file))
	if err != nil {
		return ""
	}
	lines := strings.SplitAfter(string(data), "\n")
	head := filepath.Join(t.TempDir(), filepath.Base(file))
	if err := os.WriteFile(head, []byte(strings.Join(lines[:min(n, len(lines))], "")), 0o644); err != nil {
		t.Fatal(err)
	}
	return head
}

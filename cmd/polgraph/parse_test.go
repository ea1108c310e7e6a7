package main

import (
	"strings"
	"testing"
)

// TestParseArticles parses an article from standard input: CoNLL-U with a
// document and sentence ids, one line per token, the passive agent found.
func TestParseArticles(t *testing.T) {
	r := runPolgraph(t, "", "Iran was attacked by Israel. Oman welcomed the talks.\n", nil, "parse", "-")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "# newdoc id = ") || strings.Count(r.stdout, "# sent_id = ") != 2 {
		t.Errorf("want a document and two sentences:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "5\tIsrael\t_\tPROPN\tNNP\t_\t3\tobl:agent\t") {
		t.Errorf("Israel is not the agent of attacked:\n%s", r.stdout)
	}
	if !strings.Contains(r.stderr, "1 articles parsed (2 sentences)") {
		t.Errorf("summary: %s", r.stderr)
	}
}

// TestParseCoNLLU keeps a CoNLL-U file's tokens, scores the parse against
// its trees, and reports a malformed line with its file and line without
// stopping.
func TestParseCoNLLU(t *testing.T) {
	in := "# sent_id = good\n" +
		"1\tIran\t_\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n2\tprotested\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n3\t.\t_\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n" +
		"# sent_id = bad\n" +
		"1\tIraq\t_\tPROPN\tNNP\t_\tx\tnsubj\t_\t_\n\n" +
		"# sent_id = tokens\n" +
		"1\tOman\t_\t_\t_\t_\t_\t_\t_\t_\n2\tmediated\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
	r := runPolgraph(t, "", in, nil, "parse", "--conllu", "-")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "# sent_id = good") || !strings.Contains(r.stdout, "# sent_id = tokens") || strings.Contains(r.stdout, "# sent_id = bad") {
		t.Errorf("want the good and the tokens-only sentences, not the bad one:\n%s", r.stdout)
	}
	if !strings.Contains(r.stderr, `-:7: head \"x\" is not a word number`) {
		t.Errorf("no warning naming line 7:\n%s", r.stderr)
	}
	if !strings.Contains(r.stderr, "2 sentences") || !strings.Contains(r.stderr, "1 warnings") || !strings.Contains(r.stderr, "against the file's trees (1 sentences, 3 words)") {
		t.Errorf("summary:\n%s", r.stderr)
	}
	if strings.Contains(r.stderr, "panic") {
		t.Errorf("panic:\n%s", r.stderr)
	}
	if r := runPolgraph(t, "", "", nil, "parse", "--conllu", "x.conllu", "y.jsonl"); r.code != exitUsage {
		t.Errorf("articles and --conllu together: exit %d, want %d", r.code, exitUsage)
	}
}

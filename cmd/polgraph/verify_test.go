package main

import (
	"strings"
	"testing"
)

// TestVerifyDeleteUsage checks the help of the new commands and of the
// lease flags, and the usage errors of delete; it needs no Neo4j (the
// commands against a real one are tested in package graph, which can read
// the graph back: TestVerifyCorruptions, TestDeleteSource,
// TestConcurrentWriters, TestLeaseKilledWriter).
func TestVerifyDeleteUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"verify", "--help"}, []string{"--repair", "--max-problems", "--force-unlock", "Examples:"}},
		{[]string{"delete", "--help"}, []string{"--article", "--source", "--before", "--after", "--dry-run", "--keep-actors", "--wait"}},
		{[]string{"load", "--help"}, []string{"--wait", "--lease-ttl", "--force-unlock", "lease"}},
		{[]string{"run", "--help"}, []string{"--wait", "--force-unlock"}},
	} {
		r := runPolgraph(t, "", "", nil, c.args...)
		if r.code != 0 {
			t.Errorf("%v: exit %d\n%s", c.args, r.code, r.stderr)
		}
		for _, w := range c.want {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("%v lacks %q", c.args, w)
			}
		}
		if strings.Contains(r.stdout, "unsafe-no-lease") {
			t.Errorf("%v shows the testing flag --unsafe-no-lease", c.args)
		}
	}
	for name, args := range map[string][]string{
		"delete without selector": {"delete"},
		"delete bad date":         {"delete", "--before", "2020-13-45"},
		"verify with argument":    {"verify", "extra"},
	} {
		r := runPolgraph(t, "", "", nil, args...)
		if r.code != exitUsage {
			t.Errorf("%s: exit %d, want %d\n%s", name, r.code, exitUsage, r.stderr)
		}
	}
}

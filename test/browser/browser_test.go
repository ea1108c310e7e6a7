// Package browser holds the Neo4j Browser test: run.sh drives the Browser
// in headless Chromium with examples/polgraph.grass and a cookbook query.
package browser

import (
	"os"
	"os/exec"
	"testing"
)

// TestBrowser runs run.sh when POLGRAPH_BROWSER_TEST=1, so that plain test
// runs need no Chromium.
func TestBrowser(t *testing.T) {
	if os.Getenv("POLGRAPH_BROWSER_TEST") != "1" {
		t.Skip("set POLGRAPH_BROWSER_TEST=1 to drive Neo4j Browser in headless Chromium (make test-browser)")
	}
	if os.Getenv("POLGRAPH_TEST_NEO4J_URI") == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("POLGRAPH_TEST_NEO4J_URI not set in CI")
		}
		t.Skip("POLGRAPH_TEST_NEO4J_URI not set; run make neo4j-up")
	}
	out, err := exec.Command("bash", "run.sh").CombinedOutput()
	t.Logf("run.sh:\n%s", out)
	if err != nil {
		t.Fatalf("run.sh: %v", err)
	}
}

// Package testenv finds what the tests need outside the repository: the
// shared test Neo4j (URI), servers of a test's own (Start, Prepare) and the
// shared folder of corpus and gold files (SharedDir). Without them a test
// is skipped with a message, or fails when CI is set. Only tests import it.
package testenv

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// URI returns the shared test Neo4j's URI, POLGRAPH_TEST_NEO4J_URI.
func URI(t testing.TB) string {
	t.Helper()
	uri := os.Getenv("POLGRAPH_TEST_NEO4J_URI")
	if uri == "" {
		unavailable(t, "POLGRAPH_TEST_NEO4J_URI not set; run make neo4j-up")
	}
	return uri
}

// SharedDir returns the absolute path of the shared folder: POLGRAPH_SHARED,
// else ../shared beside the repository. Each of the files (paths inside
// it) must exist.
func SharedDir(t testing.TB, files ...string) string {
	t.Helper()
	dir := os.Getenv("POLGRAPH_SHARED")
	if dir == "" {
		root, err := repoRoot()
		if err != nil {
			t.Fatal(err)
		}
		dir = filepath.Join(root, "..", "shared")
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			unavailable(t, fmt.Sprintf("%s not found; set POLGRAPH_SHARED", filepath.Join(dir, f)))
		}
	}
	return dir
}

// unavailable skips the test, or fails it when CI is set: CI has everything.
func unavailable(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal("CI: " + why)
	}
	t.Skip(why)
}

// A Server is one test's Neo4j. Its scripts can stop it and start it again
// on the same store and ports.
type Server struct {
	URI  string // bolt://127.0.0.1:PORT
	Home string // POLGRAPH_NEO4J_HOME: store, logs, pid file
	env  []string
	root string
}

// Start starts a server with conf as its neo4j.conf and stops it when the
// test ends. It fails the test if the server does not come up.
func Start(t testing.TB, conf string) *Server {
	t.Helper()
	start := time.Now()
	s, err := Prepare(t, conf)
	if err == nil {
		err = s.Script("neo4j-up.sh")
	}
	if err != nil {
		t.Fatalf("start a Neo4j of the test's own: %v", err)
	}
	t.Logf("test Neo4j at %s up in %s", s.URI, time.Since(start).Round(time.Second))
	return s
}

// Prepare sets up a server (home folder, free ports, conf) without starting
// it, and stops it when the test ends if it runs then. It returns errors
// rather than failing the test, so that goroutines may call it.
func Prepare(t testing.TB, conf string) (*Server, error) {
	root, err := repoRoot()
	if err != nil {
		return nil, err
	}
	home := t.TempDir()
	if conf != "" {
		if err := os.WriteFile(filepath.Join(home, "neo4j.conf"), []byte(conf), 0o644); err != nil {
			return nil, err
		}
	}
	bolt, err := FreePort()
	if err != nil {
		return nil, err
	}
	http, err := FreePort()
	if err != nil {
		return nil, err
	}
	s := &Server{
		URI:  "bolt://127.0.0.1:" + bolt,
		Home: home,
		env: append(os.Environ(), "POLGRAPH_NEO4J_HOME="+home, "NEO4J_BOLT_PORT="+bolt, "NEO4J_HTTP_PORT="+http,
			"NEO4J_HEAP=512m", "NEO4J_PAGECACHE=128m", "NEO4J_IMPORT_HEAP=512m"),
		root: root,
	}
	t.Cleanup(func() {
		if err := s.Script("neo4j-down.sh"); err != nil {
			t.Errorf("stop the test's Neo4j: %v", err)
		}
	})
	return s, nil
}

// Script runs scripts/NAME with args for this server and returns its
// output with the error when it fails.
func (s *Server) Script(name string, args ...string) error {
	cmd := exec.Command("bash", append([]string{filepath.Join(s.root, "scripts", name)}, args...)...)
	cmd.Env = s.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %v\n%s", name, err, out)
	}
	return nil
}

// FreePort returns a TCP port of 127.0.0.1 that was free a moment ago.
func FreePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return fmt.Sprint(ln.Addr().(*net.TCPAddr).Port), nil
}

// repoRoot is the folder of go.mod above the working directory.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

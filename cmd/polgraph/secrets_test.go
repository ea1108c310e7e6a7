package main

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/polgraph/polgraph/internal/testenv"
)

// secretPassword is distinctive enough that finding it in any output means
// it leaked.
const secretPassword = "pw7Zebra4Quokka9Secret"

// secretSource is one way of giving polgraph the password.
type secretSource struct {
	name string
	dir  string   // working folder (may hold polgraph.yaml)
	env  []string // extra environment
	args []string // extra flags
}

// secretSources writes the config files of each way of giving the password:
// the environment, a config file, and a password file named by a config file.
func secretSources(t *testing.T) []secretSource {
	t.Helper()
	write := func(path, data string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	env := secretSource{name: "env", dir: t.TempDir(),
		env: []string{"POLGRAPH_NEO4J_USER=neo4j", "POLGRAPH_NEO4J_PASSWORD=" + secretPassword}}
	cfg := secretSource{name: "config", dir: t.TempDir()}
	write(filepath.Join(cfg.dir, "polgraph.yaml"), "neo4j:\n  user: neo4j\n  password: "+secretPassword+"\n")
	pwf := secretSource{name: "password_file", dir: t.TempDir()}
	pwPath := filepath.Join(pwf.dir, "neo4j-password")
	write(pwPath, secretPassword+"\n")
	write(filepath.Join(pwf.dir, "site.yaml"), "neo4j:\n  user: neo4j\n  password_file: "+pwPath+"\n")
	pwf.args = []string{"--config", filepath.Join(pwf.dir, "site.yaml")}
	pwfEnv := secretSource{name: "password_file_env", dir: t.TempDir(),
		env: []string{"POLGRAPH_NEO4J_USER=neo4j", "POLGRAPH_NEO4J_PASSWORD_FILE=" + pwPath}}
	return []secretSource{env, cfg, pwf, pwfEnv}
}

// closedPort returns 127.0.0.1:PORT where nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// tinyExtraction writes a one-record extraction JSONL file whose ids are
// the test's own (loading it twice changes nothing).
func tinyExtraction(t *testing.T, prefix string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "tiny.jsonl")
	rec := fmt.Sprintf(`{"article":{"id":"%[1]sart","title":"T","published":"2024-01-02","url":"","source":""},`+
		`"actors":[{"id":"%[1]sa","name":"A","type":"Country","country":"","aliases":[],"mentions":1},`+
		`{"id":"%[1]sb","name":"B","type":"Country","country":"","aliases":[],"mentions":1}],`+
		`"relations":[{"subject":"%[1]sa","predicate":"MET_WITH","object":"%[1]sb","category":"CONSULT","modality":"asserted",`+
		`"role":"","confidence":0.8,"trigger":"met","sentence":"A met B.","start":0,"end":8}]}`+"\n", prefix)
	if err := os.WriteFile(p, []byte(rec), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// noSecret fails when the password appears in a process's output.
func noSecret(t *testing.T, what string, r result) {
	t.Helper()
	for _, s := range []string{r.stdout, r.stderr} {
		if strings.Contains(s, secretPassword) || strings.Contains(s, secretPassword[:12]) {
			t.Errorf("%s: the password appears in the output:\n%s%s", what, r.stdout, r.stderr)
		}
	}
}

// TestSecretsPasswordNeverPrinted gives polgraph a distinctive password
// through the environment, a config file and a password file (named by a
// config file or the environment), runs schema and load at debug level
// (text and JSON logs) against a closed port and, when the test Neo4j is
// set, against it with a user (the local server has auth off, so the
// credentials are ignored), and checks that the password appears nowhere
// in stdout or stderr. Credentials in the URI are refused without echoing
// them.
func TestSecretsPasswordNeverPrinted(t *testing.T) {
	tiny := tinyExtraction(t, "t-secrets-")
	type server struct {
		name, uri string
		code      int
	}
	servers := []server{{"unreachable", "bolt://" + closedPort(t), exitFailure}}
	if uri := os.Getenv("POLGRAPH_TEST_NEO4J_URI"); uri != "" {
		servers = append(servers, server{"real", uri, exitOK})
	} else {
		testenv.URI(t) // fails under CI
		t.Log("POLGRAPH_TEST_NEO4J_URI not set: only the unreachable server is tried")
	}
	for _, src := range secretSources(t) {
		for _, srv := range servers {
			for _, cmd := range [][]string{
				{"schema"},
				{"load", tiny, "--wait", "5m"}, // other packages' tests may be writing to the same server
				{"load", tiny, "--wait", "5m", "--log-format", "json"},
			} {
				args := append(append(append([]string(nil), cmd...), "--log-level", "debug", "--uri", srv.uri), src.args...)
				what := fmt.Sprintf("%s, %s server, polgraph %s", src.name, srv.name, strings.Join(cmd, " "))
				r := runPolgraph(t, src.dir, "", src.env, args...)
				if r.code != srv.code {
					t.Errorf("%s: exit %d, want %d\n%s", what, r.code, srv.code, r.stderr)
				}
				if srv.code != exitOK && !strings.Contains(r.stderr, "cannot reach Neo4j at "+srv.uri+": ") {
					t.Errorf("%s: no clear error naming the URI:\n%s", what, r.stderr)
				}
				noSecret(t, what, r)
			}
		}
	}
	// Credentials in the URI: a config error (exit 2) that does not repeat them.
	addr := closedPort(t)
	for _, c := range []struct {
		env  []string
		args []string
	}{
		{[]string{"POLGRAPH_NEO4J_URI=bolt://neo4j:" + secretPassword + "@" + addr}, nil},
		{nil, []string{"--uri", "neo4j+s://neo4j:" + secretPassword + "@" + addr}},
	} {
		r := runPolgraph(t, "", "", c.env, append([]string{"schema", "--log-level", "debug"}, c.args...)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, "neo4j.uri: put credentials in neo4j.user and neo4j.password") {
			t.Errorf("credentials in the URI: exit %d, want 2 with a message naming neo4j.uri:\n%s", r.code, r.stderr)
		}
		noSecret(t, "credentials in the URI", r)
	}
}

// TestSecretsTLSSchemesReachDriver connects with each URI scheme to a
// closed port: the configuration accepts the scheme (no exit 2), the driver
// tries to connect, and the failure is one line naming the URI.
func TestSecretsTLSSchemesReachDriver(t *testing.T) {
	addr := closedPort(t)
	for _, scheme := range []string{"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"} {
		t.Run(scheme, func(t *testing.T) {
			uri := scheme + "://" + addr
			r := runPolgraph(t, "", "", []string{"POLGRAPH_NEO4J_PASSWORD=" + secretPassword}, "schema", "--uri", uri, "--user", "neo4j")
			if r.code != exitFailure {
				t.Errorf("exit %d, want 1 (a connection error, not a config error)\n%s", r.code, r.stderr)
			}
			want := "polgraph: cannot reach Neo4j at " + uri + ": connection refused"
			if lines := strings.Split(strings.TrimSpace(r.stderr), "\n"); len(lines) != 1 || !strings.HasPrefix(lines[0], want) {
				t.Errorf("stderr %q, want one line starting %q", r.stderr, want)
			}
			noSecret(t, uri, r)
		})
	}
	// TLS against the plain test server: the handshake fails, in one line
	// that says why.
	if uri := os.Getenv("POLGRAPH_TEST_NEO4J_URI"); uri != "" && strings.HasPrefix(uri, "bolt://") {
		tls := "bolt+ssc://" + strings.TrimPrefix(uri, "bolt://")
		r := runPolgraph(t, "", "", nil, "schema", "--uri", tls)
		lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
		if r.code != exitFailure || len(lines) != 1 || !strings.Contains(lines[0], "cannot reach Neo4j at "+tls+": ") ||
			!strings.Contains(lines[0], "TLS") {
			t.Errorf("TLS to a plain server: exit %d, stderr %q; want 1 and one line naming the URI and TLS", r.code, r.stderr)
		}
	}
}

// TestSecretsLooseConfigWarns checks, through the CLI, that a config file
// holding a password that others can read gets a warning naming the file
// (and not the password), and that a private one (0600) gets none.
func TestSecretsLooseConfigWarns(t *testing.T) {
	input := filepath.Join(t.TempDir(), "note.txt")
	if err := os.WriteFile(input, []byte("Iran and Israel held talks in Geneva on Monday.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []os.FileMode{0o644, 0o640, 0o600} {
		dir := t.TempDir()
		cfg := filepath.Join(dir, "polgraph.yaml")
		if err := os.WriteFile(cfg, []byte("neo4j:\n  user: neo4j\n  password: "+secretPassword+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(cfg, mode); err != nil {
			t.Fatal(err)
		}
		r := runPolgraph(t, dir, "", nil, "run", "--dry-run", "--log-level", "debug", input)
		if r.code != exitOK {
			t.Errorf("mode %04o: exit %d\n%s", mode, r.code, r.stderr)
		}
		warned := strings.Contains(r.stderr, "polgraph.yaml holds a password and can be read by other users")
		if loose := mode&0o077 != 0; warned != loose {
			t.Errorf("mode %04o: warning %v, want %v:\n%s", mode, warned, loose, r.stderr)
		}
		noSecret(t, fmt.Sprintf("config file mode %04o", mode), r)
	}
}

// TestFaultAuthFailureOneLine starts a Neo4j of its own with authentication
// on (the local server has it off) and connects with a wrong password: one
// line that says authentication failed and names the URI, exit 1, and no
// password. It starts a server, so it runs with the fault tests.
func TestFaultAuthFailureOneLine(t *testing.T) {
	faultTestsOn(t)
	// Bolt asks for credentials; HTTP's transaction endpoint is left open
	// so that scripts/neo4j-up.sh can see the server is ready.
	srv := startTestNeo4j(t, "dbms.security.auth_enabled=true\ndbms.security.http_auth_allowlist=/,/browser.*,/db/neo4j/tx/commit\n")
	for _, user := range []string{"neo4j", "nobody"} {
		r := runPolgraph(t, "", "", []string{"POLGRAPH_NEO4J_PASSWORD=" + secretPassword},
			"schema", "--uri", srv.URI, "--user", user, "--log-level", "debug")
		if lines := strings.Split(strings.TrimSpace(r.stderr), "\n"); r.code != exitFailure || len(lines) != 1 ||
			!strings.Contains(lines[0], srv.URI) || !strings.Contains(lines[0], "authentication failed") {
			t.Errorf("user %s, wrong password: exit %d, stderr %q; want 1 and one line naming %s and saying authentication failed",
				user, r.code, r.stderr, srv.URI)
		}
		noSecret(t, "authentication failure", r)
		t.Logf("user %s, wrong password: exit %d: %s", user, r.code, strings.TrimSpace(r.stderr))
	}
	// No credentials at all against a server that wants them.
	r := runPolgraph(t, "", "", nil, "schema", "--uri", srv.URI)
	if r.code != exitFailure || !strings.Contains(r.stderr, "authentication failed") {
		t.Errorf("no credentials: exit %d, stderr %q; want 1 and 'authentication failed'", r.code, r.stderr)
	}
	t.Logf("no credentials: exit %d: %s", r.code, strings.TrimSpace(r.stderr))
}

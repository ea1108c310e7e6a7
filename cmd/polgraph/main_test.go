package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// polgraphBin is the binary built once for the tests that run polgraph as a
// process (signals, exit codes, stdout and stderr as a user sees them).
var polgraphBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "polgraph-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	polgraphBin = filepath.Join(dir, "polgraph")
	build := exec.Command("go", "build", "-race", "-o", polgraphBin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build polgraph:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what one polgraph process did.
type result struct {
	stdout, stderr string
	code           int
}

// runPolgraph runs the binary with args, stdin and extra environment
// (KEY=VALUE), in dir (empty: a fresh temporary directory, so that no
// polgraph.yaml of the developer's is read).
func runPolgraph(t testing.TB, dir, stdin string, env []string, args ...string) result {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, polgraphBin, args...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.Env = append(cleanEnv(), env...)
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run polgraph %v: %v", args, err)
	}
	return result{out.String(), errb.String(), code}
}

// cleanEnv is the environment without POLGRAPH_* settings, so tests see
// only what they set; HOME points at an empty folder (no user config).
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "POLGRAPH_") || strings.HasPrefix(kv, "XDG_CONFIG_HOME=") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "XDG_CONFIG_HOME="+os.TempDir()+"/polgraph-test-no-config")
}

func abs(t testing.TB, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

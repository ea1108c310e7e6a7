package config

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func chdirTemp(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "xdg"))
	t.Setenv("HOME", dir)
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "POLGRAPH_") {
			t.Setenv(strings.SplitN(kv, "=", 2)[0], "")
			os.Unsetenv(strings.SplitN(kv, "=", 2)[0])
		}
	}
	return dir
}

func TestDefaults(t *testing.T) {
	chdirTemp(t)
	cfg, err := Load("", nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Neo4j.URI != "bolt://127.0.0.1:7687" || cfg.Neo4j.User != "" || cfg.Neo4j.Database != "neo4j" || cfg.Load.BatchSize != 500 || !cfg.Extract.Phoenix {
		t.Errorf("defaults: %+v", cfg)
	}
	if cfg.File != "" {
		t.Errorf("read a config file %q in an empty directory", cfg.File)
	}
}

func TestPrecedence(t *testing.T) {
	dir := chdirTemp(t)
	os.WriteFile(filepath.Join(dir, "polgraph.yaml"), []byte("neo4j:\n  uri: bolt://file:7687\n  database: fromfile\nload:\n  batch_size: 42\n"), 0o600)
	t.Setenv("POLGRAPH_NEO4J_DATABASE", "fromenv")
	cfg, err := Load("", nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Neo4j.URI != "bolt://file:7687" {
		t.Errorf("file did not override the default: %s", cfg.Neo4j.URI)
	}
	if cfg.Neo4j.Database != "fromenv" {
		t.Errorf("environment did not override the file: %s", cfg.Neo4j.Database)
	}
	if cfg.Load.BatchSize != 42 {
		t.Errorf("batch size %d", cfg.Load.BatchSize)
	}
}

func TestEveryKeyHasAnEnvironmentVariable(t *testing.T) {
	chdirTemp(t)
	env := map[string]string{
		"POLGRAPH_NEO4J_URI": "neo4j+s://db.example.org:7687", "POLGRAPH_NEO4J_USER": "u", "POLGRAPH_NEO4J_PASSWORD": "p",
		"POLGRAPH_NEO4J_DATABASE": "d", "POLGRAPH_NEO4J_CONNECT_TIMEOUT": "3s", "POLGRAPH_NEO4J_MAX_RETRY_TIME": "4s",
		"POLGRAPH_LOAD_BATCH_SIZE": "7", "POLGRAPH_LOAD_WORKERS": "3", "POLGRAPH_EXTRACT_KB": "a.yaml,b.yaml",
		"POLGRAPH_EXTRACT_LEXICON": "l.tsv", "POLGRAPH_EXTRACT_PHOENIX": "false", "POLGRAPH_INPUT_MAX_BYTES": "99", "POLGRAPH_INPUT_TEXT_COL": "body",
		"POLGRAPH_INPUT_ID_COL": "i", "POLGRAPH_INPUT_TITLE_COL": "t", "POLGRAPH_INPUT_DATE_COL": "dt",
		"POLGRAPH_INPUT_URL_COL": "u", "POLGRAPH_INPUT_SOURCE_COL": "s", "POLGRAPH_LOG_LEVEL": "debug", "POLGRAPH_LOG_FORMAT": "json",
	}
	for k, v := range env {
		t.Setenv(k, v)
	}
	if len(env) != len(Keys())-1 { // password_file is checked below
		t.Fatalf("test covers %d keys, config has %d", len(env), len(Keys()))
	}
	cfg, err := Load("", nil)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{cfg.Neo4j.URI, cfg.Neo4j.User, cfg.Neo4j.Password, cfg.Neo4j.Database, cfg.Neo4j.ConnectTimeout.String(),
		cfg.Neo4j.MaxRetryTime.String(), strings.Join(cfg.Extract.KB, "|"), strings.Join(cfg.Extract.Lexicon, "|"),
		cfg.Input.TextCol, cfg.Input.IDCol, cfg.Input.TitleCol, cfg.Input.DateCol, cfg.Input.URLCol, cfg.Input.SourceCol,
		cfg.Log.Level, cfg.Log.Format}
	want := []string{"neo4j+s://db.example.org:7687", "u", "p", "d", "3s", "4s", "a.yaml|b.yaml", "l.tsv", "body", "i", "t", "dt", "u", "s", "debug", "json"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("value %d: got %q, want %q", i, got[i], want[i])
		}
	}
	if cfg.Load.BatchSize != 7 || cfg.Load.Workers != 3 || cfg.Input.MaxBytes != 99 || cfg.Extract.Phoenix {
		t.Errorf("numbers: %+v %+v", cfg.Load, cfg.Input)
	}
}

func TestInvalidValuesNameTheKey(t *testing.T) {
	for key, env := range map[string][2]string{
		"neo4j.uri":             {"POLGRAPH_NEO4J_URI", "http://x:1"},
		"load.batch_size":       {"POLGRAPH_LOAD_BATCH_SIZE", "0"},
		"load.workers":          {"POLGRAPH_LOAD_WORKERS", "-1"},
		"log.level":             {"POLGRAPH_LOG_LEVEL", "loud"},
		"log.format":            {"POLGRAPH_LOG_FORMAT", "xml"},
		"neo4j.connect_timeout": {"POLGRAPH_NEO4J_CONNECT_TIMEOUT", "0s"},
		"input.max_bytes":       {"POLGRAPH_INPUT_MAX_BYTES", "0"},
	} {
		t.Run(key, func(t *testing.T) {
			chdirTemp(t)
			t.Setenv(env[0], env[1])
			_, err := Load("", nil)
			if err == nil || !strings.Contains(err.Error(), key) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %v: want one line naming %s", err, key)
			}
		})
	}
}

func TestUnknownKeyInFile(t *testing.T) {
	dir := chdirTemp(t)
	os.WriteFile(filepath.Join(dir, "polgraph.yaml"), []byte("neo4j:\n  url: bolt://x:1\n"), 0o600)
	_, err := Load("", nil)
	if err == nil || !strings.Contains(err.Error(), "neo4j.url") {
		t.Errorf("error %v: want it to name the unknown key", err)
	}
}

func TestPasswordFileAndLoosePermissions(t *testing.T) {
	dir := chdirTemp(t)
	pw := filepath.Join(dir, "pw")
	os.WriteFile(pw, []byte("s3cret-pass\n"), 0o600)
	t.Setenv("POLGRAPH_NEO4J_PASSWORD_FILE", pw)
	cfg, err := Load("", nil)
	if err != nil || cfg.Neo4j.Password != "s3cret-pass" {
		t.Fatalf("password from file: %q, %v", cfg.Neo4j.Password, err)
	}
	os.Unsetenv("POLGRAPH_NEO4J_PASSWORD_FILE")
	file := filepath.Join(dir, "loose.yaml")
	os.WriteFile(file, []byte("neo4j:\n  password: s3cret-pass\n"), 0o644)
	os.Chmod(file, 0o644)
	cfg, err = Load(file, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Warnings) != 1 || !strings.Contains(cfg.Warnings[0], "chmod 600") || strings.Contains(cfg.Warnings[0], "s3cret") {
		t.Errorf("warnings %q: want one about permissions, without the password", cfg.Warnings)
	}
}

// TestExampleFileMatchesDefaults keeps polgraph.example.yaml (copied into the
// README) in step with Defaults: same keys, same values.
func TestExampleFileMatchesDefaults(t *testing.T) {
	data, err := os.ReadFile("../polgraph.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for section, kv := range doc {
		for k, v := range kv {
			key := section + "." + k
			keys = append(keys, key)
			def, ok := Defaults[key]
			if !ok {
				t.Errorf("example has %s, which is not a key", key)
				continue
			}
			if normalize(v) != normalize(def) {
				t.Errorf("%s: example says %v, default is %v", key, v, def)
			}
		}
	}
	sort.Strings(keys)
	want := append([]string(nil), Keys()...)
	sort.Strings(want)
	if strings.Join(keys, ",") != strings.Join(want, ",") {
		t.Errorf("example keys %v, want %v", keys, want)
	}
}

func normalize(v any) string {
	switch x := v.(type) {
	case []any:
		if len(x) == 0 {
			return "[]"
		}
	case []string:
		if len(x) == 0 {
			return "[]"
		}
	}
	return strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(fmtAny(v), "\n", ""), " ", ""))
}

func fmtAny(v any) string {
	b, _ := yaml.Marshal(v)
	return string(b)
}

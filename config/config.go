// Package config loads polgraph's settings into one typed struct: flags over
// environment (POLGRAPH_*) over a config file (polgraph.yaml) over defaults.
// It is the only importer of viper.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// Config is every setting polgraph has. The yaml names are the config-file
// keys; the environment variable of a key is POLGRAPH_ plus the key in upper
// case with dots as underscores (neo4j.uri -> POLGRAPH_NEO4J_URI).
type Config struct {
	Neo4j   Neo4j   `mapstructure:"neo4j"`
	Load    Loading `mapstructure:"load"`
	Extract Extract `mapstructure:"extract"`
	Input   Input   `mapstructure:"input"`
	Log     Log     `mapstructure:"log"`

	// File is the config file that was read, or "" when none was.
	File string `mapstructure:"-"`
	// Warnings are problems worth telling the user that are not errors
	// (a config file holding a password that others can read).
	Warnings []string `mapstructure:"-"`
}

// Neo4j says where the graph lives.
type Neo4j struct {
	URI            string        `mapstructure:"uri"`
	User           string        `mapstructure:"user"`
	Password       string        `mapstructure:"password"`
	PasswordFile   string        `mapstructure:"password_file"`
	Database       string        `mapstructure:"database"`
	ConnectTimeout time.Duration `mapstructure:"connect_timeout"`
	MaxRetryTime   time.Duration `mapstructure:"max_retry_time"`
}

// Loading tunes writing to Neo4j.
type Loading struct {
	BatchSize int `mapstructure:"batch_size"`
	Workers   int `mapstructure:"workers"`
}

// Extract points at user knowledge-base and lexicon files, and says
// whether the Phoenix actors extend the built-in knowledge base.
type Extract struct {
	KB      []string `mapstructure:"kb"`
	Lexicon []string `mapstructure:"lexicon"`
	Phoenix bool     `mapstructure:"phoenix"`
}

// Input tunes the article readers.
type Input struct {
	MaxBytes  int64  `mapstructure:"max_bytes"`
	TextCol   string `mapstructure:"text_col"`
	IDCol     string `mapstructure:"id_col"`
	TitleCol  string `mapstructure:"title_col"`
	DateCol   string `mapstructure:"date_col"`
	URLCol    string `mapstructure:"url_col"`
	SourceCol string `mapstructure:"source_col"`
}

// Log sets the log level and format.
type Log struct {
	Level  string `mapstructure:"level"`
	Format string `mapstructure:"format"`
}

// Defaults are the values used when nothing else sets a key. Every key has
// one, which is also what lets viper see POLGRAPH_* variables for it.
var Defaults = map[string]any{
	"neo4j.uri":             "bolt://127.0.0.1:7687",
	"neo4j.user":            "",
	"neo4j.password":        "",
	"neo4j.password_file":   "",
	"neo4j.database":        "neo4j",
	"neo4j.connect_timeout": "10s",
	"neo4j.max_retry_time":  "60s",
	// Articles per transaction. A batch of 1,000 synthetic articles
	// (10,000 relations) takes about a quarter of the 716 MiB a default
	// 1 GiB-heap server allows all transactions together, and 4,000 exceed
	// it; 500 leaves room for long sentences while the fixed cost per batch
	// (some 35 statements) stays small. On 100,000 real evidence relations
	// (scripts/bench-load.sh) batches of 250 and 1,000 were both slower.
	"load.batch_size":  500,
	"load.workers":     0,
	"extract.kb":       []string{},
	"extract.lexicon":  []string{},
	"extract.phoenix":  true,
	"input.max_bytes":  int64(5 << 20),
	"input.text_col":   "",
	"input.id_col":     "",
	"input.title_col":  "",
	"input.date_col":   "",
	"input.url_col":    "",
	"input.source_col": "",
	"log.level":        "info",
	"log.format":       "text",
}

// Keys lists the keys in a stable order (for docs and tests).
func Keys() []string {
	return []string{
		"neo4j.uri", "neo4j.user", "neo4j.password", "neo4j.password_file", "neo4j.database",
		"neo4j.connect_timeout", "neo4j.max_retry_time", "load.batch_size", "load.workers",
		"extract.kb", "extract.lexicon", "extract.phoenix", "input.max_bytes", "input.text_col", "input.id_col",
		"input.title_col", "input.date_col", "input.url_col", "input.source_col", "log.level", "log.format",
	}
}

// Load reads the configuration. path is --config (empty: look for
// polgraph.yaml in the working directory, then in the user config directory
// under polgraph/). flags maps config keys to the command's flags; only flags
// the user set override the other sources.
func Load(path string, flags map[string]*pflag.Flag) (Config, error) {
	v := viper.New()
	for k, val := range Defaults {
		v.SetDefault(k, val)
	}
	v.SetEnvPrefix("POLGRAPH")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	for key, f := range flags {
		if f != nil {
			if err := v.BindPFlag(key, f); err != nil {
				return Config{}, fmt.Errorf("flag for %s: %w", key, err)
			}
		}
	}
	var cfg Config
	file, err := findFile(path)
	if err != nil {
		return Config{}, err
	}
	if file != "" {
		v.SetConfigFile(file)
		v.SetConfigType("yaml")
		if err := v.ReadInConfig(); err != nil {
			return Config{}, fmt.Errorf("config file %s: %s", file, oneLine(err.Error()))
		}
		if err := checkKeys(v, file); err != nil {
			return Config{}, err
		}
	}
	if err := v.Unmarshal(&cfg); err != nil {
		return Config{}, fmt.Errorf("config: %s", oneLine(err.Error()))
	}
	// Lists from the environment come as one string: split on commas.
	cfg.Extract.KB = splitList(cfg.Extract.KB)
	cfg.Extract.Lexicon = splitList(cfg.Extract.Lexicon)
	cfg.File = file
	if file != "" && v.InConfig("neo4j.password") && v.GetString("neo4j.password") != "" {
		if st, err := os.Stat(file); err == nil && st.Mode().Perm()&0o077 != 0 {
			cfg.Warnings = append(cfg.Warnings, fmt.Sprintf("config file %s holds a password and can be read by other users (mode %04o): chmod 600 it or use neo4j.password_file", file, st.Mode().Perm()))
		}
	}
	if cfg.Neo4j.PasswordFile != "" && cfg.Neo4j.Password == "" {
		data, err := os.ReadFile(cfg.Neo4j.PasswordFile)
		if err != nil {
			return Config{}, fmt.Errorf("neo4j.password_file: %s", oneLine(err.Error()))
		}
		cfg.Neo4j.Password = strings.TrimRight(string(data), "\r\n")
	}
	return cfg, cfg.Validate()
}

func findFile(path string) (string, error) {
	if path != "" {
		if _, err := os.Stat(path); err != nil {
			return "", fmt.Errorf("config file %s: %s", path, oneLine(err.Error()))
		}
		return path, nil
	}
	candidates := []string{"polgraph.yaml"}
	if dir, err := os.UserConfigDir(); err == nil {
		candidates = append(candidates, filepath.Join(dir, "polgraph", "polgraph.yaml"))
	}
	for _, c := range candidates {
		if _, err := os.Stat(c); err == nil {
			return c, nil
		}
	}
	return "", nil
}

// checkKeys rejects keys the config file has that polgraph does not know,
// which are most often typos that would otherwise be ignored silently.
func checkKeys(v *viper.Viper, file string) error {
	known := map[string]bool{}
	for _, k := range Keys() {
		known[k] = true
	}
	for _, k := range v.AllKeys() {
		if !known[k] && v.InConfig(k) {
			return fmt.Errorf("config file %s: unknown key %q", file, k)
		}
	}
	return nil
}

func splitList(xs []string) []string {
	var out []string
	for _, x := range xs {
		for _, p := range strings.Split(x, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// Validate checks every value; the error names the key.
func (c Config) Validate() error {
	u, err := url.Parse(c.Neo4j.URI)
	if err != nil || u.Host == "" {
		return errors.New("neo4j.uri: want a URI such as bolt://127.0.0.1:7687")
	}
	switch u.Scheme {
	case "bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc":
	default:
		return fmt.Errorf("neo4j.uri: scheme %q is not bolt, bolt+s, bolt+ssc, neo4j, neo4j+s or neo4j+ssc", u.Scheme)
	}
	if u.User != nil {
		return errors.New("neo4j.uri: put credentials in neo4j.user and neo4j.password, not in the URI")
	}
	if c.Neo4j.Database == "" {
		return errors.New("neo4j.database: must not be empty")
	}
	if c.Neo4j.ConnectTimeout <= 0 {
		return errors.New("neo4j.connect_timeout: must be a positive duration such as 10s")
	}
	if c.Neo4j.MaxRetryTime < 0 {
		return errors.New("neo4j.max_retry_time: must not be negative")
	}
	if c.Load.BatchSize < 1 || c.Load.BatchSize > 100000 {
		return fmt.Errorf("load.batch_size: %d is not between 1 and 100000", c.Load.BatchSize)
	}
	if c.Load.Workers < 0 || c.Load.Workers > 1024 {
		return fmt.Errorf("load.workers: %d is not between 0 (all cores) and 1024", c.Load.Workers)
	}
	if c.Input.MaxBytes < 1 {
		return fmt.Errorf("input.max_bytes: %d must be positive", c.Input.MaxBytes)
	}
	switch strings.ToLower(c.Log.Level) {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("log.level: %q is not debug, info, warn or error", c.Log.Level)
	}
	switch c.Log.Format {
	case "text", "json":
	default:
		return fmt.Errorf("log.format: %q is not text or json", c.Log.Format)
	}
	return nil
}

// WorkerCount is the number of extraction workers: load.workers, or every core.
func (c Config) WorkerCount() int {
	if c.Load.Workers > 0 {
		return c.Load.Workers
	}
	return runtime.NumCPU()
}

// RedactedURI is the URI without any user information, safe to print.
func (c Config) RedactedURI() string {
	u, err := url.Parse(c.Neo4j.URI)
	if err != nil {
		return "(invalid URI)"
	}
	u.User = nil
	return u.String()
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

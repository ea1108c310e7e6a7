// Command polgraph turns news articles into a graph of political actors in
// Neo4j. See README.md for the commands, formats and configuration.
//
// Each command has a file of its own (extract.go, run.go, load.go, ...);
// pipeline.go holds the loop they share (read, extract, batch, write), and
// this file the root command, the global flags and the exit codes.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/polgraph/polgraph/config"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// Exit codes, documented in the root command's help and the README. Only
// run chooses them, from the error a command returns (exitCode).
const (
	exitOK       = 0
	exitFailure  = 1 // nothing could be read, a database error, or --strict and a bad record
	exitUsage    = 2
	exitCanceled = 130
)

// usageError marks errors in how polgraph was called: flags, arguments,
// unknown commands, bad configuration values.
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

// errInterrupted is what a reading command returns when a signal stopped
// it: what it finished is kept, and the same command resumes.
var errInterrupted error = interruptedError{}

type interruptedError struct{}

func (interruptedError) Error() string { return "interrupted; run the same command again to resume" }

// Is makes an interruption a context.Canceled, which exitCode maps to 130.
func (interruptedError) Is(target error) bool { return target == context.Canceled }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// A second signal stops at once.
	go func() {
		<-ctx.Done()
		stop()
		c := make(chan os.Signal, 1)
		signal.Notify(c, os.Interrupt, syscall.SIGTERM)
		<-c
		fmt.Fprintln(os.Stderr, "polgraph: second signal, stopping now")
		os.Exit(exitCanceled)
	}()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// app is the state shared by the commands of one invocation.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	configPath     string
	quiet          bool
	logLevel       string
	logFormat      string
	log            *slog.Logger

	cfg       config.Config // loaded once, before the command runs
	cfgErr    error
	cfgWarned bool

	lease leaseFlags // the writer lease of load, run, delete and verify --repair
}

// run executes one command line, prints the error if there is one, and
// returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetContext(ctx)
	cmd, err := root.ExecuteC()
	if err == nil {
		return exitOK
	}
	var ue usageError
	if cmd == root && !errors.As(err, &ue) {
		// The root has no action of its own, so an error that stops at it
		// comes from cobra's search for the command to run: an unknown
		// command. Cobra offers no hook to type that error.
		err = usageError{err}
	}
	code := exitCode(err)
	switch code {
	case exitUsage:
		fmt.Fprintf(stderr, "polgraph: %v\nRun 'polgraph --help' for usage.\n", err)
	case exitCanceled:
		if errors.Is(err, errInterrupted) {
			fmt.Fprintf(stderr, "polgraph: %v\n", err)
		} else {
			fmt.Fprintln(stderr, "polgraph: interrupted")
		}
	default:
		fmt.Fprintf(stderr, "polgraph: %v\n", err)
	}
	return code
}

// exitCode picks the exit status for a command's error.
func exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		return exitUsage
	case errors.Is(err, context.Canceled):
		return exitCanceled
	default:
		return exitFailure
	}
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "polgraph",
		Short: "Turn news articles into a graph of political actors in Neo4j",
		Long: `polgraph reads news articles, finds the political actors in them (people,
countries, organisations), extracts who did what to whom as typed relations
(MET_WITH, CRITICIZED, SANCTIONED, ...) with the sentence that says so, and
loads them into Neo4j. It works offline: no language-model service.

Bad input (a malformed JSON line, invalid UTF-8, an empty text, a CSV file
without a text column, a binary or unknown file in a folder, an unreadable
file, an article over --max-bytes) gives a warning naming the file and line
and the run goes on; the summary line counts every record read.

Exit codes:
  0    success; per-record problems were warnings
  1    no article could be read, a database error, or --strict and a warning
  2    usage error (unknown command or flag, bad flag or config value)
  130  interrupted (SIGINT or SIGTERM); run the same command again to resume`,
		Example: `  polgraph extract articles.jsonl -o extraction.jsonl
  polgraph run ./news/            # extract and load a folder
  polgraph eval --gold gold.jsonl --pred extraction.jsonl
  source <(polgraph completion bash)`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			a.loadConfig(cmd)
			return a.setupLogging()
		},
	}
	pf := root.PersistentFlags()
	pf.StringVar(&a.configPath, "config", "", "config file (default: ./polgraph.yaml, then the user config dir's polgraph/polgraph.yaml)")
	pf.BoolVarP(&a.quiet, "quiet", "q", false, "print only warnings, errors and the summary")
	pf.StringVar(&a.logLevel, "log-level", "", "log level: debug, info, warn or error (config log.level)")
	pf.StringVar(&a.logFormat, "log-format", "", "log format: text or json (config log.format)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.CompletionOptions.DisableDefaultCmd = true // replaced by completionCmd, which has examples
	root.AddCommand(a.extractCmd(), a.loadCmd(), a.runCmd(), a.schemaCmd(), a.evalCmd(), a.exportCmd(), a.versionCmd(),
		a.queryCmd(), a.completionCmd(), a.readCmd(), a.verifyCmd(), a.deleteCmd(), a.parseCmd())
	typeArgErrors(root)
	return root
}

// typeArgErrors makes the argument checks of cmd and its subcommands return
// usage errors.
func typeArgErrors(cmd *cobra.Command) {
	if check := cmd.Args; check != nil {
		cmd.Args = func(c *cobra.Command, args []string) error {
			if err := check(c, args); err != nil {
				return usageError{err}
			}
			return nil
		}
	}
	for _, sub := range cmd.Commands() {
		typeArgErrors(sub)
	}
}

// flagKeys maps the flags of every command to the configuration keys they
// set; a command binds those of its flags the user set.
var flagKeys = map[string]string{
	"text-col": "input.text_col", "id-col": "input.id_col", "title-col": "input.title_col",
	"date-col": "input.date_col", "url-col": "input.url_col", "source-col": "input.source_col",
	"max-bytes": "input.max_bytes", "kb": "extract.kb", "lexicon": "extract.lexicon", "phoenix": "extract.phoenix", "workers": "load.workers",
	"uri": "neo4j.uri", "user": "neo4j.user", "database": "neo4j.database", "batch-size": "load.batch_size",
}

// loadConfig reads the configuration, once per process, with the flags
// of cmd that the user set bound to their keys. An error is kept for the
// commands that need the configuration (config): version, completion and
// eval --pred run whatever the configuration holds.
func (a *app) loadConfig(cmd *cobra.Command) {
	flags := map[string]*pflag.Flag{}
	for flag, key := range flagKeys {
		if f := cmd.Flags().Lookup(flag); f != nil && f.Changed {
			flags[key] = f
		}
	}
	a.cfg, a.cfgErr = config.Load(a.configPath, flags)
}

// config returns the configuration, or the usage error that loading it
// gave; the first call logs its warnings.
func (a *app) config() (config.Config, error) {
	if a.cfgErr != nil {
		return a.cfg, usageError{a.cfgErr}
	}
	if !a.cfgWarned {
		a.cfgWarned = true
		for _, w := range a.cfg.Warnings {
			a.log.Warn(w)
		}
	}
	return a.cfg, nil
}

// setupLogging builds the one logger of this invocation from the flags and
// the configuration (its defaults when it could not be loaded).
func (a *app) setupLogging() error {
	level, format := a.logLevel, a.logFormat
	if a.cfgErr == nil {
		if level == "" {
			level = a.cfg.Log.Level
		}
		if format == "" {
			format = a.cfg.Log.Format
		}
	}
	var lv slog.Level
	switch strings.ToLower(level) {
	case "", "info":
		lv = slog.LevelInfo
	case "debug":
		lv = slog.LevelDebug
	case "warn":
		lv = slog.LevelWarn
	case "error":
		lv = slog.LevelError
	default:
		return usageError{fmt.Errorf("--log-level %q is not debug, info, warn or error", level)}
	}
	if a.quiet && lv < slog.LevelWarn {
		lv = slog.LevelWarn
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "", "text":
		a.log = slog.New(slog.NewTextHandler(a.stderr, opts))
	case "json":
		a.log = slog.New(slog.NewJSONHandler(a.stderr, opts))
	default:
		return usageError{fmt.Errorf("--log-format %q is not text or json", format)}
	}
	return nil
}

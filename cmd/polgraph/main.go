// Command polgraph turns news articles into a graph of political actors in
// Neo4j. See README.md for the commands, formats and configuration.
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

// Exit codes, documented in the root command's help and the README.
const (
	exitOK       = 0
	exitFailure  = 1 // nothing could be read, a database error, or --strict and a bad record
	exitUsage    = 2
	exitCanceled = 130
)

// usageError marks errors in how polgraph was called.
type usageError struct{ error }

// exitError carries an exit code chosen by a command.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

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
	lease          leaseFlags // the writer lease of load, run, delete and verify --repair
}

// run executes one command line and returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ee *exitError
	var ue usageError
	switch {
	case errors.As(err, &ee):
		if ee.err != nil {
			fmt.Fprintf(stderr, "polgraph: %v\n", ee.err)
		}
		return ee.code
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "polgraph: interrupted")
		return exitCanceled
	case errors.As(err, &ue) || isCobraUsage(err):
		fmt.Fprintf(stderr, "polgraph: %v\nRun 'polgraph --help' for usage.\n", err)
		return exitUsage
	default:
		fmt.Fprintf(stderr, "polgraph: %v\n", err)
		return exitFailure
	}
}

// isCobraUsage recognises cobra's own argument and flag errors.
func isCobraUsage(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "accepts ", "requires at least", "invalid argument", "flag needs an argument", "required flag"} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
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
			return a.setupLogging(cmd)
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
		a.queryCmd(), a.completionCmd(), a.readCmd(), a.verifyCmd(), a.deleteCmd())
	return root
}

// setupLogging builds the one logger of this invocation from flags and config.
func (a *app) setupLogging(cmd *cobra.Command) error {
	level, format := a.logLevel, a.logFormat
	if level == "" || format == "" {
		cfg, err := config.Load(a.configPath, nil)
		if err == nil {
			if level == "" {
				level = cfg.Log.Level
			}
			if format == "" {
				format = cfg.Log.Format
			}
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

// loadConfig reads the configuration with the command's flags bound to keys.
func (a *app) loadConfig(cmd *cobra.Command, keys map[string]string) (config.Config, error) {
	flags := map[string]*pflag.Flag{}
	for flag, key := range keys {
		if f := cmd.Flags().Lookup(flag); f != nil && f.Changed {
			flags[key] = f
		}
	}
	cfg, err := config.Load(a.configPath, flags)
	if err != nil {
		return cfg, usageError{err}
	}
	for _, w := range cfg.Warnings {
		a.log.Warn(w)
	}
	return cfg, nil
}

func (a *app) completionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print a shell completion script",
		Long: `Completion prints a script that completes polgraph's commands and flags in
your shell. Load it in the current shell, or install it once for every new
shell as shown below (start a new shell afterwards).`,
		Example: `  # bash, this shell / every shell (needs the bash-completion package)
  source <(polgraph completion bash)
  polgraph completion bash > ~/.local/share/bash-completion/completions/polgraph

  # zsh (compinit must be enabled)
  polgraph completion zsh > "${fpath[1]}/_polgraph"

  # fish
  polgraph completion fish > ~/.config/fish/completions/polgraph.fish

  # PowerShell
  polgraph completion powershell | Out-String | Invoke-Expression`,
		ValidArgs:             []string{"bash", "zsh", "fish", "powershell"},
		Args:                  cobra.MatchAll(cobra.ExactArgs(1), cobra.OnlyValidArgs),
		DisableFlagsInUseLine: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			root := cmd.Root()
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(a.stdout, true)
			case "zsh":
				return root.GenZshCompletion(a.stdout)
			case "fish":
				return root.GenFishCompletion(a.stdout, true)
			default:
				return root.GenPowerShellCompletionWithDesc(a.stdout)
			}
		},
	}
}

func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print polgraph's version",
		Example: "  polgraph version",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintf(a.stdout, "polgraph %s\n", version)
			return nil
		},
	}
}

package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"
)

// readCmd runs the reading half of extract alone: readers, duplicate
// detection and counting, no extraction. Hidden: it is for measuring the
// readers (scripts/bench-read.sh) and checking an input quickly.
func (a *app) readCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "read [INPUT...]",
		Short:   "Read and check articles without extracting (for measurements)",
		Example: "  polgraph read big.jsonl",
		Hidden:  true,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.config()
			if err != nil {
				return err
			}
			t := &tally{start: time.Now()}
			jobs := make(chan job, 64)
			drained := make(chan struct{})
			go func() {
				defer close(drained)
				for range jobs {
					t.done.Add(1)
				}
			}()
			err = a.readArticles(cmd.Context(), source{inputs: inputsOrStdin(args), opts: readerOptions(cfg, t)}, jobs, t)
			close(jobs)
			<-drained
			secs := time.Since(t.start).Seconds()
			fmt.Fprintf(a.stderr, "read: %.1f MB of text in %.1fs (%.1f MB/s)\n", float64(t.textBytes.Load())/1e6, secs, float64(t.textBytes.Load())/1e6/secs)
			return a.finish(cmd, t, "read", "read", err)
		},
	}
	addInputFlags(cmd)
	return cmd
}

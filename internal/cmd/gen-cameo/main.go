// Command gen-cameo converts the CAMEO verb-pattern dictionary of PETRARCH2
// (CAMEO.2.0.txt) into polgraph's trigger-lexicon format, mapping each CAMEO
// event code to one of polgraph's relation types through the CAMEO-to-PLOVER
// table and the rules in mapping.go. It writes extract/lexicon/cameo/cameo.tsv
// and prints what it read, wrote, dropped and skipped. The output is sorted
// and de-duplicated: the same inputs give the same bytes.
//
//	go run ./internal/cmd/gen-cameo [-cameo FILE] [-plover FILE] [-o FILE] [-v]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
)

func main() {
	cameo := flag.String("cameo", "../shared/resources/cameo/CAMEO.2.0.txt", "the CAMEO verb dictionary")
	plover := flag.String("plover", "../shared/resources/plover/CAMEO2PLOVER-2021.txt", "the CAMEO-to-PLOVER table")
	out := flag.String("o", "extract/lexicon/cameo/cameo.tsv", "the lexicon file to write")
	verbose := flag.Bool("v", false, "also list the dictionary lines that could not be read")
	flag.Parse()
	if err := run(*cameo, *plover, *out, *verbose, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gen-cameo:", err)
		os.Exit(1)
	}
}

// build reads both inputs and returns the generated file's bytes.
func build(cameoPath, ploverPath string) ([]byte, *dictionary, *figures, error) {
	cf, err := os.Open(cameoPath)
	if err != nil {
		return nil, nil, nil, err
	}
	defer cf.Close()
	d, err := readDictionary(cf, filepath.Base(cameoPath))
	if err != nil {
		return nil, nil, nil, err
	}
	pf, err := os.Open(ploverPath)
	if err != nil {
		return nil, nil, nil, err
	}
	defer pf.Close()
	pl, err := readPlover(pf, filepath.Base(ploverPath))
	if err != nil {
		return nil, nil, nil, err
	}
	entries, f := generate(d, pl)
	var buf bytes.Buffer
	if err := writeTSV(&buf, d, entries); err != nil {
		return nil, nil, nil, err
	}
	return buf.Bytes(), d, f, nil
}

func run(cameoPath, ploverPath, outPath string, verbose bool, w io.Writer) error {
	data, d, f, err := build(cameoPath, ploverPath)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(outPath), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(outPath, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(w, "read %s: %d synonym sets, %d verb blocks, %d verbs, %d patterns, %d transformations (not converted)\n",
		d.File, f.Synsets, f.Blocks, f.Verbs, f.Patterns, d.Transform)
	total := 0
	for _, n := range f.PerPredicate {
		total += n
	}
	fmt.Fprintf(w, "wrote %s: %d entries (%d from bare verbs, %d from patterns, %d duplicates removed)\n",
		outPath, total, f.VerbEntries, f.PatternEntries, f.Duplicates)
	fmt.Fprintf(w, "patterns converted: %d for the verbs their comment names, %d for the whole block; %d after dropping a ^ placeholder\n",
		f.PatternsForCommentVerbs, f.PatternsForBlock, f.PlaceholdersDropped)
	printCounts(w, "entries per predicate", f.PerPredicate)
	printCounts(w, "of which without O (symmetric, \"X and Y held talks\")", f.NoObject)
	printCounts(w, "verbs dropped by code", f.DroppedVerbs)
	printCounts(w, "verbs skipped", f.SkippedVerbs)
	printCounts(w, "patterns dropped by code", f.DroppedPatterns)
	printCounts(w, "patterns skipped", f.SkippedPatterns)
	printCounts(w, "dictionary lines not read", d.Skipped)
	if verbose {
		for _, p := range d.Problems {
			fmt.Fprintln(w, "  ", p)
		}
	}
	return nil
}

// printCounts prints a counter, largest first, then by name.
func printCounts(w io.Writer, title string, c counter) {
	keys := make([]string, 0, len(c))
	total := 0
	for k, n := range c {
		keys = append(keys, k)
		total += n
	}
	sort.Slice(keys, func(i, j int) bool {
		if c[keys[i]] != c[keys[j]] {
			return c[keys[i]] > c[keys[j]]
		}
		return keys[i] < keys[j]
	})
	fmt.Fprintf(w, "%s: %d\n", title, total)
	for _, k := range keys {
		fmt.Fprintf(w, "  %6d  %s\n", c[k], k)
	}
}

package polgraph_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencyRule checks the import rule of the package doc with the go
// tool itself: graph, corpus and evaluate link no NLP, extract links no
// database, and the contract links nothing outside the standard library.
func TestDependencyRule(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go tool is not on PATH")
	}
	cases := []struct {
		pkgs      []string
		forbidden []string
	}{
		{[]string{"./graph", "./corpus", "./evaluate"}, []string{"github.com/jdkato/prose", "gonum.org/", "github.com/polgraph/polgraph/extract"}},
		{[]string{"./extract"}, []string{"github.com/neo4j/", "github.com/polgraph/polgraph/graph", "github.com/spf13/viper"}},
		{[]string{"./corpus", "./extract", "./graph", "./evaluate"}, []string{"github.com/spf13/viper", "github.com/polgraph/polgraph/cmd", "github.com/polgraph/polgraph/config"}},
		{[]string{"."}, []string{"."}}, // any non-standard package
	}
	for _, c := range cases {
		t.Run(strings.Join(c.pkgs, ","), func(t *testing.T) {
			args := append([]string{"list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}"}, c.pkgs...)
			out, err := exec.Command("go", args...).Output()
			if err != nil {
				t.Fatalf("go %s: %v", strings.Join(args, " "), err)
			}
			for _, dep := range strings.Fields(string(out)) {
				for _, bad := range c.forbidden {
					if bad == "." && dep != "github.com/polgraph/polgraph" || bad != "." && strings.HasPrefix(dep, bad) {
						t.Errorf("%v depends on %s", c.pkgs, dep)
					}
				}
			}
		})
	}
}

package evaluate

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"github.com/polgraph/polgraph"
)

// Articles is a gold or prediction file as score.py's load reads it: one
// decoded JSON object per article id, in the order each id first appears;
// a later line with the same id replaces the object but keeps the place.
type Articles struct {
	ids  []string
	byID map[string]map[string]any
}

// Len returns the number of distinct article ids.
func (a *Articles) Len() int { return len(a.ids) }

// IDs returns the article ids in file order.
func (a *Articles) IDs() []string { return append([]string(nil), a.ids...) }

// LoadGold reads gold annotations (JSON Lines, ../shared/spec/formats.md).
// Errors name the file and line as score.py does: "PATH:N: not JSON: ...",
// "PATH:N: no article id".
func LoadGold(path string) (*Articles, error) { return load(path) }

// LoadPredictions reads `polgraph extract` output: JSON Lines of
// polgraph.Result, each keyed by article.id, or by a top-level "id" when it
// has one. score.py reads predictions and gold with one loader, and so does
// this: LoadPredictions and LoadGold differ only in name.
func LoadPredictions(path string) (*Articles, error) { return load(path) }

func load(path string) (*Articles, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(f, path)
}

// Read reads JSON Lines from r like LoadGold; name is used in errors.
// Lines end at "\n", "\r\n" or "\r" (Python's universal newlines), and blank
// lines are skipped.
func Read(r io.Reader, name string) (*Articles, error) {
	arts := &Articles{byID: map[string]map[string]any{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<30)
	sc.Split(scanUniversalLines)
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		if !utf8.Valid(line) {
			return nil, fmt.Errorf("%s:%d: not UTF-8", name, n)
		}
		line = []byte(pyStrip(string(line)))
		if len(line) == 0 {
			continue
		}
		var obj any
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.UseNumber()
		err := dec.Decode(&obj)
		if err == nil && len(bytes.TrimLeft(line[dec.InputOffset():], " \t\r\n")) > 0 {
			err = fmt.Errorf("extra data at byte %d", dec.InputOffset())
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: not JSON: %w", name, n, err)
		}
		if err := arts.add(obj); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return arts, nil
}

// FromResults makes predictions from extraction results in memory, exactly
// as if they had been written as JSON Lines and read back.
func FromResults(rs []polgraph.Result) (*Articles, error) {
	arts := &Articles{byID: map[string]map[string]any{}}
	for i, r := range rs {
		b, err := json.Marshal(r)
		if err != nil {
			return nil, fmt.Errorf("result %d: %w", i, err)
		}
		var obj any
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		if err := dec.Decode(&obj); err != nil {
			return nil, fmt.Errorf("result %d: %w", i, err)
		}
		if err := arts.add(obj); err != nil {
			return nil, fmt.Errorf("result %d: %w", i, err)
		}
	}
	return arts, nil
}

// add files obj under str(obj.get("id") or (obj.get("article") or {}).get("id")).
func (a *Articles) add(v any) error {
	obj, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("'%s' object has no attribute 'get'", typeName(v))
	}
	aid := obj["id"]
	if !truthy(aid) {
		art := or(obj["article"], map[string]any{})
		m, ok := art.(map[string]any)
		if !ok {
			return fmt.Errorf("article: '%s' object has no attribute 'get'", typeName(art))
		}
		aid = m["id"]
	}
	if !truthy(aid) {
		return fmt.Errorf("no article id")
	}
	id := str(aid)
	if _, seen := a.byID[id]; !seen {
		a.ids = append(a.ids, id)
	}
	a.byID[id] = obj
	return nil
}

// scanUniversalLines is bufio.ScanLines for "\n", "\r\n" and "\r".
func scanUniversalLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
		switch {
		case data[i] == '\n':
			return i + 1, data[:i], nil
		case i+1 < len(data) && data[i+1] == '\n':
			return i + 2, data[:i], nil
		case i+1 < len(data) || atEOF:
			return i + 1, data[:i], nil
		}
		return 0, nil, nil // a "\r" at the end of the buffer: is "\n" next?
	}
	if atEOF {
		return len(data), data, nil
	}
	return 0, nil, nil
}

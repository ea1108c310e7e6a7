package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// A dictionary is what readDictionary keeps of a PETRARCH verb dictionary
// (CAMEO.2.0.txt): the synonym sets, the verb blocks with their verbs and
// patterns, and the licence's copyright line for the generated header.
type dictionary struct {
	File      string // base name, for "CAMEO.2.0.txt:1234"
	Copyright string // "Copyright (c) 2015 Open Event Data Alliance"
	Synsets   map[string][]string
	Blocks    []*block
	Skipped   counter  // verb lines and other lines that could not be read, by reason
	Problems  []string // "CAMEO.2.0.txt:12: reason" for each skipped line, for -v
	Transform int      // transformation lines (~ ...), which have no counterpart in our patterns
}

func (d *dictionary) skip(line int, reason string) {
	d.Skipped.add(reason)
	d.Problems = append(d.Problems, fmt.Sprintf("%s:%d: %s", d.File, line, reason))
}

// A block is one "--- NAME [code] ---" verb synonym block.
type block struct {
	Name     string
	Code     string // the block's default code, "---" when none
	Line     int
	Verbs    []*verb
	Patterns []*pattern
}

// A verb is one synonym line of a block: "LEVY {LEVYING LEVIED LEVIES }",
// "+ASK_FOR {+ASKED_FOR ...} [020]".
type verb struct {
	Key       string   // the primary form as written, without '+': "ASK_FOR"
	Lemma     string   // the inflected word, lower case: "ask"
	Particles []string // words after it: "for"
	Front     []string // words before it (WIRE_+TAP): our patterns cannot say these
	Forms     []string // the irregular forms given in {...}, lower case, of the inflected word
	Code      string   // its own code, else the block's
	Line      int
}

// A pattern is one "- ... * ... [code] # comment" line.
type pattern struct {
	Text    string // between '-' and '[': "* SANCTIONS AGAINST +"
	Code    string // as written: "163", "042:043", ":173", "---"
	Comment string // "RUSH", the verb the pattern was written for, and coder notes
	Line    int
}

// counter counts events by reason.
type counter map[string]int

func (c counter) add(reason string) { c[reason]++ }

// readDictionary reads a PETRARCH verb dictionary. Lines it cannot read are
// counted in Skipped, never fatal; an error is returned only for a file that
// has no verb block at all or cannot be read.
func readDictionary(r io.Reader, file string) (*dictionary, error) {
	d := &dictionary{File: file, Synsets: map[string][]string{}, Skipped: counter{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	inVerbs := false
	synset := ""
	var cur *block
	for sc.Scan() {
		n++
		raw := strings.TrimRight(sc.Text(), " \t\r")
		if strings.HasPrefix(raw, "#") {
			if d.Copyright == "" {
				if t := strings.TrimSpace(strings.TrimPrefix(raw, "#")); strings.HasPrefix(t, "Copyright") {
					d.Copyright = t
				}
			}
			if strings.HasPrefix(raw, "####### VERB PATTERNS") {
				inVerbs = true
			}
			continue
		}
		line, comment, _ := strings.Cut(raw, "#")
		// TABARI-style comments after ';' survive in a few lines: "SCRAP {...};shan 8/30/93".
		line, _, _ = strings.Cut(line, ";")
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if !inVerbs {
			switch {
			case strings.HasPrefix(line, "&"):
				synset = strings.Fields(line)[0]
			case strings.HasPrefix(line, "+") && synset != "":
				d.Synsets[synset] = append(d.Synsets[synset], synsetPhrase(line[1:]))
			default:
				d.skip(n, "line outside a synset before the verb patterns")
			}
			continue
		}
		switch {
		case strings.HasPrefix(line, "---"):
			b, err := parseBlockHeader(line)
			if err != nil {
				d.skip(n, "malformed block header")
				cur = nil
				continue
			}
			b.Line = n
			d.Blocks = append(d.Blocks, b)
			cur = b
		case strings.HasPrefix(line, "~"):
			d.Transform++
		case cur == nil:
			d.skip(n, "line outside a verb block")
		case strings.HasPrefix(line, "-"):
			p, err := parsePatternLine(line)
			if err != nil {
				d.skip(n, "malformed pattern line")
				continue
			}
			p.Comment = strings.TrimSpace(comment)
			p.Line = n
			cur.Patterns = append(cur.Patterns, p)
		default:
			v, err := parseVerbLine(line, cur.Code)
			if err != nil {
				d.skip(n, "malformed verb line")
				continue
			}
			v.Line = n
			cur.Verbs = append(cur.Verbs, v)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", file, n, err)
	}
	if len(d.Blocks) == 0 {
		return nil, fmt.Errorf("%s: no verb block (--- NAME [code] ---) after a \"####### VERB PATTERNS\" line", file)
	}
	return d, nil
}

// synsetPhrase turns a synset member into lower-case words: "PRIME_MINISTER"
// is "prime minister"; a final '_' (no plural) is dropped, as our matcher
// decides plurals itself.
func synsetPhrase(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "_", " "))), " ")
}

// parseBlockHeader reads "---  IMPOSE   [170]  ---"; it also accepts the
// file's "---  DELAY   [120]---  ---".
func parseBlockHeader(line string) (*block, error) {
	body := strings.TrimSpace(strings.TrimLeft(line, "-"))
	name, rest, _ := strings.Cut(body, "[")
	f := strings.Fields(name)
	if len(f) != 1 {
		return nil, fmt.Errorf("want one block name before [code]")
	}
	b := &block{Name: f[0], Code: "---"}
	if strings.Contains(body, "[") {
		code, after, ok := strings.Cut(rest, "]")
		if !ok || strings.Trim(after, "- ") != "" {
			return nil, fmt.Errorf("malformed [code]")
		}
		b.Code = strings.TrimSpace(code)
	}
	return b, nil
}

// bracketed returns the inside of "[...]".
func bracketed(s string) (string, bool) {
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return "", false
	}
	return strings.TrimSpace(s[1 : len(s)-1]), true
}

// parsePatternLine reads "- * SANCTIONS (ON) [163]" (the comment is already
// cut off).
func parsePatternLine(line string) (*pattern, error) {
	body := strings.TrimSpace(strings.TrimPrefix(line, "-"))
	i := strings.LastIndexByte(body, '[')
	j := strings.LastIndexByte(body, ']')
	if i < 0 || j < i {
		return nil, fmt.Errorf("no [code]")
	}
	if strings.TrimSpace(body[j+1:]) != "" {
		return nil, fmt.Errorf("text after the [code]")
	}
	return &pattern{Text: strings.TrimSpace(body[:i]), Code: strings.TrimSpace(body[i+1 : j])}, nil
}

// parseVerbLine reads a synonym line: PRIMARY [{FORMS ...}] [[code]].
func parseVerbLine(line, blockCode string) (*verb, error) {
	v := &verb{Code: blockCode}
	if i := strings.LastIndexByte(line, '['); i >= 0 {
		c, ok := bracketed(strings.TrimSpace(line[i:]))
		if !ok {
			return nil, fmt.Errorf("malformed [code]")
		}
		v.Code = c
		line = strings.TrimSpace(line[:i])
	}
	var forms []string
	if i := strings.IndexByte(line, '{'); i >= 0 {
		j := strings.IndexByte(line, '}')
		if j < i {
			return nil, fmt.Errorf("unclosed {")
		}
		forms = strings.Fields(strings.ReplaceAll(line[i+1:j], ",", " "))
		if strings.TrimSpace(line[j+1:]) != "" {
			return nil, fmt.Errorf("text after {...}")
		}
		line = strings.TrimSpace(line[:i])
	}
	f := strings.Fields(line)
	if len(f) != 1 {
		return nil, fmt.Errorf("want one primary form, have %d words", len(f))
	}
	v.Key = strings.ReplaceAll(f[0], "+", "")
	front, lemma, back, err := splitMultiWord(f[0])
	if err != nil {
		return nil, err
	}
	v.Lemma, v.Particles, v.Front = lemma, back, front
	seen := map[string]bool{lemma: true}
	for _, form := range forms {
		_, w, _, err := splitMultiWord(form)
		if err != nil || seen[w] {
			continue
		}
		seen[w] = true
		v.Forms = append(v.Forms, w)
	}
	return v, nil
}

// splitMultiWord splits "+CORDON_OFF" into ("", "cordon", ["off"]) and
// "WIRE_+TAP" into (["wire"], "tap", nil). A single word is its own verb.
func splitMultiWord(s string) (front []string, verbWord string, back []string, err error) {
	parts := strings.Split(strings.ToLower(s), "_")
	at := -1
	for i, p := range parts {
		if strings.HasPrefix(p, "+") {
			if at >= 0 {
				return nil, "", nil, fmt.Errorf("two '+' in %q", s)
			}
			at = i
		}
	}
	if at < 0 {
		if len(parts) > 1 {
			return nil, "", nil, fmt.Errorf("multi-word verb %q has no '+'", s)
		}
		at = 0
	}
	for i, p := range parts {
		p = strings.TrimPrefix(p, "+")
		switch {
		case p == "":
		case i < at:
			front = append(front, p)
		case i == at:
			verbWord = p
		default:
			back = append(back, p)
		}
	}
	if verbWord == "" {
		return nil, "", nil, fmt.Errorf("no verb in %q", s)
	}
	return front, verbWord, back, nil
}

package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// A rawEntry is one actor block of a Phoenix .actors.txt file as written:
// the name line, its "+" synonyms and every [CODE dates] group of the block.
type rawEntry struct {
	File       string   // base name of the source file
	Line       int      // line of the name
	Name       string   // as written, underscores and all
	Synonyms   []string // as written, without the leading '+'
	Codes      []string // contents of each [...] group, trimmed
	Comment    string   // comment of the name line
	SynComment []string // comment of each synonym line (parallel to Synonyms)
}

// countryInfo reports whether the block came from CountryInfo.txt, the
// Phoenix source of dated leader and minister entries.
func (e *rawEntry) countryInfo() bool { return strings.Contains(e.Comment, "CountryInfo") }

// parseActors reads one Phoenix actor dictionary. A line is a comment after
// '#', a synonym when it starts with '+', a code line when it starts with
// white space or '[', and otherwise a name (which may carry codes after
// it). Name lines that follow each other before any code, with no empty
// line between, are one block sharing the codes below them (TABARI's
// convention: MIKHAIL_GORBACHEV_ +... then EX-SOVIET_PRESIDENT_MIKHAIL_GORBACHEV,
// MIKHAIL_S._GORBACHEV, then [RUSGOV ...]): the first is the entry's name,
// the others its synonyms. Code groups without an entry are reported as
// errors naming file and line; reading goes on.
func parseActors(file string, r io.Reader) ([]rawEntry, []error, error) {
	var (
		out  []rawEntry
		errs []error
		cur  *rawEntry
	)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	n := 0
	blank := false // an empty line since the current entry's name
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		text, comment := line, ""
		if i := strings.IndexByte(line, '#'); i >= 0 {
			text, comment = line[:i], strings.TrimSpace(line[i+1:])
		}
		if strings.TrimSpace(text) == "" {
			if strings.TrimSpace(line) == "" {
				blank = true
			}
			continue
		}
		switch c := text[0]; {
		case c == '+':
			if cur == nil {
				errs = append(errs, fmt.Errorf("%s:%d: synonym before any entry", file, n))
				continue
			}
			name, codes := splitCodes(text[1:])
			if name != "" {
				cur.Synonyms = append(cur.Synonyms, name)
				cur.SynComment = append(cur.SynComment, comment)
			}
			cur.Codes = append(cur.Codes, codes...)
		case c == ' ' || c == '\t' || c == '[':
			if cur == nil {
				errs = append(errs, fmt.Errorf("%s:%d: code before any entry", file, n))
				continue
			}
			_, codes := splitCodes(text)
			cur.Codes = append(cur.Codes, codes...)
		default:
			name, codes := splitCodes(text)
			if cur != nil && len(cur.Codes) == 0 && !blank && name != "" {
				cur.Synonyms = append(cur.Synonyms, name)
				cur.SynComment = append(cur.SynComment, comment)
				cur.Codes = append(cur.Codes, codes...)
				continue
			}
			out = append(out, rawEntry{File: file, Line: n, Name: name, Codes: codes, Comment: comment})
			cur = &out[len(out)-1]
			blank = false
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("%s:%d: %w", file, n, err)
	}
	return out, errs, nil
}

// splitCodes separates "NAME_ [AFGGOV >011222] [AFGELI]" into the name and
// the contents of the bracket groups. An unclosed group is dropped.
func splitCodes(s string) (string, []string) {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		return strings.TrimSpace(s), nil
	}
	name := strings.TrimSpace(s[:i])
	var codes []string
	for rest := s[i:]; ; {
		open := strings.IndexByte(rest, '[')
		if open < 0 {
			break
		}
		end := strings.IndexByte(rest[open:], ']')
		if end < 0 {
			break
		}
		if c := strings.TrimSpace(rest[open+1 : open+end]); c != "" {
			codes = append(codes, c)
		}
		rest = rest[open+end+1:]
	}
	return name, codes
}

// An agent is one noun phrase of Phoenix.agents.txt with its code.
type agent struct {
	Phrase string // lower case, words separated by one space
	Sector string // sector code after '~' (GOV, OPP, ...); may be several chunks (GOVBUS)
	Prefix string // actor code before '~' (IGO), usually empty
	Line   int
}

// parseAgents reads Phoenix.agents.txt: "!NAME! = A, B" macro lines, then
// "PHRASE {PLURALS} [~SECTOR]" lines in which !NAME! expands to each
// alternative. Lines without a code are skipped and counted.
func parseAgents(file string, r io.Reader) ([]agent, int, error) {
	macros := map[string][]string{}
	var out []agent
	skipped := 0
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "!") && strings.Contains(line, "=") {
			eq := strings.IndexByte(line, '=')
			name := strings.TrimSpace(line[:eq])
			var alts []string
			for _, a := range strings.Split(line[eq+1:], ",") {
				if a = strings.TrimSpace(a); a != "" {
					alts = append(alts, a)
				}
			}
			macros[name] = alts
			continue
		}
		open, end := strings.IndexByte(line, '['), strings.LastIndexByte(line, ']')
		if open < 0 || end < open {
			skipped++
			continue
		}
		code := strings.TrimSpace(line[open+1 : end])
		tilde := strings.IndexByte(code, '~')
		if tilde < 0 {
			skipped++
			continue
		}
		prefix, sector := code[:tilde], code[tilde+1:]
		head := line[:open]
		var forms []string
		if b := strings.IndexByte(head, '{'); b >= 0 {
			if e := strings.IndexByte(head[b:], '}'); e >= 0 {
				for _, f := range strings.Fields(head[b+1 : b+e]) {
					forms = append(forms, f)
				}
			}
			head = head[:b]
		}
		forms = append([]string{strings.TrimSpace(head)}, forms...)
		for _, f := range forms {
			for _, ph := range expandMacros(f, macros) {
				ph = strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(ph, "_", " ")), " "))
				if ph == "" {
					continue
				}
				out = append(out, agent{Phrase: ph, Sector: sector, Prefix: prefix, Line: n})
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, 0, fmt.Errorf("%s:%d: %w", file, n, err)
	}
	return out, skipped, nil
}

// expandMacros replaces the first !NAME! in s by each of its alternatives
// (a space before the macro is kept: "DAIRY!PERSON!" gives "DAIRYMAN", as
// the Phoenix file intends), recursively. An unknown macro is left as is.
func expandMacros(s string, macros map[string][]string) []string {
	i := strings.IndexByte(s, '!')
	if i < 0 {
		return []string{s}
	}
	j := strings.IndexByte(s[i+1:], '!')
	if j < 0 {
		return []string{s}
	}
	name := s[i : i+j+2]
	alts, ok := macros[name]
	if !ok {
		return []string{s}
	}
	var out []string
	for _, a := range alts {
		out = append(out, expandMacros(s[:i]+a+s[i+j+2:], macros)...)
	}
	return out
}

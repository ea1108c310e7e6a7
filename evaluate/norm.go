package evaluate

import (
	"strings"
	"unicode"
)

// norm is score.py's name normalisation:
//
//	s = name.casefold().replace("\u2019", "'")
//	s = re.sub(r"'s\b", "", s)
//	s = re.sub(r"[^\w\s-]", "", s).replace("-", " ")
//	s = re.sub(r"\s+", " ", s).strip()
//	return re.sub(r"^the ", "", s)
//
// \w and \s are Python's Unicode classes (isWord, isSpace): marks are not
// word characters, so a combining accent is dropped like punctuation.
func norm(name string) string {
	rs := []rune(strings.ReplaceAll(casefold(name), "\u2019", "'"))

	// Drop "'s" where a word boundary follows it. Matches of "'s" never
	// overlap, and \b looks at the original string, so one scan does.
	kept := rs[:0:0]
	for i := 0; i < len(rs); i++ {
		if rs[i] == '\'' && i+1 < len(rs) && rs[i+1] == 's' && (i+2 == len(rs) || !isWord(rs[i+2])) {
			i++
			continue
		}
		kept = append(kept, rs[i])
	}

	// Keep word characters, whitespace and hyphens (as spaces); collapse
	// each run of whitespace to one space; trim.
	var b strings.Builder
	space := false
	for _, r := range kept {
		switch {
		case r == '-' || isSpace(r):
			space = true
		case isWord(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
	}
	return strings.TrimPrefix(b.String(), "the ")
}

// isWord reports whether Python's re matches r with \w in a str pattern:
// str.isalnum() or "_", that is the categories L and N, and the underscore.
func isWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// isSpace is Python's str.isspace() for one rune, which re's \s and
// str.strip() use: Go's unicode.IsSpace plus the separators U+001C..U+001F.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// pyStrip is Python's str.strip() without arguments.
func pyStrip(s string) string {
	return strings.TrimFunc(s, isSpace)
}

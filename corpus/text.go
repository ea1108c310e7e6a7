package corpus

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/polgraph/polgraph"
)

// maxTitle is the longest first line taken as a title without a blank line
// after it.
const maxTitle = 120

// readText reads a whole plain-text or Markdown input as one article. The
// text is kept byte for byte; the title is read from its first line.
func (r *reader) readText(file, id string, in io.Reader, markdown bool) bool {
	data, size, err := readCapped(in, r.max)
	if err != nil {
		return r.problem(file, 0, readReason(err))
	}
	if data == nil && size > r.max {
		return r.problem(file, 0, fmt.Sprintf("text over %s size limit (%d bytes)", formatSize(r.max), size))
	}
	text := string(data)
	a := polgraph.Article{ID: id, Title: textTitle(text, markdown), Text: text}
	return r.record(a, "", file, 0, false)
}

// textTitle returns the first non-blank line of text when it reads as a
// title: followed by a blank line, or short and not ending with a period.
// A text of one line has no title.
func textTitle(text string, markdown bool) string {
	text = strings.TrimPrefix(text, "\uFEFF")
	var first string
	for {
		line, rest, found := strings.Cut(text, "\n")
		if !found {
			return "" // one line, or none
		}
		text = rest
		if first = strings.TrimSpace(line); first != "" {
			break
		}
	}
	if strings.TrimSpace(text) == "" {
		return "" // nothing after it
	}
	next, _, _ := strings.Cut(text, "\n")
	short := utf8.RuneCountInString(first) <= maxTitle && !strings.HasSuffix(first, ".")
	if strings.TrimSpace(next) != "" && !short {
		return ""
	}
	if markdown {
		first = strings.TrimSpace(strings.TrimLeft(first, "#"))
	}
	return first
}

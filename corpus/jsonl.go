package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/polgraph/polgraph"
)

// jsonRecord is one article in JSON, with the field names found in the wild.
// Fields other than the text are raw so that a number or an object where a
// string was expected costs a warning, not the article.
type jsonRecord struct {
	ID               json.RawMessage `json:"id"`
	Title            json.RawMessage `json:"title"`
	Text             *string         `json:"text"`
	Content          *string         `json:"content"`
	Body             *string         `json:"body"`
	Published        json.RawMessage `json:"published"`
	Date             json.RawMessage `json:"date"`
	PublishDate      json.RawMessage `json:"publish_date"`
	PublishedAt      json.RawMessage `json:"published_at"`
	PublishedAtCamel json.RawMessage `json:"publishedAt"`
	URL              json.RawMessage `json:"url"`
	Link             json.RawMessage `json:"link"`
	Source           json.RawMessage `json:"source"`
	Publisher        json.RawMessage `json:"publisher"`
}

// readJSONL reads one article a line.
func (r *reader) readJSONL(file string, br *bufio.Reader) bool {
	lr := lineReader{br: br, max: r.opts.recordMax()}
	for {
		line, err := lr.next()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return r.problem(file, lr.n, readReason(err))
		}
		if lr.long {
			reason := fmt.Sprintf("line over %s size limit (%d bytes)", formatSize(lr.max), lr.size)
			if !r.problem(file, lr.n, reason) {
				return false
			}
			continue
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if !r.jsonArticle(file, lr.n, line) {
			return false
		}
	}
}

// readJSONArray reads a JSON array of articles, one element at a time.
func (r *reader) readJSONArray(file string, br *bufio.Reader) bool {
	lines := &lineCounter{in: br}
	lim := &aheadLimit{in: lines, max: r.opts.recordMax()}
	dec := json.NewDecoder(lim)
	lim.consumed = dec.InputOffset
	fail := func(err error) bool {
		line := lines.lineAt(dec.InputOffset())
		switch {
		case errors.Is(err, errTooLarge):
			return r.problem(file, line, fmt.Sprintf("record over %s size limit", formatSize(lim.max)))
		case isJSONError(err):
			return r.problem(file, line, "malformed JSON: "+jsonReason(err))
		}
		return r.problem(file, line, readReason(err))
	}
	if _, err := dec.Token(); err != nil { // the '[' seen by the sniffer
		return fail(err)
	}
	for dec.More() {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return fail(err)
		}
		line := lines.lineAt(dec.InputOffset() - int64(len(raw)))
		if !r.jsonArticle(file, line, raw) {
			return false
		}
	}
	if _, err := dec.Token(); err != nil {
		return fail(err)
	}
	return true
}

// jsonArticle decodes and yields the article of one JSON object.
func (r *reader) jsonArticle(file string, line int, data []byte) bool {
	// encoding/json repairs invalid UTF-8 silently, so look before it does.
	badUTF8 := !utf8.Valid(data)
	var rec jsonRecord
	if err := json.Unmarshal(data, &rec); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return r.problem(file, line, fmt.Sprintf("field %s is a JSON %s, not a string", te.Field, te.Value))
		}
		if errors.As(err, &te) {
			return r.problem(file, line, fmt.Sprintf("malformed record: a JSON %s, not an object", te.Value))
		}
		return r.problem(file, line, "malformed JSON: "+jsonReason(err))
	}
	var a polgraph.Article
	switch {
	case rec.Text != nil:
		a.Text = *rec.Text
	case rec.Content != nil:
		a.Text = *rec.Content
	case rec.Body != nil:
		a.Text = *rec.Body
	}
	var ignored []string
	field := func(name string, raws ...json.RawMessage) string {
		for _, raw := range raws {
			if s, ok := jsonString(raw); !ok {
				ignored = append(ignored, name)
			} else if s != "" {
				return s
			}
		}
		return ""
	}
	a.ID = field("id", rec.ID)
	a.Title = field("title", rec.Title)
	date := field("published", rec.Published, rec.Date, rec.PublishDate, rec.PublishedAt, rec.PublishedAtCamel)
	a.URL = field("url", rec.URL, rec.Link)
	a.Source = field("source", rec.Source, rec.Publisher)
	if len(ignored) > 0 {
		reason := fmt.Sprintf("field %s ignored: not a string or number", strings.Join(ignored, ", "))
		if !r.send(polgraph.Article{}, &RecordError{File: file, Line: line, Reason: reason}) {
			return false
		}
	}
	return r.record(a, date, file, line, badUTF8)
}

// jsonString reads a JSON string, number or null as a string, and an object
// by its "name" (as in {"source": {"id": "bbc", "name": "BBC News"}}).
func jsonString(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", true
	}
	switch c := raw[0]; {
	case c == '"':
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err == nil
	case c == '-' || c >= '0' && c <= '9':
		return string(raw), true
	case c == '{':
		var named struct {
			Name *string `json:"name"`
		}
		if json.Unmarshal(raw, &named) == nil && named.Name != nil {
			return *named.Name, true
		}
	}
	return "", false
}

func isJSONError(err error) bool {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	return errors.As(err, &se) || errors.As(err, &te) || errors.Is(err, io.ErrUnexpectedEOF)
}

// jsonReason is a JSON error in the style of our messages.
func jsonReason(err error) string {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "unexpected end of input"
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if msg == "unexpected end of JSON input" {
		return "unexpected end of input"
	}
	return msg
}

// A lineReader reads lines with a bounded buffer: a line longer than max is
// read through and reported, never held whole.
type lineReader struct {
	br   *bufio.Reader
	max  int64
	buf  []byte
	n    int   // number of the line last read
	long bool  // the line last read was over max and is not returned
	size int64 // length of the line last read, with its newline
}

// next returns the next line with its newline, or nil when it is too long
// (see long). The slice is valid until the next call. At the end of input
// it returns io.EOF.
func (lr *lineReader) next() ([]byte, error) {
	lr.buf, lr.long, lr.size = lr.buf[:0], false, 0
	if cap(lr.buf) > 1<<20 {
		lr.buf = nil // let one huge line's buffer go
	}
	var line []byte
	for {
		chunk, err := lr.br.ReadSlice('\n')
		lr.size += int64(len(chunk))
		switch {
		case lr.long:
		case lr.size > lr.max:
			lr.long, lr.buf, line = true, lr.buf[:0], nil
		case err == nil && len(lr.buf) == 0:
			line = chunk // the whole line is in the bufio buffer: no copy
		default:
			lr.buf = append(lr.buf, chunk...)
			line = lr.buf
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && lr.size == 0 {
			return nil, io.EOF
		}
		lr.n++
		if err != nil && err != io.EOF {
			return nil, err
		}
		return line, nil
	}
}

// A lineCounter tells the line of an offset in what has been read through
// it, for offsets asked in increasing order.
type lineCounter struct {
	in       io.Reader
	off      int64   // bytes read so far
	newlines []int64 // offsets of the newlines not yet passed by lineAt
	passed   int     // newlines before the last offset asked
}

func (c *lineCounter) Read(p []byte) (int, error) {
	n, err := c.in.Read(p)
	for i, b := range p[:n] {
		if b == '\n' {
			c.newlines = append(c.newlines, c.off+int64(i))
		}
	}
	c.off += int64(n)
	return n, err
}

// lineAt is the 1-based line holding the byte at off.
func (c *lineCounter) lineAt(off int64) int {
	i := 0
	for i < len(c.newlines) && c.newlines[i] < off {
		i++
	}
	c.passed += i
	c.newlines = append(c.newlines[:0], c.newlines[i:]...)
	return c.passed + 1
}

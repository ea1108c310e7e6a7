// Package corpus reads news articles from files and streams: JSON Lines, JSON
// arrays, CSV and TSV, plain text and Markdown, HTML, any of them gzipped, and
// folders of them. It does no language processing.
//
// Reading streams: memory is bounded by the size of one article, whatever the
// size of the input. Every problem with a record is reported as a
// *RecordError naming the file and line, and reading goes on.
package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/polgraph/polgraph"
)

const defaultMaxBytes = 5 << 20

// Options controls reading. The zero value means the defaults.
type Options struct {
	// CSV and TSV column overrides, matched against the header case-insensitively.
	// An empty field means the column is found by its common names.
	TextCol, IDCol, TitleCol, DateCol, URLCol, SourceCol string

	// MaxBytes is the largest article text kept; a longer one is skipped with
	// a *RecordError. 0 means 5 MB. A JSON line or CSV record may take up to
	// three times MaxBytes plus 64 KB (JSON escapes such as \u00e9 take six
	// bytes for one or two of text) before it is skipped unread.
	MaxBytes int64

	// BytesRead, when not nil, is increased by every byte read from the
	// inputs as reading goes: file and standard input bytes, compressed
	// ones for gzipped input, as Size counts them. It is for progress
	// displays, and safe to load from another goroutine.
	BytesRead *atomic.Int64
}

// A countingReader adds the bytes read through it to n.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n.Add(int64(k))
	return k, err
}

// counted is in, counting into opts.BytesRead when that is set.
func (o Options) counted(in io.Reader) io.Reader {
	if o.BytesRead == nil {
		return in
	}
	return &countingReader{in, o.BytesRead}
}

// Size is the number of bytes Read would read from the inputs: the sizes
// of the files, and of the files in the folders that Read would read. It
// reports false when an input is standard input, whose size is unknown.
func Size(inputs []string) (int64, bool) {
	var total int64
	for _, in := range inputs {
		if in == "-" {
			return 0, false
		}
		filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if path != in && isHidden(d) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() {
				total += info.Size()
			}
			return nil
		})
	}
	return total, true
}

// isHidden reports whether a folder entry is left out when reading a folder.
func isHidden(d fs.DirEntry) bool { return strings.HasPrefix(d.Name(), ".") }

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return defaultMaxBytes
	}
	return o.MaxBytes
}

// recordMax is how many bytes one JSON line or CSV record may take.
func (o Options) recordMax() int64 {
	return 3*o.maxBytes() + 64<<10
}

// A RecordError is a problem with one record, or with one input that could
// not be read. Reading goes on after it.
type RecordError struct {
	File    string // path as given ("-" for stdin); for a folder, the file's path
	Line    int    // 1-based line where the record starts; 0 when not applicable
	Reason  string // lower case, no trailing punctuation
	Skipped bool   // true when the record was dropped, false when it was repaired and kept
}

func (e *RecordError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Reason)
	}
	return e.File + ": " + e.Reason
}

// Read yields the articles of the inputs in order. An input is a file, a
// folder (read recursively in path order, hidden entries skipped) or "-" for
// stdin. The format is chosen by extension (.jsonl, .ndjson, .json, .csv,
// .tsv, .txt, .md, .html, .htm, each optionally followed by .gz); stdin and
// files with other extensions are sniffed.
//
// Errors are *RecordError values, and reading goes on after them, except
// that when ctx is cancelled Read yields ctx.Err() once and stops.
func Read(ctx context.Context, inputs []string, stdin io.Reader, opts Options) iter.Seq2[polgraph.Article, error] {
	return func(yield func(polgraph.Article, error) bool) {
		r := &reader{ctx: ctx, opts: opts, max: opts.maxBytes(), yield: yield}
		for _, in := range inputs {
			if !r.alive() || !r.input(in, stdin) {
				return
			}
		}
	}
}

// A reader is one run of Read: its options and the consumer's yield.
type reader struct {
	ctx     context.Context
	opts    Options
	max     int64
	yield   func(polgraph.Article, error) bool
	stopped bool
}

// alive reports whether reading should go on; on cancellation it yields
// ctx.Err() once.
func (r *reader) alive() bool {
	if r.stopped {
		return false
	}
	if err := r.ctx.Err(); err != nil {
		r.stopped = true
		r.yield(polgraph.Article{}, err)
		return false
	}
	return true
}

func (r *reader) send(a polgraph.Article, err error) bool {
	if !r.alive() {
		return false
	}
	if !r.yield(a, err) {
		r.stopped = true
		return false
	}
	return true
}

// problem reports a dropped record (or input) and whether to go on.
func (r *reader) problem(file string, line int, reason string) bool {
	return r.send(polgraph.Article{}, &RecordError{File: file, Line: line, Reason: reason, Skipped: true})
}

func (r *reader) input(in string, stdin io.Reader) bool {
	if in == "-" {
		if stdin == nil {
			return r.problem("-", 0, "no standard input given")
		}
		return r.stream("-", "", "", r.opts.counted(stdin), false)
	}
	fi, err := os.Stat(in)
	if err != nil {
		return r.problem(in, 0, osReason(err))
	}
	if fi.IsDir() {
		return r.walk(in)
	}
	return r.file(in, filepath.Base(in), false)
}

// walk reads the files under root in path order, skipping hidden ones.
func (r *reader) walk(root string) bool {
	if fi, err := os.Lstat(root); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		root += string(filepath.Separator) // walk the folder the link points to
	}
	ok := true
	stop := func(more bool) error {
		if !more {
			ok = false
			return filepath.SkipAll
		}
		return nil
	}
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if d != nil && path != root && isHidden(d) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if err != nil {
			return stop(r.problem(path, 0, osReason(err)))
		}
		if d.IsDir() {
			return stop(r.alive())
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			rel = path
		}
		id := filepath.ToSlash(rel)
		mode := d.Type()
		if mode&fs.ModeSymlink != 0 {
			fi, err := os.Stat(path)
			if err != nil {
				return stop(r.problem(path, 0, osReason(err)))
			}
			if fi.IsDir() {
				return stop(r.problem(path, 0, "symbolic link to a folder not followed"))
			}
			mode = fi.Mode().Type()
		}
		if !mode.IsRegular() {
			return stop(r.problem(path, 0, "not a regular file"))
		}
		return stop(r.file(path, id, true))
	})
	return ok
}

// file reads one file; id is the id its article gets if it holds one.
func (r *reader) file(path, id string, inFolder bool) bool {
	if !r.alive() {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return r.problem(path, 0, osReason(err))
	}
	defer f.Close()
	return r.stream(path, id, filepath.Base(path), r.opts.counted(f), inFolder)
}

// stream reads one input whose name (possibly empty) gives its format.
func (r *reader) stream(file, id, name string, in io.Reader, inFolder bool) bool {
	ext := strings.ToLower(filepath.Ext(name))
	gzipped := false
	if ext == ".gz" {
		zr, err := gzip.NewReader(in)
		if err != nil {
			return r.problem(file, 0, readReason(&gzipError{err}))
		}
		defer zr.Close()
		in, gzipped = gunzipReader{zr}, true
		name = name[:len(name)-len(".gz")]
		ext = strings.ToLower(filepath.Ext(name))
	}
	br := bufio.NewReaderSize(in, 64<<10)
	if bom, _ := br.Peek(len(utf8BOM)); bytes.Equal(bom, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	switch ext {
	case ".jsonl", ".ndjson":
		return r.readJSONL(file, br)
	case ".json":
		if c, _ := firstByte(br); c == '[' {
			return r.readJSONArray(file, br)
		}
		return r.readJSONL(file, br)
	case ".csv":
		return r.readCSV(file, br, ',')
	case ".tsv":
		return r.readCSV(file, br, '\t')
	case ".txt", ".md":
		if binary(br) {
			return r.problem(file, 0, "binary or unknown file type")
		}
		return r.readText(file, id, br, ext == ".md")
	case ".html", ".htm":
		return r.readHTML(file, id, br)
	}
	if inFolder {
		if ext == "" {
			return r.problem(file, 0, "unsupported file type (no extension)")
		}
		return r.problem(file, 0, "unsupported file type "+ext)
	}
	return r.sniff(file, id, br, gzipped)
}

// sniff reads an input whose name says nothing of its format: gzip by its
// magic number, then JSON Lines when it starts with "{", a JSON array when
// it starts with "[{", HTML when it starts with a doctype or <html>, and
// plain text otherwise.
func (r *reader) sniff(file, id string, br *bufio.Reader, gzipped bool) bool {
	if magic, _ := br.Peek(2); !gzipped && len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return r.problem(file, 0, readReason(&gzipError{err}))
		}
		defer zr.Close()
		return r.stream(file, id, "", gunzipReader{zr}, false)
	}
	if binary(br) {
		return r.problem(file, 0, "binary or unknown file type")
	}
	head, _ := br.Peek(br.Size())
	head = bytes.TrimLeft(head, " \t\r\n")
	switch {
	case bytes.HasPrefix(head, []byte("{")):
		return r.readJSONL(file, br)
	case bytes.HasPrefix(head, []byte("[")) && bytes.HasPrefix(bytes.TrimLeft(head[1:], " \t\r\n"), []byte("{")):
		return r.readJSONArray(file, br)
	case hasPrefixFold(head, "<!doctype html") || hasPrefixFold(head, "<html"):
		return r.readHTML(file, id, br)
	}
	return r.readText(file, id, br, false)
}

// record checks and completes an article read at file:line, then yields the
// warnings and the article, or the reason it was dropped. date is the raw
// date; badUTF8 says the source had invalid UTF-8 that was already repaired.
func (r *reader) record(a polgraph.Article, date, file string, line int, badUTF8 bool) bool {
	a.Text = strings.TrimPrefix(a.Text, "\uFEFF")
	for _, s := range []*string{&a.Text, &a.ID, &a.Title, &a.URL, &a.Source, &date} {
		if !utf8.ValidString(*s) {
			*s = strings.ToValidUTF8(*s, "\uFFFD")
			badUTF8 = true
		}
	}
	if n := int64(len(a.Text)); n > r.max {
		return r.problem(file, line, fmt.Sprintf("text over %s size limit (%d bytes)", formatSize(r.max), n))
	}
	if strings.TrimSpace(a.Text) == "" {
		return r.problem(file, line, "empty text")
	}
	if badUTF8 && !r.send(polgraph.Article{}, &RecordError{File: file, Line: line, Reason: "invalid UTF-8 repaired"}) {
		return false
	}
	if date = strings.TrimSpace(date); date != "" {
		if iso, ok := DateISO(date); ok {
			a.Published = iso
		} else if !r.send(polgraph.Article{}, &RecordError{File: file, Line: line, Reason: fmt.Sprintf("unparseable date %q", clip(date, 64))}) {
			return false
		}
	}
	a.ID = strings.TrimSpace(a.ID)
	if a.ID == "" {
		a.ID = hashID(a.Text)
	}
	a.Title = strings.TrimSpace(a.Title)
	a.URL = strings.TrimSpace(a.URL)
	a.Source = strings.TrimSpace(a.Source)
	return r.send(a, nil)
}

// hashID is the id of an article without one: stable across runs.
func hashID(text string) string {
	sum := sha1.Sum([]byte(text))
	return "sha1-" + hex.EncodeToString(sum[:8])
}

var utf8BOM = []byte("\xEF\xBB\xBF")

// firstByte returns the first byte that is not white space, looking no
// further than the buffer.
func firstByte(br *bufio.Reader) (byte, bool) {
	head, _ := br.Peek(br.Size())
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 {
		return 0, false
	}
	return head[0], true
}

// binary reports whether the first 8 KB hold a NUL byte.
func binary(br *bufio.Reader) bool {
	head, _ := br.Peek(8 << 10)
	return bytes.IndexByte(head, 0) >= 0
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && strings.EqualFold(string(b[:len(prefix)]), prefix)
}

// readCapped reads all of in when it holds at most max bytes; otherwise it
// reads on to count the size and returns no data.
func readCapped(in io.Reader, max int64) (data []byte, size int64, err error) {
	data, err = io.ReadAll(io.LimitReader(in, max+1))
	if err != nil || int64(len(data)) <= max {
		return data, int64(len(data)), err
	}
	n, err := io.Copy(io.Discard, in)
	return nil, int64(len(data)) + n, err
}

// A gzipError is a failure to decompress, as opposed to a failure to read.
type gzipError struct{ err error }

func (e *gzipError) Error() string {
	msg := strings.TrimPrefix(strings.TrimPrefix(e.err.Error(), "gzip: "), "flate: ")
	return "corrupt gzip stream: " + msg
}

func (e *gzipError) Unwrap() error { return e.err }

type gunzipReader struct{ zr *gzip.Reader }

func (g gunzipReader) Read(p []byte) (int, error) {
	n, err := g.zr.Read(p)
	var pe *fs.PathError
	if err != nil && err != io.EOF && !errors.As(err, &pe) {
		err = &gzipError{err}
	}
	return n, err
}

// errTooLarge stops a record that would outgrow the memory bound.
var errTooLarge = errors.New("record too large")

// An aheadLimit fails a read when more than max bytes have been read past
// the start of the record being parsed, as told by consumed.
type aheadLimit struct {
	in       io.Reader
	n        int64
	max      int64
	consumed func() int64
}

func (l *aheadLimit) Read(p []byte) (int, error) {
	if l.n-l.consumed() > l.max {
		return 0, errTooLarge
	}
	n, err := l.in.Read(p)
	l.n += int64(n)
	return n, err
}

// osReason is the brief reason an input could not be read.
func osReason(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "no such file or directory"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}

// readReason is the reason reading stopped part way through an input.
func readReason(err error) string {
	var ge *gzipError
	if errors.As(err, &ge) {
		return ge.Error()
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return osReason(err)
	}
	return "read: " + err.Error()
}

// formatSize writes a byte count as people write limits: "5 MB", "1.5 KB".
func formatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// clip shortens s to at most n bytes for an error message, on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "..."
}

package corpus

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/polgraph/polgraph"
)

// Common header names of each column, most specific first.
var (
	textNames   = []string{"text", "content", "body", "article", "story"}
	idNames     = []string{"id", "article_id", "doc_id"}
	titleNames  = []string{"title", "headline"}
	dateNames   = []string{"date", "published", "publish_date", "pubdate"}
	urlNames    = []string{"url", "link"}
	sourceNames = []string{"source", "publisher"}
)

// readCSV reads a CSV (or, with comma '\t', TSV) file with a header row.
func (r *reader) readCSV(file string, in io.Reader, comma rune) bool {
	var recEnd int64 // input offset where the record being read starts
	lim := &aheadLimit{in: in, max: r.opts.recordMax(), consumed: func() int64 { return recEnd }}
	cr := csv.NewReader(lim)
	cr.Comma = comma
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	header, err := cr.Read()
	if err == io.EOF {
		return r.problem(file, 0, "empty file: no header row")
	}
	if err != nil {
		return r.problem(file, 1, csvReason(err, lim.max))
	}
	header = append([]string(nil), header...)
	for i, h := range header {
		header[i] = strings.ToValidUTF8(strings.TrimSpace(h), "\uFFFD")
	}
	cols, missing := r.columns(header)
	if cols.text < 0 {
		if r.opts.TextCol != "" {
			return r.problem(file, 0, fmt.Sprintf("no text column %q (columns: %s)", r.opts.TextCol, listColumns(header)))
		}
		return r.problem(file, 0, fmt.Sprintf("no text column (columns: %s)", listColumns(header)))
	}
	for _, name := range missing {
		reason := fmt.Sprintf("no column %q (columns: %s)", name, listColumns(header))
		if !r.send(polgraph.Article{}, &RecordError{File: file, Reason: reason}) {
			return false
		}
	}

	line := 1
	for {
		recEnd = cr.InputOffset()
		rec, err := cr.Read()
		if err == io.EOF {
			return true
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) && pe.Err != errTooLarge {
			if !r.problem(file, pe.StartLine, "malformed row: "+pe.Err.Error()) {
				return false
			}
			continue
		}
		if err != nil {
			return r.problem(file, line+1, csvReason(err, lim.max))
		}
		line, _ = cr.FieldPos(0)
		field := func(i int) string {
			if i < 0 || i >= len(rec) {
				return ""
			}
			return rec[i]
		}
		a := polgraph.Article{
			ID:     field(cols.id),
			Title:  field(cols.title),
			Text:   field(cols.text),
			URL:    field(cols.url),
			Source: field(cols.source),
		}
		if !r.record(a, field(cols.date), file, line, false) {
			return false
		}
	}
}

// csvColumns holds the index of each column, -1 when absent.
type csvColumns struct{ text, id, title, date, url, source int }

// columns finds the columns in header; missing lists the overrides not found.
func (r *reader) columns(header []string) (cols csvColumns, missing []string) {
	find := func(override string, names []string) int {
		if override != "" {
			for i, h := range header {
				if strings.EqualFold(h, strings.TrimSpace(override)) {
					return i
				}
			}
			missing = append(missing, override)
			return -1
		}
		for _, name := range names {
			for i, h := range header {
				if strings.EqualFold(h, name) {
					return i
				}
			}
		}
		return -1
	}
	o := r.opts
	cols = csvColumns{
		text:   find(o.TextCol, textNames),
		id:     find(o.IDCol, idNames),
		title:  find(o.TitleCol, titleNames),
		date:   find(o.DateCol, dateNames),
		url:    find(o.URLCol, urlNames),
		source: find(o.SourceCol, sourceNames),
	}
	if o.TextCol != "" && cols.text < 0 {
		missing = missing[1:] // reported on its own, as the reason to skip the file
	}
	return cols, missing
}

// listColumns names the columns of a header for a message.
func listColumns(header []string) string {
	const most = 20
	names := header
	if len(names) > most {
		names = names[:most]
	}
	list := strings.Join(names, ", ")
	if len(header) > most {
		list += fmt.Sprintf(" and %d more", len(header)-most)
	}
	return clip(list, 400)
}

func csvReason(err error, max int64) string {
	if errors.Is(err, errTooLarge) {
		return fmt.Sprintf("record over %s size limit", formatSize(max))
	}
	return readReason(err)
}

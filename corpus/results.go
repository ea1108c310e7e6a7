package corpus

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"

	"github.com/polgraph/polgraph"
)

// ReadResults yields the extraction results of r, JSON Lines as
// `polgraph extract` writes them (one polgraph.Result a line), in order;
// name is the file name used in errors ("-" for standard input). Blank
// lines are skipped. A line that is not valid JSON, breaks the contract
// (Result.Validate) or is longer than three times opts.MaxBytes plus 1 MB
// is a *RecordError with file and line, and reading goes on. A failure to
// read r is any other error and ends the sequence, as does ctx's
// cancellation (yielding ctx.Err() once). Memory is bounded by the longest
// line allowed.
func ReadResults(ctx context.Context, r io.Reader, name string, opts Options) iter.Seq2[polgraph.Result, error] {
	return func(yield func(polgraph.Result, error) bool) {
		r = opts.counted(r)
		// A result holds the sentences of its relations besides the
		// article's fields, hence a larger margin than recordMax.
		lr := lineReader{br: bufio.NewReaderSize(r, 64<<10), max: 3*opts.maxBytes() + 1<<20}
		bad := func(reason string) bool {
			return yield(polgraph.Result{}, &RecordError{File: name, Line: lr.n, Reason: reason, Skipped: true})
		}
		for {
			if err := ctx.Err(); err != nil {
				yield(polgraph.Result{}, err)
				return
			}
			line, err := lr.next()
			if err == io.EOF {
				return
			}
			if err != nil {
				yield(polgraph.Result{}, fmt.Errorf("%s:%d: read: %w", name, lr.n, err))
				return
			}
			var res polgraph.Result
			switch {
			case lr.long:
				if !bad(fmt.Sprintf("line longer than %d bytes", lr.max)) {
					return
				}
			case len(bytes.TrimSpace(line)) == 0:
			default:
				if err := json.Unmarshal(line, &res); err != nil {
					if !bad("malformed JSON: " + err.Error()) {
						return
					}
				} else if err := res.Validate(); err != nil {
					if !bad("invalid record: " + err.Error()) {
						return
					}
				} else if !yield(res, nil) {
					return
				}
			}
		}
	}
}

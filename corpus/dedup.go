package corpus

import (
	"crypto/sha256"
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/polgraph/polgraph"
)

// Dedup passes seq through, dropping each article whose id, or whose text
// once lower-cased and with white space collapsed, was seen before; onDup
// (if not nil) is called for each dropped article with the id of the first.
// Errors pass through. Dedup keeps each id and a 16-byte digest of each text.
func Dedup(seq iter.Seq2[polgraph.Article, error], onDup func(a polgraph.Article, firstID string)) iter.Seq2[polgraph.Article, error] {
	return func(yield func(polgraph.Article, error) bool) {
		ids := make(map[string]struct{})
		texts := make(map[[16]byte]string) // digest -> id of the first
		for a, err := range seq {
			if err != nil {
				if !yield(a, err) {
					return
				}
				continue
			}
			firstID, dup := "", false
			if _, seen := ids[a.ID]; seen && a.ID != "" {
				firstID, dup = a.ID, true
			}
			digest := textDigest(a.Text)
			if !dup {
				firstID, dup = texts[digest]
			}
			if dup {
				if onDup != nil {
					onDup(a, firstID)
				}
				continue
			}
			// The id may be a slice of a whole CSV record or JSON line:
			// keep a copy of its own, not the record.
			id := strings.Clone(a.ID)
			ids[id] = struct{}{}
			texts[digest] = id
			if !yield(a, nil) {
				return
			}
		}
	}
}

// textDigest hashes text lower-cased, with each run of white space read as
// one space and none at either end.
func textDigest(text string) [16]byte {
	h := sha256.New()
	buf := make([]byte, 0, 4096)
	space, started := false, false
	for _, c := range text {
		if unicode.IsSpace(c) {
			space = true
			continue
		}
		if space && started {
			buf = append(buf, ' ')
		}
		space, started = false, true
		buf = utf8.AppendRune(buf, unicode.ToLower(c))
		if len(buf) >= cap(buf)-utf8.UTFMax-1 {
			h.Write(buf)
			buf = buf[:0]
		}
	}
	h.Write(buf)
	var d [16]byte
	copy(d[:], h.Sum(nil))
	return d
}

package corpus

import (
	"strings"
	"time"
)

// dateLayouts are the date forms DateISO reads. Forms where day and month
// could be swapped ("02/01/2006") are left out on purpose.
var dateLayouts = []string{
	"2006-01-02",
	time.RFC3339,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -0700 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006/01/02",
	"2006/01/02 15:04:05",
	"2006/01/02 15:04",
	"20060102",
	"January 2, 2006",
	"January 2 2006",
	"Jan 2, 2006",
	"Jan 2 2006",
	"2 January 2006",
	"2 Jan 2006",
	"Monday, January 2, 2006",
	"Monday, 2 January 2006",
	"Monday January 2, 2006",
	"Mon, Jan 2, 2006",
	"Mon, 2 Jan 2006",
	"January 2, 2006 15:04",
	"January 2, 2006 3:04 PM",
	"January 2, 2006 at 3:04 PM",
	"Jan 2, 2006 15:04",
	"Jan 2, 2006 3:04 PM",
	"2 January 2006 15:04",
	time.RFC1123,
	time.RFC1123Z,
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 -0700 (MST)",
	time.RFC850,
	time.RFC822,
	time.RFC822Z,
	time.ANSIC,
	time.UnixDate,
}

// DateISO reads a date written in one of the common unambiguous forms
// (RFC 3339, "2006-01-02", "2006/01/02", "20060102", "January 2, 2006",
// "2 Jan 2006", RFC 1123, ...) and returns it as YYYY-MM-DD. The day is the
// one written, in the date's own time zone. Forms where the day and month
// could be swapped, such as "02/01/2006", are not read.
func DateISO(s string) (string, bool) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || len(s) > 64 {
		return "", false
	}
	for _, layout := range dateLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if y := t.Year(); y < 1 || y > 9999 {
			return "", false
		}
		return t.Format("2006-01-02"), true
	}
	return "", false
}

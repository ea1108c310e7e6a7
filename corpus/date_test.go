package corpus

import "testing"

func TestDateISO(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"iso date", "2024-07-28", "2024-07-28", true},
		{"rfc3339", "2024-07-28T10:30:00Z", "2024-07-28", true},
		{"rfc3339 fraction", "2024-07-28T10:30:00.123+02:00", "2024-07-28", true},
		{"rfc3339 keeps own day", "2024-07-28T23:30:00-05:00", "2024-07-28", true},
		{"no zone", "2024-07-28T10:30:00", "2024-07-28", true},
		{"compact zone", "2024-07-28T10:30:00+0200", "2024-07-28", true},
		{"space time", "2024-07-28 10:30:00", "2024-07-28", true},
		{"slashes", "2024/07/28", "2024-07-28", true},
		{"compact", "20240728", "2024-07-28", true},
		{"long month", "July 28, 2024", "2024-07-28", true},
		{"short month", "Jul 8, 2024", "2024-07-08", true},
		{"day first", "28 July 2024", "2024-07-28", true},
		{"day first short", "8 Jul 2024", "2024-07-08", true},
		{"weekday", "Sunday, July 28, 2024", "2024-07-28", true},
		{"lower case", "sunday, july 28, 2024", "2024-07-28", true},
		{"extra spaces", "  July   28,  2024 ", "2024-07-28", true},
		{"rfc1123", "Sun, 28 Jul 2024 10:30:00 GMT", "2024-07-28", true},
		{"rfc1123z", "Sun, 28 Jul 2024 10:30:00 +0200", "2024-07-28", true},
		{"rss one-digit day", "Mon, 8 Jul 2024 10:30:00 +0000", "2024-07-08", true},
		{"with time", "July 28, 2024 3:04 PM", "2024-07-28", true},
		{"ambiguous", "02/01/2006", "", false},
		{"ambiguous dashes", "02-01-2006", "", false},
		{"year only", "2024", "", false},
		{"month only", "2024-07", "", false},
		{"no such day", "2024-02-30", "", false},
		{"words", "last Tuesday", "", false},
		{"empty", "", "", false},
		{"blank", "   ", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := DateISO(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("DateISO(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

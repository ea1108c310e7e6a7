package evaluate

// score.py works on whatever json.loads returns, so a faithful port works on
// decoded JSON values (nil, bool, json.Number, string, []any, map[string]any)
// with Python's rules for truth, equality, hashing, str() and float repr.

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// truthy is Python's bool(v).
func truthy(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case bool:
		return v
	case json.Number:
		n := number(v)
		return n.inf != 0 || n.rat.Sign() != 0
	case string:
		return v != ""
	case []any:
		return len(v) > 0
	case map[string]any:
		return len(v) > 0
	}
	return true
}

// or is Python's "v or alt".
func or(v, alt any) any {
	if truthy(v) {
		return v
	}
	return alt
}

// num is a JSON number as Python holds it: an int is exact, a float is the
// double nearest the literal (±inf when it overflows). Python compares them
// all by value, and 1 == 1.0 == True.
type num struct {
	inf int      // -1, +1 for ±inf, else 0
	rat *big.Rat // the exact value when inf == 0
}

func number(n json.Number) num {
	s := string(n)
	if !strings.ContainsAny(s, ".eE") {
		i, ok := new(big.Int).SetString(s, 10)
		if ok {
			return num{rat: new(big.Rat).SetInt(i)}
		}
	}
	f, _ := strconv.ParseFloat(s, 64) // ErrRange still yields ±Inf or 0
	if math.IsInf(f, 0) {
		if f > 0 {
			return num{inf: 1}
		}
		return num{inf: -1}
	}
	return num{rat: new(big.Rat).SetFloat64(f)}
}

func boolNum(b bool) num {
	if b {
		return num{rat: big.NewRat(1, 1)}
	}
	return num{rat: new(big.Rat)}
}

func (a num) cmp(b num) int {
	if a.inf != 0 || b.inf != 0 {
		switch {
		case a.inf < b.inf:
			return -1
		case a.inf > b.inf:
			return 1
		}
		return 0
	}
	return a.rat.Cmp(b.rat)
}

// asNum returns v as a Python number when it is one (bools are ints).
func asNum(v any) (num, bool) {
	switch v := v.(type) {
	case bool:
		return boolNum(v), true
	case json.Number:
		return number(v), true
	}
	return num{}, false
}

// hashKey returns a string equal for two values exactly when Python's ==
// holds between them, for the hashable ones (None, bool, numbers, str);
// lists and dicts are unhashable, as in Python.
func hashKey(v any) (string, error) {
	if v == nil {
		return "N", nil
	}
	if s, ok := v.(string); ok {
		return "s" + s, nil
	}
	if n, ok := asNum(v); ok {
		if n.inf != 0 {
			return fmt.Sprintf("i%d", n.inf), nil
		}
		return "n" + n.rat.RatString(), nil
	}
	return "", fmt.Errorf("unhashable type: %s", typeName(v))
}

// equal is Python's == between two decoded JSON values.
func equal(a, b any) bool {
	if na, ok := asNum(a); ok {
		nb, ok := asNum(b)
		return ok && na.cmp(nb) == 0
	}
	switch a := a.(type) {
	case nil:
		return b == nil
	case string:
		s, ok := b.(string)
		return ok && a == s
	case []any:
		l, ok := b.([]any)
		if !ok || len(a) != len(l) {
			return false
		}
		for i := range a {
			if !equal(a[i], l[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		m, ok := b.(map[string]any)
		if !ok || len(a) != len(m) {
			return false
		}
		for k, v := range a {
			w, ok := m[k]
			if !ok || !equal(v, w) {
				return false
			}
		}
		return true
	}
	return false
}

// greater is Python's a > b, which raises TypeError unless both are str or
// both numbers. (Lists compare too, but never reach here: ids are hashed
// first.)
func greater(a, b any) (bool, error) {
	if sa, ok := a.(string); ok {
		if sb, ok := b.(string); ok {
			return sa > sb, nil // UTF-8 byte order is code point order
		}
	}
	if na, ok := asNum(a); ok {
		if nb, ok := asNum(b); ok {
			return na.cmp(nb) > 0, nil
		}
	}
	return false, fmt.Errorf("'>' not supported between instances of '%s' and '%s'", typeName(a), typeName(b))
}

// iterate is Python's iteration over v: a list's items, a str's characters,
// a dict's keys (in an order that only sets may depend on).
func iterate(v any) ([]any, error) {
	switch v := v.(type) {
	case []any:
		return v, nil
	case string:
		var out []any
		for _, r := range v {
			out = append(out, string(r))
		}
		return out, nil
	case map[string]any:
		out := make([]any, 0, len(v))
		for k := range v {
			out = append(out, k)
		}
		return out, nil
	}
	return nil, fmt.Errorf("'%s' object is not iterable", typeName(v))
}

func typeName(v any) string {
	switch v := v.(type) {
	case nil:
		return "NoneType"
	case bool:
		return "bool"
	case json.Number:
		if strings.ContainsAny(string(v), ".eE") {
			return "float"
		}
		return "int"
	case string:
		return "str"
	case []any:
		return "list"
	case map[string]any:
		return "dict"
	}
	return fmt.Sprintf("%T", v)
}

// str is Python's str(v).
func str(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return repr(v)
}

// repr is Python's repr(v). Dict keys come out sorted, where Python keeps
// the file's order; only error messages show dicts.
func repr(v any) string {
	switch v := v.(type) {
	case nil:
		return "None"
	case bool:
		if v {
			return "True"
		}
		return "False"
	case json.Number:
		if !strings.ContainsAny(string(v), ".eE") {
			if i, ok := new(big.Int).SetString(string(v), 10); ok {
				return i.String()
			}
		}
		f, _ := strconv.ParseFloat(string(v), 64)
		return floatRepr(f)
	case string:
		return strRepr(v)
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = repr(x)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = strRepr(k) + ": " + repr(v[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(v)
}

// strRepr is Python's repr of a str.
func strRepr(s string) string {
	q := byte('\'')
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range s {
		switch {
		case r == rune(q) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case unicode.IsPrint(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r < 0x10000:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
	}
	b.WriteByte(q)
	return b.String()
}

// floatRepr is Python's repr(float): the shortest string that reads back
// as f, positional when the decimal exponent is in [-4, 16), with ".0" on
// whole numbers, and otherwise like 1e-05 or 1.5e+16.
func floatRepr(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // -d.ddde±XX
	sign := ""
	if e[0] == '-' {
		sign, e = "-", e[1:]
	}
	mant, exp, _ := strings.Cut(e, "e")
	digits := strings.Replace(mant, ".", "", 1)
	x, _ := strconv.Atoi(exp)
	if f == 0 {
		return sign + "0.0"
	}
	decpt := x + 1 // digits are 0.DIGITS × 10^decpt
	switch {
	case decpt > -4 && decpt <= 16:
		switch {
		case decpt <= 0:
			return sign + "0." + strings.Repeat("0", -decpt) + digits
		case decpt >= len(digits):
			return sign + digits + strings.Repeat("0", decpt-len(digits)) + ".0"
		default:
			return sign + digits[:decpt] + "." + digits[decpt:]
		}
	default:
		m := digits[:1]
		if len(digits) > 1 {
			m += "." + digits[1:]
		}
		es := "+"
		if x < 0 {
			es, x = "-", -x
		}
		return fmt.Sprintf("%s%se%s%02d", sign, m, es, x)
	}
}

// round4 is Python's round(x, 4): x's exact binary value rounded half to
// even at the fourth decimal, read back as the nearest double. strconv's
// fixed-precision formatting rounds the exact value the same way.
func round4(x float64) float64 {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return x
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 4, 64), 64)
	return r
}

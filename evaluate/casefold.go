package evaluate

// Case folding, as Python's str.casefold does it.

import "unicode"

// casefold returns s under Unicode full case folding (CaseFolding.txt
// statuses C and F), which is what Python's str.casefold computes. Go has
// no full folding, so it is built from the unicode tables plus the
// exceptions below; evaluate's tests compare it with Python over every
// code point when python3 is installed.
func casefold(s string) string {
	b := make([]rune, 0, len(s))
	for _, r := range s {
		if m, ok := foldMulti[r]; ok {
			b = append(b, []rune(m)...)
			continue
		}
		b = append(b, foldRune(r))
	}
	return string(b)
}

// foldRune is the simple (one-rune) folding of r.
func foldRune(r rune) rune {
	switch {
	case r == 0x131: // dotless i folds to itself; ToUpper would make it I
		return r
	case r >= 0x13A0 && r <= 0x13F5: // Cherokee folds to the capitals
		return r
	case r >= 0x13F8 && r <= 0x13FD:
		return r - 8
	case r >= 0xAB70 && r <= 0xABBF:
		return r - 0xAB70 + 0x13A0
	}
	// Lowering the capital also folds final sigma, the micro sign, long s
	// and the Greek symbol variants (ϐ, ϑ, ϕ, ...) to their letters.
	return unicode.ToLower(unicode.ToUpper(r))
}

// foldMulti holds the full foldings (status F) that map one rune to
// several; generated with Python 3.11 (Unicode 14):
//
//	[c for c in map(chr, range(0x110000)) if len(c.casefold()) > 1]
var foldMulti = map[rune]string{
	0x00DF: "\u0073\u0073",
	0x0130: "\u0069\u0307",
	0x0149: "\u02BC\u006E",
	0x01F0: "\u006A\u030C",
	0x0390: "\u03B9\u0308\u0301",
	0x03B0: "\u03C5\u0308\u0301",
	0x0587: "\u0565\u0582",
	0x1E96: "\u0068\u0331",
	0x1E97: "\u0074\u0308",
	0x1E98: "\u0077\u030A",
	0x1E99: "\u0079\u030A",
	0x1E9A: "\u0061\u02BE",
	0x1E9E: "\u0073\u0073",
	0x1F50: "\u03C5\u0313",
	0x1F52: "\u03C5\u0313\u0300",
	0x1F54: "\u03C5\u0313\u0301",
	0x1F56: "\u03C5\u0313\u0342",
	0x1F80: "\u1F00\u03B9",
	0x1F81: "\u1F01\u03B9",
	0x1F82: "\u1F02\u03B9",
	0x1F83: "\u1F03\u03B9",
	0x1F84: "\u1F04\u03B9",
	0x1F85: "\u1F05\u03B9",
	0x1F86: "\u1F06\u03B9",
	0x1F87: "\u1F07\u03B9",
	0x1F88: "\u1F00\u03B9",
	0x1F89: "\u1F01\u03B9",
	0x1F8A: "\u1F02\u03B9",
	0x1F8B: "\u1F03\u03B9",
	0x1F8C: "\u1F04\u03B9",
	0x1F8D: "\u1F05\u03B9",
	0x1F8E: "\u1F06\u03B9",
	0x1F8F: "\u1F07\u03B9",
	0x1F90: "\u1F20\u03B9",
	0x1F91: "\u1F21\u03B9",
	0x1F92: "\u1F22\u03B9",
	0x1F93: "\u1F23\u03B9",
	0x1F94: "\u1F24\u03B9",
	0x1F95: "\u1F25\u03B9",
	0x1F96: "\u1F26\u03B9",
	0x1F97: "\u1F27\u03B9",
	0x1F98: "\u1F20\u03B9",
	0x1F99: "\u1F21\u03B9",
	0x1F9A: "\u1F22\u03B9",
	0x1F9B: "\u1F23\u03B9",
	0x1F9C: "\u1F24\u03B9",
	0x1F9D: "\u1F25\u03B9",
	0x1F9E: "\u1F26\u03B9",
	0x1F9F: "\u1F27\u03B9",
	0x1FA0: "\u1F60\u03B9",
	0x1FA1: "\u1F61\u03B9",
	0x1FA2: "\u1F62\u03B9",
	0x1FA3: "\u1F63\u03B9",
	0x1FA4: "\u1F64\u03B9",
	0x1FA5: "\u1F65\u03B9",
	0x1FA6: "\u1F66\u03B9",
	0x1FA7: "\u1F67\u03B9",
	0x1FA8: "\u1F60\u03B9",
	0x1FA9: "\u1F61\u03B9",
	0x1FAA: "\u1F62\u03B9",
	0x1FAB: "\u1F63\u03B9",
	0x1FAC: "\u1F64\u03B9",
	0x1FAD: "\u1F65\u03B9",
	0x1FAE: "\u1F66\u03B9",
	0x1FAF: "\u1F67\u03B9",
	0x1FB2: "\u1F70\u03B9",
	0x1FB3: "\u03B1\u03B9",
	0x1FB4: "\u03AC\u03B9",
	0x1FB6: "\u03B1\u0342",
	0x1FB7: "\u03B1\u0342\u03B9",
	0x1FBC: "\u03B1\u03B9",
	0x1FC2: "\u1F74\u03B9",
	0x1FC3: "\u03B7\u03B9",
	0x1FC4: "\u03AE\u03B9",
	0x1FC6: "\u03B7\u0342",
	0x1FC7: "\u03B7\u0342\u03B9",
	0x1FCC: "\u03B7\u03B9",
	0x1FD2: "\u03B9\u0308\u0300",
	0x1FD3: "\u03B9\u0308\u0301",
	0x1FD6: "\u03B9\u0342",
	0x1FD7: "\u03B9\u0308\u0342",
	0x1FE2: "\u03C5\u0308\u0300",
	0x1FE3: "\u03C5\u0308\u0301",
	0x1FE4: "\u03C1\u0313",
	0x1FE6: "\u03C5\u0342",
	0x1FE7: "\u03C5\u0308\u0342",
	0x1FF2: "\u1F7C\u03B9",
	0x1FF3: "\u03C9\u03B9",
	0x1FF4: "\u03CE\u03B9",
	0x1FF6: "\u03C9\u0342",
	0x1FF7: "\u03C9\u0342\u03B9",
	0x1FFC: "\u03C9\u03B9",
	0xFB00: "\u0066\u0066",
	0xFB01: "\u0066\u0069",
	0xFB02: "\u0066\u006C",
	0xFB03: "\u0066\u0066\u0069",
	0xFB04: "\u0066\u0066\u006C",
	0xFB05: "\u0073\u0074",
	0xFB06: "\u0073\u0074",
	0xFB13: "\u0574\u0576",
	0xFB14: "\u0574\u0565",
	0xFB15: "\u0574\u056B",
	0xFB16: "\u057E\u0576",
	0xFB17: "\u0574\u056D",
}

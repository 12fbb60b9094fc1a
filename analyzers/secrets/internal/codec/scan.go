package codec

import "strings"

// scanEncodings appends to dst the matches that gitleaks finds with
// regexp.MustCompile(encodingsPattern).FindAllStringSubmatchIndex(data, -1),
// in order: leftmost-first, non-overlapping, and at a given start the first
// alternative that matches (percent, unicode, hex, base64), each with Perl's
// preference for its greedy parts. gitleaks' regular expression run costs
// about as much as all rules together; this scan is a few table lookups per
// byte. TestScanEncodingsMatchesRegexp and FuzzScanEncodings hold it to the
// expression.
func scanEncodings(data string, dst []encodingMatch) []encodingMatch {
	n := len(data)
	b64End, hexEnd := -1, -1 // end of the base64 / hex run holding p, once computed
	for p := 0; p < n; {
		c := data[p]
		switch c {
		case '%':
			if end := percentAt(data, p); end > 0 {
				dst = append(dst, encodingMatch{encodings[0], startEnd{p, end}})
				p = end
				continue
			}
		case 'U':
			if end := unicodeCodePointsAt(data, p); end > 0 {
				dst = append(dst, encodingMatch{encodings[1], startEnd{p, end}})
				p = end
				continue
			}
		case '\\':
			if end := unicodeEscapesAt(data, p); end > 0 {
				dst = append(dst, encodingMatch{encodings[1], startEnd{p, end}})
				p = end
				continue
			}
		}
		if !isBase64Byte[c] {
			p++
			continue
		}
		if p >= b64End {
			b64End = p + runLen(data[p:], &isBase64Byte)
		}
		if isHexByte[c] {
			if p >= hexEnd {
				hexEnd = p + runLen(data[p:], &isHexByte)
			}
			if hexEnd-p >= 32 {
				dst = append(dst, encodingMatch{encodings[2], startEnd{p, hexEnd}})
				p = hexEnd
				continue
			}
		}
		if b64End-p >= 16 {
			end := b64End
			for i := 0; i < 2 && end < n && data[end] == '='; i++ {
				end++
			}
			dst = append(dst, encodingMatch{encodings[3], startEnd{p, end}})
			p = end
			continue
		}
		// The rest of this short run can start no hex or base64 match, only
		// a unicode code point (U+ is made of base64 bytes).
		if i := strings.IndexByte(data[p+1:b64End], 'U'); i >= 0 {
			p += 1 + i
		} else {
			p = b64End
		}
	}
	return dst
}

var isBase64Byte, isHexByte, isSpace [256]bool

func init() {
	for c := 0; c < 256; c++ {
		b := byte(c)
		isHexByte[c] = '0' <= b && b <= '9' || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F'
		isBase64Byte[c] = '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' ||
			b == '_' || b == '/' || b == '+' || b == '-'
	}
	for _, c := range "\t\n\f\r " { // \s in Go's syntax
		isSpace[c] = true
	}
}

func runLen(s string, set *[256]bool) int {
	i := 0
	for i < len(s) && set[s[i]] {
		i++
	}
	return i
}

func hexAt(data string, p, count int) bool {
	if p+count > len(data) {
		return false
	}
	for i := p; i < p+count; i++ {
		if !isHexByte[data[i]] {
			return false
		}
	}
	return true
}

// percentAt matches %[0-9A-Fa-f]{2}(?:.*%[0-9A-Fa-f]{2})? at p: the greedy
// .* reaches the last %XX on the line. It returns the end, or 0.
func percentAt(data string, p int) int {
	if !hexAt(data, p+1, 2) {
		return 0
	}
	lineEnd := len(data)
	if i := strings.IndexByte(data[p+3:], '\n'); i >= 0 {
		lineEnd = p + 3 + i
	}
	for q := lineEnd - 3; q >= p+3; q-- {
		if data[q] == '%' && hexAt(data, q+1, 2) {
			return q + 3
		}
	}
	return p + 3
}

// unicodeCodePointsAt matches (?:U\+[a-fA-F0-9]{4}(?:\s|$))+ at p.
func unicodeCodePointsAt(data string, p int) int {
	end := 0
	for q := p; q+1 < len(data) && data[q] == 'U' && data[q+1] == '+' && hexAt(data, q+2, 4); {
		q += 6
		switch {
		case q == len(data): // $
			return q
		case isSpace[data[q]]:
			q++
			end = q
		default:
			return end
		}
	}
	return end
}

// unicodeEscapesAt matches (?i)(?:\\{1,2}u[a-fA-F0-9]{4})+ at p, each
// repetition preferring two backslashes.
func unicodeEscapesAt(data string, p int) int {
	end := 0
	for q := p; ; {
		switch {
		case q+2 < len(data) && data[q] == '\\' && data[q+1] == '\\' && isU(data[q+2]) && hexAt(data, q+3, 4):
			q += 7
		case q+1 < len(data) && data[q] == '\\' && isU(data[q+1]) && hexAt(data, q+2, 4):
			q += 6
		default:
			return end
		}
		end = q
	}
}

func isU(c byte) bool { return c == 'u' || c == 'U' }

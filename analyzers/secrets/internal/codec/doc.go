// Package codec is gitleaks v8.30.1's detect/codec (MIT licence, Copyright
// (c) 2019 Zachary Rice): it finds base64, hex, percent and unicode-escaped
// segments, decodes them in place and maps positions in decoded text back to
// the original. It is copied rather than imported for one change: gitleaks
// finds the segments with one regular expression over the whole text, which
// cost as much as all detection rules together; scanEncodings (scan.go)
// finds the same segments with a byte scan. Logging was removed. Keep the
// other files in step with gitleaks when it is upgraded.
package codec

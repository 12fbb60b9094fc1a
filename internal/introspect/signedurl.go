package introspect

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/nhilint/nhilint/internal/finding"
)

// maxPresignExpiry is the longest X-Amz-Expires / X-Goog-Expires a V4
// signature accepts (seven days).
const maxPresignExpiry = 7 * 24 * time.Hour

// amzDate is the SigV4 timestamp layout (X-Amz-Date, X-Goog-Date).
const amzDate = "20060102T150405Z"

// AWSPresignedURL reads an AWS presigned URL. SigV4: X-Amz-Credential
// (<key id>/<date>/<region>/<service>/aws4_request), X-Amz-Date and
// X-Amz-Expires give the expiry; an ASIA key id or an X-Amz-Security-Token
// means temporary STS credentials, an AKIA key id a long-term IAM user key.
// SigV2: AWSAccessKeyId and Expires (epoch seconds). The access key id itself
// is never copied, only its kind.
func AWSPresignedURL(s string) (*Facts, error) {
	if len(s) > MaxInputSize {
		return nil, errTooLarge
	}
	q, host := queryOf(strings.TrimSpace(s))
	f := &Facts{Kind: "aws-presigned-url"}
	f.setAttr("host", host)
	var keyID string
	switch {
	case get(q, "X-Amz-Credential") != "":
		f.setAttr("signature-version", "4")
		f.setAttr("algorithm", get(q, "X-Amz-Algorithm"))
		parts := strings.Split(get(q, "X-Amz-Credential"), "/")
		keyID = parts[0]
		if len(parts) == 5 {
			f.setAttr("region", parts[2])
			f.setAttr("service", parts[3])
		}
		if err := readV4Window(f, get(q, "X-Amz-Date"), get(q, "X-Amz-Expires")); err != nil {
			return nil, decodeError("aws-presigned-url", err.Error())
		}
	case get(q, "AWSAccessKeyId") != "":
		f.setAttr("signature-version", "2")
		keyID = get(q, "AWSAccessKeyId")
		if err := readEpochExpiry(f, get(q, "Expires")); err != nil {
			return nil, decodeError("aws-presigned-url", err.Error())
		}
	default:
		return nil, errNotApplicable
	}
	kind := awsKeyKind(keyID)
	f.setAttr("x-amz-credential-kind", kind)
	temporary := kind == "ASIA" || get(q, "X-Amz-Security-Token") != ""
	f.setAttr("temporary-credentials", strconv.FormatBool(temporary))
	f.classify()

	signer := "a long-term IAM user key (AKIA)"
	switch {
	case temporary:
		signer = "temporary STS credentials"
	case kind != "AKIA":
		signer = "an access key of unknown kind"
	}
	f.Reason = fmt.Sprintf("AWS presigned URL signed with %s %s.", signer, describeExpiry(f))
	return f.finish(), nil
}

// GCSSignedURL reads a Google Cloud Storage signed URL. V4:
// X-Goog-Credential (<service-account email or HMAC id>/<date>/<location>/
// storage/goog4_request), X-Goog-Date and X-Goog-Expires. V2: GoogleAccessId
// and Expires (epoch seconds). A service-account email is shown; an HMAC
// access id is not, only that one was used.
func GCSSignedURL(s string) (*Facts, error) {
	if len(s) > MaxInputSize {
		return nil, errTooLarge
	}
	q, host := queryOf(strings.TrimSpace(s))
	f := &Facts{Kind: "gcs-signed-url"}
	f.setAttr("host", host)
	var signer string
	switch {
	case get(q, "X-Goog-Credential") != "":
		f.setAttr("signature-version", "4")
		f.setAttr("algorithm", get(q, "X-Goog-Algorithm"))
		parts := strings.Split(get(q, "X-Goog-Credential"), "/")
		signer = parts[0]
		if len(parts) == 5 {
			f.setAttr("location", parts[2])
		}
		if err := readV4Window(f, get(q, "X-Goog-Date"), get(q, "X-Goog-Expires")); err != nil {
			return nil, decodeError("gcs-signed-url", err.Error())
		}
	case get(q, "GoogleAccessId") != "":
		f.setAttr("signature-version", "2")
		signer = get(q, "GoogleAccessId")
		if err := readEpochExpiry(f, get(q, "Expires")); err != nil {
			return nil, decodeError("gcs-signed-url", err.Error())
		}
	default:
		return nil, errNotApplicable
	}
	signedBy := "an HMAC key"
	if strings.Contains(signer, "@") {
		f.Subject = clean(signer, maxValueLen)
		f.setAttr("client-email", signer)
		f.setAttr("credential-kind", "service-account")
		signedBy = "service account " + f.Subject
	} else {
		f.setAttr("credential-kind", "hmac")
	}
	f.classify()
	f.Reason = fmt.Sprintf("GCS signed URL signed by %s %s.", signedBy, describeExpiry(f))
	return f.finish(), nil
}

// get reads a query parameter case-insensitively: some clients lower-case
// the X-Amz-* names, and S3 accepts them.
func get(q url.Values, key string) string {
	if v := q.Get(key); v != "" {
		return v
	}
	for k, v := range q {
		if strings.EqualFold(k, key) && len(v) > 0 {
			return v[0]
		}
	}
	return ""
}

// readV4Window sets IssuedAt and ExpiresAt from a V4 signing time and
// lifetime in seconds.
func readV4Window(f *Facts, date, expires string) error {
	if date == "" {
		return fmt.Errorf("no signing date")
	}
	t, err := time.Parse(amzDate, date)
	if err != nil {
		return fmt.Errorf("signing date is not YYYYMMDD'T'HHMMSS'Z'")
	}
	f.IssuedAt = t.UTC()
	if expires == "" {
		return nil
	}
	secs, err := strconv.ParseInt(expires, 10, 64)
	if err != nil || secs < 0 || secs > latestTime {
		return fmt.Errorf("expiry is not a number of seconds")
	}
	d := time.Duration(secs) * time.Second
	if d > maxPresignExpiry {
		// The service rejects it; say so rather than report a long life.
		f.setAttr("invalid-expiry", "longer than the 7-day maximum")
	}
	f.ExpiresAt = f.IssuedAt.Add(d)
	return nil
}

// readEpochExpiry sets ExpiresAt from a V2 Expires parameter.
func readEpochExpiry(f *Facts, expires string) error {
	if expires == "" {
		return nil
	}
	n, err := strconv.ParseInt(expires, 10, 64)
	if err != nil || n < 0 || n > latestTime {
		return fmt.Errorf("Expires is not epoch seconds")
	}
	f.ExpiresAt = time.Unix(n, 0).UTC()
	return nil
}

// awsKeyKind returns the four-character prefix that classifies an AWS
// access key id, or "" when it is not one.
func awsKeyKind(id string) string {
	if len(id) < 16 || len(id) > 128 {
		return ""
	}
	switch p := id[:4]; p {
	case "AKIA", "ASIA", "ABIA", "ACCA", "AIDA", "AROA", "AGPA", "ANPA", "ANVA", "APKA", "AIPA":
		return p
	}
	if strings.HasPrefix(id, "A3T") {
		return "A3T"
	}
	return ""
}

// AWSAccessKeyID classifies an AWS access key id by its prefix: AKIA is a
// long-term IAM user key that never expires, ASIA a temporary STS session
// key (whose expiry is not in the id). The id is not copied.
func AWSAccessKeyID(s string) (*Facts, error) {
	s = strings.TrimSpace(s)
	if len(s) != 20 {
		return nil, errNotApplicable
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return nil, errNotApplicable
		}
	}
	f := &Facts{Kind: "aws-key-id"}
	kind := awsKeyKind(s)
	f.setAttr("x-amz-credential-kind", kind)
	switch kind {
	case "AKIA":
		f.NeverExpires = true
		f.classify()
		f.Reason = "AWS long-term IAM user access key (AKIA) with no expiry."
	case "ASIA":
		f.Lifetime = finding.LifetimeShortLived
		f.Reason = "AWS temporary STS access key (ASIA); it dies with its session."
	case "":
		return nil, errNotApplicable
	default:
		f.Reason = fmt.Sprintf("AWS identifier with prefix %s.", kind)
	}
	return f.finish(), nil
}
